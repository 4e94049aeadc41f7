"""The course kernel: a real kernel started as a Jupyter server starts it for a learner's notebook.

Each test talks to a real ipykernel over jupyter_client with ``JPY_SESSION_NAME`` set, as
jupyter_server sets it, and reads the messages the browser would render.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.manager import start_new_kernel

from coachlab.session import kernel
from coachlab.session.kernel import (
    EXTENSION,
    install,
    names_assigned,
    read_plan,
    session_notebook,
    typo_message,
)

# The learner-kernel tests share one kernel, in file order: one xdist worker runs them all.
pytestmark = pytest.mark.xdist_group("course-kernel")

ROOT = Path(__file__).resolve().parents[2]
STDERR = "application/vnd.jupyter.stderr"
EXERCISE = ROOT / "exercises" / "00-welcome" / "00-welcome.ipynb"


class Kernel:
    """A started kernel and a way to run one cell, keeping what the frontend would receive."""

    def __init__(self, manager: Any, client: Any) -> None:
        self.manager, self.client = manager, client

    def run(self, code: str) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
        messages: list[tuple[str, dict[str, Any]]] = []

        def keep(message: dict[str, Any]) -> None:
            kind = message["msg_type"]
            if kind not in ("status", "execute_input") and not kind.startswith("comm"):
                messages.append((kind, message["content"]))

        reply = self.client.execute_interactive(code, output_hook=keep, timeout=60)
        return reply["content"], messages


def start_kernel(folder: Path, notebook: str | None) -> Kernel:
    env = dict(os.environ)
    env.pop("JPY_SESSION_NAME", None)
    if notebook is not None:
        env["JPY_SESSION_NAME"] = str(folder / notebook)
    manager, client = start_new_kernel(
        kernel_name="python3", cwd=str(folder), env=env,
        extra_arguments=[f"--IPKernelApp.extensions=['{EXTENSION}']"])
    return Kernel(manager, client)


@pytest.fixture(scope="module")
def learner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kernel]:
    """A kernel for a learner's copy of exercise 00, as JupyterLab starts it."""
    folder = tmp_path_factory.mktemp("exercise")
    shutil.copy2(EXERCISE, folder / EXERCISE.name)
    started = start_kernel(folder, EXERCISE.name)
    yield started
    started.manager.shutdown_kernel(now=True)


def texts(messages: list[tuple[str, dict[str, Any]]]) -> str:
    """Everything the frontend would show as text, joined."""
    parts = []
    for kind, content in messages:
        if kind == "stream":
            parts.append(content["text"])
        elif kind in ("display_data", "update_display_data", "execute_result"):
            data = content["data"]
            parts.append(data.get("text/plain") or data.get(STDERR, ""))
        elif kind == "error":
            parts.append("\n".join(content["traceback"]))
    return "\n".join(parts)


def test_a_widget_cell_run_first_works(learner: Kernel) -> None:
    """The self-assessment cell, run before anything else, shows its widget (no NameError)."""
    reply, messages = learner.run('self_assessment("00.selfassessment")')
    assert reply["status"] == "ok", reply
    shown = [c for k, c in messages if k == "execute_result"]
    assert shown and "application/vnd.jupyter.widget-view+json" in shown[0]["data"]


def test_running_an_answer_updates_its_check(learner: Kernel) -> None:
    """Running the answer cell shows its check; a later answer updates that same output."""
    reply, messages = learner.run('choice_1 = "A"\nchoice_2 = "B"\nchoice_3 = "C"\nchoice_4 = ""')
    assert reply["status"] == "ok"
    first = [(k, c) for k, c in messages if k in ("display_data", "update_display_data")]
    assert len(first) == 1, messages
    display_id = first[0][1]["transient"]["display_id"]
    assert "choice_4 is still empty" in first[0][1]["data"][STDERR]

    reply, messages = learner.run(  # the check cell itself, run by the learner
        'check_choices("ABCD", choice_1=choice_1, choice_2=choice_2, choice_3=choice_3, '
        'choice_4=choice_4)')
    assert [c["transient"]["display_id"] for k, c in messages if k == "display_data"] \
        == [display_id]

    reply, messages = learner.run('choice_1 = "A"\nchoice_2 = "B"\nchoice_3 = "C"\nchoice_4 = "D"')
    updates = [c for k, c in messages if k == "update_display_data"]
    assert [u["transient"]["display_id"] for u in updates] == [display_id]  # the check below
    assert updates[0]["data"]["text/plain"].startswith("✓ All 4 choices are made")
    shown = [c for k, c in messages if k == "display_data"]  # and under the answer itself
    assert [c["transient"]["display_id"] for c in shown] == [display_id]
    assert shown[0]["data"] == updates[0]["data"]


def test_a_deleted_answer_line_is_named(learner: Kernel) -> None:
    """A check that reads an answer with no value says which line to bring back."""
    learner.run('choice_1 = "A"\nchoice_2 = "B"\nchoice_3 = "C"\nchoice_4 = "D"')
    learner.run("del choice_3")
    _, messages = learner.run('choice_1 = "B"')
    assert "choice_3 has no answer yet" in texts(messages)
    assert "Traceback" not in texts(messages)
    learner.run('choice_3 = "C"')


@pytest.mark.parametrize(("cell", "expected"), [
    ('choice_2 = "B', "a quote is missing"),
    ("choice_2 = “B”", "curly quotes"),
    ("choice_2 = B", 'put it between quotes: "B"'),
])
def test_typos_read_as_plain_words(learner: Kernel, cell: str, expected: str) -> None:
    """A typo in an answer gets a "Not yet" message that says what to fix, never a traceback."""
    _, messages = learner.run(cell)
    shown = texts(messages)
    assert shown.startswith("Not yet"), shown
    assert expected in shown
    for word in ("Traceback", "SyntaxError", "File \"", "line 1, in"):
        assert word not in shown


def test_an_error_in_a_course_cell_is_friendly(learner: Kernel) -> None:
    """A failing course cell says the answers are safe and what to try; the details go to a log."""
    _, messages = learner.run('self_assessment("no-such-part")')
    shown = texts(messages)
    assert "Traceback" not in shown and "File \"" not in shown
    assert shown  # something is said


def test_a_kernel_outside_a_notebook_session_is_plain(tmp_path: Path) -> None:
    """Grading and validation kernels (no JPY_SESSION_NAME) are untouched: no set-up, no hooks."""
    plain = start_kernel(tmp_path, None)
    try:
        reply, messages = plain.run("choice_1 = A")
        assert reply["status"] == "error"
        assert any("NameError" in "\n".join(c["traceback"]) for k, c in messages if k == "error")
        reply, _ = plain.run("self_assessment")
        assert reply["status"] == "error"
    finally:
        plain.manager.shutdown_kernel(now=True)


# ------------------------------------------------------------------------------ pure parts

def test_read_plan_finds_setup_checks_and_course_cells() -> None:
    plan = read_plan(EXERCISE)
    assert len(plan.setup) == 1 and "import" in plan.setup[0]
    assert [c.cell_id for c in plan.checks] == ["check-a", "check-b"]
    assert {"choice_1", "choice_4"} <= plan.checks[1].reads
    assert plan.checks_reading({"choice_2"}) == [plan.checks[1]]
    assert plan.is_course_cell('self_assessment("00.selfassessment")')
    assert not plan.is_course_cell('choice_1 = ""\nchoice_2 = ""\nchoice_3 = ""\nchoice_4 = ""')


def test_every_course_notebook_has_a_readable_plan() -> None:
    """Every lesson and exercise that calls course tools has one set-up cell, and every check
    reads some answer name (so it can be re-run when that answer is)."""
    notebooks = sorted(ROOT.glob("course/*.ipynb")) + sorted(ROOT.glob("exercises/*/*.ipynb"))
    assert len(notebooks) >= 12
    for notebook in notebooks:
        plan = read_plan(notebook)
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        one_liners = all("import" in "".join(c["source"]) for c in cells
                         if c["cell_type"] == "code")
        assert len(plan.setup) == (0 if one_liners else 1), notebook
        for check in plan.checks:
            assert check.reads, (notebook, check.cell_id)


def test_a_malformed_notebook_leaves_a_plain_kernel(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError):
        read_plan(broken)
    (tmp_path / "list.ipynb").write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a notebook"):
        read_plan(tmp_path / "list.ipynb")


def test_names_assigned() -> None:
    assert names_assigned('a = "x"\nb: str = ""\nc += 1\nd, e = 1, 2') == {"a", "b", "c", "d", "e"}
    assert names_assigned("print(a)") == set()
    assert names_assigned('a = "') == set()


def test_session_notebook(tmp_path: Path) -> None:
    (tmp_path / "n.ipynb").write_text("{}", encoding="utf-8")
    assert session_notebook({"JPY_SESSION_NAME": str(tmp_path / "n.ipynb")}) == \
        (tmp_path / "n.ipynb").resolve()
    assert session_notebook({"JPY_SESSION_NAME": "course/n.ipynb"}, cwd=tmp_path) == \
        (tmp_path / "n.ipynb").resolve()
    assert session_notebook({}) is None
    assert session_notebook({"JPY_SESSION_NAME": "n.py"}, cwd=tmp_path) is None


def test_typo_message_names_the_line() -> None:
    try:
        compile('a = ""\nb = "x', "<cell>", "exec")
    except SyntaxError as error:
        message = typo_message('a = ""\nb = "x', error)
    assert "line 2" in message and 'b = "x' in message


def test_install_adds_the_extension_once_and_keeps_other_settings(tmp_path: Path) -> None:
    target = kernel.kernel_config_file(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps({"IPKernelApp": {"extensions": ["other"]}, "X": 1}))
    assert install(tmp_path) == target
    install(tmp_path)
    config = json.loads(target.read_text())
    assert config["IPKernelApp"]["extensions"] == ["other", EXTENSION] and config["X"] == 1


def test_install_sets_aside_an_invalid_config(tmp_path: Path) -> None:
    target = kernel.kernel_config_file(tmp_path)
    target.parent.mkdir(parents=True)
    target.write_text("{broken")
    install(tmp_path)
    assert target.with_name(target.name + ".invalid").read_text() == "{broken"
    assert json.loads(target.read_text())["IPKernelApp"]["extensions"] == [EXTENSION]


def test_opening_a_lesson_counts_its_module_as_opened(tmp_path: Path) -> None:
    """A lesson's kernel start records the lesson as opened (practice and progress read it)."""
    from coachlab.journals import opened_modules

    course = tmp_path / "course"
    course.mkdir()
    lesson = sorted((ROOT / "course").glob("01-*.ipynb"))[0]
    shutil.copy2(lesson, course / lesson.name)
    assert "01" not in opened_modules(course)
    started = start_kernel(course, lesson.name)
    try:
        reply, _ = started.run("1 + 1")
        assert reply["status"] == "ok"
    finally:
        started.manager.shutdown_kernel(now=True)
    assert "01" in opened_modules(course)
