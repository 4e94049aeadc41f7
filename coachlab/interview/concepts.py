"""The shared concept vocabulary: words a sales manager uses for the same thing.

Content as data, like ChatScript concepts: a fact's topic "decision maker" and a question about
"the CFO" or "the economic buyer" meet on one concept (``@decider``). Keep each concept narrow:
a word that belongs to two concepts makes the rep answer the wrong question. Single words are
matched after stemming; phrases are matched as whole words (and their plural "s").
"""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, ...]] = {
    "@decider": (
        "decision maker", "decision makers", "decision-maker", "economic buyer", "cfo", "ceo",
        "coo", "cto", "cio", "cmo", "exec", "execs", "executive", "executives", "budget holder",
        "budget owner", "senior", "seniors", "c-suite", "c suite", "c level", "c-level",
        "director", "directors", "head of", "leadership", "signatory", "sign off", "sign-off",
        "signs off", "sign the cheque", "sign the check", "higher up", "higher ups",
        "higher-ups", "upstairs", "top", "above her", "above him", "above them", "the boss",
        "their boss", "her boss", "his boss", "who decides", "who signs", "final say",
        "decision", "decide", "decides", "approver", "approve", "approval", "chief",
        "finance director", "procurement head", "board", "finance leader", "finance leaders",
        "finance head", "finance chief", "head of finance",
        "fd", "fds", "managing director",
    ),
    "@champion": (
        "champion", "sponsor", "main contact", "internal advocate", "advocate", "ally",
        "inside contact", "point of contact", "usual contact",
    ),
    "@stakeholder": (
        "stakeholder", "buying committee", "buying group", "people involved", "who else",
        "others involved", "multi-thread", "multithread", "multi thread", "anyone else",
        "other people", "wider team",
    ),
    "@customer": (
        "prospect", "customer", "client", "buyer", "account", "accounts", "the company",
        "their side",
    ),
    "@nervous": (
        "nervous", "anxious", "worry", "worried", "worries", "afraid", "scared", "fear",
        "frighten", "frightened", "intimidated", "intimidating", "intimidate", "uneasy",
        "uncomfortable", "comfortable", "confident", "confidence", "doubt", "doubts",
        "nerves", "apprehensive", "daunting", "daunted",
        "stressed", "stress", "panic", "dread", "fright", "courage", "brave", "bold", "shy",
        "gut feel", "gut feeling", "freeze", "froze", "frozen",
    ),
    "@blocker": (
        "stopping you", "stops you", "stop you", "stopped you", "holding you back",
        "hold you back", "holds you back", "held you back", "in the way", "blocker",
        "blockers", "obstacle", "obstacles", "barrier", "barriers", "put off",
        "putting off", "hesitate", "hesitant", "hesitation", "hesitating", "reluctant",
        "reluctance", "holding back", "hold back", "held back", "blocking you", "blocks you",
        "blocked you",
    ),
    "@reach": (
        "reach", "reach out", "reached out", "reaching out", "contact", "contacts",
        "contacted", "get in front of", "in front of", "approach", "approached",
        "get hold of", "get through to", "get to", "engage", "engaged", "connect with",
        "go over her head", "go over his head", "over her head", "over his head",
        "go around", "go higher", "going higher", "go above", "bypass", "escalate",
    ),
    "@skill": (
        "skill", "skills", "know how", "how to", "trained", "training", "learn", "learned",
        "learnt", "taught", "teach", "experience", "experienced", "practice", "practise",
        "done before", "done it before", "competence", "competent", "capable", "ability",
        "able to", "qualified", "course", "workshop", "onboarding", "never done",
        "up to speed", "ramp up", "ramped up", "enablement", "showed you how", "shown how",
        "who showed you",
    ),
    "@business_case": (
        "business case", "roi", "return on investment", "value case", "justification",
        "justify", "payback", "cost justification", "cost-benefit", "cost benefit",
        "financial case", "numbers case", "case for", "investment case",
                       "business justification", "value story",
    ),
    "@negotiate": ("negotiate", "negotiation", "negotiating", "haggle", "discount", "terms",
                   "concession", "concessions", "haggling",
                   "negotiated", "negotiations", "bargain", "bargaining"),
    "@price": ("price", "pricing", "cost", "costs", "expensive", "afford", "spend", "budget",
               "money", "quote", "fee"),
    "@competitor": ("competitor", "competitors", "competition", "rival", "rivals",
                    "other vendor", "other vendors", "incumbent", "alternative", "alternatives",
                    "shopping around", "other options",
                    "other suppliers", "other supplier", "up against", "bake-off", "bake off"),
    "@question": ("question", "questions", "ask", "asks", "asking", "asked", "probe",
                  "probing", "dig", "digging", "dig deeper", "follow-up question",
                  "follow up question", "enquire", "inquire", "interrogate",
                  # Finding something out is asking, not a feeling ("how do you find" is).
                  "find out", "finding out", "found out", "how do you find out",
                  "how did you find out"),
    "@discovery": ("discovery", "discovery call", "discovery calls", "first meeting",
                   "first call", "qualification", "qualify", "qualifying", "intro call",
                   "needs analysis", "fact finding", "fact-finding",
                   "discovery meeting", "discovery meetings", "scoping call", "scoping calls",
                   "needs assessment", "qualifying call"),
    "@prepare": ("prepare", "preparation", "prep", "prepped", "plan", "planning", "research",
                 "homework", "ready", "beforehand", "before the call", "before a call",
                 "ahead of", "prepping", "get ready",
                 "getting ready", "game plan"),
    "@pitch": ("pitch", "pitches", "message", "messaging", "story", "value proposition",
               "value prop", "talk track", "opener", "opening line",
               "positioning", "wording", "words", "say first", "elevator", "narrative",
               "template", "templates", "copy", "subject line"),
    "@delivery": ("delivery", "deliver", "tone", "pace", "speed", "rush", "rushing", "rushed",
                  "monologue", "monologues", "talk over", "talking over",
                  "interrupt", "interrupting", "voice", "body language", "come across",
                  "comes across", "coming across", "energy",
                  "talk too much", "talking too much", "airtime", "talk time"),
    "@slides": ("slide", "slides", "deck", "powerpoint", "presentation", "present",
                "presenting"),
    "@listen": ("listen", "listening", "pause", "pauses", "silence", "let them talk"),
    "@recording": ("recording", "recordings", "recorded", "record", "gong", "listen back",
                   "playback", "call review", "replay", "listened back",
                   "listening back", "tapes"),
    "@lead": ("lead", "leads", "inbound", "mql", "mqls", "sql", "marketing", "sign-up",
              "signups", "sign up", "trial", "download", "form fill"),
    "@reply": ("reply", "replies", "respond", "response", "responses", "answer back",
               "hear back", "heard back", "get back", "got back", "reply rate",
               "response rate", "callback", "call back"),
    "@stall": ("stall", "stalled", "stalling", "stuck", "slip", "slipped", "slipping",
               "delay", "delayed", "pushed", "go dark", "went dark", "gone dark", "quiet",
               "went quiet", "gone quiet", "ghost", "ghosted", "ghosting", "momentum",
               "no movement", "not moving", "dragging", "drag on", "dead", "holding up",
               "holding things up", "holding it up", "holding them up", "held up", "hold up",
               "holds up", "hold-up", "hold-ups", "no progress", "on hold", "parked",
               "not moved", "hasn't moved", "haven't moved"),
    "@next_step": ("next step", "next steps", "follow up", "follow-up", "followup",
                   "chase", "chased", "chasing", "nudge", "following up", "chasing up",
                   "chase up"),
    "@objection": ("objection", "objections", "pushback", "push back", "pushed back",
                   "resistance", "tough question", "hard question", "difficult question",
                   "awkward question", "curveball", "curve ball", "stumped", "stump",
                   "caught out", "on the spot", "don't know the answer", "tricky question",
                   "can't answer", "no answer", "something hard", "something difficult",
                   "something tricky", "something you can't answer", "hard questions",
                   "tough questions", "difficult questions"),
    "@meeting": ("meeting", "meetings", "meet", "call", "calls", "conversation",
                 "conversations", "zoom", "teams call", "chat", "catch-up", "catch up",
                 "phone", "ring"),
    "@email": ("email", "emails", "e-mail", "mail", "inmail", "linkedin", "written",
               "write", "wrote", "draft", "drafted", "send", "sent", "sending"),
    "@demo": ("demo", "demos", "demonstration", "product tour", "walkthrough"),
    "@product": ("product", "solution", "feature", "features", "platform", "tool",
                 "functionality", "spec", "specs"),
    "@value": ("value", "outcome", "outcomes", "benefit", "benefits", "result", "impact",
               "pain", "pain point", "pain points", "business problem", "why us",
               "why change", "relevance", "relevant", "resonate", "resonates",
               "doesn't land", "does not land", "didn't land", "not landing"),
    "@takeover": ("take over", "took over", "taking over", "takes over", "step in",
                  "stepped in", "stepping in", "jump in", "jumped in", "jumping in",
                  "rescue", "rescued", "rescuing", "bail out", "bailed out", "save the deal",
                  "close it for", "take the call", "took the call", "handle it for",
                  "do it for", "did it for", "run the call", "ran the call", "lead the call",
                  "led the call", "join", "joined", "joining", "sit in", "sat in", "jump on",
                  "hop on"),
    "@vp": ("vp", "vice president", "regional vp", "my boss", "your boss", "skip level",
            "skip-level", "head of sales", "cro", "sales director", "leadership team",
            "forecast call", "forecast review", "pipeline review"),
    "@number": ("number", "numbers", "quota", "target", "targets", "forecast", "commit",
                "revenue", "quarter", "month end", "end of quarter", "end of the quarter",
                "quarter end", "attainment"),
    "@manager": ("manager", "management", "line manager"),
    "@us": ("from me", "working together", "work together", "worked together",
            "our relationship", "relationship with me", "between us", "you and me", "you and i",
            "i can do for you", "i could do", "support you", "supporting you"),
    "@no_decision": ("no decision", "no decisions", "no-decision", "did nothing",
                     "do nothing", "doing nothing", "status quo"),
    "@qbr": ("qbr", "qbrs", "business review", "business reviews", "quarterly business review",
             "account review", "account reviews", "quarterly review", "quarterly reviews", "ebr"),
    "@se": ("se", "ses", "sales engineer", "sales engineers", "solutions engineer",
            "solutions engineers", "presales", "pre-sales", "solution engineer"),
    "@feel": ("feel", "feels", "feeling", "feelings", "felt", "what's it like for you",
              "what is it like for you", "like for you", "how do you find", "how did you find",
              "emotion", "emotions", "emotionally", "gut", "personally", "inside"),
    "@team": ("colleague", "colleagues", "peer", "peers", "team", "teammate", "teammates",
              "the others", "others",
              "rest of the team", "others on the team", "senior rep", "senior reps"),
    "@time": ("time", "timeline", "deadline", "timing", "urgency", "urgent", "how long"),
    "@own": ("own", "ownership", "on your own", "by yourself", "alone", "yourself",
             "independently", "without me", "permission", "wait", "waiting", "wait for",
             "waiting for", "go-ahead", "green light", "ok from", "okay from",
             "if i wasn't there", "if i weren't there", "if i'm not there", "if i was not there",
             "if i wasn't on the call", "if i wasn't involved", "if i didn't join",
             "if i didn't come", "without me there"),
    "@status": ("status", "latest", "progress", "where things stand", "where are things",
                "state of play", "where is it at", "where are we at", "where it's at",
                "where do things stand", "where does it stand"),
}
"""Concept id -> the words and phrases that mean it. A phrase is matched as whole words."""

WEAK: frozenset[str] = frozenset({"@customer", "@meeting", "@time", "@email",
                                  "?who", "?when", "?why", "?many", "@say"})
"""Concepts nearly every question touches ("the client", "the call"): they count, but a
third as much as a rarer word, so "How do prospects react on the first call?" is about the
first call, not about whatever fact mentions prospects."""

CONCEPT_PHRASES: dict[str, str] = {
    phrase: concept for concept, phrases in CONCEPTS.items() for phrase in phrases
}
"""Every word or phrase -> its concept id."""

STOPWORDS: frozenset[str] = frozenset("""
a an the and or but if so then than that this these those there here it its it's is are was
were be been being am do does did done doing have has had having can could will would shall
should may might must to of in on at by for from with about into over under up down out off
again further once too very just also only own same such no nor not any some all both each few
most other more what what's i me my myself mine which who whom whose when where why how ever
who's where's how's when's
i'm i've i'd i'll you you're you've you'd you'll your yours yourself yourselves he him his she
her hers we us our ours they them their theirs themselves he's she's we're they're they've let
let's lets as because while until before after during through between against above below
okay ok yeah yes hey so well oh um uh hmm thru rather
""".split())
"""Function words that carry no topic."""

CONTENT_FREE: frozenset[str] = frozenset("""
think thinking thought thoughts tell telling told more else go going goes gone on mean meaning
say saying said feel feeling feelings happen happening happened happens thing things stuff
anything something everything nothing idea ideas view views sense know knew really actual
actually real deal deals situation right lately recently explain elaborate expand continue
keep sure mind see seeing saw up problem problems issue issues challenge challenges help work
working works well get got getting make making made way ways lot bit kind sort look looks
looking like want wanted need needs needed new now today week main biggest big
next could guess take reckon maybe perhaps please ok around whole overall current currently
part side now exactly case much many where's there's anyway also pretty quite just still
come comes coming came seem seems seemed point points gist sum summary summarise
walk typical typically usual usually always often day days moment these put together
currently honestly generally normally bit little
summarize overall pattern behind underneath root cause causes common thread picture step
back reflect reflection make of all conclusion takeaway learn lesson
stop blocking blocked
""".split()) - {"learn"}
"""Words that leave a question content-free: "What do you think?", "Tell me more", "What else?",
"Go on", "What's really going on?" have no content word beyond these."""

IRREGULAR: dict[str, str] = {
    "spoke": "speak", "spoken": "speak", "speaking": "speak", "thought": "think", "bought": "buy",
    "taught": "teach", "sent": "send", "wrote": "write", "written": "write", "met": "meet",
    "ran": "run", "took": "take", "gave": "give", "told": "tell", "went": "go", "gone": "go",
    "lost": "lose", "won": "win", "felt": "feel", "business": "business", "businesses": "business",
    "early": "early", "earlier": "early", "process": "process", "boss": "boss", "less": "less",
    "press": "press", "using": "use", "used": "use", "uses": "use", "intro": "intro",
    "intros": "intro", "introduction": "intro", "introductions": "intro", "introduce": "intro",
    "introduced": "intro", "introducing": "intro", "opener": "opener", "openers": "opener",
    "qbrs": "qbr", "reply": "reply", "replies": "reply", "replied": "reply", "note": "notes",
    "notes": "notes", "noted": "notes", "heard": "hear", "said": "say", "says": "say",
    "began": "begin", "begun": "begin", "leader": "leader", "leaders": "leader",
    # Dropping a final e would merge these with other words: "care" is no "car" ("How's the
    # new car?" is not about what the board cares about), nor a "career"; a "site" is no "sit".
    "care": "care", "cares": "care", "cared": "care", "caring": "care", "career": "career",
    "careers": "career", "site": "site", "sites": "site", "better": "better",
}
"""Irregular forms the suffix stemmer cannot reach."""

TEXT_SPEAK: dict[str, str] = {
    "u": "you", "ya": "you", "yu": "you", "ur": "your", "yr": "your", "r": "are", "im": "i'm",
    "ive": "i've", "youre": "you're", "youve": "you've", "theyre": "they're", "dont": "don't",
    "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't",
    "arent": "aren't", "werent": "weren't", "cant": "can't", "couldnt": "couldn't",
    "wont": "won't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "whats": "what's", "hows": "how's", "whos": "who's",
    "wheres": "where's", "whens": "when's", "thats": "that's", "theres": "there's",
    "abt": "about", "b4": "before", "w": "with", "bc": "because", "cos": "because",
    "coz": "because", "cuz": "because", "tho": "though", "thru": "through", "pls": "please",
    "plz": "please", "thx": "thanks", "ppl": "people", "mtg": "meeting", "mtgs": "meetings",
    "mgr": "manager", "convo": "conversation", "convos": "conversations", "tbh": "honestly",
    "rn": "right now", "atm": "at the moment", "wat": "what", "wot": "what",
}
"""Chat spellings a manager types in a hurry ("how do u feel abt ur emails"), read as the words
they stand for before anything else, so they neither weigh as unknown words nor get "corrected"
to a rep's word. General English, not any rep's vocabulary."""

COMMON: frozenset[str] = frozenset("""
contract contracts value length users seats licence license licences licenses renewal renewals
months years weeks quarter weekend holiday holidays traffic lunch commission bonus salary
industry industries sector sectors region territory territories market markets segment
company companies competitor product products service services software hardware platform
integration integrations security legal procurement purchasing invoice invoices payment
payments terms clause clauses discount discounts margin margins revenue profit growth
headcount employees staff hiring recruitment office offices travel weather morning evening
pipeline forecast target targets quota meeting meetings agenda calendar schedule deadline
approval approvals signature signed sign-off proposal proposals quote quotes pricing budget
budgets process processes project projects timeline timelines stakeholder stakeholders
customer customers client clients prospect prospects account accounts partner partners
manager managers director directors team teams colleague colleagues training coaching
feedback review reviews report reports dashboard dashboards metric metrics numbers result
results outcome outcomes problem problems question questions answer answers reason reasons
objection objections concern concerns worry worries confidence experience career promotion
contact contacts phone email emails slides presentation script opener voicemail voicemails
""".split())
"""Everyday words of a sales conversation: known words, never 'corrected' to a rep's word
("contract" is not a typo of "contact")."""

