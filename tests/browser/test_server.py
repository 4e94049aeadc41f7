"""The course server is private: 127.0.0.1 only, and nothing without the token."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from coachlab.launch import lab_command
from tests.browser.server import listening_addresses, status_code

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_server_answers_with_the_token(lab_server) -> None:
    assert status_code(f"{lab_server.base_url}/api/status", lab_server.token) == 200


@pytest.mark.parametrize("path", ["/api/status", "/api/contents", "/api/sessions", "/lab"])
def test_server_refuses_requests_without_the_token(lab_server, path: str) -> None:
    assert status_code(f"{lab_server.base_url}{path}") in {302, 403}
    assert status_code(f"{lab_server.base_url}{path}", "not-the-token") in {302, 403}


def test_lab_page_without_token_redirects_to_login(lab_server) -> None:
    assert status_code(f"{lab_server.base_url}/lab") == 302


def test_server_listens_on_loopback_only(lab_server) -> None:
    port = urlsplit(lab_server.base_url).port
    addresses = listening_addresses(port)
    assert addresses == {"127.0.0.1"}, addresses


def test_make_start_command_binds_loopback_with_a_token(tmp_path) -> None:
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "01-first-lesson.ipynb").write_text("{}")
    command = lab_command(tmp_path, port=8888, token="s3cret", open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--IdentityProvider.token=s3cret" in command
    assert not any(part.startswith("--ServerApp.ip=") and part != "--ServerApp.ip=127.0.0.1"
                   for part in command)
