"""The patterns behind each label, as data: (name, regex, reason) triples.

Each table is compiled once, at import, into a single alternation with one named group per
rule, so classifying a clause costs a handful of regex searches however many rules there are.
Patterns run over normalised clauses (lower-case, markup removed, fillers stripped; see
``text.py``). Keep every pattern linear: no nested repetition that can overlap.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Rule(NamedTuple):
    """One pattern: a group name, the regex, and the reason shown to the learner."""

    name: str
    pattern: str
    reason: str


def top_level(pattern: str) -> list[str]:
    """Split a regex at its top-level "|" (outside groups and character classes)."""
    depth, escaped, in_class, start, parts = 0, False, False, 0, []
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _anchored(pattern: str) -> bool:
    """True when every top-level alternative of ``pattern`` starts with ``^``."""
    return all(head.startswith("^") for head in top_level(pattern))


class RuleSet:
    """A table of rules compiled into one regex; ``find`` names the rule that matched.

    Rules anchored at the start of the clause are compiled apart and tried with ``match``
    (one position); the rest are tried with ``search``. An optional ``needs`` tuple of
    substrings skips the search when none of them occurs in the clause.
    """

    def __init__(self, rules: list[Rule], needs: tuple[str, ...] = ()) -> None:
        self.rules = {rule.name: rule for rule in rules}
        self.needs = needs
        anchored = [r for r in rules if _anchored(r.pattern)]
        floating = [r for r in rules if not _anchored(r.pattern)]
        self.anchored = self._compile(anchored)
        self.floating = self._compile(floating)

    @staticmethod
    def _compile(rules: list[Rule]) -> re.Pattern[str] | None:
        if not rules:
            return None
        return re.compile("|".join(f"(?P<{r.name}>{r.pattern})" for r in rules))

    def find(self, clause: str) -> tuple[Rule, str] | None:
        """Return the first matching rule and the text it matched, or None."""
        if self.needs:
            padded = f" {clause} "
            if not any(needle in padded for needle in self.needs):
                return None
        match = self.anchored.match(clause) if self.anchored else None
        if match is None and self.floating is not None:
            match = self.floating.search(clause)
        if match is None or match.lastgroup is None:
            return None
        return self.rules[match.lastgroup], match.group(match.lastgroup)


# --- shared vocabulary -------------------------------------------------------------------

# Work on the deal that a manager can take over.
_TAKEOVER_VERB = (
    r"(?:call|ring|phone|e-?mail|text|message|ping|handle|deal with|jump|hop|join|get on|"
    r"dial in|talk to (?!you\b)|speak (?:to|with) (?!you\b)|reach out|contact|close|negotiate|"
    r"run (?:the|it|this|that)|lead (?:the|it|this|that)|own (?:the|it|this|that)|"
    r"write (?:to )?(?:them|the|it|back)|draft (?:the|it|a)|rewrite|redo|re-?send|send (?!you\b)|"
    r"fix|sort (?:it|this|that|out)|step in|sit in|cover|present|pitch|meet (?:them|with)|"
    r"chase|follow up with (?:them|the)|set up (?:the|a) (?:call|meeting)|escalate|"
    r"take (?:it|this|that|over|the|care|them|point)|get (?:them|their|him|her|it|the deal)|"
    r"go (?:in|to them|see)|do (?:it|this|that|the)|work on (?:it|the)|push (?:them|back on)|"
    r"have a word|loop in|bring in|sign|finish|wrap|"
    r"(?:rescue|save|salvage|rebuild|take on) (?:it|this|that|them|the))"
)
# Openers where the manager commits to acting ("I'll ...", "Let me ..."): any verb counts as
# taking the work over unless it is one of the coaching or conversational verbs below.
_WILL = (
    r"(?:let me|i'll|i will|i'm going to|i am going to|i'm gonna|allow me to|i'll go ahead and)"
)
# Openers where a takeover needs a clear takeover verb ("I can call them" vs "I can see that").
_SELF = (
    r"(?:i can|i could|i'd be happy to|i'm happy to|happy to|i'd like to|i want to|"
    r"i should|i ought to|i need to|i might|i may|i'd better|i had better)"
)
_OFFER = (
    r"(?:want me to|need me to|would you like me to|like me to|should i|shall i|can i|could i|"
    r"may i|how about i|what if i|why don't i|would it (?:\w+ ){0,2}(?:if i|for me to)|"
    r"do you mind if i|mind if i|is it ok if i|is it okay if i|how about me)"
)
_NOT_TAKEOVER = (
    r"(?:be (?:here|around|available|honest|clear|frank|blunt|direct|curious|quiet|brief|quick|"
    r"interested|happy|glad|watching|listening|in touch|back|thinking|rooting|checking|"
    r"there for you|straight|upfront|candid|transparent|devil)|ask|know|understand|hear|listen|"
    r"check (?:in|back|i|that i|my)|get back to you|leave|let you|trust|support|back you|"
    r"help you|coach|think|see (?:if|whether|what you|how you|you)|share|suggest|tell you|"
    r"explain|show you|give you|send you|forward you|get you|play|role-?play|pretend|watch|"
    r"observe|shadow|sit back|push back|rephrase|repeat|summari[sz]e|make sure|reflect|"
    r"try (?:that|again|asking)|guess|put it|say|add|challenge|stop|step back|"
    r"follow up with you|talk to you|speak (?:to|with) you|catch you|see you|meet you|keep|"
    r"look forward|need|want|wait|hold|pause|take (?:a|the) (?:note|minute|moment|second|step)|"
    r"note|jot|write (?:that|this|it) down|start|begin|set the scene|recap|mention|flag|"
    r"remind you|warn you|admit|confess|level with you|get out of your way|stay out|"
    r"play devil|be the devil|go first|offer (?:a|an|my|some) (?:thought|observation|view|idea)|"
    r"give (?:a|an|my|some) (?:thought|observation|view|feedback|example)|come back|"
    r"circle back|reach out to you|call you|email you|text you|ping you|message you|"
    r"sit with|dig|focus|clarify|interrupt|jump in (?:here|with)|answer your)\b"
)
_ADVERB = r"(?:(?:just|personally|quickly|maybe|also|then|probably|really|go ahead and) ){0,2}"

_INVITE = (
    r"(?:walk me through|talk me through|take me through|run me through|step me through|"
    r"tell me|say more|talk to me about|talk to me$|share (?:more|your|what|how|why|a bit|with me)|"
    r"describe (?:what|how|why|your|the|their|it)|explain (?:to me|what|how|why|your)|"
    r"help me understand|help me see|"
    r"give me (?:a|an|your|some) (?:sense|example|picture|rundown|overview|read|idea|feel)|"
    r"paint (?:me )?a picture|fill me in|expand on|elaborate|unpack|"
    r"go on$|keep going|carry on$|continue$|i'm listening)"
)
_THINK = (
    r"(?:think|see|feel|notice|noticed|make of|read|reckon|believe|want|need|expect|"
    r"hope|imagine|learn|learned|hear|heard|mean|suggest|propose|recommend|try|tried|"
    r"consider|considered|plan|planning|worry|worried|wonder|like|prefer)"
)

# --- asking what help the rep wants: open, checked before rescue -------------------------

# "How would you like me to help?", "Where could I be most useful, if anywhere?": the rep
# decides, and keeps the work. "How would you like me to handle the CFO?" names a takeover
# verb and stays rescue.
_IF_AT_ALL = r"(?:,? if (?:at all|anything|anywhere|any),?)?"
_HELP = (
    r"(?:help|support|do|be (?:most |more |really )?(?:useful|helpful|involved|of (?:use|help))|"
    r"assist|contribute|chip in|back you|get involved|pitch in)\b"
)
ASK_HELP = RuleSet([
    Rule("o_ask_help",
         rf"^(?:how|what|where|which \w+|in what ways?){_IF_AT_ALL} (?:else )?"
         rf"(?:would|do|did|will) you (?:like|want|need|prefer|expect) me to "
         rf"(?:best |most |really )?{_HELP}"
         rf"|^(?:how|what|where|in what ways?){_IF_AT_ALL} (?:else )?(?:can|could|might|may) i "
         rf"(?:best |most |really )?{_HELP}",
         "asks what help the rep wants \u2014 the rep keeps the work"),
])

# --- rescue: the manager takes the work over, or offers to -------------------------------

RESCUE = RuleSet([
    Rule("r_offer", rf"\b{_OFFER} {_ADVERB}(?!{_NOT_TAKEOVER})[a-z][\w'-]*",
         "offers to take the work over"),
    Rule("r_will", rf"\b{_WILL} {_ADVERB}(?!{_NOT_TAKEOVER})[a-z][\w'-]*",
         "the manager takes the work over"),
    Rule("r_self", rf"\b{_SELF} {_ADVERB}{_TAKEOVER_VERB}\w*",
         "the manager takes the work over"),
    Rule("r_doing",
         r"\bi'm (?:stepping in|taking (?:over|it|this|the)|jumping (?:in|on)|calling|handling|"
         r"getting on|going (?:in|to (?:call|see|meet|talk|handle))|joining|stepping)\b"
         r"|\bgive me (?:[\w']+ ){0,3}with (?:them|their|the|him|her)\b"
         rf"|\b(?:easier|quicker|faster|simpler|better|safer|best) (?:if i|for me to|that i) "
         rf"{_ADVERB}(?:{_TAKEOVER_VERB}|wrote|took|ran|did|sat in|spoke|sent|led|dealt with)",
         "the manager takes the work over"),
    Rule("r_to_me",
         r"\b(?:forward|send|pass|hand|give|bring|leave|kick|turn|escalate|route)"
         r" (?:it|this|that|them|the \w+|him|her)(?: over)? (?:to|with) me\b"
         # "Could you send me the thread so I can take a look?": the work comes to the manager.
         rf"|\b(?:send|forward|pass|share|give|show) me (?:[\w'-]+ ){{0,4}}so (?:that )?i "
         rf"(?:can|could|'ll|will) {_ADVERB}(?!{_NOT_TAKEOVER})[a-z]",
         "asks for the deal to be handed over"),
    Rule("r_got_it", r"\b(?:i've got (?:this|it)|i got (?:this|it)|leave it (?:with|to) me|"
         r"i'll take it from here|i'll take over|i'll deal with it|i'm on it|"
         r"(?:put|get|bring|add) me (?:on|in|into) (?:the|that|this|a) (?:call|meeting|thread|"
         r"email|deal)|cc me and i'll|i'll join (?:you|the call)|me on the call)\b",
         "the manager takes the work over"),
], needs=(" i ", " i'", " me ", " me,", "happy to"))

# --- leading: advice disguised as a question ----------------------------------------------

LEADING = RuleSet([
    Rule("l_have_you_tried",
         r"^(?:have|did|had) you (?:ever |already |even |also )?(?:tried|try|considered|consider|"
         r"asked (?:them|him|her|the|their|whether|if|about|what|why|how)|"
         r"thought (?:about|of)|think (?:about|of)|looked (?:at|into)|look (?:at|into)|explored|"
         r"explore|attempted)\b",
         "a suggestion phrased as a question"),
    # "Why didn't you ask?" suggests what the rep should have done; "Why didn't the SE catch
    # it?" and "Why don't they reply?" ask for a reason, like any open why-question.
    Rule("l_why_dont",
         r"^why (?:not\b|(?:don't|wouldn't|won't|do not|didn't|haven't|can't|couldn't|"
         r"shouldn't) (?:you|we)\b)",
         "a suggestion phrased as a question"),
    Rule("l_negative",
         r"^(?:don't|doesn't|wouldn't|shouldn't|couldn't|isn't|aren't|won't|can't|haven't|"
         r"hasn't|didn't|wasn't|weren't|do not|would not|should not|is not|does not|"
         r"cannot|can not) \w",
         "a negative question that already holds the answer"),
    Rule("l_what_if", r"^(?:what|how) if (?:you|we|they just)\b|^(?:what|how) about (?!you\b)"
         r"|^how about you (?!think|feel|see)[a-z]"
         r"|^what would happen if (?:you|we)\b|^how would it (?:go|be|work) if (?:you|we)\b",
         "proposes an answer instead of asking for one"),
    Rule("l_think_about_doing",
         r"^(?:what|how) (?:do|would) you (?:think|feel) (?:about|of) (?:\w+ing|a |an |just |"
         r"maybe |us |me |trying)"
         r"|^(?:would|could|does|will|might) (?:\w+ing|a |an )\S*(?: \S+){0,4} (?:help|work)\b",
         "asks for a verdict on the manager's own idea"),
    Rule("l_modal_you",
         r"^(?:should|shall|must|ought) (?:you|we|they|the rep)\b"
         r"|^(?:could|can|would|will) you (?:just|maybe|perhaps|simply|possibly|not|try|consider)\b"
         r"|^(?:is|would|might|could|will|may) it (?:not )?(?:maybe )?(?:be )?"
         r"(?:time to|worth|better|best|smarter|wiser|easier|a good idea|more effective|"
         r"helpful|useful)\b"
         r"|^(?:is it possible|could it be|might it be|can it be|is it (?:just|really) )"
         r"|^would it (?:make sense|help) (?:to|if (?:you|we))\b"
         r"|^do you (?:not )?(?:think|feel|agree) (?:you|we|it|that|they) "
         r"(?:should|could|need|ought|might|would be|'d be|must)\b"
         r"|^do you (?:not )?(?:want|need|have) to\b"
         r"|^do you (?:not )?think (?:[\w'-]+ ){1,5}(?:would|could|might|will) (?:help|work|"
         r"make a difference|be better|be worth|fix|land|change)\b"
         r"|^(?:wouldn't|don't) you (?:agree|say|think)\b"
         r"|^(?:maybe|perhaps) (?:you|we|try)\b|^try\b|^you (?:could|might|should|need)\b"
         r"|^is there (?:any )?(?:reason|harm|chance) (?:you|not|we|why)\b"
         r"|^(?:is there )?(?:any|a|some) (?:way|chance) (?:you|we) (?:could|can|might|would)\b"
         r"|^surely\b",
         "a suggestion phrased as a question"),
    Rule("l_tag",
         r",\s?(?:right|yeah|yes|no|correct|agreed|true|ok|okay|surely|yep)$"
         r"|(?:,|\s)(?:don't you think|wouldn't you(?: say| agree)?|isn't it|aren't they|"
         r"don't they|won't you|can't you|shouldn't you|wouldn't it|isn't that|don't you|"
         r"didn't you|haven't you|aren't you|won't it|doesn't it|didn't they)$",
         "a tag question that hands the rep the answer"),
])

# Tag questions are leading even when the sentence lacks its question mark.
TAG = RuleSet([LEADING.rules["l_tag"]])

# A lead-in before the main clause ("If you were them, what would you want?").
LEAD_IN = re.compile(
    r"^(?:if|even if|even though|when|before|after|once|since|given|assuming|as|now that|"
    r"thinking about|looking at|"
    r"looking back|going into|based on|during|regarding|other than|besides|apart from|"
    r"next time|last time|this time|in|on|for|with|from|at)\b"
    # "In what ways could I help, if at all?" is the question itself, not a lead-in.
    r"(?! (?:what|which|whom|whose|how)\b)[^,?]{0,80},\s?(?=\w)"
)

# A clause that asks even without a question mark. "What you need is..." is a statement.
QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|whom|whose|which)\b(?! (?:you|i|we)\b)(?!'s (?:the )?(?:key|"
    r"trick|answer|best)\b)"
    # "is/are/did/does/can/will..." open a question whatever follows; "do/have/had" only before
    # a subject, since "Do the demo first." and "Have legal review it." are instructions.
    r"|^(?:is|are|was|were|does|did|has|can|could|will|would|should|shall|may|might|am|isn't|"
    r"aren't|wasn't|weren't|doesn't|didn't|hasn't|hadn't|won't|wouldn't|shouldn't|can't|"
    r"couldn't) [a-z]"
    r"|^(?:do|don't|have|haven't|had) (?:you|they|we|i|he|she|it|there|that|these|those|your|"
    r"their|our|anyone|any|not)\b"
    r"|^(?:any|anything|something) else\b|^want me to\b|^need me to\b"
    r"|^any (?:chance|way) (?:you|we)\b"
)

# --- tell: advice, instructions, opinions as statements -----------------------------------

TELL = RuleSet([
    Rule("t_you_should",
         r"\byou(?:'d| would)? (?:really |definitely |probably |just |still |also |then )?"
         r"(?:should|need to|have to|must|ought to|gotta|got to|want to|'ll want to|will want to|"
         r"might want to|could try|can try|could just|may want to|had better|'d better|"
         r"better)\b",
         "tells the rep what to do"),
    Rule("t_i_would",
         r"\b(?:i'd|i would|if i were you|in your shoes|if it were me|my advice|i suggest|"
         r"i recommend|i advise|my suggestion|my recommendation|i think you|i'd suggest|"
         r"i'd recommend|what i'd do|what i would do|here's what|the trick is|the key is|"
         r"the answer is|the fix is|the problem is|the issue is|the best (?:way|thing|move)|"
         r"it's best to|it'd be best|it would be best|best to|better to|make sure|be sure to|"
         r"don't forget|remember to|next time)\b",
         "gives the rep the answer"),
    Rule("t_lets", r"^let's (?!(?:unpack|explore|look at what you|talk (?:it )?through|"
         r"walk through|think (?:it )?through|hear))",
         "decides the next step for the rep"),
    Rule("t_let_me_know", r"^let me know\b",
         "asks the rep to report back \u2014 an instruction"),
    Rule("t_dont", r"^(?:don't|do not|never|always|stop|avoid|quit)\b",
         "an instruction"),
    Rule("t_imperative",
         r"^(?:please )?(?:just )?(?:send|re-?send|call|email|e-mail|offer|ask|push|follow up|"
         r"open with|lead with|start with|focus on|get|set up|book|schedule|escalate|drop|give|"
         r"bring|remind|check|tell them|go|move|cut|lower|raise|discount|add|include|mention|"
         r"highlight|position|frame|pitch|present|show|use|try|make|put|loop|cc|reach out|"
         r"contact|talk to|speak to|meet|prepare|prep|review|update|write|draft|rewrite|"
         r"change|fix|keep|stay|be|do|hold|wait|walk away|close|negotiate|sell|sweeten|"
        r"throw in|propose|suggest|recommend|remove|skip|double down|emphasi[sz]e|anchor|"
         r"pick up|ring|text|message|ping|find|identify|map|build|create|plan|record)\b",
         "an instruction"),
])

# --- open: invites the rep's own thinking or data -----------------------------------------

OPEN_INVITE = RuleSet([
    Rule("o_invite", rf"^(?:please |can you |could you |would you |will you |why don't you )?"
         rf"(?:just )?{_INVITE}\b",
         "invites the rep to think out loud"),
    Rule("o_curious",
         r"^(?:i'm|i am|i'd be) (?:really |genuinely |so |just |quite |also )?"
         r"(?:curious|interested|keen to|wondering)|^i (?:really |just |do )?wonder\b"
         r"|^i'd (?:love|like) to (?:hear|understand|know|learn)|^i want to (?:hear|understand)"
         r"|^let me (?:ask|understand|hear|make sure i understand)|^let's (?:unpack|explore|"
         r"talk (?:it )?through|walk through|think (?:it )?through|look at what you)"
         r"|^what comes to mind|^let me know (?:what|how|why|where|which) you(?:'d| would)? "
         r"(?:think|see|feel|read|make of|reckon|want|plan|suggest|propose|approach|handle|do|"
         r"decide|choose|pick|settle on|land on|come up with|go with|try|'re thinking|"
         r"are thinking|have in mind)\b"
         r"|^let me know your (?:thoughts|view|take|read|thinking|plan|ideas)\b",
         "invites the rep to think out loud"),
    Rule("o_wh_think",
         rf"^(?:who|where|when|which) else\b"
         rf"|^(?:who|where|when|which)\b[^?]{{0,60}}\byou(?:'d| would)? {_THINK}\b"
         rf"|^(?:who|where|when|which)\b[^?]{{0,60}}\b(?:to|for) you\b",
         "an open question that asks for the rep's own view"),
    Rule("o_think_modal",
         r"^(?:can|could|would|do|did) you (?:think of|imagine|picture|see|remember|recall|"
         r"identify|name|list|pinpoint|say what|say how|put your finger)\b",
         "invites the rep to think out loud"),
])

OPEN_WH = RuleSet([
    Rule("o_what_how",
         r"^(?:what|how|why)\b",
         "an open question that asks for the rep's own view"),
    Rule("o_anything_else", r"^(?:anything|something|what) else\b|^and then\b|^meaning\b",
         "an open question that asks for the rep's own view"),
])

# --- closed: yes/no or single-fact questions ----------------------------------------------

CLOSED_FACT = RuleSet([
    Rule("c_fact_wh",
         r"^(?:when|who|whom|whose|where|which)\b|^how (?:many|much|long|often|soon|big|old|far|"
         r"late|early)\b|^what (?:time|day|date|number|percentage|size|stage|quarter|month|week)\b"
         r"|^what(?:'s| is| was| are| were) (?:the|their|your|our|its) (?:\w+ )?(?:price|date|time|"
         r"amount|number|budget|size|value|deadline|name|title|stage|quota|discount|term|terms|"
         r"total|figure|count|cost|rate|arr|acv|tcv|margin|close date|headcount|seats|status|"
         r"timeline|timeframe|renewal|contract length|deal size|forecast|counteroffer|"
         r"counter-offer|offer|tool|vendor|system|provider|platform|crm|version|tier|licen[cs]es?|"
         r"go-live|start date|end date|region|territory|industry|revenue|spend|po|po number|"
         r"payment terms|sla|currency|contract value|list price|pipeline|quota|target|number)\b"
         r"|^what did (?:they|he|she|it|the customer|the client) (?:pay|spend|buy|order|sign|quote|"
         r"offer|budget)\b",
         "asks for a single fact"),
])

CLOSED_YES_NO = RuleSet([
    Rule("c_yes_no",
         r"^(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|shall|may|"
         r"might|am)\b",
         "a yes/no question"),
])

# --- acknowledgements: ignored when anything else is said ---------------------------------

_FEELING = (
    r"(?:tough|hard|rough|frustrating|difficult|stressful|painful|annoying|challenging|"
    r"exhausting|disappointing|a lot|a pain|like a lot|good|great|useful|helpful|interesting|"
    r"fair|understandable|important|valuable|encouraging|promising|reasonable)"
)
ACK = re.compile(
    r"^(?:(?:i hear you|i hear that|heard|i get it|i get that|got it|gotcha|fair enough|"
    r"i understand[^,]{0,40}|understood|i see|makes sense|that makes sense|noted|"
    r"(?:thanks|thank you)[^,]{0,80}|many thanks|cheers|"
    r"appreciate (?:it|that|you[^,]{0,80})|i (?:really |do )?appreciate [^,]{1,80}|"
    r"(?:that |it )?sounds? (?:really |very |pretty |so )?" + _FEELING + r"[^,]{0,40}|"
    r"(?:that |it )?sounds like (?:a|an|that was|it was|it's been|you've had|you had|you're|"
    r"you are|you were|you've been|you feel|you felt) [^,]{1,50}|"
    # "You sound frustrated.", "You seem worried.": a reflection of the rep's feeling.
    r"you (?:sound|seem|look) (?:really |very |so |a (?:bit|little) |pretty |quite )?"
    r"(?:frustrated|worried|stressed|tired|upset|angry|annoyed|disappointed|nervous|anxious|"
    r"down|fed up|flat|rattled|shaken|deflated|stuck|torn|unsure|excited|pleased|relieved)|"
    r"that(?:'s| is| was| must be| must have been) (?:really |very |so |super |a )?"
    + _FEELING + r"(?: \w+){0,3}|that (?:really )?helps|"
    r"ouch|wow|oof|ugh|yikes|phew|(?:really |very |how )?interesting|right|sure|sure thing|"
    r"yes|yeah|yep|yup|"
    r"okay|ok|mm+|hmm+|ah|oh|i feel you|totally|absolutely|of course|fair|hi|hello|hey there|"
    r"good morning|morning|hey|good|great|nice|cool|perfect|excellent|brilliant|awesome|"
    r"lovely|fine|love it|love that|(?:good|great|nice|glad) to (?:hear|know)[^,]{0,40}|"
    r"(?:good|great|nice|excellent|solid|strong) (?:point|question|work|job|stuff|catch|call|"
    r"effort|progress|start|thinking|news)[^,]{0,60}|well done[^,]{0,60}|no worries|"
    r"(?:i'm )?sorry[^,]{0,60}|my bad|quick (?:one|question)|one (?:more )?(?:thing|question)|"
    r"seriously|honestly|congrats[^,]{0,40}|congratulations[^,]{0,40}|"
    r"that's a (?:tough|hard|difficult|fair|good|great|big|real) (?:one|spot|situation|call|"
    r"question|week|day|place|position|result|win|loss)|"
    r"i can (?:see|imagine|tell|hear) [^,]{0,80}|"
    r"it sounds like (?:that|this|it) (?:was|is|has been) [^,]{1,40})(?:\s*,\s*|\s*$))+"
)

# Commitments that support the rep without taking the work ("I'll be here", "Let me push back").
_SUPPORT = (
    r"(?:be (?:here|around|available|in touch|back|there for you|watching|listening|rooting)|"
    r"check (?:in|back)|get back to you|leave (?:it|this|that) (?:with|to) you|let you|trust|"
    r"support|back you|help you|send you|forward you|get you|follow up with you|talk to you|"
    r"speak (?:to|with) you|catch you|see you|come back|circle back|push back|play devil|"
    r"be the devil|ask|hear|listen|understand|watch|observe|shadow|role-?play|play|"
    # "Let me know." alone, or "let me know if you need anything": an offer of support.
    # "Let me know how it goes." asks the rep to report back: an instruction (t_let_me_know).
    r"know$|know (?:if|when|whether) (?:you need|you want (?:help|a hand|support|to talk)|"
    r"i can|there's anything|anything)|"
    r"reach out to you|call you|email you|text you|ping you|message you|stay out|"
    r"get out of your way|keep (?:an eye|it between)|leave you)\b"
)

# Statements that neither tell nor ask: reflections, narration, and moves in the meeting.
NEUTRAL = re.compile(
    rf"^{_WILL} (?:just |also |then )?{_SUPPORT}|"
    # "You spoke to their CFO last week.", "You've got the demo on Friday.": the rep's own
    # facts, anchored in time, with no verdict or advice inside.
    r"^you(?![^,]{0,70}\b(?:too|enough|should|shouldn't|need|needs|must|ought|"
    r"got to|have to|going to|want to|gotta|could|might|better|never|forgot|missed|failed|"
    r"skipped|rushed|ignored|wrong|badly|mistake|didn't|wasn't|weren't|haven't)\b)"
    r"(?:'ve| have)? [a-z]+ [^,]{0,60}?\b(?:yesterday|today|tonight|tomorrow|"
    r"this (?:morning|afternoon|week|month|quarter)|last (?:week|month|quarter|year|time|night)|"
    r"earlier|(?:on|next|this) (?:mon|tues|wednes|thurs|fri)day|next (?:week|month))\b|"
    r"^(?:you (?:mentioned|said|told me|described|were saying|brought up|raised)|"
    r"(?:earlier|last (?:week|time)) you (?:said|mentioned)|"
    r"i(?:'ve| have)? (?:just |now |already )?(?:listened|read|looked|seen|pulled|reviewed|"
    r"gone through|been looking|been reading|been thinking about this|missed|lost track|"
    r"got (?:the|your) \w+ (?:up|open|here)|had a look|skimmed|watched|checked the)\b|"
    r"let's (?:take a step back|step back|zoom out|look at|go through|go over|talk about|"
    r"start with (?:the|your)|begin with|review|dig into|get into|pause|slow down|back up|"
    r"rewind|think about|spend|use this|take a look)\b|"
    r"(?:before|after|about|regarding|re|on|for|so|now) (?:the|your|our|this|that|today's)"
    r"[^,]{0,30}$)"
)
