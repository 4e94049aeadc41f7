"""Checker rules for reps: what `coachlab scenarios check` reports about ``course/reps/``.

Every rule is an error (a rep that breaks one is not fit to ship) with an exact message:

- every deep (specific or trust) fact is reached by each of its paraphrases;
- no deep fact is reached by content-free questions ("What do you think?", "Tell me more");
- a script of only content-free, only leading or only telling questions, ending with the right
  diagnosis and coaching, reaches neither best nor more than 60% of the points;
- every fact has at least 5 distinct paraphrases that reach it.

The rules play the rep through the real engine (:class:`Interview`), so what the checker
accepts is what a learner meets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from coachlab.scenarios import check_paths
from coachlab.scenarios.findings import Finding
from coachlab.scenarios.loader import ScenarioReadError, read_yaml

from .engine import Interview
from .loader import PARAPHRASES, RepError, load_rep
from .model import Rep
from .scoring import Result
from .script import replay
from .state import TRUST_FOR_TRUST_FACTS, TRUST_MAX

MIN_PARAPHRASES = 5
"""Distinct paraphrases that must reach every fact."""

MAX_SHARE = 0.6
"""The most a script without real questions may earn, as a share of the points."""

CONTENT_FREE_PROBES: tuple[str, ...] = (
    "What do you think?", "Tell me more.", "What else?", "Go on.", "And?",
    "What's going on?", "Anything else?", "How so?", "Say more about that.",
    "What's on your mind?", "Can you tell me more about that?", "What else is there?",
    # Openers with a word or two that still say nothing about the deal: a deep fact whose
    # topic is this generic would answer them.
    "What's bothering you?", "How are things?", "How are you doing?", "What's up?",
    "Where are you at with it?",
)
"""Questions with no content, asked in a row by the content-free rule."""

GOOD_FIRST_LINE = "What would you like to try first?"
"""The first coaching line the no-evidence scripts end with (an open question: it fits)."""

_REP_KEY = re.compile(r"^facts:", re.MULTILINE)


def is_rep_file(path: Path) -> bool:
    """True for a rep file (a top-level ``facts:`` key), as opposed to a scenario file."""
    try:
        return bool(_REP_KEY.search(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def check_any(paths: Iterable[Path | str]) -> list[Finding]:
    """Check scenario and rep files together: folders are expanded, each file goes to its
    checker (rep files to :func:`check_rep`, the rest to the scenario checker)."""
    scenario_paths: list[Path] = []
    findings: list[Finding] = []
    for entry in map(Path, paths):
        files = sorted(entry.glob("*.yaml")) if entry.is_dir() else [entry]
        reps = [file for file in files if file.is_file() and is_rep_file(file)]
        others = [file for file in files if file not in reps]
        if entry.is_dir() and not files:
            scenario_paths.append(entry)  # the scenario checker says the folder is empty
        scenario_paths.extend(others)
        for rep in reps:
            findings.extend(check_rep(rep))
    return check_paths(scenario_paths) + findings if scenario_paths else findings


def check_rep(path: Path | str) -> list[Finding]:
    """Every finding for one rep file (loading errors, then the rules)."""
    path = Path(path)
    try:
        rep = load_rep(path)
    except RepError as error:
        return error.findings
    try:
        lines = read_yaml(path)
    except ScenarioReadError:  # pragma: no cover - load_rep read it a moment ago
        lines = None

    def where(*key: str | int) -> int | None:
        return lines.line_of(key) if lines else None

    out: list[Finding] = []
    if not rep.paraphrases:
        out.append(Finding(path, where("id"), f"no paraphrase file: write {PARAPHRASES}/"
                           f"{rep.id}.paraphrases.yaml beside the rep, with at least "
                           f"{MIN_PARAPHRASES} questions for every fact"))
    for index, fact in enumerate(rep.facts):
        line = where("facts", index)
        questions = rep.paraphrases.get(fact.id, ())
        reaching: set[str] = set()
        for question in questions:
            if reaches(rep, question, fact.id):
                reaching.add(_distinct(question))
            elif fact.deep:
                out.append(Finding(path, line, f'{fact.depth} fact "{fact.id}" is not reached by '
                                   f'its paraphrase "{question}"; add the manager\'s words to '
                                   "its topics or reword the paraphrase"))
        if rep.paraphrases and len(reaching) < MIN_PARAPHRASES:
            out.append(Finding(path, line, f'fact "{fact.id}" is reached by {len(reaching)} '
                               f"distinct paraphrase{'s' if len(reaching) != 1 else ''}; write "
                               f"at least {MIN_PARAPHRASES} that reach it"))
    for question, fact_id in content_free_leaks(rep):
        leaking = rep.fact(fact_id)
        if leaking is None:  # the leak names one of the rep's facts; nothing else to say
            continue
        depth = leaking.depth
        out.append(Finding(path, where("facts", _index(rep, fact_id)),
                           f'the content-free question "{question}" reaches {depth} fact '
                           f'"{fact_id}"; only surface facts may answer a question with no '
                           "content"))
    for kind, questions in no_evidence_scripts(rep).items():
        result = replay_script(rep, questions)
        if result.outcome == "best" or result.share > MAX_SHARE:
            out.append(Finding(path, where("cause"), f"a script of only {kind} questions with "
                               f"the right diagnosis and coaching reaches {result.outcome} with "
                               f"{result.score}/{result.max_score} points; it must reach "
                               f"neither best nor more than {MAX_SHARE:.0%} of the points"))
    return sorted(out, key=lambda f: f.line or 0)


def reaches(rep: Rep, question: str, fact_id: str) -> bool:
    """True when ``question``, asked first (with enough trust for a trust fact), reveals
    ``fact_id``, read without itself among the examples (so it counts as a new wording)."""
    interview = Interview(rep, leave_one_out=True)
    fact = rep.fact(fact_id)
    if fact is not None and fact.depth == "trust":
        interview.state.trust = TRUST_FOR_TRUST_FACTS
    return interview.ask(question).revealed == fact_id


def content_free_leaks(rep: Rep) -> list[tuple[str, str]]:
    """(question, deep fact id) for every deep fact the content-free probes reach, asked in a
    row at full trust (the worst case)."""
    interview = Interview(rep)
    interview.state.trust = TRUST_MAX
    leaks = []
    for question in CONTENT_FREE_PROBES:
        turn = interview.ask(question)
        fact = rep.fact(turn.revealed) if turn.revealed else None
        if fact is not None and fact.deep:
            leaks.append((question, fact.id))
    return leaks


def no_evidence_scripts(rep: Rep) -> dict[str, tuple[str, ...]]:
    """Scripts that ask nothing real: content-free, leading and telling, each aimed at the
    rep's own topics (the strongest such script an author could fear)."""
    topics = [fact.topics[0] for fact in rep.facts]
    return {
        "content-free": CONTENT_FREE_PROBES,
        "leading": tuple(f"Don't you think it's really about {topic}?" for topic in topics),
        "telling": tuple(f"You need to sort out {topic}." for topic in topics),
    }


def replay_script(rep: Rep, questions: tuple[str, ...]) -> Result:
    """Play ``questions`` then the right diagnosis, coaching and an open first line."""
    return replay(rep, questions, rep.cause, rep.coaching, GOOD_FIRST_LINE)


def _distinct(question: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", question.casefold()))


def _index(rep: Rep, fact_id: str) -> int:
    return next(i for i, fact in enumerate(rep.facts) if fact.id == fact_id)
