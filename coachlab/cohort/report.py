"""The cohort report: scores per learner and module, charts, and learners at risk.

Scores come from the gradebook through nbgrader's API (:mod:`coachlab.gradebook`, SQLite or
PostgreSQL), so a cohort of a thousand learners takes about a second. Writes ``report.csv``
(learner × module: score, max, status), PNG charts and ``report.html``, one self-contained page
with the charts embedded as data URIs.

A learner is *at risk* when they have not submitted a module that others have submitted, a
submission could not be graded, or their score is below the threshold (default 60%) of the points
graded so far (points waiting for manual grading do not count against them).
"""

from __future__ import annotations

import base64
import csv
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coachlab.analysis import analyze_conversation
from coachlab.course import JOURNAL_FILE, Module, ModuleNameError, with_driver
from coachlab.figures import png
from coachlab.gradebook import read_scores
from coachlab.grading.intake import journal_refusal
from coachlab.grading.neutral import for_csv, for_terminal
from coachlab.journals import ScenarioIndex, read_answers, replies_by_module
from coachlab.outcomes import FAILED, GRADED, NEEDS_MANUAL, read_status
from coachlab.pages import render
from coachlab.practice.state import habit

MISSING = "missing"
THRESHOLD = 0.6


@dataclass(frozen=True)
class Row:
    """One learner's result on one module."""

    learner: str
    first_name: str
    last_name: str
    module: str
    score: float | None
    max_score: float
    status: str                 # graded | needs manual grading | failed | missing
    late: bool = False
    reason: str = ""
    graded_max: float = 0.0     # points graded so far (excludes those awaiting manual grading)

    @property
    def percent(self) -> float | None:
        """Score as a share of the points graded so far, or None."""
        if self.score is None or self.status in (FAILED, MISSING) or not self.graded_max:
            return None
        return self.score / self.graded_max


@dataclass
class CohortReport:
    """Everything the report shows."""

    modules: list[str]
    learners: list[str]
    rows: list[Row]
    at_risk: dict[str, list[str]]
    threshold: float = THRESHOLD
    skills: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    skills_note: str = ""
    practice: dict[str, Any] = field(default_factory=dict)   # learner -> practice.state.Habit


@dataclass(frozen=True)
class ReportFiles:
    """Where the report was written."""

    folder: Path
    csv: Path
    html: Path
    charts: list[Path]


def collect(db_url: str, *, threshold: float = THRESHOLD, root: Path | None = None,
            today: Any = None) -> CohortReport:
    """Read the gradebook at ``db_url`` into a report. With ``root`` (the course folder),
    journals in submitted/ give the cohort's skills per module and each learner's daily
    practice (sessions in the last 14 days and streak, as of ``today``, default today)."""
    scores = read_scores(db_url)
    if not scores.max_scores:
        return CohortReport([], [], [], {}, threshold, {}, "the gradebook is empty")
    status = {(o.learner, o.assignment): (o.status, o.reason)
              for o in read_status(with_driver(db_url))}

    found = scores.results
    modules = sorted(set(scores.max_scores) | {m for _, m in status})
    learners = sorted(set(scores.learners) | {s for s, _ in found} | {s for s, _ in status})
    open_modules = {m for _, m in found} | {m for _, m in status}
    rows: list[Row] = []
    at_risk: dict[str, list[str]] = {}
    for learner in learners:
        person = scores.learners.get(learner)
        first, last = (person.first_name, person.last_name) if person else ("", "")
        reasons: list[str] = []
        for module in modules:
            row = _row(learner, first, last, module, scores.max_scores.get(module, 0.0),
                       found.get((learner, module)), status.get((learner, module)),
                       scores.duedates.get(module))
            rows.append(row)
            if row.status == MISSING and module in open_modules:
                reasons.append(f"{module}: not submitted")
            elif row.status == FAILED:
                reasons.append(f"{module}: could not be graded ({row.reason})")
            elif row.percent is not None and row.percent < threshold:
                reasons.append(f"{module}: {row.percent:.0%} (below {threshold:.0%})")
        if reasons:
            at_risk[learner] = reasons
    report = CohortReport(modules, learners, rows, at_risk, threshold)
    if root is not None:
        report.skills, report.skills_note = cohort_skills(Path(root), modules)
        report.practice = cohort_practice(Path(root), learners, today)
    else:
        report.skills_note = "no course folder given, so no journals were read"
    return report


def _row(learner: str, first: str, last: str, module: str, max_score: float,
         found: Any, status: tuple[str, str] | None, due: Any) -> Row:
    if status and status[0] == FAILED:
        return Row(learner, first, last, module, None, max_score, FAILED, reason=status[1])
    if found is None:
        return Row(learner, first, last, module, None, max_score, MISSING)
    stamp = found.timestamp
    late = bool(stamp and due and _as_naive(stamp) > _as_naive(due))
    return Row(learner, first, last, module, found.score, max_score,
               NEEDS_MANUAL if found.needs_manual_grade else GRADED, late,
               graded_max=found.graded_max)


def _as_naive(value: Any) -> Any:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=None)


def cohort_skills(root: Path, modules: list[str]) -> tuple[dict[str, tuple[float, float, int]],
                                                           str]:
    """Mean ask ratio and open share per module over the learners' submitted journals."""
    submitted = root / "submitted"
    folders = [root / "course" / "scenarios", *[root / "solutions" / m for m in modules]]
    scenarios = ScenarioIndex([f for f in folders if f.is_dir()])
    per_module: dict[str, list[Any]] = {}
    for module in modules:
        for journal in _readable(sorted(submitted.glob(f"*/{module}/{JOURNAL_FILE}"))):
            for number, replies in replies_by_module(read_answers(journal), scenarios).items():
                if number == _number(module):
                    per_module.setdefault(module, []).append(analyze_conversation(replies))
    if not per_module:
        return {}, "no coaching replies in the submitted journals yet, so no skill chart"
    skills = {m: (statistics.fmean(x.ask_ratio for x in found),
                  statistics.fmean(x.open_share for x in found), len(found))
              for m, found in sorted(per_module.items())}
    return skills, ""


def cohort_practice(root: Path, learners: list[str], today: Any = None) -> dict[str, Any]:
    """Each learner's daily-practice habit, from every journal of theirs under submitted/."""
    day = today or date.today()
    return {learner: habit(_readable(sorted((root / "submitted" / learner)
                                            .glob(f"**/{JOURNAL_FILE}"))), day)
            for learner in learners}


def _readable(journals: list[Path]) -> list[Path]:
    """The learners' journals that may be parsed: plain files within the size and nesting
    limits (:func:`coachlab.grading.intake.journal_refusal`); the rest are left out."""
    return [path for path in journals if journal_refusal(path) is None]


# ------------------------------------------------------------------------------ writing files

def write(report: CohortReport, out: Path | str) -> ReportFiles:
    """Write report.csv, the PNG charts and report.html into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / "report.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        # Every cell through for_csv: learner ids, names and reasons are learner-chosen text.
        writer.writerow(["learner", "first_name", "last_name", "module", "score", "max",
                         "percent", "status", "late", "reason", "practice_sessions_14d",
                         "practice_streak"])
        for r in report.rows:
            habit = report.practice.get(r.learner)
            writer.writerow([for_csv(cell) for cell in (
                             r.learner, r.first_name, r.last_name, r.module,
                             "" if r.score is None or r.status == FAILED else f"{r.score:g}",
                             f"{r.max_score:g}",
                             "" if r.percent is None else f"{r.percent * 100:.0f}",
                             r.status, "yes" if r.late else "", r.reason,
                             "" if habit is None else habit.sessions,
                             "" if habit is None else habit.streak)])
    charts = _charts(report)
    paths = []
    for name, picture in charts.items():
        path = out / f"{name}.png"
        path.write_bytes(picture)
        paths.append(path)
    html_path = out / "report.html"
    html_path.write_text(_html(report, charts), encoding="utf-8")
    return ReportFiles(out, csv_path, html_path, paths)


def build(db_url: str, out: Path | str, *, root: Path | None = None,
          threshold: float = THRESHOLD, today: Any = None) -> tuple[CohortReport, ReportFiles]:
    """Collect the report from the gradebook and write it to ``out``."""
    report = collect(db_url, threshold=threshold, root=root, today=today)
    return report, write(report, out)


def _number(assignment: str) -> str | None:
    """The module number of a gradebook assignment; None for an assignment the instructor
    named otherwise (nbgrader accepts any name)."""
    try:
        return Module.parse(assignment).number
    except ModuleNameError:
        return None


def _charts(report: CohortReport) -> dict[str, bytes]:
    # Deferred: matplotlib.figure took 3.5 s to import (``python -X importtime``); the at-risk list
    # and the xAPI commands use this module without charts.
    from matplotlib.figure import Figure

    def subplots(figsize: tuple[float, float]) -> tuple[Any, Any]:
        fig = Figure(figsize=figsize)
        return fig, fig.subplots()

    charts: dict[str, bytes] = {}
    if not report.modules:
        return charts
    numbers = [_number(m) or m for m in report.modules]
    by_module: dict[str, list[Row]] = {m: [] for m in report.modules}
    for row in report.rows:
        by_module[row.module].append(row)

    fig, ax = subplots((max(5, 1.3 * len(numbers) + 2), 3.8))
    data = [[r.percent * 100 for r in by_module[m] if r.percent is not None]
            for m in report.modules]
    positions = [i for i, d in enumerate(data) if d]
    if positions:
        ax.boxplot([data[i] for i in positions], positions=positions, widths=0.5)
        for i in positions:
            ax.scatter([i] * len(data[i]), data[i], s=6, alpha=0.25, color="#2a7ab0")
    ax.axhline(report.threshold * 100, color="#c0392b", linestyle="--", linewidth=1,
               label=f"at-risk line ({report.threshold:.0%})")
    ax.set_xticks(range(len(numbers)), numbers)
    ax.set_xlim(-0.6, len(numbers) - 0.4)
    ax.set_ylim(-5, 105)
    ax.set_xlabel("module")
    ax.set_ylabel("score (% of points graded)")
    ax.set_title("Score distribution per module")
    ax.legend(loc="lower left", fontsize=8)
    charts["scores"] = _png(fig)

    fig, ax = subplots((max(5, 1.3 * len(numbers) + 2), 3.8))
    stages = [("on roster", lambda r: True),
              ("submitted", lambda r: r.status != MISSING),
              ("graded", lambda r: r.status in (GRADED, NEEDS_MANUAL)),
              (f"≥ {report.threshold:.0%}", lambda r: r.percent is not None
               and r.percent >= report.threshold)]
    width = 0.8 / len(stages)
    for s, (label, keep) in enumerate(stages):
        counts = [sum(1 for r in by_module[m] if keep(r)) for m in report.modules]
        ax.bar([i + (s - 1.5) * width for i in range(len(numbers))], counts, width, label=label)
    ax.set_xticks(range(len(numbers)), numbers)
    ax.set_xlabel("module")
    ax.set_ylabel("learners")
    ax.set_title("Completion funnel")
    ax.legend(fontsize=8)
    charts["funnel"] = _png(fig)

    if report.skills:
        fig, ax = subplots((max(5, 1.3 * len(report.skills) + 2), 3.8))
        names = [_number(m) or m for m in report.skills]
        ax.plot(names, [v[0] * 100 for v in report.skills.values()], marker="o",
                label="ask ratio")
        ax.plot(names, [v[1] * 100 for v in report.skills.values()], marker="s",
                label="open-question share")
        ax.set_ylim(0, 100)
        ax.set_xlabel("module")
        ax.set_ylabel("cohort mean (%)")
        ax.set_title("Coaching skills across modules (from the journals)")
        ax.legend(fontsize=8)
        charts["skills"] = _png(fig)
    return charts


def _png(fig: Any) -> bytes:
    return png(fig, dpi=90, tight=True)


_CAPTIONS = {
    "scores": "Score distribution per module: each dot a learner, as a share of the points "
              "graded so far.",
    "funnel": "Completion funnel: learners on the roster, submitted, graded, above the line.",
    "skills": "Coaching skills across modules: mean ask ratio and open-question share of the "
              "replies in the learners' journals.",
}


def _html(report: CohortReport, charts: dict[str, bytes]) -> str:
    """report.html from its template (``coachlab/templates/coachlab-report``); the numbers are
    worked out here, the template only lays them out and escapes every value."""
    modules = []
    for module in report.modules:
        mine = [r for r in report.rows if r.module == module]
        scores = [r.percent for r in mine if r.percent is not None]
        counts = [sum(r.status != MISSING for r in mine)] + [
            sum(r.status == s for r in mine) for s in (GRADED, NEEDS_MANUAL, FAILED)]
        modules.append({"name": module, "counts": counts,
                        "median": f"{statistics.median(scores):.0%}" if scores else "–"})
    pictures = [{"caption": _CAPTIONS[name],
                 "src": "data:image/png;base64," + base64.b64encode(picture).decode("ascii")}
                for name, picture in charts.items()]
    practice = [{"learner": learner, "text": seen.text,
                 "last": seen.last_day.isoformat() if seen.last_day else "–"}
                for learner, seen in report.practice.items()]
    return render("coachlab-report/report.html.j2", learners=len(report.learners),
                  modules=modules, threshold=f"{report.threshold:.0%}", at_risk=report.at_risk,
                  charts=pictures, skills_note=report.skills_note, practice=practice)


def at_risk_text(report: CohortReport) -> str:
    """At-risk learners with their reasons, one per line (neutralised for the terminal)."""
    if not report.at_risk:
        return "no learners at risk"
    return "\n".join(for_terminal(f"{learner}: {'; '.join(reasons)}")
                     for learner, reasons in report.at_risk.items())
