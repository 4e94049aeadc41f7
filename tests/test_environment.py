"""The set-up files agree with each other."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# conda-forge names that differ from PyPI's
CONDA_NAMES = {"pyyaml": "pyyaml"}
#: What conda-forge has, recorded (see the file's header): anything else comes through pip.
CONDA_FORGE = {line.strip() for line in (ROOT / "tests" / "data" / "conda-forge-names.txt")
               .read_text().splitlines() if line.strip() and not line.startswith("#")}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)", requirement)
    assert match, requirement
    name, rest = match.group(1).lower(), requirement[match.end(1):].split(";")[0]
    return name, rest.replace(" ", "")


def _conda_dependencies() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    return dict(_split(d) for d in env["dependencies"] if isinstance(d, str))


def test_environment_yml_matches_pyproject() -> None:
    """Every dependency conda-forge has is a conda dependency with pyproject's pins; the rest
    come through the pip section's editable install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in project["dependencies"])
    conda = _conda_dependencies()
    conda.pop("pip", None)
    python = conda.pop("python")
    assert python == project["requires-python"], "Python version differs"
    expected = {CONDA_NAMES.get(k, k): v for k, v in wanted.items()
                if CONDA_NAMES.get(k, k) in CONDA_FORGE}
    assert conda == expected


def test_environment_yml_names_only_what_conda_forge_has() -> None:
    missing = sorted(set(_conda_dependencies()) - CONDA_FORGE)
    assert not missing, f"not on conda-forge (move them to the pip section): {missing}"


def test_the_postgresql_driver_is_in_the_hub_extra_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not [r for r in project["dependencies"] if "psycopg" in r]
    assert [r for r in project["optional-dependencies"]["hub"] if r.startswith("psycopg2")]


def test_environment_yml_installs_the_test_extra() -> None:
    """The test tools (pytest, playwright, axe-playwright-python) reach conda users through the
    pip section's editable install with the ``test`` extra."""
    optional = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    assert "axe-playwright-python" in {_split(r)[0] for r in optional["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e .[test]" in pip


def test_ci_calls_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme
    assert "make test" in ci
    assert "make start" in readme


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_package_the_code_imports_is_declared() -> None:
    """A third-party module imported anywhere in coachlab/ comes from a declared dependency, so
    the course never works only because another package happened to bring it along."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_normalised(_split(r)[0]) for r in project["dependencies"]}
    declared |= {_normalised(_split(r)[0]) for r in project["optional-dependencies"]["hub"]}
    imported: set[str] = set()
    for path in (ROOT / "coachlab").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"coachlab", "__future__"}
    owners = packages_distributions()
    undeclared = {module: owners.get(module) for module in sorted(third_party)
                  if not {_normalised(d) for d in owners.get(module, [])} & declared}
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_importing_nbformat_builds_no_iri_parsers() -> None:
    """rfc3987-syntax (jsonschema>=4.25's format-nongpl extra) builds about 35 Earley parsers
    when imported, 2-3 s in every process that imports nbformat; pyproject.toml pins jsonschema
    below it. Importing what every course process imports must not load it."""
    import subprocess

    code = ("import sys, nbformat, jupyter_events.validators, nbgrader.api; "
            "print('rfc3987_syntax' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False", "rfc3987_syntax is imported: check the jsonschema pin"
