"""The hub's configuration files load, and the Kubernetes sketch agrees with them.

These run without JupyterHub installed: the files are read the way JupyterHub and nbgrader read
them (traitlets' Python config loader), with different environments.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from tests.hub.harness import DEPLOY


def _load(path: Path, monkeypatch: pytest.MonkeyPatch, **env: str):
    from traitlets.config.loader import PyFileConfigLoader

    for key in list(os.environ):
        if key.startswith("COACHLAB_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def _spawner(name: str, groups: list[str], environment: dict[str, str]) -> SimpleNamespace:
    user = SimpleNamespace(name=name, groups=[SimpleNamespace(name=g) for g in groups])
    return SimpleNamespace(user=user, environment=dict(environment))


def test_production_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first_name,last_name,email\nana,Ana,Ruiz,ana@example.org\n"
                      "ben,Ben,Oyelaran,ben@example.org\n", encoding="utf-8")
    config = _load(DEPLOY / "jupyterhub_config.py", monkeypatch,
                   COACHLAB_HUB_INSTRUCTORS="carla", COACHLAB_HUB_ROSTER=str(roster),
                   COACHLAB_DB_URL="postgresql://coach:secret@db/coachlab")
    assert config.JupyterHub.authenticator_class == "github"
    assert config.JupyterHub.spawner_class == "localprocess"
    assert config.JupyterHub.load_groups["instructors"]["users"] == ["carla"]
    assert config.JupyterHub.load_groups["learners"]["users"] == ["ana", "ben"]
    assert config.Authenticator.allowed_users == {"carla", "ana", "ben"}
    assert [s["name"] for s in config.JupyterHub.services] == ["idle-culler"]
    culler = next(r for r in config.JupyterHub.load_roles if r["name"] == "idle-culler")
    assert set(culler["scopes"]) >= {"list:users", "read:users:activity", "delete:servers"}
    assert config.Spawner.environment["COACHLAB_EXCHANGE_ROOT"] == "/srv/nbgrader/exchange"

    hook = config.Spawner.pre_spawn_hook
    learner = _spawner("ana", ["learners"], {"COACHLAB_DB_URL": "leak"})
    hook(learner)
    assert "COACHLAB_DB_URL" not in learner.environment
    assert learner.environment["JUPYTER_CONFIG_PATH"].split(":") == [
        str(DEPLOY / "roles" / "learner"), str(DEPLOY)]
    instructor = _spawner("root", ["instructors"], {})
    hook(instructor)
    assert instructor.environment["COACHLAB_DB_URL"] == "postgresql://coach:secret@db/coachlab"
    assert instructor.environment["COACHLAB_ROOT"] == str(Path("~root").expanduser() / "coachlab")


def test_docker_spawner_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    config = _load(DEPLOY / "jupyterhub_config.py", monkeypatch, COACHLAB_HUB_SPAWNER="docker",
                   COACHLAB_EXCHANGE_ROOT="/srv/nbgrader/exchange")
    assert config.JupyterHub.spawner_class == "docker"
    assert config.DockerSpawner.volumes["/srv/nbgrader/exchange"] == "/srv/nbgrader/exchange"
    with pytest.raises(ValueError, match="COACHLAB_HUB_AUTHENTICATOR"):
        _load(DEPLOY / "jupyterhub_config.py", monkeypatch, COACHLAB_HUB_AUTHENTICATOR="dummy")


def test_nbgrader_settings_for_every_user(monkeypatch: pytest.MonkeyPatch) -> None:
    config = _load(DEPLOY / "nbgrader_config.py", monkeypatch)
    assert config.CourseDirectory.course_id == "coachlab"
    assert config.Exchange.root == "/srv/nbgrader/exchange"
    instructor = _load(DEPLOY / "roles" / "instructor" / "nbgrader_config.py", monkeypatch,
                       COACHLAB_ROOT="/home/carla/coachlab")
    assert instructor.CourseDirectory.root == "/home/carla/coachlab"
    learner = json.loads((DEPLOY / "roles/learner/jupyter_server_config.json").read_text())
    assert learner["ServerApp"]["jpserver_extensions"][
        "nbgrader.server_extensions.formgrader"] is False


def test_kubernetes_values_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    values = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text(encoding="utf-8"))
    config = _load(DEPLOY / "jupyterhub_config.py", monkeypatch)
    ours = next(r for r in config.JupyterHub.load_roles if r["name"] == "instructor")
    assert values["hub"]["loadRoles"]["instructor"]["scopes"] == ours["scopes"]
    exchange = values["singleuser"]["extraEnv"]["COACHLAB_EXCHANGE_ROOT"]
    mounts = values["singleuser"]["storage"]["extraVolumeMounts"]
    assert exchange == "/srv/nbgrader/exchange"
    assert any(m["mountPath"] == exchange for m in mounts)
    assert values["cull"]["enabled"] is True

    # The chart's role hook does what prepare_server does for local servers.
    namespace = {"c": SimpleNamespace(KubeSpawner=SimpleNamespace())}
    exec(values["hub"]["extraConfig"]["coachlab-roles"], namespace)  # noqa: S102
    hook = namespace["c"].KubeSpawner.pre_spawn_hook
    monkeypatch.setenv("COACHLAB_DB_URL", "postgresql://coach:secret@db/coachlab")
    learner, instructor = _spawner("ana", ["learners"], {}), _spawner("carla", ["instructors"], {})
    hook(learner)
    hook(instructor)
    assert learner.environment["JUPYTER_CONFIG_PATH"].startswith("/etc/coachlab/hub/roles/learner")
    assert "COACHLAB_DB_URL" not in learner.environment
    assert instructor.environment["COACHLAB_DB_URL"].startswith("postgresql://")
