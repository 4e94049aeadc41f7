"""Every option the course sets for nbgrader is one that nbgrader (or a class it configures)
really has: traitlets ignores an unknown option with only a warning, so a misspelt or removed
option (``LimitOutput.max_length`` in nbgrader 0.9.6) would silently do nothing."""

from __future__ import annotations

from pathlib import Path

from traitlets.config import Config, Configurable

from coachlab.course import load_config

ROOT = Path(__file__).resolve().parents[2]


def _configurables() -> dict[str, list[type]]:
    """Every Configurable class loaded once nbgrader's apps and the course's config are in."""
    import nbconvert.exporters  # noqa: F401 - register the exporters' classes
    import nbgrader.apps  # noqa: F401 - every nbgrader app, converter and preprocessor

    found: dict[str, list[type]] = {}
    pending = [Configurable]
    while pending:
        cls = pending.pop()
        found.setdefault(cls.__name__, []).append(cls)
        pending.extend(cls.__subclasses__())
    return found


def unknown_options(config: Config, where: str = "c") -> list[str]:
    """``c.Section.option`` names in ``config`` that no loaded class of that name has as a
    configurable trait (nested class sections, ``c.A.B.option``, checked the same way)."""
    classes = _configurables()
    unknown = []

    def check(section: str, values: Config, prefix: str) -> None:
        candidates = classes.get(section, [])
        if not candidates:
            unknown.append(f"{prefix}.{section} (no such class)")
            return
        for key, value in values.items():
            if isinstance(value, Config) and key[:1].isupper():
                check(key, value, f"{prefix}.{section}")
            elif not any(key in cls.class_traits(config=True) for cls in candidates):
                unknown.append(f"{prefix}.{section}.{key}")

    for section, values in config.items():
        if section[:1].isupper() and isinstance(values, Config):
            check(section, values, where)
    return unknown


def test_the_course_config_sets_only_real_options() -> None:
    assert unknown_options(load_config(ROOT)) == []


def test_self_grading_config_sets_only_real_options(tmp_path: Path) -> None:
    from coachlab.course import CONFIG_FILE
    from coachlab.selfgrade import _CONFIG

    (tmp_path / CONFIG_FILE).write_text(_CONFIG.format(course=str(ROOT)), encoding="utf-8")
    assert unknown_options(load_config(tmp_path)) == []


def test_an_unknown_option_is_caught(tmp_path: Path) -> None:
    (tmp_path / "nbgrader_config.py").write_text(
        (ROOT / "nbgrader_config.py").read_text()
        + "\nc.LimitOutput.max_length = 20000\nc.NoSuchStep.enabled = True\n"
        + "c.GenerateFeedback.HTMLExporter.no_such_option = 1\n")
    (tmp_path / "solutions").mkdir()
    assert sorted(unknown_options(load_config(tmp_path))) == [
        "c.GenerateFeedback.HTMLExporter.no_such_option", "c.LimitOutput.max_length",
        "c.NoSuchStep (no such class)"]
