"""Exercise 04's checks: a 30-day reinforcement plan written as lines of text.

The rules are :mod:`coachlab.planner`'s; here the learner's answer is read safely (only an exact
list, tuple or str), the quick check says how the plan reads, and the hidden score counts the rules
the plan meets.
"""

from __future__ import annotations

from coachlab.checks.quick import quick_check, report
from coachlab.planner import EXAMPLE_LINE, check_plan, count, read_plan


def _answer_lines(answer: object) -> list[object] | None:
    """The answer's lines if it is exactly a list (or tuple) of lines, else None."""
    if type(answer) is str:
        return [answer]
    if type(answer) in (list, tuple) and isinstance(answer, list | tuple):
        return list(answer)
    return None


@quick_check
def check_plan_answer(plan: object, skills: int = 2) -> None:
    """Quick check for a plan written as lines: is every line readable, are there ``skills``
    skills? Prints how the plan reads (days, gaps, activities per skill), never a verdict.
    Raises AssertionError listing what is still missing.
    """
    lines = _answer_lines(plan)
    if lines is None:
        report(["write your plan as a list of lines in quotes, e.g. "
                f'plan = ["{EXAMPLE_LINE}", ...]'], "")
        return
    read, problems = read_plan(lines)
    if not read.sessions and not problems:
        problems.append("your plan is still empty: write one session per line, like "
                        f'"{EXAMPLE_LINE}"')
    elif len(read.skills) < skills:
        have = ", ".join(read.skills) or "none"
        problems.append(f"your plan covers {count(len(read.skills), 'skill')} ({have}); "
                        f"the task asks for {skills}")
    for skill in read.skills:
        sessions = read.sessions_for(skill)
        print(f"{skill}: " + " · ".join(f"day {s.day} {s.activity}" for s in sessions))
        gaps = read.gaps_for(skill)
        if gaps:
            print(f"    gaps between visits: {', '.join(map(str, gaps))} days")
    if read.sessions:
        recalled = sum(s.retrieval for s in read.sessions)
        print(f"{recalled} of {len(read.sessions)} sessions are retrieval (not re-reading).")
    report(problems,
           f"Your plan reads as {len(read.sessions)} sessions for {len(read.skills)} skills.")


def score_plan_answer(plan: object, skills: int = 2, points_each: float = 2.0) -> float:
    """Hidden scoring: ``points_each`` for each rule the plan meets.

    Only the lines that can be read count. A plan covering fewer than ``skills`` skills, or an
    answer that is not a list of text lines, earns 0.
    """
    lines = _answer_lines(plan)
    if lines is None:
        return 0.0
    read, _problems = read_plan(lines)
    if len(read.skills) < skills:
        return 0.0
    return float(points_each) * sum(result.passed for result in check_plan(read))
