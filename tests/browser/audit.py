"""An axe-core audit (WCAG 2 A/AA) of the course's own content in an open notebook.

``axe-playwright-python`` bundles axe-core, so the audit runs offline. Only what the course
puts on the page is audited: rendered markdown, cell outputs and the widgets in them.
JupyterLab's own editors, toolbars and menus are JupyterLab's, and are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from tests.browser.lab import PANEL

#: The WCAG 2.0 and 2.1 A and AA rules; nothing else (best practices, AAA) is counted.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Impacts that block a learner; the target is none of these.
BLOCKING = ("serious", "critical")

#: The course's content in the open notebook: prose and outputs, widgets included. Input
#: editors sit outside both, so the code and markdown sources being edited are not audited.
NOTEBOOK_CONTENT = {
    "include": [f"{PANEL} .jp-MarkdownOutput", f"{PANEL} .jp-OutputArea-output"],
}


@dataclass
class Violation:
    """One axe rule broken on the page: the rule, its impact and the elements that break it."""

    rule: str
    impact: str
    help: str
    targets: list[str]

    def describe(self) -> str:
        """One line per violation for an assertion message."""
        shown = "; ".join(self.targets[:5]) + (" ..." if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}, {len(self.targets)} elements): {self.help} [{shown}]"


#: Pass as ``context`` to audit a whole page (a report opened on its own, not a notebook).
WHOLE_PAGE: dict = {}


def audit(page: Page, context: dict | None = None) -> list[Violation]:
    """Run axe-core on ``page`` (limited to ``context``; default: the notebook's content;
    :data:`WHOLE_PAGE`: everything)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    if context is None:
        context = NOTEBOOK_CONTENT
    results = Axe().run(page, context=context or None, options=options)
    return [
        Violation(v["id"], v.get("impact") or "unknown", v["help"],
                  [" ".join(map(str, node["target"])) for node in v["nodes"]])
        for v in results.response["violations"]
    ]


def blocking(violations: list[Violation]) -> list[Violation]:
    """The serious and critical violations only."""
    return [v for v in violations if v.impact in BLOCKING]


def summary(violations: list[Violation]) -> str:
    """'image-alt (critical) x1, ...' with element counts, for logs and messages."""
    counts = Counter()
    for v in violations:
        counts[f"{v.rule} ({v.impact})"] += len(v.targets)
    return ", ".join(f"{name} x{count}" for name, count in sorted(counts.items())) or "none"


def assert_accessible(page: Page, what: str, context: dict | None = None) -> list[Violation]:
    """Fail with every serious or critical violation on ``page``; return all violations."""
    found = audit(page, context)
    print(f"axe {what}: {summary(found)}")  # shown with -s or -rP: the audit's full result
    serious = blocking(found)
    assert not serious, f"{what}: {len(serious)} serious or critical WCAG 2 A/AA violations:\n" + (
        "\n".join(v.describe() for v in serious))
    return found


#: Form controls and buttons under a root that have no name a screen reader can announce: no
#: associated <label> with text, no aria-label(ledby), no title and (buttons) no text. A
#: placeholder does not count: it disappears as soon as the learner types.
UNNAMED_JS = """(root) => Array.from(root.querySelectorAll(
        'input, textarea, select, button, [role=slider], [contenteditable=true]'))
    .filter((el) => {
        const labelled = Array.from(el.labels || []).some((l) => l.textContent.trim());
        const aria = (el.getAttribute('aria-label') || '').trim()
            || el.getAttribute('aria-labelledby');
        const text = el.tagName === 'BUTTON' && el.textContent.trim();
        return !(labelled || aria || text || (el.title || '').trim());
    })
    .map((el) => el.outerHTML.slice(0, 160))"""


def assert_controls_named(scope: Locator) -> int:
    """Every control in ``scope`` (hidden ones too) has an accessible name; returns how many
    controls were checked."""
    unnamed = scope.evaluate(UNNAMED_JS)
    assert not unnamed, "controls without an accessible name:\n" + "\n".join(unnamed)
    return scope.evaluate(
        "(root) => root.querySelectorAll('input, textarea, select, button').length")
