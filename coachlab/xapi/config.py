"""Where statements go and how they name learners and activities.

Settings come from a TOML file, then environment variables (which win), then ``--lrs`` on the
command line (the URL only). The file is ``$COACHLAB_XAPI_CONFIG`` if set, else
``<course>/.coachlab/xapi.toml``::

    [lrs]
    url = "https://lrs.example.com/xapi/"   # the LRS's xAPI endpoint
    username = "coachlab"                    # HTTP basic auth (or the environment, below)
    password = "..."
    send_on_grade = true                     # `coachlab grade` / `feedback` send as they go

    [statements]
    activity_base = "https://learning.example.com/coachlab"   # activity ids live under this
    home_page = "https://learning.example.com"                # the learners' account homePage
    identify = "account"                                      # or "mbox" or "mbox_sha1sum"
    names = false                                             # add roster names to the actor
    mastery = 0.8                                             # passed at 80% of the points

Environment: ``COACHLAB_LRS_URL``, ``COACHLAB_LRS_USERNAME``, ``COACHLAB_LRS_PASSWORD``, and
``COACHLAB_XAPI=off`` to turn sending off entirely. Credentials are never accepted on the
command line, where other users of the machine could read them from the process list.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONFIG_ENV = "COACHLAB_XAPI_CONFIG"
URL_ENV = "COACHLAB_LRS_URL"
USER_ENV = "COACHLAB_LRS_USERNAME"
PASSWORD_ENV = "COACHLAB_LRS_PASSWORD"
SWITCH_ENV = "COACHLAB_XAPI"
DEFAULT_BASE = "https://coachlab.invalid/course"


class XapiConfigError(ValueError):
    """The xAPI settings are missing or wrong; the message says what to change."""


def _http_url(value: str, what: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what} must be an http(s) URL, got {value!r}")
    if parts.username or parts.password:
        raise ValueError(f"{what} must not hold credentials: set {USER_ENV} and "
                         f"{PASSWORD_ENV} (or username/password in the config file)")
    return value


class LrsSettings(BaseModel):
    """The LRS to send to, and how hard to try."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = None
    username: str | None = None
    password: str | None = Field(default=None, repr=False)
    send_on_grade: bool = True
    batch_size: int = Field(default=50, ge=1, le=1000)
    timeout: float = Field(default=15.0, gt=0)
    retries: int = Field(default=4, ge=0, le=20)
    backoff: float = Field(default=0.5, ge=0)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if not value else _http_url(value, "the LRS url")

    @property
    def statements_url(self) -> str:
        """The statements resource: ``<endpoint>/statements``."""
        if not self.url:
            raise XapiConfigError(f"no LRS configured: give --lrs URL or set {URL_ENV}")
        base = self.url.rstrip("/")
        return base if base.endswith("/statements") else base + "/statements"


class StatementSettings(BaseModel):
    """How statements name learners and activities."""

    model_config = ConfigDict(extra="forbid")

    activity_base: str = DEFAULT_BASE
    home_page: str | None = None
    identify: Literal["account", "mbox", "mbox_sha1sum"] = "account"
    names: bool = False
    mastery: float = Field(default=0.8, ge=0, le=1)
    language: str = "en-US"

    @field_validator("activity_base", "home_page")
    @classmethod
    def _base(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value, "activity_base/home_page")

    @property
    def account_home(self) -> str:
        """The homePage of learners' accounts (default: the activity base)."""
        return self.home_page or self.activity_base


class XapiConfig(BaseModel):
    """All xAPI settings."""

    model_config = ConfigDict(extra="forbid")

    lrs: LrsSettings = Field(default_factory=LrsSettings)
    statements: StatementSettings = Field(default_factory=StatementSettings)
    enabled: bool = True
    source: str = "defaults"

    @property
    def can_send(self) -> bool:
        """Whether an LRS is configured and sending is not switched off."""
        return self.enabled and bool(self.lrs.url)

    @property
    def auth(self) -> tuple[str, str] | None:
        """(username, password) for HTTP basic auth, or None."""
        if self.lrs.username is None and self.lrs.password is None:
            return None
        return self.lrs.username or "", self.lrs.password or ""


def config_path(root: Path) -> Path:
    """The settings file: $COACHLAB_XAPI_CONFIG, else <root>/.coachlab/xapi.toml."""
    return Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) \
        else Path(root) / ".coachlab" / "xapi.toml"


def load(root: Path, *, lrs_url: str | None = None) -> XapiConfig:
    """The settings for the course at ``root``: file, then environment, then ``lrs_url``."""
    path = config_path(root)
    data: dict = {}
    source = "defaults"
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise XapiConfigError(f"{path} cannot be read as TOML: {error}") from error
        source = str(path)
        if (data.get("lrs") or {}).get("password") and _readable_by_others(path):
            raise XapiConfigError(f"{path} holds the LRS password but other users can read it: "
                                  f"run `chmod 600 {path}`")
    elif os.environ.get(CONFIG_ENV):
        raise XapiConfigError(f"{CONFIG_ENV}={path} does not exist")
    lrs = dict(data.get("lrs") or {})
    for key, env in (("url", URL_ENV), ("username", USER_ENV), ("password", PASSWORD_ENV)):
        if os.environ.get(env):
            lrs[key] = os.environ[env]
    if lrs_url:
        lrs["url"] = lrs_url
    data["lrs"] = lrs
    switch = os.environ.get(SWITCH_ENV, "").strip().lower()
    if switch in ("off", "0", "false", "no"):
        data["enabled"] = False
    try:
        return XapiConfig(**data, source=source)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                             for e in error.errors())
        raise XapiConfigError(f"xAPI settings ({source} and environment): {problems}") from None


def _readable_by_others(path: Path) -> bool:
    return bool(path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH)) and os.name == "posix"
