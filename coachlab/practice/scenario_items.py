"""Items from one scenario: every conversation in the bank yields several, of every skill.

- sort: replies (at most two per keyed value), into the move they make, or into the flag
  ``assess`` raises on a question (judging, stacked, off topic);
- diagnose: the rep's lines on a path that finds the cause, into the root cause (distractors
  from the same diagnostic pair);
- pick: at a decision, the reply that leads to the best conversation (only where the others lead
  somewhere strictly worse, and a guesser who always picks the question cannot win);
- rewrite: a tell, leading question or rescue that asking would beat, typed again as an open
  question (never the decision's best move, never where the open reply leads somewhere worse);
- step_in: the first rescue on offer: step in, join, or let the rep try (keyed by where each
  leads);
- debrief: the replies of a played path and its ending, into the debrief that fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coachlab.analysis import assess
from coachlab.diagnosis import CAUSE_NAMES, CAUSES, MANAGER_CAUSE, partner
from coachlab.moves import ASKING_MOVES, MOVE_MEANINGS, MOVE_NAMES
from coachlab.practice.items import Item, Option, is_question, item_id
from coachlab.practice.judge import judge_rewrite
from coachlab.practice.paths import Value, Values
from coachlab.scenarios import ROOT_CAUSE_DESCRIPTIONS, Choice, Scenario, ScenarioPath

STEP_IN, JOIN, LET_TRY = "step in", "join", "let them try"
EXCHANGES = 3
DIAGNOSES_PER_SCENARIO = 3


def scenario_items(scenario: Scenario) -> Iterator[Item]:
    """Every item one scenario yields."""
    values = Values(scenario)
    yield from sort_items(scenario)
    yield from diagnose_items(scenario)
    yield from pick_items(scenario, values)
    yield from rewrite_items(scenario, values)
    yield from step_in_items(scenario, values)
    yield from debrief_items(scenario)


def first_sentences(text: str, count: int = 1, limit: int = 320) -> str:
    """The first ``count`` sentences of ``text``, cut at ``limit`` characters."""
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    short = " ".join(parts[:count])
    return short if len(short) <= limit else short[: limit - 1].rstrip() + "…"


def debrief_gist(text: str, least: int = 80, limit: int = 170) -> str:
    """Enough of a debrief to recognise it: whole sentences up to ``least`` characters, cut at
    ``limit``, so options are of similar length (the longest is not a giveaway)."""
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    gist = ""
    for part in parts:
        gist = f"{gist} {part}".strip()
        if len(gist) >= least:
            break
    if len(gist) <= limit:
        return gist
    return gist[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _rep(scenario: Scenario) -> str:
    return scenario.rep.name.split()[0]


def move_options() -> tuple[Option, ...]:
    """The five moves as options."""
    return tuple(Option(move, MOVE_NAMES[move], MOVE_MEANINGS[move]) for move in MOVE_NAMES)


FLAG_NAMES: dict[str, str] = {
    "judging": "Judging question",
    "stacked": "Stacked questions",
    "off_topic": "Off-topic question",
}
"""The quality flags of ``coachlab.analysis.assess`` as sort options, in the words a learner
sees: a reply shaped like an open question that does one of these is not an open question."""

FLAG_MEANINGS: dict[str, str] = {
    "judging": "sounds like asking, but blames: the rep defends instead of thinking",
    "stacked": "several questions at once: the rep answers the easiest one",
    "off_topic": "ignores what the rep just said: their problem can wait",
}

MOVE_EFFECTS: dict[str, str] = {
    "tell": ("the rep receives your answer, so the thinking, and the next idea, stay with you; "
             "the rep learns to wait for your view"),
    "rescue": ("the problem moves from the rep's desk to yours: the rep learns nothing from a "
               "deal they did not run, and brings you the next one"),
    "open": ("the rep has to think and answer in their own words, so you hear their view of "
             "the deal before you give yours"),
    "closed": ("the rep gives you one fact or a yes or no: useful to check something, but the "
               "rep does no thinking you can coach"),
    "leading": ("the rep hears your advice dressed as a question, and either agrees to please "
                "you or feels tested; the idea is still yours"),
    "judging": ("the rep hears blame, not curiosity, and spends the answer defending what they "
                "did instead of looking at it"),
    "stacked": ("the rep can answer only one of the questions, picks the easiest, and the one "
                "that mattered goes unanswered"),
    "off_topic": ("the rep hears that what they just raised can wait, and stops bringing you "
                  "what is really going on"),
}
"""What each move, or flagged question, does to the rep: the reason a sort item is keyed so.
Sort explanations say this rather than naming the reply's first word, which would teach the
shortcut the item exists to break."""

SORT_CAP = 2
"""Sort items a scenario gives per keyed value: replies of one move in one scenario practise the
same judgement, and the cap keeps sort from crowding the pool (it was half of it)."""


def sort_options() -> tuple[Option, ...]:
    """The five moves and the three flagged questions, as options."""
    return move_options() + tuple(Option(flag, FLAG_NAMES[flag], FLAG_MEANINGS[flag])
                                  for flag in FLAG_NAMES)


def sort_key(reply: str, move: str, rep_line: str | None = None) -> tuple[str, str] | None:
    """The value a sort item keys for ``reply`` authored as ``move``, and the analyzer's reason.

    A question ``assess`` flags is keyed with its flag, never plainly as a question: "How could
    you let that happen?" is shaped like an open question but judges. None when the item would
    have two defensible answers (two flags, or a flag on a reply that does not ask), so it is
    left out of sort.
    """
    found = assess(reply, rep_line or None)
    if not found.flags:
        return move, ""
    if len(found.flags) > 1 or move not in ASKING_MOVES:
        return None
    flag = found.flags[0]
    return flag, found.reasons.get(flag, "")


def sort_explanation(move: str, reason: str = "", does: str = "") -> str:
    """Why a reply is keyed ``move``: what it does to the rep (``does`` where the author wrote
    it, else the move's effect), and the analyzer's reason for a flag."""
    name = MOVE_NAMES.get(move) or FLAG_NAMES[move]
    effect = " ".join(does.split()) or MOVE_EFFECTS[move]
    because = f"\nWhat gives it away: it {reason}." if reason else ""
    return f"{name}: {effect.rstrip('.')}.{because}"


# ------------------------------------------------------------------------------ sort

def sort_items(scenario: Scenario) -> Iterator[Item]:
    """Replies in the scenario, to sort into the move they make (at most :data:`SORT_CAP` per
    keyed value, earliest in the scenario first)."""
    kept: dict[str, int] = {}
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            keyed = sort_key(choice.reply, choice.move, node.rep_says)
            if keyed is None:
                continue
            answer, reason = keyed
            if kept.get(answer, 0) >= SORT_CAP:
                continue
            kept[answer] = kept.get(answer, 0) + 1
            yield Item(
                id=item_id("sort", scenario.id, node_id, choice.reply),
                skill="sort",
                prompt="Which move does this reply make?",
                context=(f"{_rep(scenario)}: “{node.rep_says}”", f"You: “{choice.reply}”"),
                options=sort_options(),
                answer=answer,
                explanation=(f"{sort_explanation(answer, reason)}\nWhat it did in "
                             f"“{scenario.title}”: {choice.consequence}"),
                source=f"scenario {scenario.id}, node {node_id}",
            )


# ------------------------------------------------------------------------------ diagnose

def cause_options(cause: str, seed: str) -> tuple[Option, ...]:
    """The true cause, its look-alike partner and two others, in a stable mixed order."""
    look_alike = partner(cause) or "lacks_confidence"
    others = [c for c in CAUSES if c not in (cause, look_alike)]
    pick = sum(map(ord, seed)) % len(others)
    extra = [others[pick], others[(pick + 3) % len(others)]]
    if cause != MANAGER_CAUSE and MANAGER_CAUSE not in extra:
        extra[1] = MANAGER_CAUSE if pick % 2 else extra[1]
    chosen = [cause, look_alike, *dict.fromkeys(extra)]
    chosen.sort(key=lambda c: (sum(map(ord, seed + c)) % 97, c))
    return tuple(Option(c, CAUSE_NAMES[c], ROOT_CAUSE_DESCRIPTIONS[c]) for c in chosen)


def diagnose_items(scenario: Scenario) -> Iterator[Item]:
    """The rep's lines on paths that find the cause, as short transcripts to diagnose."""
    seen: set[tuple[str, ...]] = set()
    found = [p for p in scenario.paths() if p.ending.root_cause_found]
    found.sort(key=lambda p: (not p.asks_only, p.decisions))
    cause = scenario.root_cause
    for path in found:
        # The last few exchanges: what the rep said and what you replied, so the lines read as
        # one conversation even on a path that took a detour.
        transcript = tuple(
            line for step in path.steps[-EXCHANGES:]
            for line in (f"{_rep(scenario)}: “{scenario.nodes[step.node_id].rep_says}”",
                         f"You: “{step.choice.reply}”"))[:-1]  # end on the rep's words
        if transcript in seen:
            continue
        seen.add(transcript)
        other = partner(cause)
        contrast = (f"\nNot “{CAUSE_NAMES[other]}”: that would look like this: "
                    f"{ROOT_CAUSE_DESCRIPTIONS[other]}" if other else "")
        yield Item(
            id=item_id("diagnose", scenario.id, " ".join(transcript)),
            skill="diagnose",
            prompt=(f"{scenario.challenge} Read what {_rep(scenario)} told you. What is the "
                    "root cause?"),
            context=transcript,
            options=cause_options(cause, scenario.id + path.end),
            answer=cause,
            explanation=(f"{CAUSE_NAMES[cause].capitalize()}: {ROOT_CAUSE_DESCRIPTIONS[cause]}"
                         f"{contrast}\nFrom the debrief: "
                         f"{first_sentences(path.ending.debrief, 2)}"),
            source=f"scenario {scenario.id}, path to {path.end}",
        )
        if len(seen) >= DIAGNOSES_PER_SCENARIO:
            return


# ------------------------------------------------------------------------------ pick

def pick_items(scenario: Scenario, values: Values) -> Iterator[Item]:
    """At each decision, the reply that leads to the best conversation, if one clearly does."""
    for node_id, node in scenario.nodes.items():
        pairs = [(choice, values.choice(choice)) for choice in node.choices]
        scored = [(c, v) for c, v in pairs if v is not None]
        if len(scored) < 3:
            continue
        best = max(v.key for _, v in scored)
        keyed = [(c, v) for c, v in scored if v.key == best]
        if len(keyed) != 1:
            continue
        key_choice = keyed[0][0]
        # Replies as good as the key's in outcome but slower are neither right nor wrong: leave
        # them out rather than mark a reasonable reply wrong.
        worse = [(c, v) for c, v in scored if v.key[0] < best[0] or v.key[1] < best[1]]
        if len(worse) < 2:
            continue
        if is_question(key_choice.reply) and not any(is_question(c.reply) for c, _ in worse):
            continue  # a guesser who always picks the question would win
        options = [key_choice, *(c for c, _ in worse)]
        options.sort(key=lambda c: node.choices.index(c))
        notes = {c.reply: _leads_to(values, c, v, best) for c, v in scored}
        yield Item(
            id=item_id("pick", scenario.id, node_id, node.rep_says),
            skill="pick",
            prompt=f"{scenario.challenge} Which reply fits best here?",
            context=(f"{_rep(scenario)}: “{node.rep_says}”",),
            options=tuple(Option(c.reply, f"“{c.reply}”", notes[c.reply]) for c in options),
            answer=key_choice.reply,
            explanation=(f"Best: “{key_choice.reply}” ({MOVE_NAMES[key_choice.move].lower()}). "
                         f"{notes[key_choice.reply]}\n"
                         + "\n".join(f"Not “{c.reply}”: {notes[c.reply]}" for c, _ in worse)),
            source=f"scenario {scenario.id}, node {node_id}",
        )


def _leads_to(values: Values, choice: Choice, value: Value, best: tuple[int, int]) -> str:
    """What a reply does, and where it leads, in a learner's words."""
    if value.key == best:
        ending = value.path.ending if value.path else None
        return (f"{choice.consequence} It keeps the conversation on its best path: "
                f"{first_sentences(ending.debrief)}" if ending else choice.consequence)
    if value.rank < best[0]:
        ending = value.path.ending if value.path else None
        return (f"{choice.consequence} From here no path ends as well; at best "
                f"it ends: {first_sentences(ending.debrief)}" if ending
                else choice.consequence)
    direct = values.carry_on(choice)
    carry = (f" Carry on without asking and it ends: {first_sentences(direct.ending.debrief)}"
             if direct else "")
    return (f"{choice.consequence} The rep now has to recover from a "
            f"{MOVE_NAMES[choice.move].lower()}; only asking your way back finds the cause."
            f"{carry}")


# ------------------------------------------------------------------------------ rewrite

def rewrite_items(scenario: Scenario, values: Values) -> Iterator[Item]:
    """Each tell, leading question or rescue that asking would beat, to type again as an open
    question.

    The model answer is an open reply from the same decision that the judge accepts and that
    leads somewhere better than the instinct. Left out: an instinct that is the decision's best
    reply (a modelled tell after the cause is found is the move that fits, not one to undo),
    and an instinct no open reply beside it beats (the item would be inverted: the "better"
    question would lead somewhere worse).
    """
    for node_id, node in scenario.nodes.items():
        scored = {c.reply: values.choice(c) for c in node.choices}
        known = [v.key for v in scored.values() if v is not None]
        best = max(known, default=None)
        models = [c for c in node.choices if c.move == "open"]
        models.sort(key=lambda c: _order(values.choice(c)), reverse=True)
        for choice in node.choices:
            if choice.move in ASKING_MOVES:
                continue
            mine = scored[choice.reply]
            if mine is None or mine.key == best:
                continue  # the best reply here: nothing to rewrite
            context = (f"{_rep(scenario)}: “{node.rep_says}”",
                       f"Your first instinct: “{choice.reply}”")
            model = next((m for m in models
                          if _beats(scored[m.reply], mine)
                          and judge_rewrite(m.reply, node.rep_says, (choice.reply,)).right), None)
            if model is None:
                continue
            yield Item(
                id=item_id("rewrite", scenario.id, node_id, choice.reply),
                skill="rewrite",
                prompt=("Rewrite your first instinct as one open question about this rep's "
                        "situation, so the rep does the thinking."),
                context=context,
                answer=model.reply,
                explanation=(f"Your first instinct was {MOVE_NAMES[choice.move].lower()}: "
                             f"{MOVE_MEANINGS[choice.move]}.\nOne way to ask instead, from the "
                             f"scenario: “{model.reply}” ({model.consequence})"),
                source=f"scenario {scenario.id}, node {node_id}",
                rep_line=node.rep_says,
            )


def _beats(model: Value | None, instinct: Value) -> bool:
    """True when the open reply reaches an outcome at least as good as the instinct's, with
    less telling: only then is asking instead an improvement."""
    return model is not None and model.rank >= instinct.rank and model.key > instinct.key


# ------------------------------------------------------------------------------ step in

def step_in_items(scenario: Scenario, values: Values) -> Iterator[Item]:
    """The scenario's first rescue on offer: does stepping in lead somewhere better than asking?

    One item per scenario: the rescues one scenario offers are the same deal and the same
    verdict, and several of them would crowd the skill with one answer.
    """
    for node_id, node in scenario.nodes.items():
        for choice in node.choices:
            if choice.move != "rescue":
                continue
            mine = values.choice(choice)
            found = [values.choice(c) for c in node.choices if c.move in ASKING_MOVES]
            others = [v for v in found if v is not None]
            if mine is None or not others:
                continue
            best_other = max(v.key for v in others)
            if mine.key == best_other:
                continue  # no clear verdict in the data
            answer = STEP_IN if mine.key > best_other else LET_TRY
            ending = (mine.path if answer == STEP_IN else values.carry_on(choice))
            what = f"If you step in: {choice.consequence}"
            if ending:
                what += (f" Carry on that way and it ends: {first_sentences(ending.ending.debrief)}"
                         f" ({first_sentences(ending.ending.numbers)})")
            rule = (_STEP_IN_RULE if answer == STEP_IN else _LET_TRY_RULE)
            yield Item(
                id=item_id("step_in", scenario.id, node_id, choice.reply),
                skill="step_in",
                prompt=(f"{scenario.challenge} You are tempted to say: “{choice.reply}” "
                        "Step in, join, or let them try?"),
                context=(f"{_rep(scenario)}: “{node.rep_says}”",),
                options=step_options(),
                answer=answer,
                explanation=f"{rule}\n{what}\n{STEP_RULE}",
                source=f"scenario {scenario.id}, node {node_id}",
            )
            return


STEP_RULE = ("The step-in rule (lesson 03): step in when it is critical and irreversible, a legal "
             "or ethical risk, a safety risk, or a customer about to be harmed; join, in a role "
             "agreed beforehand, when the buyer asks for someone at your level or the decision "
             "needs authority only you hold; let them try when it is only uncomfortable, slower, "
             "or a recoverable risk to the number.")
"""The rule every step-in item cites, in the lesson's words (lesson 03, "When should you step
in?", after Ibarra & Scoular's situational coaching)."""

_STEP_IN_RULE = ("Step in: here the rescue leads to a better outcome than asking can reach, the "
                 "rare case the rule's first column describes.")
_LET_TRY_RULE = ("Let them try: the risk is to the number or to comfort, and it is recoverable; "
                 "nothing here needs a part only you can play, so asking keeps the deal, and the "
                 "learning, with the rep.")


def step_options() -> tuple[Option, ...]:
    """The rule's three verdicts."""
    return (Option(STEP_IN, "Step in",
                   "for the critical and irreversible, legal or ethical, safety, or customer harm"),
            Option(JOIN, "Join",
                   "in a role agreed beforehand, when the buyer asks for your level or the "
                   "decision needs your authority"),
            Option(LET_TRY, "Let them try",
                   "when it is only uncomfortable, slower, or a recoverable risk to the number"))


# ------------------------------------------------------------------------------ debrief

def debrief_items(scenario: Scenario) -> Iterator[Item]:
    """For each ending, the shortest path to it: which debrief fits that conversation?"""
    shortest: dict[str, ScenarioPath] = {}
    for path in scenario.paths():
        if path.end not in shortest or path.decisions < shortest[path.end].decisions:
            shortest[path.end] = path
    summaries = {end: debrief_gist(p.ending.debrief) for end, p in shortest.items()}
    if len(set(summaries.values())) < len(summaries) or len(summaries) < 3:
        return
    for end, path in shortest.items():
        replies = tuple(f"You: “{step.choice.reply}”" for step in path.steps)
        ending = path.ending
        yield Item(
            id=item_id("debrief", scenario.id, end, ending.debrief),
            skill="debrief",
            prompt=(f"{scenario.challenge} You replied as below, and {_rep(scenario)} ended with "
                    f"“{scenario.nodes[end].rep_says}” What should the debrief cover?"),
            context=replies,
            options=tuple(Option(other, summaries[other]) for other in sorted(summaries)),
            answer=end,
            explanation=(f"{ending.debrief}\nWhat {_rep(scenario)} learned: "
                         f"{ending.rep_learned}"),
            source=f"scenario {scenario.id}, ending {end}",
        )


def _order(value: Value | None) -> tuple[int, int, int]:
    return value.order if value else (-1, -999, -999)
