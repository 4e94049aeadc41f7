"""xAPI settings: the file, the environment, --lrs, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.cli import main
from coachlab.xapi.config import XapiConfigError, load


def _write(root: Path, text: str, mode: int = 0o600) -> Path:
    path = root / ".coachlab" / "xapi.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_defaults_send_nothing(tmp_path: Path) -> None:
    config = load(tmp_path)
    assert not config.can_send and config.auth is None
    assert config.statements.identify == "account" and config.statements.names is False
    with pytest.raises(XapiConfigError, match="no LRS configured"):
        _ = config.lrs.statements_url


def test_file_then_environment_then_command_line(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, '[lrs]\nurl = "https://lrs.example.com/xapi/"\nusername = "u"\n'
                     'password = "p"\nbatch_size = 20\n[statements]\nmastery = 0.7\n'
                     'identify = "mbox"\n')
    config = load(tmp_path)
    assert config.can_send and config.auth == ("u", "p")
    assert config.lrs.statements_url == "https://lrs.example.com/xapi/statements"
    assert (config.lrs.batch_size, config.statements.mastery) == (20, 0.7)
    monkeypatch.setenv("COACHLAB_LRS_URL", "https://other.example.com/lrs/statements")
    monkeypatch.setenv("COACHLAB_LRS_PASSWORD", "from-env")
    config = load(tmp_path)
    assert config.lrs.statements_url == "https://other.example.com/lrs/statements"
    assert config.auth == ("u", "from-env")
    assert load(tmp_path, lrs_url="http://127.0.0.1:8100/xAPI").lrs.statements_url == \
        "http://127.0.0.1:8100/xAPI/statements"
    monkeypatch.setenv("COACHLAB_XAPI", "off")
    assert not load(tmp_path).can_send


def test_config_file_from_the_environment(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLAB_XAPI_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(XapiConfigError, match="does not exist"):
        load(tmp_path)
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('[statements]\nactivity_base = "https://x.example.com/c"\n')
    monkeypatch.setenv("COACHLAB_XAPI_CONFIG", str(elsewhere))
    assert load(tmp_path).statements.activity_base == "https://x.example.com/c"


@pytest.mark.parametrize(("text", "words"), [
    ("[lrs\n", "cannot be read as TOML"),
    ('[lrs]\nurl = "ftp://lrs"\n', "http(s) URL"),
    ('[lrs]\nurl = "https://user:pw@lrs.example.com/"\n', "must not hold credentials"),
    ('[lrs]\nurl = "https://lrs.example.com/"\nbatchsize = 3\n', "lrs.batchsize"),
    ('[statements]\nidentify = "name"\n', "statements.identify"),
    ('[statements]\nmastery = 80\n', "statements.mastery"),
])
def test_bad_settings_say_what_to_change(tmp_path: Path, text: str, words: str) -> None:
    _write(tmp_path, text)
    with pytest.raises(XapiConfigError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load(tmp_path)


def test_a_password_others_can_read_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, '[lrs]\npassword = "p"\n', mode=0o644)
    with pytest.raises(XapiConfigError, match="chmod 600"):
        load(tmp_path)
    path.chmod(0o600)
    assert load(tmp_path).auth == ("", "p")


def test_cli_never_takes_credentials(course_root: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["xapi", "send", "--all", "--password", "x"])
    assert "unrecognized arguments: --password" in capsys.readouterr().err
    monkeypatch.setenv("COACHLAB_ROOT", str(course_root))
    monkeypatch.setenv("COACHLAB_XAPI_CONFIG", str(course_root / "nbgrader_config.py.none"))
    assert main(["xapi", "send", "--all"]) == 2
    assert "does not exist" in capsys.readouterr().err
    monkeypatch.delenv("COACHLAB_XAPI_CONFIG")
    assert main(["xapi", "send", "--all", "--lrs", "https://u:p@lrs.example.com/"]) == 2
    assert "must not hold credentials" in capsys.readouterr().err
