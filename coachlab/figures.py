"""A matplotlib figure as PNG bytes: the one way charts leave the package (widgets, reports).

Figures are built on matplotlib's object API (``Figure``), never pyplot, so nothing depends on a
global state or an interactive backend.
"""

from __future__ import annotations

from typing import Any


def png(figure: Any, dpi: float | None = None, *, tight: bool = False) -> bytes:
    """``figure`` rendered as PNG bytes, at ``dpi`` (default: the figure's own)."""
    import io

    if tight:
        figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()
