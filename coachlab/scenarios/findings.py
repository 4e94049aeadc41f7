"""Findings: what the checker reports about a scenario file, in compiler style."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem in a scenario file, printed as ``path:line: severity: message``."""

    path: Path
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        return f"{where}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        """True for findings that make the check fail."""
        return self.severity == "error"


class ScenarioError(ValueError):
    """Raised when a scenario file cannot be loaded; carries the findings that explain why."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(str(finding) for finding in self.findings))
