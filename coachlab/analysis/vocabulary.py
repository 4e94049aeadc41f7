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
movie movies film films cinema tv television netflix episode episodes documentary
documentaries box-set
binge binged novel novels podcast podcasts music song songs album band bands
concert concerts gig festival karaoke radio
kid kids child children son sons daughter daughters baby babies wife husband
mum mom mother dad father parent parents brother brothers sister sisters family families
cousin aunt uncle grandma grandmother grandpa grandfather niece nephew in-laws
dog dogs puppy puppies cat cats kitten pet pets horse
 flat apartment garden gardening kitchen renovation renovating diy neighbour
neighbours neighbor neighbors furniture
car cars traffic commute parking bus drive flight
election elections politics political headline headlines
jacket shoes shirt dress outfit clothes haircut hair fashion
hobby hobbies recital teacher homework pottery class classes choir guitar piano
santa secret-santa quiz-night concert
five-a-side house move-house
climbing allotment baking painting
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


# --- relevance: what the rep's line and the reply are about -------------------------------
#
# The off-topic check judges a reply by its relevance to what the rep just said, not by a list
# of forbidden topics. Every content word of the reply is one of:
#
# - shared with the rep's line (same stem): the reply picks the rep's words back up;
# - ``GENERIC``: a coaching word with no topic of its own ("What makes you think that?",
#   "What would help?"), or a pointer back at the rep's situation ("the deal", "the customer");
# - in a ``CONCEPTS`` class that the rep's line also touches: another word for the same thing
#   ("discount" after "15% off", "introduce" after "reach the VP");
# - foreign: in no class the rep's line touches, or in no class at all (names of other
#   accounts, tools, admin, small talk).
#
# A reply whose foreign words outweigh the ones it shares with the rep's line has a topic of
# its own: it is off topic, whatever that topic is.

# Coaching words: thinking, feeling, doing, time and sequence, and the generic nouns a coach
# uses about any situation. They carry no topic, so they never make a reply off topic.
GENERIC = _words("""
think thinking thought thoughts feel feeling feelings felt sense make makes made mean means
meaning happen happens happened happening go goes going went gone come comes came coming get
gets got getting take takes took taken do does did done doing see sees seen saw look looks
looked looking notice noticed noticing learn learned learnt learning lesson lessons realise
realize realised realized understand understood understanding know knew known wonder
wondering expect expected expecting expectation expectations hope hoped hoping assume assumed
assumption assumptions want wanted wanting wants need needed needs like liked try tried trying
help helps helped helping helpful useful support change changed changing different
differently difference instead else other option options choice choices alternative approach
way ways plan plans planning planned idea ideas view read reading mind opinion reckon guess
suspect believe belief outcome outcomes result results goal goals aim success succeed work
working works worked problem problems issue issues challenge challenges obstacle obstacles
blocker blockers block blocking risk risks concern concerns worry worried worries worrying
nervous nerves fear fears afraid scared confident confidence sure unsure doubt doubts
comfortable uncomfortable easy easier hard harder difficult tough stuck frustrated
frustrating upset angry disappointed excited keen eager interested interest ready prepared
prepare preparing prep reason reasons cause causes behind driver
drivers root real true situation context picture background story detail details example
examples evidence signal signals pattern patterns common next step steps move moves point
moment moments time times until back now then later earlier first last start started
starting end ended begin finish say says said saying tell tells told telling ask asks asked
asking answer answers answered question questions talk talks talked talking speak spoke
conversation conversations discuss discussed explain explained describe walk share shared
show showed respond responded response react reaction reacted reply replied replies hear
heard listen listened handle handled handling most least more less much many lot best worst
better worse good bad great right wrong well possible likely person people someone somebody
anyone anybody nobody everyone everybody one part piece side whole level area role kind
deal deals account customer customers prospect prospects client clients opportunity
opportunities sale sales sold seller sellers selling rep reps business guy guys folks lady
man woman wait waiting leave left keep kept
give gave given put set bring brought find found matter matters important priority
priorities worth value happy unhappy surprise surprised surprising stop stopped pull pulled
push pushed lose losing lost miss missed use used own owned mistake mistakes fault
theory theories hunch gut instinct instincts energy stake stakes typical typically focus
care cares cared caring
advise advice friend self perfect perfectly play plays unfinished word words affected
smallest biggest hardest toughest easiest best wish recover recovered enjoy enjoyed drain
drains draining sharpen useful apologise apologised apologize feels hear sound sounds
sounding land lands landed tip tipped stand stands standing sit sits sitting seem seems
seemed usual usually normally often thing everything anything nothing whole bit lot
happen so-far far since ago yet already still exactly really fully quite entirely
themselves yourself himself herself itself turn turned turns spend spends spent day
""")

# Concept classes: words that name the same part of a rep's situation. Two texts that touch
# the same class are about the same thing even with no word in common. Compound terms are
# joined with "-" before lookup (see ``COMPOUNDS``).
CONCEPTS: dict[str, frozenset[str]] = {
    "buyer": _words("""
        cfo ceo cio cto coo cro cmo cso vp vps svp evp director directors head heads executive
        executives exec execs board committee boss bosses leadership management senior
        seniors c-level c-suite buyer buyers economic decision-maker decision-makers maker
        makers signer signers signatory approver owner owners sponsor sponsors champion
        champions stakeholder stakeholders upstairs founder president chief authority power
        influence decide decides decided decision decisions sign-off budget-holder
        procurement finance legal it security operations ops user users end-users staff
        analyst analysts engineer engineers architect assistant gatekeeper receptionist
        manager managers team teams junior deputy delegate chair employee employees buying
        who whom whose org org-chart hierarchy involved
    """),
    "money": _words("""
        budget budgets price prices pricing priced cost costs cheap cheaper cheapest expensive
        discount discounts discounting discounted off percent money spend spending roi value
        invoice payment terms margin margins quote quotes quoted fee fees free paid pay
        afford affordable funding funds savings save business-case list-price seats
        license licence licenses objection objections net
    """),
    "meeting": _words("""
        call calls meeting meetings demo demos demoed demoing session sessions check-in
        check-ins presentation presentations pitch pitches pitched pitching workshop onsite
        visit agenda invite invited invitation attend attended attending attendee
        attendees room calendar reschedule rescheduled cancel cancelled canceled postpone
        postponed moved slot qbr
    """),
    "contact": _words("""
        follow-up follow-ups followup follow recap email emails emailed message messages
        messaged ghost ghosted ghosting silence silent quiet chase chasing chased voicemail
        sequence sequences cadence touch touches reach reached reaching outreach contact
        contacted nudge phone ring rang pick-up respond reply unresponsive dark
        cold warm hold hear calling prospecting template templates
    """),
    "access": _words("""
        reach access introduce introduced introduction introductions intro intros referral
        referrals gatekeeper connect connection connections network door doors room
        meet met upstairs above over-head past route way-in relationship relationships know
        linkedin
    """),
    "stall": _words("""
        stall stalled stalling stuck quiet silence silent ghost ghosted ghosting dark
        slipped slip slipping delay delayed pushed moved postponed cancelled canceled
        nothing since waiting wait cold hung hang-up gone disappear disappeared vanish
        unresponsive
    """),
    "forecast": _words("""
        forecast forecasts forecasting pipeline commit committed commitment quota target
        targets number numbers stage stages probability close closing closed quarter slip
        slipped slipping date dates timeline timelines timing delay delayed push pushed
        moved next-quarter year deadline urgency urgent month stall stalled stuck booking
        bookings revenue arr acv tcv pipe
    """),
    "leads": _words("""
        lead leads inbound outbound webinar webinars sign-up sign-ups signups signup trial
        trials free-tier mql mqls sql sqls funnel conversion conversions convert converts
        converting converted nurture form forms download downloads attendee attendees
        trade-show stand event events referral referrals score scoring lead-score students
        student junk tyre-kickers qualified unqualified marketing campaign pricing-page
        contact-form partner interest interested pain drop-off drop sequence
    """),
    "discovery": _words("""
        discovery question questions ask asked asking listen listening pain pains need needs
        problem goals goal priorities qualify qualification qualified research understand
        curious curiosity monologue talking-ratio talk-ratio talked interrupt interrupted
        conversation opener open hand handed floor silence pause
    """),
    "competition": _words("""
        competitor competitors competition competing compete vendor vendors incumbent
        alternative alternatives spreadsheet spreadsheets shortlist shortlisted comparing
        compare compared comparison evaluating evaluation evaluate cheaper startup position
        against rival rivals other-vendor current-vendor switch switching lost won loss
        win wins rfp rfi competitive
    """),
    "product": _words("""
        product products feature features integration integrations security roadmap
        technical architecture platform api functionality tool tools system systems
        implementation rollout setup configuration data migration demo software
    """),
    "proof": _words("""
        reference references case-study case-studies customer-story stories pilot pilots poc
        proof trial trials evidence results testimonial testimonials success-story prove
        proves test tested testing
    """),
    "contract": _words("""
        contract contracts legal lawyer lawyers redline redlines terms procurement paper
        paperwork signature sign signed signing po purchase-order order-form clause clauses
        liability negotiate negotiation negotiating security-review security-form
        questionnaire form review approval approve approved
    """),
    "renewal": _words("""
        renewal renewals renew renewing churn churned expansion expand upsell upgrade
        retention
    """),
    "internal": _words("""
        champion champions sponsor advocate internal internally business-case upstairs board
        sell-internally coach pitch alone sell selling buy-in
    """),
    "initiative": _words("""
        project projects initiative initiatives owner owners reorg reorganisation
        restructure restructuring change priority priorities strategy strategic program
        programme problem pain real plan
    """),
    "proposal": _words("""
        proposal proposals quote quotes info information deck decks one-pager brochure
        collateral send sent document documents materials recap summary
    """),
    "territory": _words("""
        territory territories region regions segment segments market markets industry
        industries vertical verticals enterprise mid-market smb patch
    """),
    "team": _words("""
        hire hires hired hiring onboarding ramp ramping new-hire new-starter buddy
        recruit recruiting interview interviews intern interns mentor mentoring
    """),
    "tools": _words("""
        crm salesforce hubspot gong outreach salesloft dialer dialler plugin template
        templates workspace dashboard headset laptop note-taker app login monitor
        settings install installed access-rights licence-key lms zoom slack
    """),
    "admin": _words("""
        compliance expenses expense timesheet timesheets holiday payroll commission
        commissions survey offsite kickoff all-hands stand-up meeting-room parking
        passport mileage appraisal cover covering awards submit out-of-office ooo
        rota fire-drill quiz enablement certification badge course courses on-call swap
        shift shifts wiki away-day one-to-one one-to-ones charity
        claim claims form-filling mid-year
    """),
    "activity": _words("""
        activity activities dial dials dialing dialled log logged logging kpi kpis
        metric metrics volume count counts touches connect-rate connect-rates logos
        new-logos coverage quota target targets number numbers per-day a-day leaderboard
        dashboard calls-a-day crm salesforce hubspot
    """),
}

# Classes outside the deal itself: the rep's tools, admin, hiring, territory and activity
# numbers. A reply about one of these, when the rep's line is not, has a topic of its own. A
# reply about another part of the deal than the one the rep raised only drifts (weighed half).
OUTSIDE_THE_DEAL = frozenset(("tools", "admin", "team", "territory", "activity"))

# Multi-word terms joined into one before concept lookup ("business case" -> "business-case").
COMPOUNDS = (
    "business case", "decision maker", "decision makers", "budget holder", "case study",
    "case studies", "customer story", "success story", "trade show", "free tier",
    "sign up", "sign ups", "order form", "purchase order", "org chart", "list price",
    "pricing page", "contact form", "lead score", "connect rate", "connect rates",
    "new logos", "per day", "a day", "end users", "security review", "security form",
    "next quarter", "current vendor",
    "fire drill", "away day", "secret santa", "quiz night",
    "one to one", "one to ones", "other vendor", "way in", "buy in", "talk ratio",
    "drop off", "check in", "check ins", "follow up", "follow ups", "one pager",
    "sell internally", "pick up", "calls a day", "c level", "c suite",
    "meeting room", "all hands", "stand up",
)

# Questions about the rep's own activity volume ("How many calls did you log yesterday?",
# "What's your dial count this week?"): about the rep's numbers, not what the rep said, unless
# the rep's line is itself about activity or numbers.
ACTIVITY_FRAMES = (
    r"\bhow many (?:\w+ ){0,3}(?:did|have|has|do|are|will|went|got|you)\b",
    r"\b(?:your|the) (?:\w+ )?(?:count|counts|numbers?|rates?|score|coverage|activity|"
    r"volume|touches)\b(?= (?:this|last|next|for|per|a|at|looking|in the)\b| ?\?|$)",
    r"\bon track for\b",
    r"\bhow many (?:\w+ )?(?:are you|you're) (?:targeting|aiming|planning)\b",
    r"\bnumber of (?:\w+ ){0,2}(?:per|a|this|each)\b",
)
