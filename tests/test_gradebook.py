"""The gradebook adapter on a real SQLite gradebook made by real nbgrader steps: generate,
autograde, a manual grade with a comment, feedback."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coachlab import gradebook
from coachlab.course import with_driver
from coachlab.grading.workspace import Workspace
from coachlab.progress.reading import feedback_score
from tests.helpers.gradebook import manual_grades
from tests.helpers.notebooks import points
from tests.helpers.submissions import submit_solution

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).resolve().parent.parent
MODULE = "00-welcome"
AUTO, MANUAL = points(ROOT / "solutions" / MODULE / f"{MODULE}.ipynb")
DUE = datetime(2026, 11, 20, 12, 0)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, course_root: Path) -> Workspace:
    """Module 00 graded for the solution ("author", on time, reflection then graded by hand with
    a comment) and the untouched release ("blank", late)."""
    ws = Workspace.from_course(tmp_path_factory.mktemp("course"), course_root)
    ws.add_learner("author", first="Ada", last="Author")
    ws.add_learner("blank")
    ws.add_learner("absent", first="Ab", last="Sent")
    release = ws.generate(MODULE)
    with ws.gradebook() as book:
        book.update_or_create_assignment(MODULE, duedate=DUE)
    submit_solution(ws, "author", MODULE, when=DUE - timedelta(hours=1))
    ws.submit("blank", MODULE, {p.name: p for p in release.glob("*.ipynb")},
              when=DUE + timedelta(days=1))
    for learner in ("author", "blank"):
        ws.autograde(MODULE, learner)
    ws.feedback(MODULE, "author")
    return ws


def _grade_reflection_by_hand(ws: Workspace, score: float, comment: str) -> str:
    """What formgrader does: a manual score and a comment on the author's reflection."""
    with ws.gradebook() as book:
        submission = book.find_submission(MODULE, "author")
        notebook = submission.notebooks[0]
        cell = next(g for g in notebook.grades if g.needs_manual_grade)
        cell.manual_score = score
        cell.needs_manual_grade = False
        remark = next(c for c in notebook.comments if c.name == cell.name)
        remark.manual_comment = comment
        book.db.commit()
        return cell.name


def test_scores_per_learner_and_exercise(graded: Workspace) -> None:
    scores = gradebook.read_scores(graded.db_url)
    assert scores.max_scores == {MODULE: AUTO + MANUAL}
    assert scores.duedates[MODULE] == DUE
    assert scores.learners["author"] == gradebook.Learner("author", "Ada", "Author")
    assert sorted(scores.learners) == ["absent", "author", "blank"]
    assert sorted(scores.results) == [("author", MODULE), ("blank", MODULE)]
    author, blank = scores.results["author", MODULE], scores.results["blank", MODULE]
    assert (author.score, author.max_score) == (AUTO, AUTO + MANUAL)
    # The reflection waits for the instructor, so only the autograded points are graded yet.
    assert author.needs_manual_grade and author.graded_max == AUTO
    assert author.timestamp is not None and author.timestamp < DUE
    assert blank.score == 0 and blank.timestamp > DUE
    assert scores.of("author") == {MODULE: author}
    assert scores.of("absent") == {}
    # The same numbers as nbgrader's own per-submission API.
    with graded.gradebook() as book:
        own = {row["student"]: row for row in book.submission_dicts(MODULE)}
    assert own["author"]["score"] == author.score
    assert own["author"]["max_score"] == author.max_score


def test_feedback_report_shows_the_gradebook_score(graded: Workspace) -> None:
    """A learner without the gradebook reads the score nbgrader printed on their feedback; it
    must be the gradebook's (this pins nbgrader's feedback template)."""
    folder = graded.root / "feedback" / "author" / MODULE
    result = gradebook.read_scores(graded.db_url).results["author", MODULE]
    assert feedback_score(folder) == (result.score, result.max_score)


def test_manual_grades_and_comments(graded: Workspace) -> None:
    before = {g.cell: g for g in manual_grades(graded.db_url, MODULE, "author")}
    waiting = [g for g in before.values() if g.needs_manual_grade]
    assert len(waiting) == 1 and waiting[0].max_score == MANUAL
    assert sum(g.auto_score or 0 for g in before.values()) == AUTO

    cell = _grade_reflection_by_hand(graded, 3, "Good questions; say what you will do next.")
    after = {g.cell: g for g in manual_grades(graded.db_url, MODULE, "author")}
    assert after[cell].manual_score == 3 and not after[cell].needs_manual_grade
    assert after[cell].comment == "Good questions; say what you will do next."
    author = gradebook.read_scores(graded.db_url).results["author", MODULE]
    assert author.score == AUTO + 3
    assert not author.needs_manual_grade and author.graded_max == AUTO + MANUAL


def test_missing_sqlite_gradebook_reads_empty_and_is_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert gradebook.read_scores(url) == gradebook.Scores()
    assert not (tmp_path / "gradebook.db").exists()


def test_plain_postgresql_urls_get_a_driver() -> None:
    from importlib.util import find_spec

    url = with_driver("postgresql://coach:secret@db/coachlab")
    expected = "postgresql" if find_spec("psycopg") else "postgresql+psycopg2"
    assert url == f"{expected}://coach:secret@db/coachlab"
    assert with_driver("sqlite:///x.db") == "sqlite:///x.db"
    assert with_driver("postgresql+psycopg2://a@b/c") == "postgresql+psycopg2://a@b/c"


def test_a_submission_not_yet_autograded_is_listed_with_no_points(graded: Workspace) -> None:
    with graded.gradebook() as book:
        book.add_student("late-starter")
        book.add_submission(MODULE, "late-starter")
    result = gradebook.read_scores(graded.db_url).results["late-starter", MODULE]
    assert result.score == 0


def test_a_postgresql_gradebook_without_its_driver_says_what_to_install(
        monkeypatch, tmp_path, capsys) -> None:
    import coachlab.course as course
    from coachlab.cli import main
    from coachlab.course import MissingDriverError

    real = course.find_spec
    monkeypatch.setattr(course, "find_spec",
                        lambda name, *a: None if name.startswith("psycopg") else real(name, *a))
    with pytest.raises(MissingDriverError, match=r"pip install -e '\.\[hub\]'"):
        with_driver("postgresql://coach:secret@db/coachlab")
    assert with_driver("sqlite:///x.db") == "sqlite:///x.db"  # a laptop needs no driver
    # the command says it in one line, without a traceback
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first_name,last_name,email\nana,Ana,Lee,ana@example.com\n")
    monkeypatch.setenv("COACHLAB_DB_URL", "postgresql://coach:secret@db/coachlab")
    monkeypatch.setenv("COACHLAB_ROOT", str(ROOT))
    assert main(["roster", "import", str(roster)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("coachlab: this gradebook is on PostgreSQL") and "Traceback" not in said
