"""A plain text progress bar for the course's commands (grading, xAPI sends)."""

from __future__ import annotations

from typing import TextIO


class TextBar:
    """``label [####......] done/total``, redrawn in place on a terminal and written once per
    tenth in a log. Subclasses add text after the count with :meth:`suffix`."""

    def __init__(self, total: int, label: str, stream: TextIO | None, width: int = 30) -> None:
        self.total, self.label, self.stream, self.width, self.done = total, label, stream, width, 0
        self._tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self._shown = -1

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more finished units and redraw."""
        self.done += count
        if self.stream is None or not self.total:
            return
        tenth = self.done * 10 // self.total
        if not self._tty and tenth == self._shown and self.done != self.total:
            return  # in a log, one line per tenth
        self._shown = tenth
        filled = self.width * self.done // self.total
        line = (f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{self.done}/{self.total}{self.suffix()}")
        self.stream.write(f"\r{line}" if self._tty else f"{line}\n")
        self.stream.flush()

    def suffix(self) -> str:
        """Text drawn after the count (none by default)."""
        return ""

    def close(self) -> None:
        """End the bar's line."""
        if self.stream is not None and self._tty and self.total:
            self.stream.write("\n")
            self.stream.flush()
