"""Loading scenarios for the course: one file, or the whole bank, refusing files with errors."""

from __future__ import annotations

from pathlib import Path

from .checks import check_paths, check_scenario
from .findings import ScenarioError
from .loader import parse_file
from .model import Scenario

DEFAULT_BANK = "course/scenarios"
"""Where the shipped scenarios live, relative to the repository root."""

_REPO_ROOT = Path(__file__).resolve().parents[2]


def load_scenario(path: Path | str, section: str | None = None) -> Scenario:
    """Load and check one scenario file (or the scenario under ``section`` in it).

    Raises ``ScenarioError``, whose findings say where (file and line) and what to fix, if it
    has any error finding; warnings do not stop loading.
    """
    path = Path(path)
    if section is None:
        errors = [finding for finding in check_paths([path]) if finding.is_error]
        parsed = parse_file(path) if not errors else None
    else:
        parsed = parse_file(path, section)
        errors = [finding for finding in [*parsed.findings, *check_scenario(parsed)]
                  if finding.is_error]
    if errors or parsed is None:
        raise ScenarioError(errors)
    assert parsed.scenario is not None  # no errors means the schema was valid
    return parsed.scenario


def load_bank(directory: Path | str = DEFAULT_BANK) -> list[Scenario]:
    """Load every ``*.yaml`` scenario in ``directory``, sorted by file name.

    A relative directory that does not exist from the current directory (a notebook runs from
    ``course/``) is looked up from the repository root. Raises ``ScenarioError`` listing every
    error finding if any file is broken or two files share an id; warnings do not stop loading.
    """
    directory = Path(directory)
    if not directory.is_absolute() and not directory.is_dir():
        directory = _REPO_ROOT / directory
    errors = [finding for finding in check_paths([directory]) if finding.is_error]
    if errors:
        raise ScenarioError(errors)
    scenarios = []
    for file in sorted(directory.glob("*.yaml")):
        scenario = parse_file(file).scenario
        assert scenario is not None
        scenarios.append(scenario)
    return scenarios


def find_scenario(scenario_id: str, directory: Path | str = DEFAULT_BANK) -> Scenario:
    """The scenario with ``scenario_id`` in the bank; ``KeyError`` if there is none."""
    for scenario in load_bank(directory):
        if scenario.id == scenario_id:
            return scenario
    raise KeyError(scenario_id)
