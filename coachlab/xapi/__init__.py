"""Course events as xAPI 1.0.3 statements, sent to the company's Learning Record Store (LRS).

One module per job:

- ``config``: where to send and how to name things (a TOML file and environment variables;
  credentials never on the command line);
- ``identity``: who the learner is in a statement (account or mbox), stable activity IRIs under a
  configurable base, deterministic statement ids;
- ``statements``: one builder per course event, with the ADL verbs and activity types;
- ``events``: the course events, read from the gradebook (through nbgrader's API), the feedback
  folder and the learners' answer journals;
- ``queue``: statements waiting on disk (atomic writes) until the LRS takes them;
- ``send``: batched POSTs with retries and backoff, a progress bar and a summary;
- ``hook``: the one call ``coachlab grade`` and ``coachlab feedback`` make when they finish.
"""
