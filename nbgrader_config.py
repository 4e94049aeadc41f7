"""nbgrader configuration for the coachlab course.

Every nbgrader command run from this folder (and every `coachlab` command) reads this file.
Override the gradebook with the COACHLAB_DB_URL environment variable, e.g.
``postgresql://coach:secret@db.example.org/coachlab`` (the driver is named for SQLAlchemy the
same way for nbgrader's own commands as for coachlab's).
"""

import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
    SaveCells,
)

from coachlab.course import COURSE_ID, DB_ENV, with_driver
from coachlab.grading.answers import TEXT_STUB
from coachlab.grading.engines import stamp_in_process
from coachlab.grading.explain import ExplainItems
from coachlab.grading.feedback import (
    FEEDBACK_TEMPLATE,
    FORMGRADER_TEMPLATE,
    HideInstructorContent,
    feedback_template_dirs,
    formgrader_template_paths,
)
from coachlab.grading.intake import CheckSubmittedFiles, SafeCollect
from coachlab.grading.metadata import CheckCellMetadataOnce
from coachlab.grading.outputs import CapOutputs, SafeOutputs
from coachlab.grading.rebuild import RebuildSubmission
from coachlab.grading.release import BlankAnswers, RemoveInstructorCells
from coachlab.grading.report import ShapeReport
from coachlab.grading.rubrics import InsertRubrics
from coachlab.grading.score import ScoreAnswers
from coachlab.grading.templatecache import FeedbackExporter
from coachlab.responses import REFERENCE_FILENAME

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

# A new gradebook reads nbgrader's schema revision in-process, not through a second Python
# process (2-5 s each; coachlab/grading/engines.py).
stamp_in_process()

c.CourseDirectory.course_id = COURSE_ID
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Unset means nbgrader's default: sqlite:///<course root>/gradebook.db
if os.environ.get(DB_ENV):
    c.CourseDirectory.db_url = with_driver(os.environ[DB_ENV])
# explanations.yaml (per-item explanations) and reference-play.json (the solution's widget
# answers, read when the solution notebook runs in solutions/) are instructor material: never
# released, never copied into a learner's autograded folder; feedback reads explanations from the
# source folder.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "coachlab-answers.json.*", "explanations.yaml", REFERENCE_FILENAME]

# Grading never runs the learner's notebook: it reads the answers as data (ScoreAnswers below).
# The course's test code that scores them runs in a bubblewrap jail, on a scratch folder with the
# exercise's own data files and the learner's journal: read-only Python, no network, no
# environment, nothing left running (coachlab/grading/jail.py, docs/hardening.md).
# COACHLAB_SANDBOX=off turns the jail off, with a warning. Collect and autograde refuse a
# submission holding links, devices, FIFOs or too many bytes.
c.ExchangeFactory.collect = SafeCollect
c.CheckSubmittedFiles.submitted_directory = "submitted"

# Validate (the learner's own button, in their own notebook server) runs the notebook: a cell that
# runs longer than this is stopped there.
c.Execute.timeout = 30
c.ExecutePreprocessor.timeout = 30
# Long outputs are cut before they reach the gradebook and feedback: 200 lines (nbgrader's
# LimitOutput) and 20,000 characters a cell (CapOutputs, which shortens errors but never drops one).
c.LimitOutput.max_lines = 200
c.CapOutputs.max_chars = 20000

# Validate lists every quick check that still says "Not yet" (they report on stderr).
c.Validator.validate_all = True

# A deleted test cell is put back and graded, instead of "needs manual grading" forever.
c.OverwriteCells.add_missing_cells = True

# Each pipeline below is nbgrader's default plus named changes; tests/grading/test_pipelines.py
# lists them in one table and fails when nbgrader's defaults move.

# Release: answers are blanked in place (label_1 = ""), not replaced by a code stub;
# rubric cells are kept in the gradebook and removed from the learners' copies.
c.ClearSolutions.text_stub = TEXT_STUB
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    BlankAnswers,
    ClearOutput,
    CheckCellMetadataOnce,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    RemoveInstructorCells,
    ComputeChecksums,
    CheckCellMetadataOnce,
]

# Autograde starts from the learners' copy in exercises/ and carries over only the answers, so
# tampered cells and metadata cannot confuse nbgrader. After test cells are restored from the
# gradebook, each reflection gets its rubric beside it, so the instructor sees it in formgrader.
c.RebuildSubmission.release_directory = "exercises"
c.Autograde.sanitize_preprocessors = [
    CheckSubmittedFiles,
    RebuildSubmission,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    InsertRubrics,
    CheckCellMetadataOnce,
]
# The notebook is not executed: nbgrader's Execute is replaced by ScoreAnswers, which scores every
# test cell in a jailed process on the answers read as literals, with the course's own data files
# and the journal as submitted. If that check cannot run, the submission fails with the reason
# (no score). Every other code cell keeps no output. The grader's own outputs are then cleaned
# (SafeOutputs) and capped, and the notebook's and cells' metadata keep only what the release
# gave them (RebuildSubmission already took the release's).
c.ScoreAnswers.source_directory = c.CourseDirectory.source_directory
c.ScoreAnswers.submitted_directory = "submitted"
c.Autograde.autograde_preprocessors = [
    ScoreAnswers,
    IgnorePattern,
    ClearMetadataPreprocessor,
    SafeOutputs,
    LimitOutput,
    CapOutputs,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadataOnce,
]

# nbconvert's preprocessors start disabled: ClearMetadataPreprocessor must be switched on.
c.ClearMetadataPreprocessor.enabled = True
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {"kernelspec", "language_info"}
c.ClearMetadataPreprocessor.preserve_cell_metadata_mask = {
    "nbgrader", "jupyter", "coachlab", "deletable", "editable"}

# Every page made from a graded notebook (formgrader's submission view, which renders on the
# Jupyter server's origin with the instructor's session) sanitizes markdown and HTML outputs.
# nbgrader's formgrade template renders markdown cells raw whatever sanitize_html says, so
# formgrader's exporter (built from this config's HTMLExporter section) uses coachlab's page,
# which extends nbgrader's and cleans each markdown cell (the feedback sets its own template).
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.extra_template_paths = formgrader_template_paths()
c.HTMLExporter.template_file = f"{FORMGRADER_TEMPLATE}.html.j2"
c.HTMLExporter.filters = {"coachlab_clean": "coachlab.grading.outputs.clean_answer_html"}

# Feedback: each autograded item with the learner's answer, its verdict and its explanation
# (scored alone on the answers as typed and the journal as submitted); hidden tests, tracebacks
# that quote them, and rubrics never reach learners. The report then keeps what a manager reads:
# course prose, the learner's answers as text, each part's score under its title, one total
# (helper code, checks, prompts and stderr are left out: coachlab/grading/report.py).
c.ExplainItems.source_directory = c.CourseDirectory.source_directory
c.ExplainItems.submitted_directory = "submitted"
c.GenerateFeedback.preprocessors = [GetGrades, ExplainItems, HideInstructorContent,
                                    ShapeReport, CSSHTMLHeaderPreprocessor]
# The report's page is coachlab's own (coachlab/templates/coachlab-feedback): offline (no MathJax,
# no outside asset), says its language, meets WCAG 2.1 AA and underlines its links; headings
# carry no "¶" anchor links. Scoped to GenerateFeedback's exporter: formgrader renders
# submissions with its own template.
c.GenerateFeedback.HTMLExporter.exclude_anchor_links = True
c.GenerateFeedback.HTMLExporter.template_name = FEEDBACK_TEMPLATE
c.GenerateFeedback.HTMLExporter.template_file = f"{FEEDBACK_TEMPLATE}.html.j2"
c.GenerateFeedback.HTMLExporter.extra_template_basedirs = feedback_template_dirs()
# nbconvert's HTMLExporter (its settings above apply), with its templates compiled once per
# process and without a second parse of the finished page (coachlab/grading/templatecache.py).
c.GenerateFeedback.exporter_class = FeedbackExporter
