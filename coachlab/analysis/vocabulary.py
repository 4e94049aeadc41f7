"""Word lists behind the off-topic check, as data.

A reply engages with the rep when it shares a word with what the rep said, names the deal or
the work (``DEAL``, ``WORK``), points back at it ("it", "they"), or asks a generic coaching
question with no topic of its own ("What's going on?"). ``SMALL_TALK`` names topics that are
not the rep's problem. ``FUNCTION`` words carry no topic at all. Entries are lower-case words; a
word of a reply is looked up as written and as its stem (:func:`coachlab.analysis.topic.stem`).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words with no topic: pronouns, determiners, auxiliaries, question words, prepositions,
# conjunctions, quantifiers, generic verbs and adverbs of time and degree.
FUNCTION = _words("""
a an the this that these those it its it's itself there there's here here's
i me my mine myself we us our ours you your yours yourself you're you've you'd you'll
he him his she her hers they them their theirs they're they've they'd one ones
i'm i've i'd i'll we're we've we'd let's what what's whats how how's why why's who who's
whom whose when when's where where's which whatever whoever however
is are was were be been being am do does did done doing have has had having
can could will would shall should may might must ought isn't aren't wasn't weren't
don't doesn't didn't haven't hasn't hadn't can't couldn't won't wouldn't shouldn't
not no yes yeah yep ok okay oh hey hi hello well so and or but if then than also too
very really just quite rather pretty bit lot lots little much many more most less least
some any all every each both either neither other another else such same own
of in on at by for with about from to into onto over under up down out off through
around across after before since until while during between among against without within
as like because though although whether yet still already ever never always often
sometimes usually again once twice now today tonight tomorrow yesterday soon later lately
ago recently currently anyway actually basically honestly seriously exactly maybe perhaps
thing things something anything everything nothing stuff way ways kind sort bit part
think thought feel felt know knew known say said tell told go goes going went gone get
got getting make made making see saw seen want wanted need needed like liked mean meant
look looked looking come came coming take took taken give gave given put keep kept let
happen happened happening find found seem seemed try tried trying use used
new old good bad great big small best better worse worst first last next own sure real
right wrong true fine nice whole even just only
day days week weeks month months year years time times morning afternoon evening night
moment today's these days
mind view take read sense idea ideas thoughts
""")

# The deal and the people and documents around it: naming any of them engages with the work.
DEAL = _words("""
deal deals account accounts customer customers client clients buyer buyers prospect
prospects lead leads opportunity opportunities pipeline pipe forecast forecasts quota
number numbers target targets commit commission revenue arr acv tcv margin margins booking
bookings sale sales sell selling sold seller sellers rep reps ae aes sdr sdrs bdr
demo demos pitch pitches presentation proposal proposals quote quotes pricing price prices
priced discount discounts discounting contract contracts renewal renewals renew signature
sign signed signing paper paperwork po procurement legal redline redlines terms term
liability clause clauses negotiation negotiate negotiating objection objections
competitor competitors competition competitive vendor vendors incumbent rfp rfi shortlist
champion champions sponsor sponsors stakeholder stakeholders decision decisions
decide decided budget budgets approval approve approved sign-off cfo ceo cio cto coo cro
vp vps director directors head executive executives exec execs board committee
gatekeeper assistant procurement finance it security compliance admin
call calls calling cold meeting meetings onsite qbr review reviews email emails
follow-up followup follow-ups message messages voicemail sequence cadence outreach
prospecting discovery qualification qualify qualified close closing closed won lost loss
win wins stall stalled slip slipped slipping ghost ghosted silence quiet
roi value business case integration integrations product feature features roadmap
implementation rollout pilot trial poc onboarding service contract
payment net invoice license licence licenses seats users
territory region market segment enterprise mid-market smb industry vertical
hire hired hiring ramp ramping crm salesforce hubspot linkedin
""")

# Coaching and the rep's work, thinking and feelings: these engage unless the reply is
# plainly small talk ("How's your marathon training going?").
WORK = _words("""
team teams teammate teammates peer peers manager managers boss coach coaching
job role career promotion promoted
work working worked task tasks project projects process processes step steps
goal goals objective objectives outcome outcomes result results success succeed
fail failed failure failing mistake mistakes problem problems issue issues challenge
challenges obstacle obstacles blocker blockers risk risks barrier barriers gap gaps
option options choice choices alternative alternatives approach approaches strategy
tactic tactics plan plans planning prepare preparing prep preparation practice
practise rehearse rehearsal role-play roleplay feedback debrief pre-brief brief
learn learned learning lesson lessons skill skills habit habits attitude strength
strengths weakness weaknesses improve improvement better growth develop development
help helping helped helpful support supporting useful need needs priority priorities
question questions answer answers ask asked asking listen listened listening
talk talked talking speak spoke conversation conversations discuss discussion
explain explained describe story stories example examples detail details
situation situations context background picture reason reasons cause causes root
evidence data fact facts signal signals pattern patterns trend trends
confidence confident competence competent fear fears afraid scared nervous nerves
worry worried worries anxious stress stressed stressful pressure frustrated frustration
upset angry anger disappointed disappointment excited energy motivated motivation
tired exhausted exhaustion burnout overwhelmed hard difficult easy tough uncomfortable
ready readiness prepared unsure doubt doubts trust trusted relationship relationships
expect expected expectation expectations hope hoped assume assumption assumptions
believe belief beliefs notice noticed observe observed learned realise realize
change changed changing different differently improve instead
happen happened outcome impact effect consequence consequences cost costs
decide deciding decision commit commitment agree agreed agreement disagree
respond response responded react reaction reacted reply replied
open opener opening start started starting begin end ending finish next
meeting room table moment minute minutes hour hours deadline date timeline timing
urgent urgency priority week quarter month year time
stuck stall block blocked blocking push pushed pushback hold resist resistance
hesitate hesitation hesitant concern concerns objection trade-off
handle handled manage managed managing lead leading led own owned ownership
control responsibility accountable role
well wrong right worked
share shared show showed write wrote send sent
""")

# Topics that are not the rep's problem (small talk, home life, hobbies, the news).
SMALL_TALK = _words("""
weather rain raining sunny sunshine snow snowing storm heatwave temperature
umbrella
weekend weekends holiday holidays vacation vacations trip trips travel beach
summer winter spring autumn christmas easter thanksgiving halloween birthday birthdays
anniversary wedding weddings party parties celebration bbq barbecue picnic
lunch dinner breakfast brunch food eat eating eaten ate meal meals cook cooking cooked
recipe restaurant restaurants cafe coffee tea pizza burger sandwich wine beer cocktail
drink drinks bar pub snack snacks dessert cake
game games match matches football soccer rugby cricket basketball baseball hockey tennis
golf sport sports league olympics
 race racing marathon gym workout yoga cycling bike
hike hiking swimming ski skiing
movie movies film films cinema tv television netflix episode episodes
binge binged novel novels podcast podcasts music song songs album band bands
concert concerts gig festival karaoke radio
kid kids child children son sons daughter daughters baby babies wife husband
mum mom mother dad father parent parents brother brothers sister sisters family families
cousin aunt uncle grandma grandmother grandpa grandfather niece nephew in-laws
dog dogs puppy puppies cat cats kitten pet pets horse
 flat apartment garden gardening kitchen renovation renovating diy neighbour
neighbours neighbor neighbors furniture
car cars traffic commute parking bus
election elections politics political headline headlines
jacket shoes shirt dress outfit clothes haircut hair fashion
hobby hobbies recital teacher homework
fireworks eclipse tomatoes vegetable vegetables horoscope zodiac
dentist diet dieting fitness sushi crypto cryptocurrency bitcoin stocks lottery vacuum eve
oscars emmys grammys eurovision celebrity celebrities royals
""")

# Deal words that small talk uses too ("Who will win the election?", "the match was close"):
# they do not rescue a reply that is otherwise small talk.
SHARED = _words("""
win wins won winning close closing closed lost loss number numbers target targets call calls
review reviews value case plan plans commit market cold sign signed quiet silence head board
run running season score team service support sell selling sold sale sales price prices
""")

# Phrases that mark a small-talk topic, matched on normalised text: off topic unless the
# reply also shares a word with the rep's line.
SMALL_TALK_PHRASES = (
    r"\b(?:which|what) (?:team|club|side) do you (?:support|follow|root for|cheer for)\b",
    r"\bwhat are you (?:listening to|reading|watching|eating|cooking|drinking)\b"
    r"(?! (?:into|for|out))",
    r"\b(?:watch|see|catch|watching|seen|saw|catching) the (?:final|game|match|race|fight|"
    r"debate|concert|parade|news(?! (?:about|from|on|that)))\b",
    r"\b(?:star sign|office party|team dinner|team lunch|coffee machine|long weekend|"
    r"new year's (?:eve|day|resolutions?|party|plans)|world cup|super bowl|grand prix|"
    r"champions league|premier league|six nations|world series|tour de france|wimbledon|"
    r"fantasy (?:football|league))\b",
    r"\bhow (?:was|is|did) (?:your|the) (?:night|evening|weekend|break|time off)\b",
)
# Weaker signs of a side topic: off topic only when nothing in the reply is about the deal or
# the work ("What's the new guy on their team like?" and "What's your favourite part of the
# job?" engage; "What do you think of the new logo?" does not).
SIDE_TOPIC_PHRASES = (
    r"\bwhat are you (?:doing|up to) (?:this|tonight|tomorrow|on|after|over|for)\b",
    r"\bwhat are you up to\b",
    r"\b(?:the|your|that|this) (?:new|latest|favourite|favorite) (?!(?:deal|customer|client|"
    r"buyer|prospect|lead|account|rep|hire|cfo|ceo|cio|cto|vp|champion|contact|contract|"
    r"proposal|quote|pricing|price|plan|process|pipeline|quota|target|territory|role|job|"
    r"manager|boss|team|approach|opener|pitch|script|deck|demo|version|product|feature|"
    r"release|policy|system|tool|crm|date|timeline|number|forecast|person|stakeholder|"
    r"sponsor|director|head|vendor|competitor|offer|terms|idea|strategy)\b)[a-z]+",
    r"\b(?:favourite|favorite)\b",
)
TOPIC_CHANGE = (
    r"\b(?:enough about (?:work|that|this|the deal)|on (?:a|an) (?:different|other|unrelated|"
    r"separate|lighter) note|on another note|changing the subject|change of subject|"
    r"totally (?:unrelated|different)|unrelated(?: question)?|random question|off[- ]topic|"
    r"not work[- ]related|forget (?:about )?(?:work|the deal) for a (?:second|minute|moment))\b",
)
