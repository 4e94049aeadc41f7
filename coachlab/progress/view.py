"""A learner's progress for a person to read: a plain table, two charts with their text
alternative, and :func:`show` for the progress notebook. The numbers come from
:mod:`coachlab.progress.reading`; nothing here reads a file of the learner's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coachlab.figures import display_chart, png
from coachlab.practice.state import as_text as practice_text
from coachlab.progress.reading import SELF_GRADED, InterviewRecord, Progress, learner_progress
from coachlab.progress.selfcheck import self_check


def interviews_text(records: tuple[InterviewRecord, ...]) -> str:
    """The interviews as a plain table: where, the rep, evidence found of needed, questions
    and the outcome; then the totals."""
    if not records:
        return ("Interviews: none finished yet. Lesson 02 has one to play: find the cause by "
                "asking, in your own words.")
    lines = ["Interviews (replayed from your questions):",
             f"  {'where':<12} {'rep':<24} {'evidence':>9} {'questions':>9}  outcome"]
    for r in records:
        lines.append(f"  {r.where:<12} {r.name:<24} {f'{r.found} of {r.needed}':>9} "
                     f"{r.questions:>9}  {r.outcome}")
    found = sum(r.found for r in records)
    needed = sum(r.needed for r in records)
    asked = sum(r.questions for r in records)
    full = sum(r.found >= r.needed for r in records)
    lines.append(f"  {len(records)} interview(s): evidence found {found} of {needed} needed; "
                 f"all of it in {full}; {asked} question(s) in all.")
    return "\n".join(lines)


def as_text(progress: Progress) -> str:
    """A plain table of the learner's progress, the self-assessment, and what next."""
    lines = [f"{'module':<26} {'lesson':<7} {'parts':>7}  {'self-check':<22} {'score':>23}  "
             f"{'ask ratio':>9} {'open share':>10}"]
    for m in progress.modules:
        parts = f"{m.parts_answered}/{m.parts_total}" if m.parts_total else "-"
        score = f"{m.score:g}/{m.max_score:g}" if m.score is not None else "-"
        if m.score is not None and m.score_source == SELF_GRADED:
            score += f" ({SELF_GRADED})"
        ask = f"{m.ask_ratio:.0%}" if m.ask_ratio is not None else "-"
        share = f"{m.open_share:.0%}" if m.open_share is not None else "-"
        lines.append(f"{m.module:<26} {'opened' if m.lesson_opened else '-':<7} {parts:>7}  "
                     f"{m.self_check or '-':<22} {score:>23}  {ask:>9} {share:>10}")
        lines += [f"  note: {note}" for note in m.notes]
    if progress.practice is not None:
        lines += ["", practice_text(progress.practice)]
    lines += ["", interviews_text(progress.interviews)]
    if progress.self_assessment_text:
        label = "after" if "after" in progress.self_assessment else "so far"
        lines += ["", f"Self-assessment (module 00, {label}):", progress.self_assessment_text]
    lines += ["", progress.next_step]
    return "\n".join(lines)


def chart(progress: Progress) -> Any:
    """A matplotlib figure: parts answered per module, and ask ratio / open share over modules."""
    # Deferred: matplotlib.figure took 3.5 s to import (``python -X importtime``, loaded 2-core
    # machine); ``coachlab progress`` prints the table and draws only when asked (--chart).
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 3.6))
    left, right = fig.subplots(1, 2)
    names = [m.number for m in progress.modules]
    done = [m.parts_answered / m.parts_total if m.parts_total else 0 for m in progress.modules]
    left.bar(names, [d * 100 for d in done], color="#2a7ab0")
    left.set_ylim(0, 100)
    left.set_ylabel("exercise parts answered (%)")
    left.set_xlabel("module")
    left.set_title("Exercises")
    for i, m in enumerate(progress.modules):
        if m.score is not None and m.max_score:
            mark = f" ({SELF_GRADED})" if m.score_source == SELF_GRADED else ""
            left.annotate(f"score {m.score:g}/{m.max_score:g}{mark}", (i, done[i] * 100),
                          ha="center", va="bottom", fontsize=8)
    skilled = [m for m in progress.modules if m.ask_ratio is not None]
    if skilled:
        xs = [m.number for m in skilled]
        right.plot(xs, [(m.ask_ratio or 0) * 100 for m in skilled], marker="o", label="ask ratio")
        right.plot(xs, [(m.open_share or 0) * 100 for m in skilled], marker="s",
                   label="open share")
        right.set_ylim(0, 100)
        right.legend(loc="lower right")
    else:
        right.text(0.5, 0.5, "No replies yet: try the Question Coach\nor play a scenario.",
                   ha="center", va="center", transform=right.transAxes)
    right.set_title("Skills over time")
    right.set_xlabel("module")
    right.set_ylabel("%")
    fig.tight_layout()
    return fig


def chart_alt(progress: Progress) -> str:
    """The charts' text alternative: every module's bar and every point, in words."""
    parts = ", ".join(
        f"{m.number} {round(100 * m.parts_answered / m.parts_total) if m.parts_total else 0}%"
        + (f" (score {m.score:g} of {m.max_score:g})" if m.score is not None and m.max_score
           else "")
        for m in progress.modules)
    skilled = [m for m in progress.modules if m.ask_ratio is not None]
    skills = ("; ".join(f"module {m.number}: ask ratio {round(100 * (m.ask_ratio or 0))}%, "
                        f"open share {round(100 * (m.open_share or 0))}%" for m in skilled)
              or "no replies yet")
    return (f"Two charts. Exercise parts answered per module: {parts}. "
            f"Skills over time: {skills}.")


def show(root: Path | str | None = None, *, validate: bool = True) -> None:
    """In a notebook: print the progress table, draw the charts, say what next. ``validate`` runs
    the self-check on each exercise with answers.

    (:func:`coachlab.progress.reading.learner_progress` returns the same information as data.)"""
    progress = learner_progress(root, check=self_check if validate else None)
    print(as_text(progress))
    display_chart(png(chart(progress), dpi=90), chart_alt(progress))
