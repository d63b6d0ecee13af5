"""Several app servers, one state: two gunicorn instances on two ports over the same
PostgreSQL, Redis and S3 endpoint, as the production shape runs them behind the proxy.

A person's session made on one works on the other; a file uploaded through one downloads
through the other; a rate limit counts across both; a guidance edit made on one is served
at once by the other; a notice queued by one is sent exactly once by the workers.

Needs PostgreSQL (the servers read the test database, so this test commits its data) and
Redis (TEST_REDIS_URL, emptied); the S3 endpoint is moto's server (tests/services.py).
"""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection

from documents.models import DocumentPage
from guidance.models import PageTranslation
from messaging.services import OFFICE_GROUP
from notifications.models import Notice, NoticeStatus
from tests.conftest import PASSWORD, give_totp, make_verified_user
from tests.documents import files
from tests.guidance.conftest import make_page  # noqa: F401
from tests.services import (
    TEST_REDIS_URL,
    free_port,
    require_redis,
    stop,
    wait_for_http,
)
from tests.staff.conftest import totp_code

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.servers,
    pytest.mark.django_db(transaction=True),
]

GUIDE = "/en/guide/test-page/"
# Behind the proxy every app server sees the portal's public name, whichever port it
# listens on; allauth's per-address login limit and the page cache are keyed by it.
HOST = "portal.example.org"


def browser() -> requests.Session:
    session = requests.Session()
    session.headers["Host"] = HOST
    return session


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def shared_env(tmp_path, s3_storage, redis_cache):
    """What every process of the deployment shares: database, Redis, bucket, mail folder."""
    if connection.vendor != "postgresql":
        pytest.skip("the app servers need a database server they can share (PostgreSQL)")
    require_redis()
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "SESSION_ENGINE"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": database_url(),
            "CONN_MAX_AGE": "0",
            "CACHE_URL": TEST_REDIS_URL,
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": s3_storage.bucket,
            "AWS_S3_ENDPOINT_URL": s3_storage.server.endpoint_url,
            "AWS_S3_REGION_NAME": "eu-west-3",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "TASKS_BACKEND": "database",
            "EMAIL_URL": f"filemail:///{mail}",
            "DEBUG": "false",
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "FILE_UPLOAD_TEMP_DIR": str(tmp_path),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env, mail


@pytest.fixture
def two_servers(shared_env, tmp_path):
    env, _mail = shared_env
    ports = []
    processes = []
    try:
        for name in ("a", "b"):
            port = free_port(taken=set(ports))
            ports.append(port)
            log = (tmp_path / f"gunicorn-{name}.log").open("wb")
            processes.append(
                subprocess.Popen(  # noqa: S603 - fixed command
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "portal.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--timeout",
                        "60",
                    ],
                    cwd=django_settings.BASE_DIR,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for port in ports:
            wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=60)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in processes:
            stop(process)


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with the given id."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
            else:  # an empty text or date input has no value attribute: it sends ""
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def csrf_of(session: requests.Session, url: str) -> str:
    html = session.get(url, timeout=30).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def log_in(session: requests.Session, server: str, email: str, password: str = PASSWORD):
    token = csrf_of(session, f"{server}/en/accounts/login/")
    return session.post(
        f"{server}/en/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )


@pytest.fixture
def people(db, settings):
    # The servers check passwords with the real hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    alice = make_verified_user(email="alice@example.org")
    charlie = make_verified_user(email="charlie@example.org")
    bob = make_verified_user(email="bob@example.org", is_staff=True, is_superuser=True)
    give_totp(bob)
    Group.objects.get_or_create(name=OFFICE_GROUP)[0].user_set.add(bob)
    return alice, charlie, bob


def test_two_app_servers_share_one_state(two_servers, shared_env, s3_storage, people, make_page):
    a, b = two_servers
    env, mail = shared_env
    alice, _charlie, bob = people

    # A session made on one server works on the other.
    student = browser()
    assert log_in(student, a, "alice@example.org").status_code == 302
    dashboard = student.get(f"{b}/en/dashboard/", allow_redirects=False, timeout=30)
    assert dashboard.status_code == 200
    assert "alice@example.org" in dashboard.text or "Sign out" in dashboard.text

    # A file uploaded through one downloads through the other (from the S3 bucket).
    upload_url = f"{a}/en/documents/upload/passport-id/"
    token = csrf_of(student, upload_url)
    photo = files.jpeg()
    uploaded = student.post(
        upload_url,
        data={"csrfmiddlewaretoken": token},
        files={"files": ("passport.jpg", photo, "image/jpeg")},
        allow_redirects=False,
        timeout=60,
    )
    assert uploaded.status_code == 302, uploaded.text[:2000]
    page = DocumentPage.objects.select_related("version__document").get()
    assert s3_storage.keys() == [page.file.name]
    download = student.get(
        f"{b}/en/documents/{page.version.document.uuid}/files/{page.uuid}/", timeout=30
    )
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "private, no-store"
    assert (
        download.content
        == s3_storage.client.get_object(Bucket=s3_storage.bucket, Key=page.file.name)["Body"].read()
    )

    # A rate limit counts across both: five failed logins for one address, spread over the
    # two servers, and the sixth is refused on either, even with the right password.
    for server in (a, b, a, b, a):
        failed = log_in(browser(), server, "charlie@example.org", "not-the-password")
        assert failed.status_code == 200
        assert "Too many failed login attempts" not in failed.text
    refused = log_in(browser(), b, "charlie@example.org")
    assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.text

    # A guidance edit made on one is served at once by the other.
    guide = make_page()
    visitor = browser()
    assert "Test page title en" in visitor.get(f"{b}{GUIDE}", timeout=30).text  # now cached
    staff = browser()
    assert log_in(staff, a, "bob@example.org").status_code == 302
    token = csrf_of(staff, f"{a}/en/accounts/2fa/authenticate/")
    second_factor = staff.post(
        f"{a}/en/accounts/2fa/authenticate/",
        data={"code": totp_code(), "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert second_factor.status_code == 302
    text = PageTranslation.objects.get(page=guide, language="en")
    change_url = f"{a}/admin/guidance/pagetranslation/{text.pk}/change/"
    form = FormFields("pagetranslation_form")
    form.feed(staff.get(change_url, timeout=30).text)
    assert "title" in form.fields, "the admin's change form was not found"
    form.fields["title"] = "Edited on server A"
    saved = staff.post(change_url, data={**form.fields, "_save": "Save"}, timeout=30)
    assert saved.status_code == 200
    text.refresh_from_db()
    assert text.title == "Edited on server A", re.findall(r"errorlist.{0,400}", saved.text, re.S)
    served = visitor.get(f"{b}{GUIDE}", timeout=30).text
    assert "Edited on server A" in served
    assert "Test page title en" not in served

    # A notice queued by one server is sent exactly once, though two workers are running.
    token = csrf_of(student, f"{a}/en/messages/")
    sent = student.post(
        f"{a}/en/messages/",
        data={"body": "Hello from server A", "csrfmiddlewaretoken": token},
        timeout=30,
    )
    assert sent.status_code == 200
    notice = Notice.objects.get(recipient=bob)
    assert notice.status == NoticeStatus.QUEUED
    assert list(mail.iterdir()) == []  # the web servers only queue it
    workers = [
        subprocess.Popen(  # noqa: S603 - fixed command
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:
            worker.wait(timeout=120)
    finally:
        for worker in workers:
            stop(worker)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (NoticeStatus.SENT, 1)
    messages = [path.read_text() for path in Path(mail).iterdir()]
    assert len(messages) == 1
    assert "To: bob@example.org" in messages[0]
