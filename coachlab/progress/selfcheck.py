"""The self-check on a learner's progress page: nbgrader's Validator, run in-process on an exercise
the learner has answered, as a short verdict.

It starts a kernel per notebook, so :func:`coachlab.progress.reading.learner_progress` runs it
only when it is handed in (``check=self_check``); the course home, which must answer at once,
never does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from coachlab.course import load_config


def self_check(folder: Path, root: Path) -> str:
    """Run nbgrader's Validator in-process on every notebook in ``folder``; a short verdict."""
    # Deferred: nbgrader.validator took 19.8 s to import (``python -X importtime``, on the
    # course's loaded 2-core machine); the progress view imports this module, and only a page
    # that runs the self-check should pay for it.
    from nbgrader.validator import Validator

    config = load_config(root)
    failing = changed = 0
    with tempfile.TemporaryDirectory(prefix="coachlab-check-") as sockets:
        # The Validator's kernel talks over Unix sockets in a private folder, not loopback TCP:
        # over TCP, ipykernel warns on stderr that the connection is unencrypted, and that
        # warning showed as a red box on the learner's progress page.
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        validator = Validator(config=config)
        for path in sorted(folder.glob("*.ipynb")):
            try:
                result = validator.validate(str(path))
            except Exception as error:
                return f"could not run ({type(error).__name__})"
            failing += len(result.get("failed", []))
            changed += len(result.get("changed", [])) + len(result.get("type_changed", []))
    if changed:
        return f"{changed} locked cell(s) changed"
    return f"{failing} check(s) failing" if failing else "passed"
