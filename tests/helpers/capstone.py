"""Two transcripts of the scripted capstone conversation (tests/data/scenarios/capstone.yaml,
exercise 05's Part A before it became an interview): the best play and a partial one."""

BEST = [
    {"choice": 0},
    {"text": "What makes you say you are just waiting?"},
    {"choice": 0},
    {"text": "What would help you feel ready to ask Dan yourself?"},
    {"text": "How can I help you get ready for his answer?"},
]
PARTIAL = [
    {"choice": 0},
    {"text": "Have you tried asking Dan to push the CFO harder?"},
    {"choice": 0},
    {"choice": 1},
]
