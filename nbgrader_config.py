"""nbgrader configuration for the coachlab course.

Every nbgrader command run from this folder (and every `coachlab` command) reads this file.
Override the gradebook with the COACHLAB_DB_URL environment variable, e.g.
``postgresql://coach:secret@db.example.org/coachlab``.
"""

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    DeduplicateIds,
    GetGrades,
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveCells,
)

from coachlab.grading.feedback import HideInstructorContent
from coachlab.grading.release import BlankAnswers, RemoveInstructorCells
from coachlab.grading.rubrics import InsertRubrics

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.course_id = "coachlab"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Empty means nbgrader's default: sqlite:///<course root>/gradebook.db
c.CourseDirectory.db_url = os.environ.get("COACHLAB_DB_URL", "")
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "coachlab-answers.json.*"]

# A learner's cell that runs longer than this is stopped and reported; the rest still runs.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.ExecutePreprocessor.timeout = 60

# A deleted test cell is put back and graded, instead of "needs manual grading" forever.
c.OverwriteCells.add_missing_cells = True

# Release: answers are blanked in place (label_1 = ""), not replaced by a code stub;
# rubric cells are kept in the gradebook and removed from the learners' copies.
c.ClearSolutions.text_stub = "_Write your answer here._"
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    BlankAnswers,
    ClearOutput,
    CheckCellMetadata,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    RemoveInstructorCells,
    ComputeChecksums,
    CheckCellMetadata,
]

# Autograde: after test cells are restored from the gradebook, each reflection gets its
# rubric beside it, so the instructor sees it in formgrader.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    InsertRubrics,
    CheckCellMetadata,
]

# Feedback: hidden tests, tracebacks that quote them, and rubrics never reach learners.
c.GenerateFeedback.preprocessors = [GetGrades, HideInstructorContent, CSSHTMLHeaderPreprocessor]
