"""`make run PORT=…`: links in e-mails open on the address it serves, over http (issue 13.9).

The development server has no TLS and may run on any port; a verification link to
https://127.0.0.1:8101/ or a notice pointing at port 8000 does not open.
"""

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess  # nosec B404: runs our own Makefile and manage.py, no shell input
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core import mail

from tests.notifications.test_notices import notify_lifecycle

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def runserver_line(port: int) -> str:
    """The command `make run PORT=<port>` serves with, as make would run it."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    printed = subprocess.run(  # nosec B603
        [make, "-s", "-n", "run", f"HOST={HOST}", f"PORT={port}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (line,) = [line for line in printed.splitlines() if "manage.py runserver" in line]
    return line


def test_make_run_gives_the_server_its_own_http_address_for_links():
    line = runserver_line(8101)

    assert "runserver 127.0.0.1:8101" in line
    assert "PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:8101}" in line


def test_a_base_url_set_by_hand_still_wins_over_the_served_address():
    line = runserver_line(8101)
    environment = {**os.environ, "PUBLIC_BASE_URL": "https://portal.example.org"}
    script = line.replace(
        line[line.index(".venv/bin/python") :],
        "printenv PUBLIC_BASE_URL",
    )

    printed = subprocess.run(  # nosec B603
        ["/bin/sh", "-c", script], env=environment, capture_output=True, text=True, check=True
    ).stdout

    assert printed.strip() == "https://portal.example.org"


def test_notices_link_to_the_served_address_over_http(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8101"

    with django_capture_on_commit_callbacks(execute=True):
        notify_lifecycle(alice)

    (message,) = mail.outbox
    assert "http://127.0.0.1:8101/en/dashboard/" in message.body
    assert 'href="http://127.0.0.1:8101/en/dashboard/"' in message.alternatives[0][0]


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.stdout.read()}")
        try:
            urllib.request.urlopen(url, timeout=2)  # nosec B310: our own local server
        except OSError:
            time.sleep(0.3)
        else:
            return
    raise AssertionError(f"{url} did not answer in {seconds} s")


def test_make_run_sends_a_verification_link_that_opens_on_the_served_port(tmp_path):
    """Sign up on the server `make run PORT=…` starts: the e-mail's link is http on that port."""
    port = free_port()
    line = runserver_line(port)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "PUBLIC_BASE_URL", "ACCOUNT_DEFAULT_HTTP_PROTOCOL")
        and not key.startswith(("PYTEST", "DJANGO"))
    }
    environment.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}",
        CACHE_URL="locmemcache://",
        SECRET_KEY="make-run-test-only",
        PYTHONUNBUFFERED="1",
    )
    python = str(REPO / ".venv" / "bin" / "python")
    # As `make run` does: the database, then the rate-limit store's table.
    for command in (["migrate", "--noinput", "-v", "0"], ["createcachetable"]):
        subprocess.run(  # nosec B603
            [python, "manage.py", *command],
            cwd=REPO,
            env={**environment, "DEBUG": "true"},
            check=True,
        )
    server = subprocess.Popen(  # nosec B603
        ["/bin/sh", "-c", line + " --noreload"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        base = f"http://{HOST}:{port}"
        _wait_for(f"{base}/healthz", server)
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = browser.open(f"{base}/en/accounts/signup/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "email": "dana@example.org",
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/en/accounts/signup/", data=data, headers={"Referer": f"{base}/"}
        )
        browser.open(request, timeout=10)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=20)

    links = re.findall(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+", output)
    assert links, output
    for link in links:
        assert link.startswith(f"http://{HOST}:{port}/en/accounts/confirm-email/")


@pytest.mark.parametrize(("debug", "scheme"), [("true", "http"), ("false", "https")])
def test_account_links_use_http_only_in_debug(debug, scheme):
    """`manage.py runserver` without make: allauth builds links from the request, over http."""
    environment = {**os.environ, "DEBUG": debug, "SECRET_KEY": "settings-test-only"}
    environment.pop("ACCOUNT_DEFAULT_HTTP_PROTOCOL", None)
    printed = subprocess.run(  # nosec B603
        [
            str(REPO / ".venv" / "bin" / "python"),
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL)",
        ],
        cwd=REPO,
        env={**environment, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert printed.strip() == scheme
