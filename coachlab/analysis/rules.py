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


class RuleSet:
    """A table of rules compiled into one regex; ``find`` names the rule that matched."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = {rule.name: rule for rule in rules}
        self.regex = re.compile("|".join(f"(?P<{r.name}>{r.pattern})" for r in rules))

    def find(self, clause: str) -> tuple[Rule, str] | None:
        """Return the first matching rule and the text it matched, or None."""
        match = self.regex.search(clause)
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
    r"have a word|loop in|bring in|sign|finish|wrap)"
)
_SELF = (
    r"(?:let me|i'll|i will|i can|i could|i'm going to|i am going to|i'm gonna|i'd be happy to|"
    r"i'm happy to|happy to|allow me to|i'll just|i'd like to|i want to|i'll go ahead and)"
)
_OFFER = (
    r"(?:want me to|need me to|would you like me to|like me to|should i|shall i|can i|could i|"
    r"may i|how about i|what if i|why don't i|would it help if i|would it be helpful if i|"
    r"would it help for me to|do you mind if i|mind if i|is it ok if i|is it okay if i)"
)
_ADVERB = r"(?:just |personally |quickly |maybe |also |then |go ahead and |quickly )?"

_INVITE = (
    r"(?:walk me through|talk me through|take me through|run me through|step me through|"
    r"tell me|say more|share (?:more|your|what|how|why|a bit|with me)|"
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

# --- rescue: the manager takes the work over, or offers to -------------------------------

RESCUE = RuleSet([
    Rule("r_offer", rf"\b{_OFFER} {_ADVERB}{_TAKEOVER_VERB}\w*",
         "offers to take the work over"),
    Rule("r_self", rf"(?:^|\b(?:and|so|then|,) ){_SELF} {_ADVERB}{_TAKEOVER_VERB}\w*",
         "the manager takes the work over"),
    Rule("r_to_me",
         r"\b(?:forward|send|pass|hand|give|bring|leave|kick|turn|escalate|route)"
         r" (?:it|this|that|them|the \w+|him|her)(?: over)? (?:to|with) me\b",
         "asks for the deal to be handed over"),
    Rule("r_got_it", r"\b(?:i've got (?:this|it)|i got (?:this|it)|leave it (?:with|to) me|"
         r"i'll take it from here|i'll take over|i'll deal with it|i'm on it|"
         r"(?:put|get|bring|add) me (?:on|in|into) (?:the|that|this|a) (?:call|meeting|thread|"
         r"email|deal)|cc me and i'll|i'll join (?:you|the call)|me on the call)",
         "the manager takes the work over"),
])

# --- leading: advice disguised as a question ----------------------------------------------

LEADING = RuleSet([
    Rule("l_have_you_tried",
         r"^(?:have|did|had) you (?:ever |already |even |also )?(?:tried|try|considered|consider|"
         r"thought (?:about|of)|think (?:about|of)|looked (?:at|into)|look (?:at|into)|explored|"
         r"explore|attempted)\b",
         "a suggestion phrased as a question"),
    Rule("l_why_dont",
         r"^why (?:don't|not|wouldn't|won't|do not|didn't|haven't|can't|couldn't|shouldn't)"
         r"(?: you| we)?\b",
         "a suggestion phrased as a question"),
    Rule("l_negative",
         r"^(?:don't|doesn't|wouldn't|shouldn't|couldn't|isn't|aren't|won't|can't|haven't|"
         r"hasn't|didn't|wasn't|weren't|do not|would not|should not|is not) "
         r"(?:you|it|that|this|we|they|there|the)\b",
         "a negative question that already holds the answer"),
    Rule("l_what_if", r"^(?:what|how) if (?:you|we|they just)\b|^(?:what|how) about (?!you\b)"
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
         r"|^(?:is|would) it (?:be )?(?:worth|better|best|smarter|wiser|easier|a good idea)\b"
         r"|^would it (?:make sense|help) (?:to|if (?:you|we))\b"
         r"|^do you (?:not )?(?:think|feel|agree) (?:you|we|it|that|they) "
         r"(?:should|could|need|ought|might|would be|'d be|must)\b"
         r"|^do you (?:not )?(?:want|need|have) to\b"
         r"|^(?:wouldn't|don't) you (?:agree|say|think)\b"
         r"|^(?:maybe|perhaps) (?:you|we|try)\b|^try\b|^you (?:could|might|should|need)\b"
         r"|^is there (?:any )?(?:reason|harm|chance) (?:you|not|we|why)\b",
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

# A clause that asks even without a question mark. "What you need is..." is a statement.
QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|whom|whose|which)\b(?! (?:you|i|we)\b)(?!'s (?:the )?(?:key|"
    r"trick|answer|best)\b)"
    r"|^(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|shall|may|might|"
    r"am|isn't|aren't|wasn't|don't|doesn't|didn't|haven't|hasn't|won't|wouldn't|shouldn't|"
    r"can't|couldn't) (?:you|they|we|i|he|she|it|there|that|this|these|those|the|your|their|"
    r"our|anyone|anything|someone|something|any|a|an|not)\b"
    r"|^(?:any|anything|something) else\b|^want me to\b|^need me to\b"
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
         r"^(?:i'm|i am|i'd be) (?:curious|interested|keen to|wondering)|^i wonder\b"
         r"|^i'd (?:love|like) to (?:hear|understand|know|learn)|^i want to (?:hear|understand)"
         r"|^let me (?:ask|understand|hear|make sure i understand)|^let's (?:unpack|explore|"
         r"talk (?:it )?through|walk through|think (?:it )?through|look at what you)"
         r"|^what comes to mind|^let me know (?:what|how) you",
         "invites the rep to think out loud"),
    Rule("o_wh_think",
         rf"^(?:who|where|when|which) else\b"
         rf"|^(?:who|where|when|which)\b[^?]{{0,60}}\byou(?:'d| would)? {_THINK}\b",
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
         r"total|figure|count|cost|rate|arr|acv|margin|close date|headcount|seats|status|"
         r"timeline|timeframe|renewal|contract length|deal size|forecast)\b",
         "asks for a single fact"),
])

CLOSED_YES_NO = RuleSet([
    Rule("c_yes_no",
         r"^(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|shall|may|"
         r"might|am)\b",
         "a yes/no question"),
])

# --- acknowledgements: ignored when anything else is said ---------------------------------

ACK = re.compile(
    r"^(?:(?:i hear you|i hear that|heard|i get it|i get that|got it|gotcha|fair enough|"
    r"i understand|understood|i see|makes sense|that makes sense|thanks?(?: you)?"
    r"(?: so much| a lot)?(?: for [^,]{1,60})?|thank you|appreciate (?:it|that|you[^,]{0,60})|"
    r"i appreciate [^,]{1,60}|that sounds? (?:tough|hard|rough|frustrating|difficult|"
    r"stressful|like a lot|painful|annoying|challenging)[^,]{0,40}|sounds (?:tough|hard|rough|"
    r"frustrating|difficult|stressful|like a lot|painful|good|great)|that's (?:tough|hard|rough|"
    r"frustrating|a lot|fair|great|good|interesting|a good point|helpful)|ouch|wow|oof|ugh|"
    r"interesting|good (?:point|question|work|job|stuff|catch|call)|great (?:point|question|"
    r"work|job|catch|call)|nice (?:work|job|one|catch)|well done|no worries|sure|right|"
    r"yes|yeah|yep|okay|ok|mm+|hmm+|ah|i feel you|hi|hello|hey there|"
    r"good morning|morning|totally|absolutely|of course|fair|"
    r"that's a (?:tough|hard|difficult|fair|good|great) (?:one|spot|situation|call|question)|"
    r"i can (?:see|imagine|tell) (?:that|how|why|it)[^,]{0,60}|"
    r"it sounds like (?:that|this|it) (?:was|is|has been) [^,]{1,40})(?:\s*,\s*|\s*$))+"
)
