"""Which fact does a question reach? Deterministic, offline, explainable.

A question, every fact topic and every paraphrase of the rep's test file are read into terms
(:mod:`coachlab.interview.words`: stems and shared concepts). A fact scores by how much of the
question its topics explain (and, weighed less, its answers), plus how fully its best topic is
named, each term weighed by how rare it is among the rep's facts (IDF); or by how close the
question is to one of the fact's paraphrases (weighted Dice), whichever is higher. A misspelt
word is first mapped to the closest known word (rapidfuzz), and a lexical similarity between
the question's terms and each topic is the last fallback. Below the threshold, or when two
facts are about equally likely, the question reaches nothing and the rep says honestly that
they are not sure what the manager means.

The checker reads each paraphrase in leave-one-out mode (never matched against itself), so a
paraphrase passes only if the topics and the fact's other paraphrases reach it, as they would
a new wording.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .concepts import COMMON, CONCEPT_PHRASES, CONTENT_FREE, IRREGULAR, STOPWORDS, WEAK
from .model import Fact, Rep
from .words import stem, terms

MATCH = 0.6
"""A fact is reached when its score is at least this."""

SURFACE_MATCH = 0.7
"""Surface facts need a slightly stronger match: they are where a vague or partly off-topic
question would land ("How many users are in the deal?"), and a wrong fact is worse than an honest
"not sure". (Deep facts also need a question about their topic, see ``ABOUT_TOPIC``.)"""

MARGIN = 0.1
"""The best fact must lead the next one by this share of its score, or nothing is reached."""

SHARED_MARGIN = 0.2
"""The lead needed when the runner-up's topics name every word of the question as well."""

EXACT_TIE = True

TIE_BREAK = True

TIE_NEEDS_CONTENT = True

UNKNOWN_SHARE = 0.4
"""Nothing is reached when plain words unknown to the rep's material (neither its words nor a
concept) weigh this share of the question or more."""

TIE_MAX = 3
"""At most this many facts about equally likely are told apart by wording."""

ABOUT_TOPIC = 0.45
"""A specific or trust fact needs a question about its topic: one topic at least this fully
named."""

FUZZY_TERM = 85
"""A misspelt word (five letters or more) is read as the closest known term at this ratio."""

TYPO_MIN = 4
"""Words this long or longer that the rep and the shared vocabulary do not know are read as
typos of the nearest known word."""

TIE_FUZZ = 10
"""Two or three facts about equally likely: the one whose topics and paraphrases are closer in
wording to the question (rapidfuzz token-set similarity, 0-100) than every other by at least this
many points is answered; closer than that, the rep says it is not sure."""

FUZZY_TOPIC = 88
"""The lexical fallback: token-set similarity (0-100) between question and topic terms."""

# Question words the rep's facts never mention still weigh, but less: managers wrap a topic
# in words of their own ("at these accounts", "this month").
_UNKNOWN_WEIGHT = 1.0
_EXAMPLE = 1.0
_BAG = 0.5
_WEAK_WEIGHT = 1 / 3
# How strongly a fact's material says a word: each topic and paraphrase that has it counts 1,
# its answers count less; saturated (BM25's k), so one mention already counts half.
_STRENGTH = 0.5
_STRENGTH_K = 2.0
_ANSWER_COUNT = 0.4
_NO_NUMBER = 0.7


def _score(best_cov: float, best_hit: float, topic_hit: float, answer_hit: float,
           bag_hit: float, mass: float) -> float:
    """One fact's score for a question: how much of the question its topics explain (and,
    weighed less, its answers and its paraphrases' other words), and how fully its best topic
    is named."""
    return (topic_hit + 0.7 * answer_hit + _BAG * bag_hit + 0.3 * best_hit * best_cov) / mass


@dataclass(frozen=True)
class Reading:
    """How one question was read: its terms, the fact it reached (if any) and why."""

    terms: tuple[str, ...]
    content_free: bool
    fact: str | None = None
    score: float = 0.0
    coverage: float = 0.0
    exact: bool = False
    via: str = "none"
    topic: str | None = None

    @property
    def about_topic(self) -> bool:
        """True when the question names one of the fact's topics well enough for a deep fact."""
        return self.coverage >= ABOUT_TOPIC

    def explain(self) -> str:
        """The reading in words, for the transcript and the debrief."""
        words = ", ".join(self.terms) or "no content words"
        if self.content_free:
            return "content-free (no content words): reaches only a surface fact"
        if self.fact is None:
            return f"read as [{words}]: no fact matched (best score {self.score:.2f})"
        return (f'read as [{words}]: reached "{self.fact}" via {self.via} on topic '
                f'"{self.topic}" (score {self.score:.2f})')


@dataclass(frozen=True)
class _Topic:
    text: str
    terms: frozenset[str]
    joined: str
    core: frozenset[str]  # without the distinguishing words (``~``): what "named in full" needs
    words: frozenset[str]  # its words as written, function words too


@dataclass(frozen=True)
class _FactIndex:
    fact: Fact
    topics: tuple[_Topic, ...]
    topic_terms: frozenset[str]
    answer_terms: frozenset[str]
    examples: tuple[tuple[str, frozenset[str]], ...]  # (paraphrase, its terms)
    counts: dict[str, float]  # term -> topics and paraphrases that say it (answers weigh less)


class Matcher:
    """The matching index of one rep: build once (``for_rep``), read many questions."""

    def __init__(self, rep: Rep, leave_one_out: bool = False):
        self.rep = rep
        # The checker's mode: a paraphrase never matches itself, so it must be reached through
        # the topics and the fact's other paraphrases (as a new wording would be).
        self.leave_one_out = leave_one_out
        self._facts = tuple(
            _FactIndex(
                fact,
                topics := tuple(_Topic(t, terms(t), " ".join(sorted(terms(t))),
                                       _core(terms(t)), frozenset(_WORD.findall(t.lower())))
                                for t in fact.topics if terms(t)),
                frozenset().union(*(topic.terms for topic in topics)),
                frozenset().union(*(terms(a) for a in (*fact.answers, *fact.deeper))),
                examples := tuple((q, terms(q)) for q in rep.paraphrases.get(fact.id, ())
                                  if terms(q)),
                _counts(topics, examples, fact),
            )
            for fact in rep.facts
        )
        count = len(self._facts)
        self._topic_terms = {index.fact.id: index.topic_terms for index in self._facts}
        df: dict[str, int] = {}
        for index in self._facts:
            example_terms = frozenset().union(*(found for _q, found in index.examples))
            for term in index.topic_terms | index.answer_terms | example_terms:
                df[term] = df.get(term, 0) + 1
        self._idf = {term: math.log(1 + count / n) * (_WEAK_WEIGHT if _weak(term) else 1.0)
                     for term, n in df.items()}
        self._unknown = _UNKNOWN_WEIGHT * math.log(1 + count)
        self._known = _known_words() | frozenset(
            word for fact in rep.facts
            for text in (*fact.topics, *fact.answers, *fact.deeper,
                         *rep.paraphrases.get(fact.id, ()))
            for word in _WORD.findall(text.lower()))
        self._known_stems = frozenset(stem(word) for word in self._known)
        self._by_initial: dict[str, tuple[str, ...]] = {}
        for word in sorted(self._known):
            self._by_initial[word[0]] = (*self._by_initial.get(word[0], ()), word)

    def _exact_terms(self, reading: Reading) -> frozenset[str]:
        """The terms of the fact's topic that the question names in full."""
        index = next(i for i in self._facts if i.fact.id == reading.fact)
        return next((t.terms for t in index.topics if t.text == reading.topic), frozenset())

    def explains(self, reading: Reading) -> bool:
        """True when every term of the question is in the reached fact's material (its topics,
        paraphrases or answers): nothing asked is left unexplained."""
        index = next((i for i in self._facts if i.fact.id == reading.fact), None)
        return index is not None and all(term in index.counts for term in reading.terms
                                         if term[0] != "~")

    def _needed(self, reading: Reading) -> float:
        fact = self.rep.fact(reading.fact or "")
        return SURFACE_MATCH if fact is not None and not fact.deep else MATCH

    def _says_more(self, question: str, reading: Reading, tied: list[Reading]) -> bool:
        """True when the question says more than the word the tied facts share: two content
        words or more, a topic of several words said word for word, or a word that only some
        of the tied facts' material has. "How's the
        board?" and "Tell me about the board" name only the board: which fact's wording is
        closer then depends on function words ("how", "the"), and the rep says it is not
        sure."""
        if len(_core(frozenset(reading.terms))) > 1:
            return True
        words = frozenset(_WORD.findall(question.lower()))
        ids = {r.fact for r in tied}
        if any(len(topic.words) > 1 and topic.words <= words
               for index in self._facts if index.fact.id in ids for topic in index.topics):
            return True  # a topic of several words said word for word ("opening line")
        counts = {index.fact.id: index.counts for index in self._facts}
        facts = [r.fact for r in tied if r.fact is not None]  # tied readings each reach one
        return any(any(term in counts[fact] for fact in facts)
                   and not all(term in counts[fact] for fact in facts)
                   for term in reading.terms)

    def _closeness(self, question: str, reading: Reading) -> float:
        """How close in wording ``question`` is to the reached fact's topics and paraphrases
        (token-set similarity, 0-100; never to the question itself in leave-one-out mode)."""
        index = next(i for i in self._facts if i.fact.id == reading.fact)
        asked = question.lower()
        texts = [topic.text for topic in index.topics]
        texts += [text for text, _terms in index.examples
                  if not (self.leave_one_out and text == question)]
        return max((fuzz.token_set_ratio(asked, text.lower()) for text in texts), default=0.0)

    def _weight(self, term: str) -> float:
        if term in self._idf:
            return self._idf[term]
        if term[0] in "?~":
            return 0.0  # a question word none of the rep's material uses tells nothing
        return self._unknown * (_WEAK_WEIGHT if _weak(term) else 1.0)

    def _mass(self, found: frozenset[str] | set[str]) -> float:
        # fsum: exact, so the total does not depend on the set's order (which changes with
        # the interpreter's hash seed); a topic named in full always scores exactly 1.
        return math.fsum(self._weight(term) for term in found)

    def _spell(self, question: str) -> str:
        """The question with misspelt words replaced by the closest word the rep or the concept
        vocabulary knows ("busines" -> "business"), so phrases and concepts still match."""
        words = _WORD.findall(question.lower())
        # A word whose stem the rep or the vocabulary knows is no typo ("leading" is a form of
        # "lead", not a misspelt "landing").
        unknown = [w for w in words if len(w) >= TYPO_MIN and w not in self._known
                   and stem(w) not in self._known_stems]
        # A typo rarely changes the first letter ("raining" is not a typo of "training").
        if not unknown:
            return question

        fixed = question.lower()
        for word in unknown:
            known = self._by_initial.get(word[0], ())
            # One slip of the finger: two letters swapped, a letter dropped or doubled (not one
            # letter for another: "dials" is a word, not a typo of "deals"); ties go to the
            # first in alphabetical order...
            best: tuple[str, float, int] | None = next((found for found in process.extract(
                word, known, scorer=OSA.distance, score_cutoff=1, limit=None)
                if _slip(word, found[0])), None)
            if best is None and len(word) >= 5:  # ...else a close enough spelling of a
                # content word ("summer party" is no misspelt "summary part")
                best = process.extractOne(word, [k for k in known if k not in _FILLER],
                                          scorer=fuzz.ratio, score_cutoff=FUZZY_TERM)
            if best:
                fixed = re.sub(rf"\b{re.escape(word)}\b", best[0], fixed)
        return fixed

    def _deep(self, fact_id: str | None) -> bool:
        """Whether the fact ``fact_id`` is one the rep shares only when asked for more."""
        fact = self.rep.fact(fact_id) if fact_id else None
        return fact is not None and fact.deep

    def rank(self, question: str) -> list[Reading]:
        """Every fact's reading of ``question``, best first (ties keep the authored order)."""
        found = terms(question)
        if not found:
            return [Reading((), True)]
        spelled = terms(self._spell(question))
        if not spelled:  # every content word was a misspelt content-free word ("hapening")
            return [Reading((), True)]
        found = spelled
        ordered = tuple(sorted(found))
        # Distinguishing words ("need", "see": ``~`` terms) only add: a question is not less
        # about a fact because it says "what does the board need to see" rather than "board".
        mass = self._mass(_core(found)) or 1.0
        left_out = ({index.fact.id: example_terms for index in self._facts
                     for text, example_terms in index.examples if text == question}
                    if self.leave_one_out else {})
        readings = []
        for index in self._facts:
            best_cov, best_hit, best_topic = 0.0, 0.0, index.topics[0] if index.topics else None
            for topic in index.topics:
                hit = self._mass(topic.terms & found)
                # Named in full means its content words: the distinguishing words only add.
                cov = self._mass(topic.core & found) / (self._mass(topic.core) or 1.0)
                if (cov, hit) > (best_cov, best_hit):
                    best_cov, best_hit, best_topic = cov, hit, topic
            topic_hit = self._mass(found & index.topic_terms)
            answer_hit = self._mass((found & index.answer_terms) - index.topic_terms)
            example, similar = None, 0.0
            bag: set[str] = set()
            for text, example_terms in index.examples:
                if self.leave_one_out and text == question:
                    continue
                bag |= example_terms
                # Closeness to an authored question is read on the content words only.
                core = _core(example_terms)
                both = self._mass(found & core)
                dice = 2 * both / (mass + self._mass(core))
                if dice > similar:
                    example, similar = text, dice
            bag_hit = self._mass((found & bag) - index.topic_terms - index.answer_terms)
            score = _score(best_cov, best_hit, topic_hit, answer_hit, bag_hit, mass)
            parts = []
            for term in found:
                count = index.counts.get(term, 0.0)
                if self.leave_one_out and count and term in left_out.get(index.fact.id, ()):
                    count -= 1.0
                parts.append(self._weight(term) * count / (count + _STRENGTH_K))
            strength = math.fsum(parts)
            score += _STRENGTH * strength / mass
            # Said by several of the fact's topics and paraphrases: about the fact's topic.
            best_cov = max(best_cov, strength / mass)
            via = "topics"
            close = _EXAMPLE * similar
            if close > score:
                via = f'a question like "{example}"'
            if close > score or similar >= 0.999:
                # As close to an authored question as to a topic: about the fact's topic
                # (and an authored question's content words, all said: named in full, even
                # when the distinguishing words make the topics score higher).
                best_cov = max(best_cov, similar)
            score = max(score, close)
            if "?many" in found and "?many" not in index.counts:
                # "How many dials a day?" asks for a number this fact's material never gives.
                score *= _NO_NUMBER

            if score < MATCH and index.topics:
                joined = " ".join(ordered)
                lexical = max(fuzz.ratio(joined, topic.joined)
                              for topic in index.topics)
                if lexical >= FUZZY_TOPIC:
                    score, via = max(score, MATCH), "similar words"
            readings.append(Reading(
                ordered, False, index.fact.id, round(score, 4), round(best_cov, 4),
                best_cov >= 0.999, via, best_topic.text if best_topic else None,
            ))
        readings.sort(key=lambda r: -r.score)  # stable: ties keep the authored order
        return readings

    def read(self, question: str) -> Reading:
        """The one fact ``question`` reaches (``Reading.fact``), or a reading with none."""
        ranked = self.rank(question)
        best = ranked[0]
        if best.content_free:
            return best
        fact = self.rep.fact(best.fact or "")
        needed = SURFACE_MATCH if fact is not None and not fact.deep else MATCH
        if UNKNOWN_SHARE < 1.0:
            # A question that is largely about words none of the rep's material knows (not
            # even the shared concepts: "How was the conference last week?") is about
            # something else, however well its other words fit a fact.
            core = _core(frozenset(best.terms))
            unknown = self._mass({t for t in core if t not in self._idf and t[0] != "@"})
            if unknown >= UNKNOWN_SHARE * (self._mass(core) or 1.0):
                return Reading(best.terms, False, None, best.score, best.coverage)
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        # Two facts about equally likely: the rep asks what is meant rather than guess. A
        # one-word question that no topic of the best fact is exactly, and that the runner-up's
        # topics name too, needs a clear lead.
        margin = MARGIN
        asked = _core(frozenset(best.terms))
        if len(ranked) > 1 and len(asked) == 1 and not best.exact \
                and asked <= self._topic_terms.get(ranked[1].fact or "", frozenset()):
            margin = SHARED_MARGIN
        if best.score >= needed and best.score - runner_up >= margin * best.score:
            return best
        # Facts about equally likely: the one whose authored wordings are clearly closer to
        # the question's (each tied fact must be a match on its own).
        if TIE_BREAK and best.score >= needed:
            tied = [r for r in ranked[:TIE_MAX + 1]
                    if r.fact and best.score - r.score < margin * best.score
                    and r.score >= self._needed(r)]
            if 1 < len(tied) <= TIE_MAX and (not TIE_NEEDS_CONTENT
                                              or self._says_more(question, best, tied)):
                near = sorted(((self._closeness(question, r), i) for i, r in enumerate(tied)),
                              reverse=True)
                if near[0][0] - near[1][0] >= TIE_FUZZ:
                    return tied[near[0][1]]
        # Facts about equally likely, only one of them with a topic that is exactly what the
        # question asks about ("How do you get on with CFOs?" and a fact about the CFO).
        tied = [r for r in ranked if r.fact and best.score - r.score < margin * best.score]
        # (Its distinguishing words too: "what the board needs to see" is not exactly "the
        # board".)
        named = [r for r in tied if r.exact and _core(frozenset(r.terms)) <= self._exact_terms(r)
                 and self._exact_terms(r) <= frozenset(r.terms)]
        if EXACT_TIE and len(tied) > 1 and len(named) == 1 and named[0].score >= MATCH \
                and named[0].score >= (SURFACE_MATCH if not self._deep(named[0].fact)
                                       else MATCH):
            return named[0]
        return Reading(best.terms, False, None, best.score, best.coverage)


_WORD = re.compile(r"[a-z0-9]+")


_FILLER = STOPWORDS | CONTENT_FREE


def _core(found: frozenset[str]) -> frozenset[str]:
    """``found`` without the distinguishing words (``~`` terms)."""
    return frozenset(term for term in found if term[0] != "~")


def _weak(term: str) -> bool:
    return term in WEAK or term[0] == "~"


def _counts(topics: tuple[_Topic, ...], examples: tuple[tuple[str, frozenset[str]], ...],
            fact: Fact) -> dict[str, float]:
    counts: dict[str, float] = {}
    for found in (*(topic.terms for topic in topics), *(found for _q, found in examples)):
        for term in found:
            counts[term] = counts.get(term, 0.0) + 1.0
    for term in frozenset().union(*(terms(a) for a in (*fact.answers, *fact.deeper))):
        counts[term] = counts.get(term, 0.0) + _ANSWER_COUNT
    return counts


def _slip(typed: str, known: str) -> bool:
    """True when ``typed`` is ``known`` with one slip of the finger: two letters swapped, a
    letter dropped, or a letter doubled. A letter added that doubles nothing is no slip:
    "party" is a word, not a typo of "part" (which is content-free, and would leave an
    off-topic question reading as content-free)."""
    if len(typed) == len(known):
        return sorted(typed) == sorted(known)
    if len(typed) < len(known):
        return True
    extra = next((i for i in range(len(known)) if typed[i] != known[i]), len(known))
    return extra > 0 and typed[extra] == typed[extra - 1]


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Every word of the shared vocabulary: a typed word close to one of these is a typo."""
    return frozenset(word for text in (*CONCEPT_PHRASES, *STOPWORDS, *CONTENT_FREE, *IRREGULAR,
                                       *COMMON)
                     for word in _WORD.findall(text))


@lru_cache(maxsize=64)
def _cached(rep: Rep, leave_one_out: bool) -> Matcher:
    return Matcher(rep, leave_one_out)


def matcher_for(rep: Rep, leave_one_out: bool = False) -> Matcher:
    """The rep's matcher, built once per rep (reps are immutable)."""
    return _cached(rep, leave_one_out)
