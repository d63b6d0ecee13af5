"""A member of the international office in the admin: the password and the TOTP code, the
dashboard, the review queue (reject with a catalogue reason, then the next document), a bulk
accept behind its confirmation page, the CSV export of students, a step recorded, then
corrected (moved back with a reason, a mistyped number corrected), logging out; the student
sees both corrections on her dashboard.

The students and their documents are set up through the services in the test (the live
server shares the test database). The admin is not under /<lang>/: it speaks the language of
the `django_language` cookie, which the test sets as the portal's language switch does.
"""

import csv
import io
import re
import time

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from documents.kinds import DocumentKind
from documents.models import RejectionReason, VersionStatus
from students.models import AcademicYear, EventKind, Registration, Status
from tests.conftest import give_totp, make_verified_user
from tests.documents import files
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.e2e.checks import allow_console_error
from tests.e2e.texts import gettext_in, label_in
from tests.staff.conftest import bob, totp_code  # noqa: F401  (bob: in the office group)
from tests.students.conftest import bring_to, make_profile, valid_number, year  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")

QUEUE = "/admin/office/pendingdocument/"
STUDENTS = "/admin/office/student/"


def review_screen(document) -> str:
    return f"{QUEUE}{document.uuid}/review/"


@pytest.fixture
def waiting(alice, charlie, make_profile, bring_to, upload, year):
    """Alice (provisional number) with a passport (a photo and a PDF), the oldest waiting;
    Charlie (not started) with a passport and bank details; Dana, last year's student, with
    bank details (the bulk accept leaves them out)."""
    alice_file = bring_to(make_profile(alice), Status.PROVISIONAL_NUMBER)
    make_profile(charlie, legal_surname="Brown", legal_given_names="Charlie")
    dana = make_verified_user(email="dana@example.org")
    past = AcademicYear.objects.exclude(pk=year.pk).order_by("-starts_on").first()
    make_profile(
        dana,
        legal_surname="Cruz",
        legal_given_names="Dana",
        academic_year_start=past.starts_on,
        academic_year_end=past.ends_on,
    )
    passport = upload(alice, contents=[("passport.jpg", files.jpeg()), ("visa.pdf", files.pdf())])
    return {
        "alice_file": alice_file,
        "alice_passport": passport.document,
        "charlie_passport": upload(charlie).document,
        "charlie_rib": upload(charlie, kind=DocumentKind.RIB).document,
        "dana_rib": upload(dana, kind=DocumentKind.RIB).document,
    }


def log_in(page: Page, user, password: str, language: str) -> None:
    """The portal's login form, then the authenticator app's code."""
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(rf"/{language}/accounts/login/\?next=%2Fadmin%2F$"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/{language}/accounts/2fa/authenticate/$"))
    # allauth takes the code of the current 30-second window only: start the clock at the
    # beginning of one, so the code typed is still the right one when the server checks it.
    now = time.time()
    with time_machine.travel(now - now % 30, tick=True):
        page.fill("input[name=code]", totp_code())
        page.click("main button[type=submit]")
        expect(page).to_have_url(re.compile(r"/admin/$"))


# The reasons staff give, in the member of staff's language (the student sees them as written).
REASONS = {
    "en": ("Recorded as validated by mistake.", "The last digit was mistyped."),
    "fr": ("Validation enregistrée par erreur.", "Le dernier chiffre était mal saisi."),
}
CORRECTED = valid_number("8 01 09 99 216 322")


def test_a_staff_member_reviews_accepts_exports_records_and_corrects_a_step(
    page, bob, password, waiting, language, width, shot, live_server, sign_in
):
    give_totp(bob)
    # The portal sets the language cookie from the person's language when they log in.
    bob.preferred_language = language
    bob.save(update_fields=["preferred_language"])
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(f"/{language}/accounts/login/")
    shot(page, "login")

    log_in(page, bob, password, language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    shot(page, "dashboard", language=language)

    # A bookmark of the old review screen lands on the one review screen, the admin's.
    page.goto(f"/{language}/documents/review/{waiting['charlie_rib'].uuid}/")
    expect(page).to_have_url(re.compile(f"{review_screen(waiting['charlie_rib'])}$"))
    page.goto(f"/{language}/documents/review/")
    expect(page).to_have_url(re.compile(f"{QUEUE}$"))

    # The review queue: oldest first. Reject Alice's passport, then on to the next.
    page.goto("/admin/")
    page.click(f"a[href='{QUEUE}']")
    expect(page).to_have_url(re.compile(f"{QUEUE}$"))
    shot(page, "review queue", language=language)
    # Chromium's built-in PDF viewer (the PDF in its frame) styles its own <embed> inline,
    # which the admin's style-src 'self' refuses: a console error with no address, from the
    # browser's viewer, not from our markup (tests/e2e/README.md).
    allow_console_error(page, r"^console: Applying inline style violates .* \(\)$")
    page.click(f"a[href='{review_screen(waiting['alice_passport'])}']")
    expect(page.locator(".office-review__page")).to_have_count(2)
    shot(page, "review screen", language=language)

    reason = RejectionReason.objects.filter(is_active=True).order_by("pk").first()
    page.check("input[name=decision][value=reject]")
    page.check(f"input[name=reasons][value='{reason.pk}']")
    page.click("input[name=_next]")
    expect(page).to_have_url(re.compile(f"{review_screen(waiting['charlie_passport'])}$"))
    shot(page, "rejected, next document", language=language)
    version = waiting["alice_passport"].current_version
    version.refresh_from_db()
    assert version.status == VersionStatus.REJECTED
    assert list(version.decision.reasons.all()) == [reason]

    # Both of Charlie's documents, accepted at once behind the confirmation page; Dana's,
    # selected too, is left out (last year's student) and the page says so.
    page.goto(QUEUE)
    for name in ["charlie_passport", "charlie_rib", "dana_rib"]:
        page.check(f"input[name=_selected_action][value='{waiting[name].pk}']")
    page.select_option("select[name=action]", "accept_selected_documents")
    page.click("button[name=index]")
    expect(page.locator("input[name=post]")).to_have_count(1)
    expect(page.locator("form:has(input[name=post]) input[name=version]")).to_have_count(2)
    expect(page.locator("#content li")).to_have_text(
        re.compile(gettext_in(language, "student not in the current academic year"))
    )
    shot(page, "accept confirmation", language=language)
    page.click("form:has(input[name=post]) [type=submit]")
    expect(page).to_have_url(re.compile(f"{QUEUE}$"))
    expect(page.locator("input[name=_selected_action]")).to_have_count(1)
    shot(page, "queue with the one left out", language=language)
    for name in ["charlie_passport", "charlie_rib"]:
        version = waiting[name].current_version
        version.refresh_from_db()
        assert version.status == VersionStatus.ACCEPTED

    # The students, exported to CSV: the provisional number is masked.
    alice = waiting["alice_file"].student
    page.goto(STUDENTS)
    shot(page, "students", language=language)
    page.check(f"input[name=_selected_action][value='{alice.pk}']")
    page.select_option("select[name=action]", "export_admin_action")
    page.click("button[name=index]")
    expect(page.locator("[name=format]")).to_have_count(1)
    page.select_option("select[name=format]", "0")  # CSV (XLSX is the other format)
    shot(page, "export form", language=language)
    with page.expect_download() as download_info:
        page.click("form:has([name=format]) [type=submit]")
    download = download_info.value
    assert re.fullmatch(r"students-.*\.csv", download.suggested_filename)
    # With a BOM, and the separator of the language (";" for French Excel).
    text = download.path().read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";" if language == "fr" else ","))
    header, row = lines[0], lines[1]
    assert len(lines) == 2
    number = row[header.index(gettext_in(language, "provisional number"))]
    assert re.fullmatch(r"8 01 \*\* \*\* \*\*\* \*\*\* 18", number), number

    # A step recorded for Alice: the registration is validated.
    page.goto(f"{STUDENTS}{alice.pk}/change/")
    shot(page, "student", language=language)
    page.click(f"a[href='{STUDENTS}{alice.uuid}/record/']")
    shot(page, "record a step", language=language)
    page.check("input[name=step][value=validated]")
    page.fill("input[name=on]", timezone.localdate().isoformat())
    page.click("#content-main input[type=submit]")
    expect(page).to_have_url(re.compile(f"{STUDENTS}{alice.pk}/change/$"))
    shot(page, "step recorded", language=language)
    assert Registration.objects.get(pk=waiting["alice_file"].pk).status == Status.VALIDATED

    # That was a mis-click: the file moves back to "provisional number", with a reason
    # (refused without one, nothing changed).
    page.click(f"a[href='{STUDENTS}{alice.uuid}/move-back/']")
    shot(page, "move back", language=language)
    page.check(f"input[name=to_status][value={Status.PROVISIONAL_NUMBER}]")
    page.click("#content-main input[type=submit]")
    expect(page.locator("#content-main .errorlist")).to_contain_text(
        gettext_in(language, "Say why: the student sees the reason.")
    )
    shot(page, "move back without a reason", language=language)
    assert Registration.objects.get(pk=waiting["alice_file"].pk).status == Status.VALIDATED
    page.fill("textarea[name=reason]", REASONS[language][0])
    page.click("#content-main input[type=submit]")
    expect(page).to_have_url(re.compile(f"{STUDENTS}{alice.pk}/change/$"))
    expect(page.locator(".field-timeline")).to_contain_text(REASONS[language][0])
    shot(page, "moved back", language=language)
    assert Registration.objects.get(pk=waiting["alice_file"].pk).status == (
        Status.PROVISIONAL_NUMBER
    )

    # The provisional number was mistyped: a wrong key is refused, the right number taken.
    page.click(f"a[href='{STUDENTS}{alice.uuid}/correct-number/']")
    page.fill("input[name=number]", "8 01 09 99 216 321 19")
    page.fill("textarea[name=reason]", REASONS[language][1])
    page.click("#content-main input[type=submit]")
    expect(page.locator("#content-main .errorlist")).to_have_count(1)
    shot(page, "number refused", language=language)
    page.fill("input[name=number]", CORRECTED)
    page.click("#content-main input[type=submit]")
    expect(page).to_have_url(re.compile(f"{STUDENTS}{alice.pk}/change/$"))
    shot(page, "number corrected", language=language)
    registration = Registration.objects.get(pk=waiting["alice_file"].pk)
    assert registration.provisional_number == CORRECTED.replace(" ", "")

    page.click("#logout-form button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/$"))
    shot(page, "logged out")

    # Alice sees both corrections on her dashboard, with the office's reasons.
    alice.preferred_language = language
    alice.save(update_fields=["preferred_language"])
    sign_in(page, alice, language=language)
    page.goto(f"/{language}/dashboard/")
    timeline = page.locator(".timeline")
    moved = gettext_in(language, "Moved back to the step “%(step)s”") % {
        "step": label_in(language, Status.PROVISIONAL_NUMBER)
    }
    expect(timeline).to_contain_text(moved)
    expect(timeline).to_contain_text(REASONS[language][0])
    expect(timeline).to_contain_text(label_in(language, EventKind.NUMBER_CORRECTED))
    expect(timeline).to_contain_text(REASONS[language][1])
    shot(page, "the student sees the corrections")
