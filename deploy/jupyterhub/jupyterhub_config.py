"""JupyterHub configuration for a coachlab cohort.

One hub serves the course to instructors and learners:

- group ``instructors``: nbgrader's formgrader and the course folder (solutions, gradebook);
  COACHLAB_DB_URL (the PostgreSQL gradebook) is set in their servers only;
- group ``learners``: the Assignments tab (fetch, submit, fetch feedback) and Validate;
  formgrader and the assignment creator are switched off;
- nbgrader's exchange on a shared folder (deploy/jupyterhub/nbgrader_config.py);
- idle servers stopped by jupyterhub-idle-culler, a hub-managed service; idle kernels stopped
  inside each server.

Everything that differs between machines comes from environment variables (COACHLAB_HUB_*), so
the same file runs the local multi-user test and a real cohort. See docs/cohort-deployment.md.
"""

import csv
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

HERE = Path(__file__).resolve().parent
env = os.environ.get


def _names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def _roster(path: str | None) -> list[str]:
    """Learner ids from the roster CSV that `coachlab roster import` reads (column ``id``)."""
    if not path:
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return [row["id"].strip() for row in rows if (row.get("id") or "").strip()]


# ------------------------------------------------------------------------------ where the hub runs
STATE = Path(env("COACHLAB_HUB_STATE_DIR", "/srv/jupyterhub"))
c.JupyterHub.bind_url = env("COACHLAB_HUB_URL", "http://:8000")
c.JupyterHub.hub_bind_url = env("COACHLAB_HUB_API_URL", "http://127.0.0.1:8081")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [env("COACHLAB_HUB_PROXY", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = env("COACHLAB_HUB_PROXY_API_URL", "http://127.0.0.1:8001")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# ------------------------------------------------------------------------------ who may log in
INSTRUCTORS = _names(env("COACHLAB_HUB_INSTRUCTORS"))
LEARNERS = _roster(env("COACHLAB_HUB_ROSTER")) + _names(env("COACHLAB_HUB_LEARNERS"))
AUTHENTICATOR = env("COACHLAB_HUB_AUTHENTICATOR", "github")

if AUTHENTICATOR == "github":
    # pip install oauthenticator; register an OAuth app whose callback is the URL below.
    c.JupyterHub.authenticator_class = "github"
    c.GitHubOAuthenticator.oauth_callback_url = env("COACHLAB_HUB_OAUTH_CALLBACK_URL", "")
    c.GitHubOAuthenticator.client_id = env("COACHLAB_HUB_OAUTH_CLIENT_ID", "")
    c.GitHubOAuthenticator.client_secret = env("COACHLAB_HUB_OAUTH_CLIENT_SECRET", "")
elif AUTHENTICATOR == "shared-password":
    # Tests only: every listed user logs in with one password. Never on a network.
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env("COACHLAB_HUB_SHARED_PASSWORD", "")
else:
    raise ValueError(f"COACHLAB_HUB_AUTHENTICATOR={AUTHENTICATOR!r}: use github or "
                     "shared-password")

c.Authenticator.allowed_users = set(INSTRUCTORS) | set(LEARNERS)
c.Authenticator.admin_users = set(_names(env("COACHLAB_HUB_ADMINS")))
# Users added later through the REST API (e.g. from the roster) may log in too.
c.Authenticator.allow_existing_users = True

# ------------------------------------------------------------------------------ groups and roles
c.JupyterHub.load_groups = {
    "instructors": {"users": INSTRUCTORS},
    "learners": {"users": LEARNERS},
}
c.JupyterHub.load_roles = [
    {
        # Instructors see who is active and whose server is running; they never enter a
        # learner's server (submissions reach them through the exchange).
        "name": "instructor",
        "description": "coachlab instructors: the cohort's activity in the hub",
        "scopes": ["self", "list:users", "read:users!group=learners",
                   "read:users:activity!group=learners", "read:servers!group=learners",
                   "read:groups"],
        "groups": ["instructors"],
    },
    {
        "name": "idle-culler",
        "description": "stop servers that have been idle too long",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]

CULL_AFTER = int(env("COACHLAB_HUB_CULL_SECONDS", "3600"))
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_AFTER}",
                    "--cull-every=300"],
    },
]

# An optional service for scripts that set up a cohort (create users, add them to groups,
# start servers): its token comes from the environment, never from this file.
if env("COACHLAB_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services.append({"name": "cohort-admin",
                                  "api_token": env("COACHLAB_HUB_ADMIN_TOKEN")})
    c.JupyterHub.load_roles.append({
        "name": "cohort-admin",
        "description": "scripts that manage the cohort's users, groups, servers and tokens",
        "scopes": ["admin:users", "admin:groups", "admin:servers", "admin:server_state",
                   "tokens", "read:services", "list:services"],
        "services": ["cohort-admin"],
    })

# ------------------------------------------------------------------------------ single-user servers
SPAWNER = env("COACHLAB_HUB_SPAWNER", "local")
# The Python environment with coachlab, nbgrader and jupyterhub installed, readable by every user.
USER_PYTHON = env("COACHLAB_HUB_USER_PYTHON", sys.executable)
EXCHANGE = env("COACHLAB_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
COURSE_DIR = env("COACHLAB_HUB_COURSE_DIR", "coachlab")  # instructors: relative to their home

if SPAWNER == "local":
    # Each user is a Unix user with a home; servers run as that user.
    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.cmd = [USER_PYTHON, "-m", "jupyterhub.singleuser"]
elif SPAWNER == "docker":
    # pip install dockerspawner; the image holds the same environment (see the docs).
    c.JupyterHub.spawner_class = "docker"
    c.DockerSpawner.image = env("COACHLAB_HUB_IMAGE", "coachlab:latest")
    c.DockerSpawner.volumes = {"coachlab-{username}": "/home/jovyan", EXCHANGE: EXCHANGE}
    c.DockerSpawner.network_name = env("COACHLAB_HUB_DOCKER_NETWORK", "coachlab")
    c.JupyterHub.hub_connect_ip = env("COACHLAB_HUB_CONNECT_IP", "jupyterhub")
else:
    raise ValueError(f"COACHLAB_HUB_SPAWNER={SPAWNER!r}: use local or docker "
                     "(Kubernetes: see z2jh-values.yaml)")

c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = int(env("COACHLAB_HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env("COACHLAB_HUB_START_TIMEOUT", "120"))
c.Spawner.mem_limit = env("COACHLAB_HUB_MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(env("COACHLAB_HUB_CPU_LIMIT", "1"))
# Idle kernels are stopped inside each server; idle servers by the culler above.
c.Spawner.args = [
    f"--MappingKernelManager.cull_idle_timeout={int(env('COACHLAB_KERNEL_CULL_SECONDS', '1200'))}",
    "--MappingKernelManager.cull_interval=120",
    "--MappingKernelManager.cull_connected=False",
    # A saved notebook keeps no widget it cannot show again (see coachlab.session.saving).
    "--FileContentsManager.pre_save_hook=coachlab.session.saving.strip_widget_views",
]
user_bin = str(Path(USER_PYTHON).parent)
c.Spawner.environment = {
    # nbgrader runs `alembic` as a program: the environment's bin/ comes first.
    "PATH": os.pathsep.join([user_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
    "COACHLAB_EXCHANGE_ROOT": EXCHANGE,
}


def role_of(groups: set[str]) -> str:
    """``instructor`` for members of the instructors group; everyone else is a learner."""
    return "instructor" if "instructors" in groups else "learner"


def prepare_server(spawner) -> None:
    """Give the user's server the settings of their role before it starts."""
    role = role_of({group.name for group in spawner.user.groups})
    config_path = [str(HERE / "roles" / role), str(HERE)]
    spawner.environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(config_path)
    spawner.environment["COACHLAB_ROLE"] = role
    if role == "instructor":
        home = Path(os.path.expanduser(f"~{spawner.user.name}"))
        spawner.environment["COACHLAB_ROOT"] = str(home / COURSE_DIR)
        if env("COACHLAB_DB_URL"):
            spawner.environment["COACHLAB_DB_URL"] = env("COACHLAB_DB_URL")
    else:
        spawner.environment.pop("COACHLAB_DB_URL", None)
        spawner.environment.pop("COACHLAB_ROOT", None)


c.Spawner.pre_spawn_hook = prepare_server
# Nothing from the hub's own environment reaches a server unless listed here.
c.Spawner.env_keep = ["LANG", "LC_ALL", "TZ"]
