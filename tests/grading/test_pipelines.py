"""Each nbgrader pipeline the course configures is nbgrader's default plus the course's named
changes, listed in one table. An nbgrader release that changes a default fails here, loudly,
instead of quietly dropping or doubling a step."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader import preprocessors as nbg
from nbgrader.converters import Autograde, GenerateAssignment, GenerateFeedback

from coachlab.course import load_config
from coachlab.grading.checklist import RubricChecklist, SelfGradedNote
from coachlab.grading.explain import ExplainItems
from coachlab.grading.feedback import HideInstructorContent
from coachlab.grading.intake import CheckSubmittedFiles
from coachlab.grading.metadata import CheckCellMetadataOnce
from coachlab.grading.outputs import CapOutputs, SafeOutputs
from coachlab.grading.rebuild import RebuildSubmission
from coachlab.grading.release import BlankAnswers, RemoveInstructorCells
from coachlab.grading.report import ShapeReport
from coachlab.grading.rubrics import InsertRubrics
from coachlab.grading.score import ScoreAnswers

ROOT = Path(__file__).resolve().parents[2]

# (pipeline, change, anchor, the course's step(s)), applied in order to nbgrader's default:
#   replace: the anchor is swapped for our subclass of it
#   instead of: the anchor is dropped and our step (not a kind of it) takes its place
#   replace every: like replace, wherever the anchor occurs
#   before / after: our steps go next to the anchor, which must occur exactly once
CHANGES = [
    ("GenerateAssignment.preprocessors", "replace", nbg.ClearSolutions, [BlankAnswers]),
    ("GenerateAssignment.preprocessors", "after", nbg.ClearMarkScheme, [RemoveInstructorCells]),
    # nbgrader's metadata check, each distinct cell metadata validated once per process.
    ("GenerateAssignment.preprocessors", "replace every", nbg.CheckCellMetadata,
     [CheckCellMetadataOnce]),
    ("Autograde.sanitize_preprocessors", "replace every", nbg.CheckCellMetadata,
     [CheckCellMetadataOnce]),
    ("Autograde.autograde_preprocessors", "replace every", nbg.CheckCellMetadata,
     [CheckCellMetadataOnce]),
    ("Autograde.sanitize_preprocessors", "before", nbg.ClearOutput,
     [CheckSubmittedFiles, RebuildSubmission]),
    ("Autograde.sanitize_preprocessors", "after", nbg.OverwriteCells, [InsertRubrics]),
    # The learner's notebook is never run: its answers are read and scored as data.
    ("Autograde.autograde_preprocessors", "instead of", nbg.Execute, [ScoreAnswers]),
    ("Autograde.autograde_preprocessors", "before", nbg.LimitOutput, [SafeOutputs]),
    ("Autograde.autograde_preprocessors", "after", nbg.LimitOutput, [CapOutputs]),
    ("GenerateFeedback.preprocessors", "after", nbg.GetGrades,
     [ExplainItems, HideInstructorContent]),
    ("GenerateFeedback.preprocessors", "after", HideInstructorContent, [ShapeReport]),
]
#: Self-grading's feedback adds two steps to the course's (coachlab/selfgrade.py).
SELF_GRADE_CHANGES = [
    ("GenerateFeedback.preprocessors", "before", HideInstructorContent,
     [RubricChecklist, SelfGradedNote]),
]
DEFAULTS = {
    "GenerateAssignment.preprocessors": GenerateAssignment,
    "Autograde.sanitize_preprocessors": Autograde,
    "Autograde.autograde_preprocessors": Autograde,
    "GenerateFeedback.preprocessors": GenerateFeedback,
}


def default(pipeline: str) -> list[type]:
    """nbgrader's own list for ``pipeline``, from the installed nbgrader."""
    cls, trait = DEFAULTS[pipeline], pipeline.split(".")[1]
    return list(cls.class_traits()[trait].default())


def apply(steps: list[type], pipeline: str, changes: list[tuple]) -> list[type]:
    """``steps`` with this pipeline's rows of ``changes`` applied, in table order."""
    steps = list(steps)
    for name, change, anchor, ours in changes:
        if name != pipeline:
            continue
        at = [i for i, step in enumerate(steps) if step is anchor]
        if change == "replace every":
            assert at and all(issubclass(step, anchor) for step in ours)
            for i in at:
                steps[i:i + 1] = ours
            continue
        assert len(at) == 1, f"{pipeline}: {anchor.__name__} occurs {len(at)} times"
        i = at[0]
        if change == "replace":
            assert all(issubclass(step, anchor) for step in ours), f"{ours} must subclass {anchor}"
            steps[i:i + 1] = ours
        elif change == "instead of":
            assert not any(issubclass(step, anchor) for step in ours), f"{ours} is a {anchor}"
            steps[i:i + 1] = ours
        elif change == "before":
            steps[i:i] = ours
        else:
            steps[i + 1:i + 1] = ours
    return steps


def configured(config, pipeline: str) -> list[type]:
    cls, trait = pipeline.split(".")
    return list(config[cls][trait])


@pytest.mark.parametrize("pipeline", sorted(DEFAULTS))
def test_the_course_pipeline_is_nbgraders_default_plus_the_table(pipeline: str) -> None:
    expected = apply(default(pipeline), pipeline, CHANGES)
    assert configured(load_config(ROOT), pipeline) == expected


def test_self_grading_feedback_adds_only_the_checklist_and_the_note(tmp_path: Path) -> None:
    from coachlab.course import CONFIG_FILE
    from coachlab.selfgrade import _CONFIG

    (tmp_path / CONFIG_FILE).write_text(_CONFIG.format(course=str(ROOT)), encoding="utf-8")
    pipeline = "GenerateFeedback.preprocessors"
    course = configured(load_config(ROOT), pipeline)
    assert configured(load_config(tmp_path), pipeline) == apply(course, pipeline,
                                                                SELF_GRADE_CHANGES)


def test_every_course_step_is_named_in_the_table() -> None:
    # A step added to nbgrader_config.py without a row here is caught by the tests above; this
    # one keeps the table honest the other way: no row for a step the course no longer uses.
    config = load_config(ROOT)
    used = {step for pipeline in DEFAULTS for step in configured(config, pipeline)}
    for _, _, _, ours in CHANGES:
        assert set(ours) <= used
