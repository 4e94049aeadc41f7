"""nbgrader settings for instructors: the course folder is $COACHLAB_ROOT (set by the hub)."""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

if os.environ.get("COACHLAB_ROOT"):
    c.CourseDirectory.root = os.environ["COACHLAB_ROOT"]
