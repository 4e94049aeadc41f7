"""Drive JupyterLab the way a learner does: open a notebook, run it, click widgets, save.

Everything here goes through the page (menus, buttons, keyboard); nothing reaches into
JupyterLab's JavaScript objects, so a test fails when a learner would be stuck.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import quote

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.server import Lab

#: Generous budgets for a loaded 2-core machine; the happy path takes a fraction of them.
OPEN_TIMEOUT_MS = 60_000
KERNEL_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 90_000
WIDGET_TIMEOUT_MS = 30_000
#: The autosave runs every 5 s, or every 10 times the last save's duration if that is longer.
SAVE_TIMEOUT_MS = 60_000

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


class Notebook:
    """One notebook open in its own page of JupyterLab."""

    def __init__(self, page: Page, lab: Lab, path: str) -> None:
        self.page = page
        self.lab = lab
        self.path = path

    # ------------------------------------------------------------------ opening and running

    @classmethod
    def open(cls, page: Page, lab: Lab, path: str) -> Notebook:
        """Open ``path`` (relative to the served folder) by URL and wait for an idle kernel."""
        notebook = cls(page, lab, path)
        # ?reset: a fresh workspace, so no notebook of an earlier test reopens (and starts a
        # kernel, or asks for one) beside this one
        page.goto(f"{lab.base_url}/lab/tree/{quote(path)}?reset&token={lab.token}",
                  wait_until="domcontentloaded", timeout=OPEN_TIMEOUT_MS)
        page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=OPEN_TIMEOUT_MS)
        notebook.wait_for_kernel_idle()
        return notebook

    @property
    def panel(self) -> Locator:
        """The notebook's panel (toolbar and cells)."""
        return self.page.locator(PANEL)

    def accept_kernel_dialog(self) -> bool:
        """If JupyterLab asks which kernel to start, pick Python 3. Returns True if it asked."""
        dialog = self.page.locator(".jp-Dialog")
        if not dialog.count():
            return False
        select = dialog.locator("select")
        if select.count():
            options = select.first.locator("option").all_inner_texts()
            python = next((o for o in options if o.strip().startswith("Python 3")), None)
            if python:
                select.first.select_option(label=python)
        dialog.locator("button.jp-mod-accept").first.click()
        return True

    def wait_for_kernel_idle(self, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
        """Wait until the notebook's Python 3 kernel is connected and idle.

        Both the toolbar's execution indicator and the status bar ("Python 3 (ipykernel) |
        Idle") must agree: the indicator alone reads idle before the kernel has connected.
        A kernel dialog, if JupyterLab shows one, is answered with Python 3.
        """
        indicator = self.panel.locator(".jp-Notebook-ExecutionIndicator")
        status_bar = self.page.locator("#jp-main-statusbar")
        deadline = time.monotonic() + timeout_ms / 1000
        state, bar = None, ""
        while time.monotonic() < deadline:
            self.accept_kernel_dialog()
            try:
                state = indicator.get_attribute("data-status", timeout=1000)
                bar = " ".join((status_bar.text_content(timeout=1000) or "").split())
            except PlaywrightTimeout:
                state, bar = None, ""
            if state == "idle" and re.search(r"Python 3[^|]*\|\s*Idle", bar):
                return
            self.page.wait_for_timeout(200)
        raise AssertionError(f"the kernel of {self.path} did not become idle in "
                             f"{timeout_ms // 1000} s (indicator {state!r}, status bar {bar!r})")

    def menu(self, menu: str, item: str) -> None:
        """Click ``menu`` in the menu bar, then its item labelled exactly ``item``."""
        self.page.keyboard.press("Escape")  # close any open menu or completer first
        self.page.locator(".lm-MenuBar-item", has_text=re.compile(f"^{re.escape(menu)}$")).click()
        entry = self.page.locator(
            ".lm-Menu-item:not(.lm-mod-disabled)",
            has=self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(
                f"^{re.escape(item)}$")),
        ).first
        entry.wait_for(state="visible", timeout=WIDGET_TIMEOUT_MS)
        entry.click()

    def run_all(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Run › Run All Cells, then wait until no cell is queued or running."""
        self.menu("Run", "Run All Cells")
        self.wait_until_run(timeout_ms)

    def run_cell(self, cell: Locator, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Select ``cell`` and run it with Shift+Enter, as a learner does."""
        prompt = cell.locator(".jp-InputArea-prompt").first
        prompt.scroll_into_view_if_needed()
        prompt.click()  # selects the cell in command mode: Shift+Enter runs it, never types
        self.page.wait_for_function("(el) => el.classList.contains('jp-mod-selected')",
                                    arg=cell.element_handle(), timeout=WIDGET_TIMEOUT_MS)
        self.page.keyboard.press("Shift+Enter")
        self.wait_until_run(timeout_ms)

    def wait_until_run(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Wait until some cell has run ([1]), none is queued or running ([*]), and the kernel
        is idle. Tests start each notebook on a fresh kernel, so this cannot pass before the
        run has started."""
        self.page.wait_for_function(
            r"""(panel) => {
                const root = document.querySelector(panel);
                if (!root) return false;
                const prompts = Array.from(root.querySelectorAll('.jp-InputPrompt'));
                const running = prompts.some(p => p.textContent.includes('*'));
                const ran = prompts.some(p => /\[\d+\]/.test(p.textContent));
                const state = root.querySelector('.jp-Notebook-ExecutionIndicator');
                return ran && !running && state && state.dataset.status === 'idle';
            }""",
            arg=PANEL, timeout=timeout_ms, polling=200,
        )

    def save(self, timeout_ms: int = SAVE_TIMEOUT_MS) -> None:
        """Wait until the notebook's tab no longer shows unsaved changes: the course's autosave
        (every 5 s) has written the file by then.

        The test never presses File › Save itself. JupyterLab 4.6 checks the file's hash on
        disk before each save; a manual save that starts while an autosave is being written
        finds the file changed under it and stops on the "File Changed" dialog (the flake of
        test_instructor). Letting the autosave do the saving leaves one writer only.
        """
        tab = self.page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
        self.page.wait_for_function(
            "(tab) => !tab.classList.contains('jp-mod-dirty')",
            arg=tab.element_handle(), timeout=timeout_ms, polling=100)

    def save_with(self, text: str, timeout_ms: int = SAVE_TIMEOUT_MS) -> None:
        """:meth:`save`, then wait until the file on disk holds ``text`` in some cell's source
        or output.

        An autosave that starts while the learner is still typing, and ends after, marks the
        notebook saved although the file lacks the last keystrokes (seen on a loaded machine:
        the reflection missing from the submission). Nothing would save it again, so when the
        file lacks ``text`` once the tab is clean, the test saves with the keyboard, as a
        learner would: no autosave is running then, so it cannot meet one."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            self.save(timeout_ms)
            if self._file_holds(text, until=min(deadline, time.monotonic() + 5)):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.path} was saved without {text[:40]!r}")
            self.page.keyboard.press("Escape")  # command mode, in the notebook
            self.page.keyboard.press("Control+s")

    def _file_holds(self, text: str, until: float) -> bool:
        path = self.lab.root / self.path
        while True:
            try:
                cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            except (OSError, ValueError):
                cells = []  # being written
            if any(text in piece for piece in _strings(cells)):
                return True
            if time.monotonic() > until:
                return False
            time.sleep(0.2)

    # ------------------------------------------------------------------ cells and widgets

    def cell_with(self, text: str) -> Locator:
        """The notebook cell whose source contains ``text`` (for cells with visible source)."""
        return self.panel.locator(".jp-Cell", has=self.page.locator(
            ".jp-InputArea-editor", has_text=text)).first

    def cell_with_output(self, text: str) -> Locator:
        """The first notebook cell whose output contains ``text`` (hidden-source cells too)."""
        return self.panel.locator(".jp-Cell", has=self.page.locator(
            ".jp-OutputArea-output", has_text=text)).first

    def widget(self, css_class: str) -> Locator:
        """The rendered widget carrying ``css_class`` (e.g. coachlab-player), once it is shown."""
        found = self.panel.locator(f".jupyter-widgets.{css_class}").first
        found.wait_for(state="attached", timeout=WIDGET_TIMEOUT_MS)
        found.scroll_into_view_if_needed()
        return found

    def click_button(self, label: str, within: Locator | None = None, exact: bool = True) -> None:
        """Click the widget button whose visible label is ``label``."""
        button = widget_button(within or self.panel, label, exact=exact)
        button.scroll_into_view_if_needed()
        button.click()


def widget_button(scope: Locator, label: str, exact: bool = True) -> Locator:
    """The ipywidgets button in ``scope`` labelled ``label`` (exactly, unless ``exact=False``)."""
    pattern = f"^\\s*{re.escape(label)}\\s*$" if exact else re.escape(label)
    return scope.locator("button.jupyter-button", has_text=re.compile(pattern)).first


#: The visible text under an element, whether or not it is scrolled into view. ``innerText``
#: is empty for cells JupyterLab skips with ``content-visibility: auto`` (off screen), so text
#: nodes are read directly, skipping <style>/<script> and anything hidden with display:none.
VISIBLE_TEXT_JS = """(root) => {
    const hidden = (node) => {
        for (let el = node.parentElement; el; el = el.parentElement) {
            if (el.tagName === 'STYLE' || el.tagName === 'SCRIPT') return true;
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden') return true;
            if (el === root) return false;
        }
        return false;
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!hidden(node)) parts.push(node.textContent);
    }
    return parts.join(' ').replace(/\\s+/g, ' ').trim();
}"""


def widget_text(scope: Locator) -> str:
    """The text a learner reads in ``scope``, with runs of white space collapsed to one space
    (text split across tags is joined with a space: ``<b>Tell</b>.`` reads ``Tell .``)."""
    return scope.evaluate(VISIBLE_TEXT_JS)


def click_and_wait_for_change(scope: Locator, target: Locator,
                              timeout_ms: int = WIDGET_TIMEOUT_MS) -> str:
    """Click ``target``, then wait until the text of ``scope`` changes; return the new text.

    A widget's answer comes back from the kernel asynchronously; waiting for the change (not
    for a fixed time) keeps the next click off a button that is about to be replaced.
    """
    before = widget_text(scope)
    target.scroll_into_view_if_needed()
    target.click()
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        text = widget_text(scope)
        if text != before:
            return text
        scope.page.wait_for_timeout(100)
    raise AssertionError(f"nothing changed after the click; still: {before[:300]!r}")


def wait_for_text(scope: Locator, pattern: str, timeout_ms: int = WIDGET_TIMEOUT_MS) -> str:
    """Wait until ``scope``'s text matches the regular expression ``pattern``; return the text."""
    deadline = time.monotonic() + timeout_ms / 1000
    text = ""
    while time.monotonic() < deadline:
        text = widget_text(scope)
        if re.search(pattern, text):
            return text
        scope.page.wait_for_timeout(150)
    raise AssertionError(f"text matching {pattern!r} did not appear; last seen: {text[:500]!r}")


def button_labels(scope: Locator, css: str = "button.jupyter-button") -> list[str]:
    """The labels of the buttons matching ``css`` in ``scope``, in page order."""
    return [" ".join(text.split()) for text in scope.locator(css).all_text_contents()]


def debrief_shown(player: Locator) -> bool:
    """Whether the ScenarioPlayer shows its debrief (the conversation has ended)."""
    return "Debrief" in widget_text(player)


def wait_for_next_node(notebook: Notebook, player: Locator, before: list[str],
                       timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """After a reply, wait until the player has settled on what comes next: the debrief, or a
    new set of replies (different from ``before``, not empty, and the same on two reads).

    The kernel sends the new state as several widget messages (transcript, prompt, buttons,
    debrief); the page applies them one by one and draws new buttons asynchronously, so a
    single changed read can be a state in between.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    last: list[str] | None = None
    while time.monotonic() < deadline:
        if debrief_shown(player):
            return
        labels = button_labels(player, "button.coachlab-choice")
        if labels and labels != before and labels == last:
            return
        last = labels
        notebook.page.wait_for_timeout(100)
    raise AssertionError(f"the reply {before[0] if before else ''!r} was said but the "
                         f"conversation did not go on: {widget_text(player)[:300]!r}")


def wait_for_fresh_start(notebook: Notebook, player: Locator,
                         timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """After Replay, wait until the player is back at its first question: the prompt and the
    replies shown, the debrief gone (each arrives in its own widget message)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        text = widget_text(player)
        if ("What do you say?" in text and "Debrief" not in text
                and button_labels(player, "button.coachlab-choice")):
            return
        notebook.page.wait_for_timeout(100)
    raise AssertionError(
        f"Replay did not start the conversation again: {widget_text(player)[:300]!r}")


def play_to_ending(notebook: Notebook, player: Locator, max_replies: int = 20) -> list[str]:
    """Click the first reply of a ScenarioPlayer until its debrief shows; return the replies.

    After each click the test waits until the player has settled on the next node (or the
    debrief) and the kernel is idle, so it never clicks a stale button.
    """
    said: list[str] = []
    for _ in range(max_replies):
        if debrief_shown(player):
            return said
        before = button_labels(player, "button.coachlab-choice")
        assert before, f"no replies to choose and no debrief: {widget_text(player)[:300]!r}"
        first = player.locator("button.coachlab-choice").first
        first.scroll_into_view_if_needed()
        first.click()
        said.append(before[0])
        wait_for_next_node(notebook, player, before)
        notebook.wait_for_kernel_idle()
    raise AssertionError(f"no debrief after {max_replies} replies: {said}")


def unrun_cells(notebook: Notebook) -> int:
    """How many code cells of the notebook show no execution count (never ran)."""
    return notebook.page.evaluate(UNRUN_JS, PANEL)


#: Code cells whose prompt is still "[ ]:".
UNRUN_JS = """(panel) => Array.from(
    document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputPrompt'))
    .filter((p) => /\\[\\s*\\]/.test(p.textContent)).length"""


#: For each cell of the notebook, in page order, the text it shows on stderr (or null).
STDERR_BY_CELL_JS = """(panel) => Array.from(document.querySelectorAll(panel + ' .jp-Cell'))
    .map((cell) => {
        const out = cell.querySelector(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
        return out ? out.textContent : null;
    })"""


def error_outputs(notebook: Notebook) -> list[str]:
    """The text of every error output (tracebacks, stderr) in the notebook, in page order."""
    return [widget_text(node) for node in notebook.panel.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all()]


def assert_blank_exercise_ran(notebook: Notebook) -> None:
    """A blank exercise after Run All: every code cell ran, and each of its quick checks (the
    cells whose id starts with ``check-``, read from the file on disk) says "Not yet" on stderr,
    so none accepts a blank answer and none raises."""
    assert unrun_cells(notebook) == 0, "Run All should reach every cell of a blank exercise"
    saved = json.loads((notebook.lab.root / notebook.path).read_text(encoding="utf-8"))
    checks = [cell["id"] for cell in saved["cells"] if cell.get("id", "").startswith("check-")]
    assert checks, f"{notebook.path} has no quick check"
    said = error_outputs(notebook)
    assert said and all("Not yet" in text for text in said), said
    # The page shows the cells in the file's order, so a check is found by its place.
    shown = notebook.page.evaluate(STDERR_BY_CELL_JS, PANEL)
    assert len(shown) == len(saved["cells"]), (len(shown), len(saved["cells"]))
    silent = [cell["id"] for cell, text in zip(saved["cells"], shown, strict=True)
              if cell.get("id") in checks and "Not yet" not in (text or "")]
    assert not silent, f"{notebook.path}: quick checks that accept a blank exercise: {silent}"


def assert_no_errors(notebook: Notebook) -> None:
    """Fail if any cell shows an error or anything on stderr (a learner would see it)."""
    errors = error_outputs(notebook)
    assert not errors, f"{notebook.path} shows errors after Run All:\n" + "\n".join(
        e[:400] for e in errors)


#: A result a learner reads: a symbol or words, not only a colour.
RESULT_WORDS = re.compile(r"[✓✗◐]|\b(Right|Not quite|Not yet|Partly right)\b")


def assert_results_in_words(scope: Locator) -> int:
    """Every coloured result (right/wrong, or a feedback card with a coloured border) in
    ``scope`` also carries a symbol or words.

    Returns how many coloured results were checked; a test asserts it saw some.
    """
    # one snapshot of the page: a widget may re-render while its results are being read
    texts = scope.locator(".coachlab-right, .coachlab-wrong, .coachlab-feedback").evaluate_all(
        "(found) => found.map((el) => el.textContent.replace(/\\s+/g, ' ').trim())")
    for text in texts:
        assert RESULT_WORDS.search(text), f"a result shown by colour alone: {text[:200]!r}"
    return len(texts)


def assert_labels_fit(scope: Locator) -> int:
    """Every visible button in ``scope`` shows its whole label (none cut off with an ellipsis).

    Returns how many visible buttons were checked; a test asserts it saw some.
    """
    found = scope.locator("button").evaluate_all(
        "(buttons) => buttons.filter((b) => b.offsetParent !== null).map((b) =>"
        " [b.textContent.trim(), b.scrollWidth, b.clientWidth])")
    for label, wanted, shown in found:
        assert wanted <= shown + 1, f"button label cut off: {label!r} ({wanted}px in {shown}px)"
    return len(found)


def chart_images(scope: Locator) -> list[tuple[str, str]]:
    """(alt, src) of every image in ``scope``, in page order."""
    return scope.locator("img").evaluate_all(
        "(imgs) => imgs.map((img) => [img.getAttribute('alt') || '', img.src])")


def focused_text(page: Page) -> str:
    """The label of the element that has the keyboard focus ('' if none)."""
    return page.evaluate("() => (document.activeElement?.textContent || '').trim()")


def tab_to(scope: Locator, css: str, text: str | re.Pattern | None = None,
           backwards: bool = False, max_presses: int = 400) -> str:
    """Press Tab (Shift+Tab if ``backwards``) until the focus is on an element in ``scope``
    matching ``css`` (and whose text matches ``text``); return its text. Keyboard only."""
    page = scope.page
    key = "Shift+Tab" if backwards else "Tab"
    pattern = re.compile(re.escape(text)) if isinstance(text, str) else text
    for _ in range(max_presses):
        page.keyboard.press(key)
        if scope.evaluate(
                "(root, css) => !!document.activeElement && root.contains(document.activeElement)"
                " && document.activeElement.matches(css)", css):
            label = " ".join(focused_text(page).split())
            if pattern is None or pattern.search(label):
                return label
    raise AssertionError(f"{max_presses} presses of {key} never reached {css} {text or ''}")


def validate(notebook: Notebook) -> str:
    """Once every change is saved, press the toolbar's Validate button; return the dialog's
    text, then close it."""
    page = notebook.page
    # Validate saves the notebook first: let a pending autosave finish, so the two never
    # overlap (see Notebook.save). JupyterLab does not queue saves: two at once can leave the
    # tab with the first one's hash, and the next autosave then stops on the "File Changed"
    # dialog (seen on a loaded machine). Outputs still arriving from a run would start a new
    # autosave, so the kernel must be idle first.
    notebook.wait_for_kernel_idle()
    notebook.save()
    notebook.panel.locator(".jp-Toolbar-item", has_text="Validate").locator(
        "jp-button, button").first.click()
    dialog = page.locator(".jp-Dialog", has_text="Validat")
    dialog.wait_for(timeout=120_000)
    body = dialog.locator(".jp-Dialog-body")
    body.wait_for(timeout=120_000)
    text = widget_text(body)
    dialog.locator("button.jp-mod-accept").first.click()
    dialog.wait_for(state="detached", timeout=10_000)
    return text


def _strings(value: object) -> list[str]:
    """Every text in a notebook's JSON: a list of strings (nbformat's multi-line form) joined."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            return ["".join(value)]
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []
