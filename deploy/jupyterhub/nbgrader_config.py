"""nbgrader settings shared by every user of the coachlab hub: the course and its exchange.

The hub puts this folder on each server's JUPYTER_CONFIG_PATH (after the role's folder), so
nbgrader commands and the Assignments tab read it. On a machine without the hub, copy it to
/etc/jupyter/nbgrader_config.py. The instructor's course folder has its own nbgrader_config.py
(the course's grading settings), which nbgrader reads after this one.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

# One course on this hub. Learners fetch from, and submit to, <exchange>/coachlab/.
c.CourseDirectory.course_id = "coachlab"
# A folder every user can reach: world-writable with the sticky bit (setup-exchange.sh).
c.Exchange.root = os.environ.get("COACHLAB_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
# The folder name of each submission ends in a random string nobody else can guess.
c.ExchangeSubmit.add_random_string = True
# Validate lists every quick check that still says "Not yet" (they report on stderr), as in the
# course's own nbgrader_config.py.
c.Validator.validate_all = True
