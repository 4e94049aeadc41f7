"""The type checker's settings follow the package's layers: strict on the whole ground floor.

``make lint`` (run first by ``make test``) runs mypy with the settings in pyproject.toml; this
checks those settings, so a module added to the ground floor in tests/test_layers.py is checked
strictly too, and the flags that make up "strict" are all there.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.test_layers import LAYERS, PACKAGE

ROOT = Path(__file__).resolve().parents[1]
#: What ``mypy --strict`` turns on per module (the global-only ones are set globally).
STRICT_FLAGS = {"disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls",
                "disallow_untyped_defs", "disallow_incomplete_defs", "check_untyped_defs",
                "disallow_untyped_decorators", "warn_return_any", "no_implicit_reexport",
                "strict_equality", "extra_checks"}


def _mypy() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def _strict_modules() -> set[str]:
    found: set[str] = set()
    for override in _mypy()["overrides"]:
        if STRICT_FLAGS <= {flag for flag, value in override.items() if value is True}:
            found |= set(override["module"])
    return found


def test_every_ground_floor_module_is_checked_strictly() -> None:
    strict = _strict_modules()
    _title, ground = LAYERS[0]
    for name in ground:
        assert name in strict, f"{name} is on the ground floor: add it to mypy's strict list"
        folder = PACKAGE.joinpath(*name.split(".")[1:])
        if name != "coachlab" and folder.is_dir():  # a package: everything inside it too
            assert f"{name}.*" in strict, f"add {name}.* to mypy's strict list"


def test_the_checker_runs_on_the_package_and_reports_stale_ignores() -> None:
    settings = _mypy()
    assert settings["files"] == ["coachlab"]
    assert settings["warn_unused_ignores"] is True
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/mypy" in lint and "$(BIN)/ruff check ." in lint
    assert "\ntest: lint" in makefile  # make test (and so CI) lints first
