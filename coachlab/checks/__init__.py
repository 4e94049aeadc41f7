"""Everything a notebook cell calls: quick checks (instant feedback) and hidden scorers (the grade).

One module per topic: :mod:`~coachlab.checks.quick` (the shared quick checks and the "Not yet"
report), :mod:`~coachlab.checks.scoring` and :mod:`~coachlab.checks.keys` (hidden scorers),
:mod:`~coachlab.checks.values` (answers as plain text), and one module per exercise topic
(planner, self-assessment, diagnosis, capstone). The rules themselves live in the domain modules
below; these functions only read the learner's answer safely, call them and report.
"""
