"""The number helper through gunicorn: no full number in the access log (issue 16, #7).

gunicorn's default access log writes the request line, query string included, and the
Referer: `?number=` put full social-security numbers into the server's log. This runs the
real server with the project's gunicorn.conf.py (on a Unix socket, so no port is taken).
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.students.conftest import PROVISIONAL

ROOT = Path(__file__).resolve().parents[2]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.unix_path)


@pytest.fixture
def gunicorn(tmp_path):
    sock, log = tmp_path / "web.sock", tmp_path / "access.log"
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi:application",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"unix:{sock}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            if sock.exists():
                break
            time.sleep(0.1)
        yield sock, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_full_number_in_the_address_never_reaches_the_access_log(gunicorn):
    sock, log = gunicorn
    digits = PROVISIONAL.replace(" ", "")
    connection = UnixConnection(str(sock))
    connection.request(
        "GET",
        f"/en/number/?number={digits}",
        headers={"Host": "localhost", "Referer": f"http://localhost/en/number/?number={digits}"},
    )
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    for _ in range(50):
        if log.exists() and log.read_text():
            break
        time.sleep(0.1)

    assert response.status == 200
    assert "This is a provisional number" in body
    line = log.read_text()
    assert '"GET /en/number/ HTTP/1.1" 200' in line
    assert digits not in line
    assert digits[:13] not in line


def test_the_helper_never_echoes_more_than_its_limit(anon):
    posted = anon.post("/en/number/", {"number": "7" * 2_000_000})
    linked = anon.get("/en/number/", {"number": "7" * 3_000})

    for response in (posted, linked):
        assert response.status_code == 200
        assert "7" * 41 not in response.content.decode()
