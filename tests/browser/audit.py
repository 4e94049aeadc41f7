"""axe-core accessibility audits in the browser suite (WCAG 2.0/2.1, levels A and AA).

``axe-playwright-python`` bundles axe-core, so audits run offline. A page passes when axe finds
no serious or critical violation; the message lists each rule, its count and two examples.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def violations(page: Page, context: str | dict | None = None) -> list[dict[str, Any]]:
    """axe's WCAG A/AA violations on ``page`` (within ``context``, a CSS selector or axe
    context, when given), every impact level."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, context=context, options=options).response["violations"]


def blocking(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical ones."""
    return [v for v in found if v.get("impact") in BLOCKING]


def summary(found: list[dict[str, Any]]) -> str:
    """One line per rule: id, impact, element count, and up to two offending elements."""
    lines = []
    for rule in found:
        examples = "; ".join(node["html"][:120] for node in rule["nodes"][:2])
        lines.append(f"{rule['id']} ({rule['impact']}, {len(rule['nodes'])}): {examples}")
    return "\n".join(lines) or "no violations"


def counts(found: list[dict[str, Any]]) -> dict[str, int]:
    """Rule id -> number of elements, for reporting before/after figures."""
    return {rule["id"]: len(rule["nodes"]) for rule in found}
