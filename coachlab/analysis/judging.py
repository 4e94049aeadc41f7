"""Does a reply judge or blame the rep? (the ``judging`` flag)

Five kinds, each a table of patterns over the normalised reply (lower-case, plain quotes,
quoted words left out):

- ``why``: asks the rep to justify what they did: "Why did you...?", "Why didn't you...?",
  "Why would you...?", "Why do you always...?", "Help me understand why you sent...".
  "Why do you think they went quiet?" asks for the rep's view and is not flagged.
- ``blame``: exasperation and rhetorical questions: "What were you thinking?", "What is wrong
  with you?", "How could you let this happen?", "Do you even want to hit your number?",
  "How many times do I have to...", "What's your excuse?".
- ``sarcasm``: praise that means blame: "Well, that went well.", "Great, another lost deal.",
  "Nice work." after a loss, "that'll work", "genius".
- ``verdict``: a verdict on the rep as a person: "That one's on you.", "Maybe sales isn't for
  you.", "you messed this up", and agreeing when the rep doubts themselves.
- ``polite``: disappointment in polite words: "I'm surprised you...", "I expected more",
  "Was there a reason you didn't...?".
- ``rhetorical``: a question that holds its own answer, so it cannot be answered, only
  defended: "Was the contract going to send itself?", "Since when do you set our pricing?",
  "Who did you think was going to sign, the receptionist?", "Discovery is optional now, is
  it?", "Did you look, or did you just hope?", a mock comparison ("Do you think the others
  enjoy it?").
- ``loaded``: a curious shape, but the words carry the blame: "And you fell for it?",
  "Nobody bothered to ask?", "like a rookie", "for once", "Isn't that literally your job?",
  "What's tomorrow's excuse?".

Sarcasm also covers irony that needs the rep's line to be read: "Lovely." or "Brilliant." after
a setback or a plain report (not after good news), a closing "Clever.", "Funny how...", "Can't
imagine why", a "Right." after an echo of the rep's words, and tags that agree with their own
sentence ("So we'll do it twice, will we?").

Words that reflect the rep's own account are not a verdict: "When you say you blew it, what
does that mean for the deal?".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from coachlab.analysis.rules import top_level

_QUOTED = re.compile(r'"[^"]{0,300}"')


class Kind(NamedTuple):
    """One kind of judging, with the reason and the rewrite tip a learner sees."""

    reason: str
    hint: str


KINDS = {
    "why": Kind(
        "asks the rep to justify what they did. However kindly meant, “Why did you…?” sounds "
        "like blame, and people defend instead of think",
        "Ask what led to it instead: “What led you to that choice?” or “What were you "
        "weighing at the time?”",
    ),
    "blame": Kind(
        "sounds like blame or exasperation, not curiosity. The rep will defend, not think",
        "Drop the verdict and ask about the moment itself: “What was going on for you when "
        "that happened?”",
    ),
    "sarcasm": Kind(
        "sarcasm: the words praise, the meaning blames, and the rep hears the blame",
        "Say it straight, then ask: “That one hurt. What do you make of it now?”",
    ),
    "verdict": Kind(
        "passes a verdict on the rep as a person instead of looking at the situation",
        "Describe what happened, not who they are, and ask: “What happened, from your side?”",
    ),
    "rhetorical": Kind(
        "a question that already holds its answer. The rep cannot answer it, only defend "
        "against the verdict inside it",
        "Ask the question you want answered, with no answer built in: “What got in the way "
        "of that?” or “What was your plan for that step?”",
    ),
    "loaded": Kind(
        "the words carry blame even where the shape is a question, and the rep hears the "
        "blame, not the question",
        "Take out the loaded words and ask about what happened: “Talk me through how that "
        "went.”",
    ),
    "comment": Kind(
        "a comment on what went wrong, with no question in it. The rep has nothing to "
        "answer, only your verdict to take",
        "Turn it into a question about what happened: “What happened there?” or “What would "
        "you do differently?”",
    ),
    "polite": Kind(
        "polite words, but they carry your disappointment, and the rep hears a verdict",
        "Leave your verdict out and ask: “What led to that?”",
    ),
}

# Past tense and modal forms that make "why you ..." a demand for justification.
_PAST = (
    r"(?:\w+ed|did|didn't|made|sent|went|took|let|told|said|gave|chose|thought|put|brought|"
    r"left|forgot|forgotten|missed|skipped|spent|got|wrote|ran|spoke|came|kept|lost|sold|"
    r"paid|bought|agreed|offered|promised|waited|hired|never|always|keep|still|would|'d|"
    r"wouldn't|couldn't|can't|haven't|hadn't|weren't|wasn't|didn't|decided|picked|stopped|"
    r"gave in|caved)"
)
_MISTAKE = (
    r"(?:let|lose|lost|blow|blew|miss|missed|forget|forgot|mess|messed|screw|screwed|drop|"
    r"dropped|botch|botched|ruin|ruined|fumble|fumbled|skip|skipped|ignore|ignored|allow|"
    r"allowed|promise|promised|agree|agreed|give away|gave away|not|ever|possibly|be so|"
    r"do (?:that|this|something)|say (?:that|something)|think (?:that|it)|walk in)"
)
_SOFT = r"(?:a (?:little|bit)|a little bit|quite|really|very|so|pretty|frankly|honestly|just|bit)"
_PRAISE = (
    r"(?:nice (?:work|job|going|one)|good job|great job|great work|well done|nicely done|"
    r"way to go|bravo|congratulations|congrats|impressive|brilliant|fantastic|terrific|"
    r"wonderful|perfect|excellent|amazing|great|nice|smooth|that went (?:well|great))"
)

_RULES: list[tuple[str, str]] = [
    ("why",
     rf"\bwhy (?:on earth |the hell |in the world |in god's name )?"
     r"(?:did|didn't|did not|would|wouldn't|haven't|have|hadn't|weren't|wasn't|can't|"
     r"couldn't|won't) you\b"
     r"|\bwhy (?:do|are) you (?:always|keep|never|still|so|not|even|continually|constantly)\b"
     r"|\bwhy (?:on earth|the hell|in the world|in god's name)\b"
     r"|\bwhy (?:is|are) your (?:\w+ ){0,3}(?:the worst|always|still|never|so (?:low|bad|poor|"
     r"weak|slow|late|behind|far))\b"
     rf"|\bwhy you (?:\w+ )?{_PAST}\b"
     rf"|\bhow come you (?:\w+ )?{_PAST}\b"),
    ("blame",
     r"\bwhat(?:'s| is| was) (?:wrong|the matter) with you\b|\bwhat's your problem\b"
     r"|\bwhat were you thinking\b(?! (?:about|of)\b)|\bwho do you think you are\b"
     r"|\bhow dare you\b"
     rf"|\bhow (?:could|can|would) you\b(?=[\s?!.]*$| {_MISTAKE}\b)"
     rf"|\bhow (?:did|do|have) you (?:manage to )?(?:not|let|possibly|even|miss|forget|lose|blow|"
     r"mess|screw|drop|ignore|allow|fail)\b"
     r"|\bhow (?:did|have) you (?:\w+ ){0,3}(?:without knowing|without realising|"
     r"without realizing|without noticing|without a clue)\b"
     r"|\bhow (?:have|could|can|do|did) you (?:\w+ ){0,6}without (?:knowing|realising|realizing|"
     r"noticing|testing|checking|reading|preparing|thinking|telling me|a clue|any prep)\b"
     r"|\bhow (?:did|do) you (?:get|end up|let it get) (?:to |in |into )?(?:this|that|such a) "
     r"(?:point|stage|mess|state|bad|far|situation|position)\b"
     r"|\bhow many (?:more )?times (?:do|have|must|did|will) (?:i|we)\b"
     r"|\byou do (?:realise|realize|understand|know)\b"
     r"|\b(?:fireable|firing|sackable|disciplinary) (?:offen[cs]e|matter)\b"
     r"|\b(?:lose|losing) your job\b|\bget(?:ting)? (?:you )?fired\b"
     r"|\bwhy (?:is|was) it always (?:you|your)\b|\b(?:it's|it is) always you\b"
     r"|\b(?:know|known) better\b"
     r"|\bwhat(?:ever)? (?:possessed|made) you\b(?= to\b| think (?:\w+ ){0,8}(?:work|ok|okay|"
     r"fine|smart|a good idea))|\bwhat possessed you\b"
     r"|\b(?:lost|out of) your mind\b|\bare you (?:mad|crazy|insane|nuts)\b|\bhave you gone mad\b"
     r"|\bis this (?:some (?:kind|sort) of |a )joke\b|^who does that\b"
     r"|\bwhat (?:kind|sort) of (?:a )?(?:question|answer|excuse|plan|pitch|email) is that\b"
     r"|\bdo you (?:really )?think (?:this|that|it) (?:is|was) (?:acceptable|ok|okay|professional|"
     r"good enough|fine)\b|\bhow is (?:that|this) my problem\b"
     r"|\bcan(?:'t)? you not (?:even )?(?:read|listen|follow|see|understand|count|spell|remember|"
     r"do)\b"
     r"|\bwhy am i (?:only |just )*(?:hearing|finding out|learning)\b"
     r"|\bwhy (?:wasn't|was i not|weren't we) (?:i |we )?(?:told|informed|looped in|warned)\b"
     r"|\bwhose fault\b|\bdo i have to do everything\b"
     r"|\bdid (?:nobody|no one|anyone) (?:ever )?(?:teach|tell|show) you\b"
     r"|\bhaven't we (?:been (?:over|through)|talked about|discussed|covered) (?:this|that)\b"
     r"|\bwhy do i (?:have|need) to (?:keep )?(?:remind|tell|chase|ask)(?:ing)? you\b"
     r"|^you call (?:that|this)\b|\byou can do better than (?:that|this)\b"
     r"|\bhow (?:hard|difficult) (?:is it|can it be|could it be)\s*[?!.]*$"
     r"|\byou used to be (?:good|better|great)\b"
     r"|\bhow (?:hard|difficult) (?:is it|can it be|could it be) to\b"
     r"|\bhow is (?:that|this|it) (?:so )?(?:hard|difficult|complicated)\b"
     r"|\bwhat (?:have|were) you (?:been )?doing all (?:day|week|month|quarter|year|morning)\b"
     r"|\bwhat (?:else )?did you (?:expect|think would happen)\b"
     r"(?=\s*(?:$|[,.?!]| with| from| given))"
     r"|\bwhat(?:'s| is) (?:your|the) excuse\b|\bwhat excuse\b|\bwhat is it this time\b"
     r"|\bwhat now\b(?=\s*[?!])|^now what\b"
     r"|\bwhat kind of (?:\w+ ){0,2}(?:rep|manager|salesperson|seller|salesman|saleswoman|"
     r"account manager|professional|person|ae|sdr|bdr|leader|adult) (?!do you|would you|are you|"
     r"could you)(?:is|are|can't|cannot|doesn't|does|would|wouldn't|loses|forgets|misses|gets|"
     r"needs|lets|freezes|panics)\b"
     r"|\bwhat makes you think you(?:'d| would| could| can| are|'re| were)\b"
     r"|\bwhat made you think (?:\w+ ){0,8}(?:a good idea|ok|okay|smart|wise|acceptable|"
     r"appropriate|would work|was fine)\b"
     r"|\bwho (?:told|said) you (?:that )?(?:you could|you can|you were allowed|to|it was|"
     r"it's|that was|that's)\b|\bwho said you could\b"
     r"|\bwhose (?:bright |brilliant |great |genius )?idea was (?:that|this)\b"
     r"|\b(?:do|did|have|are|were|can|could|is|was) you (?:even|ever even)\b|\byou even (?:care|"
     r"want|try|know|listen)\b"
     r"|\b(?:did|do) you (?:even )?bother\b|\bdo you (?:even |actually )?care\b"
     r"|\bdo you actually (?:want|know|understand|listen|read|try)\b"
     r"|\bare you (?:even |actually |really )?trying\b"
     r"|\bare you (?:serious|kidding|joking|for real)\b|\byou(?:'re| are) (?:kidding|joking)\b"
     r"|\byou(?:'ve| have) got to be kidding\b|\byou must be joking\b|\byou can't be serious\b"
     r"|\bis this (?:going to be|becoming) a (?:habit|pattern|thing)\b"
     r"|\bcan you blame (?:him|her|them|your|the)\b"
     r"|\bafter (?:everything|all) (?:i've|i have|we've|we have) done\b"
     r"|\bdo you want to keep your job\b|\bkeep your job\b"
     r"|\b(?:hold|holding) your hand\b|\bdo your job for you\b|\byour reps' work for them\b"
     r"|\b(?:like|as) i (?:told|asked) you\b|\bi told you so\b|\bi(?:'ve| have) told you\b"
     r"|\bevery (?:week|time|month|day|quarter) (?:there's|it's|there is|it is) something\b"
     r"|\byou (?:always|never) (?:do|miss|forget|lose|blame|wait|make|talk|discount|give|let|"
     r"listen|follow|prepare|ask|learn)\b|\bwhy can't you ever\b"
     r"|\b(?:is|was) there (?:a|any|one|anything) (?:\w+ )?(?:that )?you (?:don't|didn't|"
     r"haven't|can't|won't) (?:lose|miss|mess|blow|screw|forget|drop|break|ruin)\b"
     r"|^(?:and|so) you (?:just )?(?:let|took|accepted|believed|bought|agreed|gave|hung|"
     r"walked|sat|left|caved|folded)\b"
     r"|^or is it (?:that |because )?you\b|\byou had one job\b|\bexplain yourself\b"
     r"|\bdo you (?:even )?(?:realise|realize|understand|know|see) how (?:bad|embarrassing|stupid|"
     r"this looks|that looks|it looks|much trouble)\b|\bhow bad (?:this|that|it) (?:looks|makes)\b"
     r"|\bwhy are you (?:being )?like (?:this|that)\b"
     r"|\bdid it (?:ever |not |never )*occur to you\b|\bit (?:never|didn't) occur(?:red)? to you\b"
     r"|\bwhat(?:'s| is) the point of you\b"
     r"|\bare you (?:too (?:lazy|proud|stubborn|scared|busy)|incapable|deaf|blind|clueless)\b"
     r"|\bor is it (?:just )?you\b|\b(?:maybe|perhaps) (?:it's|the problem is) you\b"
     r"|\bthe (?:problem|issue) is you\b"
     r"|\bwhat (?:did|have) you (?:done|do|get|got) wrong\b"
     r"|\bwho (?:are you going to|will you|do you|are you gonna) blame\b"
     r"|\bblame (?:\w+ ){0,3}again\b"
     r"|\b(?:can't|couldn't|don't|won't) you (?:ever|even|just once)\b"
     r"|\bcan't you (?:\w+ ){0,2}(?:anything|one thing|a single)\b"
     r"|\bhow you (?:could |managed to )?(?:let|allow|allowed|miss|missed|forget|forgot|lose|lost|"
     r"blow|blew) "
     r"(?:this|it|that|them)\b"
     r"|\bdo you (?:even )?(?:realise|realize|understand|know|see|get) (?:how|what) "
     r"(?:this|that|it) (?:does|means|looks|did|costs) (?:to|for) (?:me|my|us|our|the team)\b"),
    ("sarcasm",
     r"\bwell,? that went (?:well|great|brilliantly)\b"
     r"|^(?:oh,? )?(?:great|wonderful|brilliant|perfect|fantastic|lovely|terrific|super),? "
     r"(?:another|more|now|just)\b|^just (?:brilliant|perfect|great|fantastic|wonderful)\b"
     r"|\b(?:exactly|just) what (?:we|i) needed\b"
     r"|^(?:oh |yeah |right )?(?:sure|yeah|right),? because\b|\bthat always works\b"
     r"|\b(?:that's|this is|that is|it's) just (?:perfect|great|brilliant|wonderful|fantastic|"
     r"lovely|marvellous|super|terrific)\b"
     r"|\bgood luck with that\b|\bslow clap\b|\bthanks for nothing\b|\bmust be nice\b"
     r"|\b(?:big|what a|surprise,) surprise\b|\bshocker\b"
     r"|\b(?:really|clearly|certainly) working out (?:so )?(?:well |great )?for you\b"
     r"|\bworking out so well for you\b"
     r"|\b(?:your|the|this) genius (?:plan|idea|move|strategy|solution)\b|(?<=, )genius\b"
     r"|\beinstein\b|\bhotshot\b|\bpoor (?:you|baby|thing)\b|\bboo hoo\b"
     r"|\bhow awful for you\b|\bcongratulations, you\b|\bcongrats, you\b"
     # Irony that needs no context: feigned puzzlement, a closing "Clever.", a "bold move".
     r"|\bfunny how\b|\bcan't (?:imagine|think) why\b"
     r"|\bi (?:do )?wonder (?:where|why|how) (?:they|he|she|that|you) (?:got|get|came|come)\b"
     r"|\bwho (?:would|could)(?: have|'ve) (?:guessed|thought|seen that coming)\b"
     r"|\bwho'd have (?:guessed|thought)\b|\bgo figure\b|\bwhat are the odds\b"
     r"|\bfancy that\b|\bimagine that\b|^you think\s*\?"
     r"|^(?:very |how |real(?:ly)? )?(?:clever|smart|original|bold)[.!]*$"
     r"|\ba bold (?:move|strategy|choice|plan|call|approach)\b|^bold (?:move|strategy|choice|"
     r"call)\b|^(?:ah|oh),? yes\b"
     r"|^(?:convenient|shocking|naturally|how convenient|how original|how surprising)\b"
     r"|^of course (?:you|they|it|she|he) (?:didn't|did not|don't|do not|weren't|wasn't|"
     r"forgot|wouldn't|couldn't|did)\b"
     # Ironic certainty and ironic gifts: "I'm sure they were riveted.", "Generous of you."
     r"|\bi(?:'m| am) sure (?:they|he|she|it|that|the \w+) (?:were|was|loved|enjoyed|"
     r"appreciated|found|will love)\b"
     r"|\bi suppose\s*\?|^(?:how |very )?(?:generous|thoughtful|considerate) of you\b"
     # Stock ironic idioms of English: each says "this was obviously wrong".
     r"|\bwhat could (?:possibly )?go wrong\b"
     r"|\bwho needs (?!to\b)\w+(?: \w+){0,2}(?=,|\?|!| anyway)"
     r"|\bcolou?r me (?:surprised|shocked|impressed|amazed|astonished)\b|\blet me guess\b"
     r"|^(?:wow|unbelievable|incredible|amazing)[.!,]*\s*just (?:wow|unbelievable|incredible|"
     r"amazing)\b|^just wow\b|\bstop the press(?:es)?\b|\balert the media\b"
     r"|\bhold the front page\b|\bthere's a (?:surprise|shock|first)\b|\bwho knew\b"
     r"|\byou don't say\b|\btell me something i don't know\b|\bno kidding\b"
     r"|^(?:yeah|yes),? right\b|^as if\b|^sure you (?:did|were|will|are|have)\b|^nice try\b"
     r"|\bthanks a lot\b(?! for (?:telling|letting|flagging|sharing|bringing|being|raising))"
     r"|\bgee,? thanks\b|^good one\b|^nice going\b|^smooth move\b|^well played\b"
     r"|^way to go\b|^hats off\b|\bgold star\b|\bpat (?:yourself )?on the back\b"
     r"|\bgive (?:yourself|you) a medal\b|\b(?:medal|award|prize) for (?:that|this)\b"
     r"|\btake a bow\b|\bcan't (?:imagine|think|see) (?:why|where|how|what)\b"
     r"|\bhow (?:shocking|surprising|unexpected|novel|original|convenient|unusual)\b"
     r"|\bwhat a (?:novel|brilliant|great|genius|clever|fresh) (?:idea|concept|approach|plan|"
     r"strategy)\b|^again with\b|\bhere we go again\b|\bnot this again\b"
     r"|\bevery single time\b|\blike clockwork\b|\bbroken record\b|\bgroundhog day\b"
     r"|\bspare me\b|\bgive me a break\b"
     r"|\b(?:is|was) (?:that|this) (?:supposed|meant) to be (?:a joke|funny|an answer|an excuse|"
     r"a plan|a strategy)\b|\b(?:riveting|thrilling|gripping|enthralling)\b"
     # A statement closed by an ironic marker: "Research is for other people, apparently."
     r"|(?<=, )(?:apparently|presumably|obviously|evidently|of course|naturally|no doubt|"
     r"i'm sure|i suppose|i guess)\s*[.!?]*$|^apparently,? (?:we|you|it's|the|that|this)\b"
     r"|^(?:because|since) (?:\w+ ){0,3}(?:loves?|enjoys?|adores?|can't get enough of)\b"
     r"|\bfor the collection\b|\badd (?:it|that|this) to the (?:list|pile)\b"
     r"|\bi(?:'m| am) sure (?:\w+ ){1,3}(?:will be|would be|'ll be|was|were) (?:thrilled|"
     r"delighted|pleased|happy|impressed|over the moon|grateful|excited)\b"
     r"|\bgood to know (?:that )?you\b"
     r"|^(?:classic|typical|textbook|figures|unreal|unbelievable|priceless)[.!]*$"
     # Ironic dismissal of a basic skill and mock deference: "Proofreading is overrated.",
     # "Listening is for the weak.", "in your expert opinion", "that's one way to...".
     r"|\b(?:is|are) (?:\w+ )?overrated\b|\b(?:is|are) for (?:the weak|wimps|amateurs|losers|"
     r"other people|other reps)\b"
     r"|\bin your (?:expert|professional|infinite|considerable|vast) (?:opinion|wisdom|view|"
     r"experience)\b|\bthat's one way to\b|\binteresting (?:choice|approach|strategy|tactic)\b"
     r"|^(?:and |so )?(?:naturally|predictably|surprise,? surprise),? (?:they|you|it|the|we|she|"
     r"he)\b"),
    ("verdict",
     r"\b(?:that(?:'s| is| one's| one is| was)|this is|it's|it is) (?:all )?on you\b"
     r"|\byour (?:own )?fault\b|\byour (?:mess|screw-?up|failure|blunder|cock-?up)\b"
     r"|\b(?:that was|that's|that is|you were|you're being|you are being|this was) "
     r"(?:just |really |very |so |pretty |quite )?(?:careless|sloppy|lazy|stupid|reckless|"
     r"unprofessional|naive|dumb|a rookie (?:move|mistake|error)|amateur(?:ish)?|"
     r"irresponsible|negligent|inexcusable|unforgivable)\b"
     r"|\b(?:sales|this job|this role|enterprise|this|it|management|selling) (?:just )?"
     r"(?:isn't|is not|may not be|might not be|probably isn't|clearly isn't) for you\b"
     r"|\b(?:you're|you are|you aren't|you're just) not cut out\b|\bnot cut out for (?:this|it)\b"
     r"|\byou (?:really |totally |completely )?(?:messed|screwed|mucked|cocked|stuffed|"
     r"blew|botched|ruined|fumbled) (?:it|this|that|things|the \w+|up)\b"
     r"|\b(?:you )?(?:dropped|fumbled) the ball\b"
     r"|\byou(?:'re| are) (?:so |being |just |really )?(?:lazy|useless|hopeless|incompetent|"
     r"clueless|careless|sloppy|naive|unprofessional|disorganised|disorganized|a disaster|"
     r"a liability|an amateur|a rookie)\b"
     r"|\bso (?:unprofessional|lazy|careless|sloppy|naive|stupid|dumb|clueless)\b"
     r"|^(?:that's|that is|this is|that was|this was) (?:just |simply |totally )?(?:unacceptable|"
     r"not acceptable|not good enough|not okay|not ok|a disgrace|a joke|amateur)\b"
     r"|\b(?:idiot|idiotic|moron|stupid|pathetic|amateurish|amateur hour|rookie mistake|"
     r"incompetent)\b"
     r"|\b(?:they|nobody|no one|people|customers) (?:just )?(?:don't|doesn't|do not) "
     r"(?:like|trust|want to (?:talk|work|buy)) (?:\w+ )?(?:to |with |from )?you\b"
     r"|^maybe if you (?:didn't|did|had|hadn't|weren't|were)\b"
     r"|\bnot with your (?:numbers|close rate|track record|pipeline|results|win rate)\b"
     r"|\byour numbers don't show it\b|\b(?:the )?worst (?:on|in) the team\b"
     r"|\bare you sure you(?:'re| are) (?:up to|capable|good enough|cut out)\b"
     r"|^(?:yes|yeah|oh)?,? ?(?:we|everyone|everybody)(?:'s| has| have)? (?:all )?noticed[.!]*$"
     r"|\bhas a nickname for you\b|\bwelcome to (?:sales|the real world)\b|^typical[.!]*$"
     r"|\bthings get hard and you\b"),
    ("polite",
     rf"\bi(?:'m| am) (?:{_SOFT} )?(?:surprised|disappointed|shocked|amazed|stunned|baffled|"
     r"puzzled) (?:that |in |by |at )?you\b"
     rf"|\bi(?:'m| am) (?:{_SOFT} )?(?:disappointed|not happy|not impressed|let down)"
     r"(?=\s*[.!]|$| with (?:you|this|that|how))"
     r"|\bi (?:expected|was expecting|had expected) (?:better|more)\b"
     r"|\b(?:just|so|really|very|deeply|bitterly) disappointed\b(?! for)"
     r"|\bi(?:'d| would) have expected (?:better|more|you to)\b"
     r"|\byou should(?:'ve| have) known better\b|\bi thought you knew better\b"
     r"|\bi(?:'m| am) not (?:happy|impressed|pleased) (?:that|with|you)\b"
     r"|\b(?:was|is) there (?:a|any) (?:particular |good )?reason (?:why )?you (?:didn't|did not|"
     r"haven't|have not|never|wouldn't|couldn't|weren't|chose not|decided not)\b"
     r"|\b(?:any|what) reason (?:why )?you (?:didn't|did not|haven't|never|wouldn't|couldn't)\b"),
]

# Rhetorical questions: the answer is built in (the thing "sends itself", a mock answer after a
# comma, "since when", a step called optional, a plan the rep surely did not have).
_ACTS = (
    r"(?:update|updates|write|writes|send|sends|book|books|close|closes|sell|sells|fix|fixes|"
    r"run|runs|sort|sorts|happen|happens|come up|comes up|follow up|follows up|appear|"
    r"appears|organise|organises|organize|organizes|pay|pays|manage|manages|qualify|"
    r"qualifies|schedule|schedules|chase|chases|do|does|ask|asks|find|finds|fill|fills)"
)
_RULES += [
    ("rhetorical",
     rf"\b{_ACTS} (?:it |them |this |that )?(?:itself|themselves|by (?:itself|themselves)|"
     r"on (?:its|their) own)\b"
     r"|\bwho did you (?:think|expect|imagine) (?:was going to|would|is going to|will)\b"
     r"|\b(?:who|what)(?:'s| is| was) going to \w+(?: \w+)?, the \w+"
     # "What are you waiting for?" alone can be a real question (the rep may be waiting for
     # permission); with a mock answer after it, it is not.
     r"|\bwhat (?:exactly )?are you waiting for\b(?=,? (?:a|an|the|christmas|an invitation)\b)"
     r"|\bsince when (?:do|did|does|are|is|can|have|has|were|was)\b"
     r"|\b(?:optional|a suggestion|beneath you|above you|a nice-to-have)(?: now| then| these "
     r"days)?(?=\s*(?:,|\?|$))"
     r"|\bis (?:that|this) how we do (?:things|it|business)\b"
     r"|\bpart of (?:some|a|the|your) (?:master |grand |clever |secret |cunning )?"
     r"(?:plan|strategy)\b|\b(?:master|grand|cunning) plan\b"
     r"|\b(?:weeks|months|years|days|quarters) in,? and (?:you|we) (?:still )?(?:don't|can't|"
     r"haven't|didn't|still)\b"
     r"|\bdo you (?:really |honestly |seriously |actually )?think (?:the others|everyone else|"
     r"anyone else|the rest of (?:us|the team)|your (?:colleagues|peers|teammates)) \w+"
     r"|\bdo you (?:honestly|seriously) think\b"
     r"|\bwere you (?:hoping|expecting|planning|waiting|going)\b[^.?!\n]{0,50}"
     r"(?:\bfor you|\bto call you|\bto come to you|\bby (?:itself|themselves)|\bitself)\b"
     r"|\bwere you (?:planning|hoping|going|waiting) (?:to |for them to )?(?:just )?(?:wait|sit|"
     r"hope|call you)\b"
     r"|,? or (?:did you |were you |was (?:it|this|that) |did we )?(?:just )?(?:hope|hoped|"
     r"hoping|wing|winged|winging|guess|guessed|guessing|pray|prayed|praying|another)\b"
     r"|\bor just (?:emailed|sent|called|waited|hoped|guessed|winged)\b"
     r"|\bwhat exactly (?:were|are|was) you (?:planning|hoping|thinking|doing|expecting|"
     r"trying to achieve)\b"
     r"|\bwhat (?:exactly )?do you think (?:\w+ ){1,3}(?:is|are|was) (?:for|there for)\b"
     r"|\bwhose (?:\w+ ){1,2}(?:is|was) (?:it|this|that) supposed to be\b"
     r"|\bremind me,? (?:what|how|who|which)(?:'s| is| was| are)? (?:the )?(?:first|one|only|"
     r"number one|golden|basic|very first) (?:thing|rule|step|lesson)\b"
     r"|\bis (?:that|this|it) (?:really )?(?:a|any) surprise\b"
     r"|\b(?:is|was) (?:that|this) (?:really )?(?:the|your) (?:whole|entire|only|big|grand) "
     r"(?:strategy|plan|idea|approach|pitch)\b"
     r"|\bbecause\s*(?:\.\.\.)?\s*\?"
     r"|^(?:or )?maybe (?:it was |it's )?you (?:\w+ ){0,2}(?:wasted|lost|blew|missed|forgot|"
     r"scared|pushed|rushed|talked|didn't)\b"
     r"|^or did (?:we|you) (?:\w+ ){1,3}because\b"
     r"|^so you(?:'re| are) (?:scared|afraid|frightened|allergic|too (?:good|busy|important|"
     r"scared|proud))\b"
     r"|^did you (?:really |honestly |seriously )?think (?:they|she|he|it|the \w+|someone|"
     r"somebody)(?:'d| would| was going to| were going to| will)\b"
     r"|\bare you (?:really |honestly |even |actually )?surprised\b"
     r"|\b(?:you or (?:them|me|the customer|the prospect|the buyer)|(?:them|me) or you)\s*\?"
     r"|\bafter (?:they|she|he) (?:sign|signs|buy|buys|go|goes) with (?:someone|somebody) else\b"
     r"|\bwhen were you (?:planning|going|hoping) to,"
     r"|^(?:who|what) (?:\w+ ){1,6}, (?:the|your|our|a) (?:receptionist|intern|cleaner|"
     r"end users|users|tea lady|janitor|office dog|work experience kid)\b"),
    ("loaded",
     r"\b(?:fell|fall|falling) for\b"
     r"|\b(?:nobody|no one|you|anyone|anybody) (?:even |ever )?bothered\b"
     r"|\bcouldn't (?:even )?be bothered\b"
     r"|\bwing(?:ing|ed)?[- ]it\b|\bwinging\b"
     r"|\blike (?:a|an|some) (?:rookie|amateur|beginner|intern|newbie|first-timer|trainee|"
     r"student|child|kid)\b"
     r"|\b(?:slip|slipped|slips) (?:your|his|her) mind\b|\bcross(?:ed)? your mind\b"
     r"|\b(?:waste|wasted|wasting) (?:their|my|our|everyone's|his|her|the customer's|the "
     r"prospect's) time\b|\bso you can waste\b"
     r"|\bthrough your fingers\b|\bfor once\b|\bfor a change\b"
     r"|\bthe oldest (?:trick|line|brush-off|excuse|stall|objection) in the book\b"
     r"|\b(?:nodded|nodding) along\b|\bjust sat there\b"
     r"|\b(?:a|the) passenger\b|\b(?:stay|stayed) awake\b|\b(?:fall|fell) asleep\b"
     r"|\blike (?:last time|always|every other time|usual)\s*\?"
     r"|\b(?:winging|skipping|forgetting|missing|losing|chasing|guessing|discounting|"
     r"rambling|pitching) (?:\w+ ){0,2}again\s*\?"
     r"|\bskipped (?:the |my )?(?:\w+ ){0,2}i (?:set up|booked|arranged|organised|organized|"
     r"gave you)\b"
     r"|\banother (?:one|deal) (?:slips|gone|lost|bites)\b"
     r"|\b(?:tomorrow's|today's|next|another|the usual|your usual) excuses?\b"
     r"|\bi take it\s*\?"
     r"|^and you (?:just )?(?:nodded|fell|believed|swallowed|said yes|rolled over)\b"
     r"|^maybe (?:try|if you (?:actually|just|ever))\b"
     r"|\bwho (?:exactly )?(?:gave|give|gives) you (?:permission|the (?:right|authority|"
     r"go-ahead))\b|\bwho (?:exactly )?(?:authorised|authorized|approved) (?:that|this)\b"
     r"|\bwhat (?:were|was) you doing (?:for |during )?(?:the whole|all)\b"
     r"|\bhave you (?:actually|even|ever actually) tried\b"
     r"|\bdid you (?:\w+ )?(?:prepare|plan|read|research|check|listen|think|try|look) at all\b"
     r"|\b(?:literally|basically|kind of|sort of|exactly|precisely) your job\b"
     r"|\bisn't (?:\w+ ){0,4}your job\b|\bthat's (?:literally |kind of )?your job\b"
     r"|\bwhat you(?:'re| are) paid (?:for|to)\b"
     r"|\b(?:everyone|everybody) else (?:manages|can|does|seems|gets|hits|is|has|did|somehow)\b"
     r"|\bthe (?:rest of the team|others) (?:manage|can|seem|get|hit|somehow)\b"
     r"|\b(?:be|been) more like\b"
     r"|^not (?:a single|even one|one single)\b"
     r"|\bhow(?:'s| is) that (?:working out|going) for you\b|\bhow(?:'s| is) that working out\b"
     r"|\b(?:worked|works|working) so well\b"
     # Intensified accusations: "didn't even try", "I bet you...", "on what basis?".
     r"|\b(?:didn't|did not|haven't|have not|never|couldn't|wouldn't) even (?:try|tried|ask|"
     r"asked|bother|call|called|look|looked|check|checked|read|think|listen|prepare|open)\b"
     r"|\bi bet you\b|\bon what basis\b|\bbased on what\b"
     r"|^(?:and|so) you (?:just|simply) (?:\w+ed|went|sent|gave|took|let|told|said|sat|hung|ran|"
     r"left|made|did|thought|decided|figured|chose)\b"
     r"|\btoo much (?:effort|trouble|work|bother|to ask)\b"
     r"|\b(?:and|then|just) (?:hope|pray)(?: for the best)?\s*[?.!]*$"
     r"|\banything else you(?:'d| would| want to)(?: like to)? (?:forget|miss|lose|skip|give "
     r"away|break|drop)\b"
     # Character words and passivity put on the rep: "habit", "laziness", "sitting on it".
     r"|\bor (?:is it |was it )?just (?:habit|laziness|lazy|fear|pride|stubbornness|ego|"
     r"avoidance|inertia)\b|\b(?:laziness|sloppiness|carelessness|complacency|complacent|"
     r"half-hearted|halfhearted|half-arsed|half-assed)\b"
     r"|\b(?:we're|you're|we are|you are|are we|are you) just (?:hoping|praying|assuming|"
     r"guessing|winging)\b"
     r"|\b(?:you(?:'re| are)|you(?:'ve| have) been|reason you're) sitting on\b"
     r"|\b(?:days|weeks|months|years|quarters) (?:of|in) (?:\w+ ){0,3}and (?:that's|this is|"
     r"you|we|still)\b"
     r"|\bwhat did you (?:think|expect) was going to happen\s*[?!]*$"
     r"|(?<=, )(?:next (?:year|quarter|month|week)|never|christmas|someday|some day|"
     r"in a year)\s*\?"
     # Understatement and condescension: "a touch much", "too long for you?", "hidden
     # somewhere?", "Did you read it, or just the title?"
     r"|\b(?:a touch|a tad|a wee bit|just a bit|a little bit|a bit) (?:much|excessive|over the "
     r"top|overkill)\b"
     r"|\btoo (?:long|hard|much|difficult|complicated|boring|tricky|technical|busy|important|"
     r"good) for you\b"
     r"|\b(?:hidden|hiding|locked away|buried) (?:somewhere|away|from you)\b"
     r"|^did you\b[^\n]{0,60}\bor (?:did you )?just\b"
     # "even" as an intensifier of disbelief ("not even surprised", "where do I even start"),
     # lowered expectations ("you at least got a name"), spelling it out for the rep.
     r"|\b(?:not|no longer) (?:even )?surprised\b|\bwhere do i (?:even )?(?:start|begin)\b"
     r"|\b(?:tell me|did|have|can|could) you (?:\w+ )?at least\b|\byou at least\b"
     r"|\bdraw you a (?:diagram|picture|map)\b|\bspell it out\b|\bwords of one syllable\b"
     r"|\bexplain it (?:again|slowly)\b|\ballergic to\b"
     r"|\b(?:what|which) part of\s+(?:\S+\s+){0,6}(?:is|was|are|were) (?:so |still )?(?:confusing|"
     r"unclear|hard|difficult|complicated)\b"
     r"|\b(?:what|which) part of (?:that|this|it|the \w+) (?:don't|didn't) you (?:understand|get)\b"
     r"|\b(?:hand-holding|handholding|babysit|babysitting|spoon-feed|spoon-feeding|spoonfeed)\b"
     r"|\b(?:starting|beginning) to (?:think|wonder|suspect) (?:if |whether |that )?you\b"
     r"|\bor (?:did|was it|is it) you\s*\?"
     # Intensifiers of disbelief: "how on earth", "does that even happen", "at least".
     r"|\b(?:how|what|where|who|when) (?:on earth|the hell|in the world)\b"
     r"|\b(?:does|did|do|can|could|would|is|was) (?:that|this|it|they|he|she) even\b"
     r"|\b(?:did|have|has|can|could|were|was) (?:they|he|she|we) (?:\w+ )?at least\b"
     r"|^so (?:we|you)(?:'re| are)? just \w+(?: \w+){0,4} now\s*\?"
     r"|\b(?:goes|went|go|going|gone) so well\b"
     r"|\bnot (?:exactly )?your (?:strong suit|strong point|forte|thing)\b"
     r"|^you(?:'re| are) (?:a |an |so |such an? |being )?(?:\w+ ){0,2}\w+, (?:aren't|weren't) you\b"
     r"|(?<=, )(?:yes|you know)\s*[?.!]*$"
     r"|\b(?:\w+ )much\s*\?\s*$(?<!how much\?)(?<!very much\?)(?<!too much\?)"
     r"|(?<=, )(?:you|yourself)\s*\?"
     r"|\bhow(?:'s| is) (?:the |that |this |your )?\w+(?: \w+)? working out\b"
     r"|\bcome up for air\b|\bdid it (?:even )?happen if\b|\ba taboo\b"
     ),
]

# All tables in one regex, run once over the reply with one sentence per line, so "^" and "$"
# mark sentence edges. Every pattern starts at the start of a word: the guard in front lets
# the engine skip other positions at once. The alternatives are grouped by their first letter
# ("w" -> all patterns that start with "w"), so at each word the engine tries only the
# patterns that can match there, not all of them: the tables can grow without slowing the
# read. The combined regex has no groups (they cost time at every attempt); a match, which is
# rare, is then matched again against each kind's own regex to name its kind.
_GUARD = r"(?:(?<=[\s,])|^)(?=[a-z])"


def _bucketed(parts: list[str]) -> str:
    """One alternation of ``parts``, grouped so that the engine tries few of them per word:
    by first letter, with the sentence-start ("^") and after-a-comma parts each behind their
    one check."""
    by_letter: dict[str, list[str]] = {}
    anchored: list[str] = []
    after_comma: list[str] = []
    other: list[str] = []
    for part in (piece for whole in parts for piece in _expand(whole)):
        first, rest = part[:1], part[1:]
        if first == "^":
            anchored.append(rest)
        elif part.startswith(_AFTER_COMMA):
            after_comma.append(part[len(_AFTER_COMMA):])
        elif "a" <= first <= "z" and rest[:1] not in ("?", "*", "+", "{"):
            by_letter.setdefault(first, []).append(rest)
        else:
            other.append(part)
    if anchored:
        other.append(f"^(?:{_bucketed(anchored)})")
    if after_comma:
        other.append(f"{_AFTER_COMMA}(?:{_bucketed(after_comma)})")
    letters = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())]
    return "|".join(other + letters)


_AFTER_COMMA = "(?<=, )"


def _expand(part: str) -> list[str]:
    """``(?:a|b)rest`` -> ``arest``, ``brest``, so each can go to its letter's bucket."""
    if not part.startswith("(?:"):
        return [part]
    depth, index = 0, 0
    while index < len(part):
        char = part[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = part.index("]", index + 1) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                break
        index += 1
    body, suffix = part[3:index], part[index + 1:]
    if suffix[:1] in ("?", "*", "+", "{"):
        return [part]
    return [piece for alternative in top_level(body) for piece in _expand(alternative + suffix)]


def _parts(pattern: str) -> list[str]:
    return [part.removeprefix("\\b") for part in top_level(pattern)]


# Compiled on first use, not at import: compiling the tables took ~0.3 s of the import, and every
# process that imports the analysis pays it, though many never read a reply (``coachlab grade``
# reaches this module through its xAPI statements).
@lru_cache(maxsize=1)
def _table() -> re.Pattern[str]:
    """Every kind's patterns in one regex: the read of every reply."""
    return re.compile(
        _GUARD + "(?:" + _bucketed([part for _, pattern in _RULES for part in _parts(pattern)])
        + ")", re.M)


@lru_cache(maxsize=len(_RULES))
def _kind_table(index: int) -> re.Pattern[str]:
    """The regex of the ``index``-th kind of ``_RULES``, to name the kind of a match (rare)."""
    return re.compile("(?:" + _bucketed(_parts(_RULES[index][1])) + ")", re.M)


def _kind_at(lines: str, start: int) -> tuple[str, re.Match[str] | None]:
    """The first kind (in table order) whose patterns match at ``start``, and its match."""
    for index, (kind, _pattern) in enumerate(_RULES):
        found = _kind_table(index).match(lines, start)
        if found is not None:
            return kind, found
    return "blame", None


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# Standalone echoes of disbelief: "Really?", "Seriously?", "Again?", "Ever?", "Come on."
_DISBELIEF = re.compile(
    r"(?:^|[.!?]\s*)(?:really|seriously|again|ever|come on|are you serious|for real|"
    r"you did what)\s*[?!.]+"
)
# "When you say you blew it, ...": the rep's own words, reflected back.
_REFLECT = re.compile(
    r"\b(?:you (?:say|said|feel|felt|think|thought|mentioned|called it|described|told me)|"
    r"you're saying|makes you (?:feel|say|think)|you (?:don't )?think you're|do you feel)\b"
)
# "It's not your fault.", "Nobody thinks you're incompetent.": a verdict denied is support.
_NEGATED = re.compile(
    r"\b(?:not|never|nobody|no one|isn't|wasn't|aren't|weren't|don't|doesn't|didn't)\b"
    r"[^.?!\n]{0,25}$"
)
# The rep doubts themselves; agreeing is a verdict ("You're not.", "Honestly, I agree.").
_SELF_DOUBT = re.compile(
    r"\bi(?:'m| am) (?:not (?:cut out|good enough|ready|sure i'm|any good)|terrible|useless|"
    r"hopeless|awful|rubbish|bad at)|\bi don't think i'm\b|\bi can't do (?:this|it)\b|"
    r"\bi(?:'m| am) not sure i(?:'m| am)\b"
)
_AGREES = re.compile(
    r"^(?:honestly,? |frankly,? |to be honest,? )?(?:i(?:'m| am)? (?:starting to |inclined to |"
    r"tend to |have to |do )?agree|you(?:'re| are) not(?! (?:alone|the first|the only|wrong))"
    r"|no,? you(?:'re| are) not|you aren't|probably not|maybe not|nope|agreed|you're right\s*[.!])"
)
# Praise on its own after a setback, with no question to follow, is sarcasm.
# "Nice. Spam them a sixth time, that'll work."
_PRAISE_THEN = re.compile(
    r"\b(?:nice|great|sure|yeah|brilliant|perfect|oh yes)\b[.,!]?\s[^?]{0,80}"
    r"\bthat'll (?:work|help|do it|show them)\b"
)
_PRAISE_ALONE = re.compile(rf"(?:^|[.!?]\s+){_PRAISE}(?: \w+)?\s*(?:[.!]|$)")
_PRAISE_LEAD = re.compile(
    rf"^(?:(?:well|oh|wow|yeah|sure|right|just|gee),? )*(?:a )?{_PRAISE}\b"
    r"(?! (?:for|to|that you|of you))"
)
_SETBACK = re.compile(
    r"\b(?:lost|lose|losing|loss|missed|miss|slipped|blew|blown|failed|fail|crashed|ghosted|"
    r"rejected|behind|froze|forgot|forgotten|stalled|nothing|nowhere|no idea|don't know|"
    r"pushed|delayed|postponed|cancelled|canceled|declined|turned down|walked|churned|quiet|"
    r"accidentally|by mistake|oops|error|leaked|messed|screwed|dropped|bad|worse|worst|"
    r"didn't|wasn't|won't|can't|gave away|given away|mistake|wrong|sick|broke)\b"
)
# Good news in the rep's line makes praise sincere ("I finally got the meeting.").
_GOOD_NEWS = re.compile(
    r"\b(?:closed|won|signed|booked|got|agreed|finally|landed|hit|beat|smashed|nailed|"
    r"accepted|approved|renewed|yes)\b"
)
_FOR_EFFORT = re.compile(
    r"\b(?:for|on) (?:trying|telling|bringing|raising|owning|being|flagging|taking|sharing|"
    r"asking|coming|getting|having|the honesty)\b"
)


class _Line(NamedTuple):
    """What the rep's line says about how things went, read once per line."""

    setback: bool
    good_news: bool
    shortfall: bool
    report: bool
    self_doubt: bool


@lru_cache(maxsize=256)
def _read_line(context: str) -> _Line:
    # Scenarios and drills judge many replies against the same line of the rep.
    return _Line(
        _SETBACK.search(context) is not None,
        _GOOD_NEWS.search(context) is not None,
        _OWN_SHORTFALL.search(context) is not None,
        _REPORT.search(context) is not None,
        _SELF_DOUBT.search(context) is not None,
    )


def find(reply: str, context: str | None = None) -> tuple[str, str] | None:
    """The kind of judging in ``reply`` and the words that show it, or None.

    Both texts are normalised (see :func:`coachlab.analysis.text.normalise`).
    """
    text = _QUOTED.sub(" ", reply).strip()
    lines = _SENTENCE_END.sub("\n", text)
    for match in _table().finditer(lines):
        kind, own = _kind_at(lines, match.start())
        match = own or match
        start = lines.rfind("\n", 0, match.start()) + 1
        if kind in ("verdict", "blame") and _REFLECT.search(lines, start, match.start()):
            continue
        if kind == "verdict" and _NEGATED.search(lines, start, match.start()):
            continue
        return kind, match.group(0).strip(" ,")
    sarcastic = _PRAISE_THEN.search(text) if "that'll" in text else None
    if sarcastic is not None:
        return "sarcasm", sarcastic.group(0).strip(" .!,")
    found = _DISBELIEF.search(text)
    if found is not None and not _follows_news(text, found):
        return "blame", found.group(0).strip(" .!?")
    line = _read_line(context) if context is not None else None
    if line is not None and line.self_doubt:
        agreed = _AGREES.search(text)
        if agreed is not None:
            return "verdict", agreed.group(0).strip(" ,.!")
    irony = _irony(text, lines, line)
    if irony is not None:
        return "sarcasm", irony
    if "?" in text:
        return None
    praise = _PRAISE_ALONE.search(text) or _PRAISE_LEAD.search(text)
    if praise is not None and not _FOR_EFFORT.search(text):
        if _SETBACK.search(text) or (
            line is not None and line.setback and not line.good_news
        ):
            return "sarcasm", praise.group(0).strip(" .!,")
    if line is not None and (line.shortfall or (line.report and not line.good_news)):
        comment = _bare_comment(text, lines)
        if comment is not None:
            return "comment", comment
    return None


# A reply with no question after the rep owns up to a setback is advice, an offer, an
# acknowledgement, an invitation or a comment. The first four are few and recognisable; what
# is left is a comment on what went wrong ("Very professional.", "Two weeks. They've probably
# forgotten our name by now."), which the rep can only take as a verdict. Sarcasm is open-ended,
# so it is found by elimination rather than by listing it.
_ADVICE = re.compile(
    r"^(?:next time|try|you (?:should|could|might|need|have|want|may)|i'd|i would|i'll|"
    r"i will|let's|let me|let us|we (?:should|could|need|can|will|'ll)|make sure|don't|do not|"
    r"please|always|never|start|stop|keep|hold|call|send|ask|email|book|get|go|focus|push|"
    r"offer|use|loop|bring|set|write|prepare|schedule|follow|remember|think|consider|give|"
    r"take|tell|walk|talk|say|show|help|describe|explain|share|check|pick|find|put|plan|"
    r"practise|practice|rehearse|reach|own|open|lead|fine|ok|okay|right|sure|alright|"
    r"if (?:i|you) (?:were|was)|the (?:trick|key|best|thing) (?:is|to)|one (?:idea|option|"
    r"thing)|i(?:'m| am) (?:curious|interested|wondering)|i wonder|i'd (?:love|like) to|"
    r"help me|"
    # A question typed without its question mark ("why did they leave them").
    r"(?:what|how|why|who|whom|whose|when|where|which|is|are|was|were|do|does|did|have|has|"
    r"had|can|could|will|would|should)(?:'s|'re)?)\b"
)
_ACKNOWLEDGE = re.compile(
    r"\b(?:sorry|thanks|thank you|sounds|i hear you|i get it|i see|fair enough|fair point|"
    r"good point|got it|no worries|don't worry|not your fault|understandable|it happens|"
    r"happens to|that's (?:rough|tough|hard|a shame|frustrating|annoying|a lot|a pain|"
    r"a blow|gutting|a tough one)|tough one|rough|oof|ouch|ugh|hmm+|mm+|glad|appreciate|"
    r"you're right|agreed|true|noted|understood|makes sense|i know the feeling|been there|"
    r"must (?:be|have been|feel) (?:hard|tough|frustrating|exhausting|gutting|awful|stressful|"
    r"a blow|painful|disappointing)|well done|good on you|proud of you|nice work|good work|"
    r"that took guts|brave|honest|welcome|good luck|best of luck|you've got this|you'll (?:be "
    r"fine|do great|do well|smash it|nail it)|fingers crossed|rooting for you|normal|natural|"
    r"common|everyone (?:does|feels|has)|we've all|no shame|interesting|tell me|say more|"
    r"go on|keep going|i'm listening|take your time)\b"
)


# The rep owns up to a shortfall ("I booked it for the wrong day", "I haven't read it"), or
# reports what they did or what happened; good news ("I finally got the meeting") makes a
# one-word reply a sincere acknowledgement instead.
_OWN_SHORTFALL = re.compile(
    r"\b(?:wrong|without|forgot|forgotten|missed|didn't|haven't|hasn't|wasn't|couldn't|"
    r"never|skipped|lost|too (?:long|much|early|late|soon|fast))\b"
)
_REPORT = re.compile(r"^(?:i|we|they|the|my|our|she|he)\b|\bi(?:'ve| have| had)?\b")


def _bare_comment(text: str, lines: str) -> str | None:
    """The first sentence of a reply that is only a comment (no question, invitation, advice,
    offer or acknowledgement), or None."""
    if "?" in text:
        return None
    sentences = [line.strip(" .!,;:") for line in lines.split("\n") if line.strip(" .!,;:")]
    if not sentences:
        return None
    for sentence in sentences:
        if _ADVICE.match(sentence) or _ACKNOWLEDGE.search(sentence):
            return None
    return sentences[0]


# "Lovely." / "Brilliant." as a sentence of its own: irony after a setback or a plain report.
# "Great." and "Nice." are ordinary acknowledgements too, so they count only after a setback.
_IRONIC_OPENER = re.compile(
    r"^(?:oh,? |well,? |ah,? |just |how )?(?P<word>lovely|brilliant|wonderful|marvellous|"
    r"marvelous|fantastic|fabulous|superb|outstanding|awesome|stellar|magnificent|perfect|"
    r"super|terrific|splendid|charming|great|nice|excellent)"
    r"(?: stuff)?\s*[.!]"
)
# Praise for the rep's form after a setback: "You're really killing it.", "I'm so impressed."
_IRONIC_PRAISE = re.compile(
    r"\b(?:killing it|on fire|nailing it|crushing it|smashing it|on a roll|star performer|"
    r"(?:i'm|i am) (?:so |really |very )?(?:impressed|proud)|impressive|masterclass|"
    r"(?:they|you|he|she)(?:'ll| will| must| clearly| obviously)? (?:love|adore|enjoy)\b)"
)
_ONLY_AFTER_SETBACK = frozenset(("great", "nice", "excellent", "super"))
# A tag that agrees with its own sentence: "So we'll do it twice, will we?"
_AGREEING_TAG = re.compile(
    r",\s*(?:is|are|was|were|will|would|do|does|did|have|has|can|shall)\s+"
    r"(?:it|we|you|they|he|she|i)\s*\?\s*$",
    re.M,
)
# "You've had four meetings. Four.": a word said again on its own is exasperation.
_ALONE = re.compile(r"\n([a-z]{3,})[.!]+(?=\n|$)")
# "Traffic. Right.": a "Right." after an echo is disbelief.
_ECHO_RIGHT = re.compile(r"\n(?:right|sure|riiight|uh-huh|yeah,? right)[.!]*(?:\n|$)")


def _irony(text: str, lines: str, line: _Line | None) -> str | None:
    """Irony that the table cannot see alone: praise words after a setback, agreeing tags,
    and a "Right." after an echo."""
    if line is not None and line.setback and not line.good_news:
        praise = _IRONIC_PRAISE.search(text)
        if praise is not None and not _FOR_EFFORT.search(text):
            return praise.group(0)
    opener = _IRONIC_OPENER.match(text)
    if (opener is not None and line is not None and not line.good_news
            and not _FOR_EFFORT.search(text)
            and (opener.group("word") not in _ONLY_AFTER_SETBACK or line.setback)):
        return opener.group(0).strip(" .!")
    # "So we'll do it twice, will we?" (agreeing) and "They won't get any warmer, are they?"
    # (a negative the rep is meant to accept) both assert; a checking tag after a plain
    # statement ("You sent it, didn't you?") has "n't" in the tag and is not matched.
    tag = _AGREEING_TAG.search(lines) if "?" in text else None
    if tag is not None:
        return tag.group(0).strip()
    if "\n" not in lines:  # the rest needs two sentences
        return None
    for alone in _ALONE.finditer(lines):
        before = lines[lines.rfind("\n", 0, alone.start()) + 1:alone.start()]
        if re.search(rf"\b{alone.group(1)}\b", before):
            return alone.group(0).strip()
    right = _ECHO_RIGHT.search(lines)
    if right is not None:
        return right.group(0).strip()
    return None


def _follows_news(text: str, found: re.Match[str]) -> bool:
    """"Really? Tell me more." is surprise, not disbelief, when an invitation follows it."""
    rest = text[found.end():].strip()
    return found.group(0).strip(" .!?") == "really" and bool(
        re.match(r"^(?:tell me|say more|go on|walk me|what happened|how did|what did)", rest)
    )
