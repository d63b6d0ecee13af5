"""A student from outside the EU, from sign-up to the Carte Vitale.

The photo and the PDFs are built in the test (Pillow, pypdf). The documents are reviewed
through the services in the test process (the live server shares the test database): the
review screens are tested on their own.
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from documents.kinds import DocumentKind
from documents.models import Document, RejectionReason
from documents.services import document_accept, document_reject
from students import nir
from students.models import RequestedDocument, Status
from students.paths import Path
from tests.documents import files
from tests.documents.conftest import bob as reviewer  # noqa: F401
from tests.documents.conftest import private_storage  # noqa: F401
from tests.e2e.actions import follow_nav_link
from tests.e2e.texts import gettext_in, label_in
from tests.students.conftest import (  # valid numbers, from students.nir
    DEFINITIVE,
    PROVISIONAL,
    valid_number,
    year,  # noqa: F401
)

MISTYPED = valid_number("7 01 09 99 216 321")

# The rejection reasons come from a data migration.
pytestmark = pytest.mark.usefixtures("reference_data", "year")

EMAIL = "priya@example.org"
PASSWORD = "a-long-enough-secret-phrase"
CONFIRM_LINK = r"^/(en|fr|es|zh-hans|ar)/accounts/confirm-email/[^/]+/$"
TRACKER_STEPS = (
    "prepare",
    "register",
    "provisional",
    "documents",
    "definitive",
    "ameli",
    "carte_vitale",
)


@dataclass(frozen=True)
class Stage:
    """What the dashboard shows at one point of the registration."""

    statuses: tuple[str, ...]  # the tag of each tracker step, in order
    guidance: str | None  # the section "What to do next" links to (register-outside-eu#…)
    primary: str  # where the one primary button leads (the end of its address)
    others: tuple[str, ...] = ()  # other reports possible now, offered as plain links


BLOCKED = "cannot-start"
STAGES = {
    Status.NOT_STARTED: Stage(
        ("in-progress", "not-started") + (BLOCKED,) * 5, "documents", "documents"
    ),
    "registering anyway": Stage(
        ("in-progress", "not-started") + (BLOCKED,) * 5, "register", "submitted"
    ),
    Status.SUBMITTED: Stage(
        ("completed", "completed", "in-progress") + (BLOCKED,) * 4,
        "provisional-number",
        "provisional-number",
    ),
    Status.PROVISIONAL_NUMBER: Stage(
        ("completed",) * 3 + ("waiting",) + (BLOCKED,) * 3,
        "validation",
        "validated",
        ("missing-documents",),
    ),
    # A request for documents is a normal step, not "a problem".
    Status.MISSING_DOCUMENTS: Stage(
        ("completed",) * 3 + ("in-progress",) + (BLOCKED,) * 3,
        "missing-documents",
        "documents-sent",
    ),
    Status.DOCUMENTS_SENT: Stage(
        ("completed",) * 3 + ("waiting",) + (BLOCKED,) * 3,
        "validation",
        "validated",
        ("missing-documents",),
    ),
    Status.VALIDATED: Stage(
        ("completed",) * 4 + ("waiting", BLOCKED, BLOCKED),
        "definitive-number",
        "definitive-number",
    ),
    Status.DEFINITIVE_NUMBER: Stage(
        ("completed",) * 5 + ("not-started", "not-started"),
        "ameli-account",
        "ameli-account",
        ("carte-vitale-ordered",),
    ),
    "ameli account": Stage(
        ("completed",) * 6 + ("not-started",), "carte-vitale", "carte-vitale-ordered"
    ),
    "card ordered": Stage(
        ("completed",) * 6 + ("waiting",), "carte-vitale", "carte-vitale-received"
    ),
    "card received": Stage(("completed",) * 7, None, "better-reimbursement/#declare-a-gp"),
}


def test_a_student_from_outside_the_eu_goes_from_sign_up_to_the_carte_vitale(
    page, language, shot, mailoutbox, link_in_mail, reviewer
):
    # Sign up and confirm the address.
    page.goto(f"/{language}/accounts/signup/")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    shot(page, "sign-up form")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/confirm-email/$"))
    shot(page, "check your mail")
    page.goto(link_in_mail(mailoutbox[-1], CONFIRM_LINK))
    shot(page, "confirm the address")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
    expect(page.locator("#task-profile-status .task-tag--not-started")).to_be_visible()
    shot(page, "new dashboard: first task")
    student = User.objects.get(email=EMAIL)

    # The profile decides the path.
    page.click(f"main a.task-list__link[href='/{language}/profile/']")
    fill_profile(page)
    shot(page, "profile filled in")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
    expect(page.locator("#path-heading + p")).to_have_text(label_in(language, Path.NON_EU))
    expect_stage(page, Status.NOT_STARTED)
    shot(page, "dashboard: the path and its steps")

    # A photo of the passport and a PDF certificate.
    page.click(f"#documents-heading ~ ul a[href='/{language}/documents/upload/passport-id/']")
    shot(page, "passport upload form")
    upload(page, "passport.jpg", files.jpeg(size=(640, 400)))
    expect(page).to_have_url(re.compile(f"/{language}/documents/$"))
    shot(page, "passport uploaded")
    page.click(f"main a[href='/{language}/documents/upload/school-certificate/']")
    shot(page, "certificate upload form")
    upload(page, "certificate.pdf", files.pdf())
    passport = Document.objects.get(owner=student, kind=DocumentKind.PASSPORT_OR_ID)
    certificate = Document.objects.get(owner=student, kind=DocumentKind.SCHOOL_CERTIFICATE)
    expect(task_card(page, passport).locator(".document-status-waiting")).to_be_visible()
    expect(task_card(page, certificate).locator(".document-status-waiting")).to_be_visible()
    shot(page, "documents uploaded, waiting for review")

    # The office rejects the photo: the page says why and how to fix it.
    cut_off = RejectionReason.objects.get(code="cut-off")
    document_reject(version=passport.current_version, by=reviewer, reasons=[cut_off])
    document_accept(version=certificate.current_version, by=reviewer)
    page.reload()
    card = task_card(page, passport)
    expect(card.locator(".document-status-problem")).to_be_visible()
    reason, how_to_fix = (
        (cut_off.label_fr, cut_off.how_to_fix_fr)
        if language == "fr"
        else (cut_off.label_en, cut_off.how_to_fix_en)
    )
    expect(card.locator(".alert li")).to_have_text(f"{reason}. {how_to_fix}")
    expect(task_card(page, certificate).locator(".document-status-accepted")).to_be_visible()
    assert any(reason in message.body for message in mailoutbox if message.to == [EMAIL])
    shot(page, "passport rejected with the reason")

    # Replaced, then accepted.
    card.locator(f"a[href='/{language}/documents/{passport.uuid}/replace/']").click()
    expect(page.locator("main .alert-info")).to_be_visible()
    shot(page, "replace the passport")
    upload(page, "passport-whole-page.jpg", files.jpeg(size=(640, 400), colour="navy"))
    expect(task_card(page, passport).locator(".document-status-waiting")).to_be_visible()
    passport.refresh_from_db()
    document_accept(version=passport.current_version, by=reviewer)
    page.reload()
    expect(task_card(page, passport).locator(".document-status-accepted")).to_be_visible()
    shot(page, "passport accepted")

    # Not every document is checked yet: registering now is an explicit choice.
    follow_nav_link(page, f"/{language}/dashboard/")
    expect_stage(page, Status.NOT_STARTED)
    shot(page, "dashboard: prepare the documents first")
    page.click(".next-step form button[type=submit]")
    expect_stage(page, "registering anyway")
    shot(page, "dashboard: registering now anyway")
    report(page, shot, "submitted")
    expect_stage(page, Status.SUBMITTED)
    shot(page, "dashboard: registered on the official site")

    # A mistyped number: recorded, undone, recorded again, then corrected.
    report(page, shot, "provisional-number", number=nir.format_number(MISTYPED))
    expect_stage(page, Status.PROVISIONAL_NUMBER)
    page.click(".next-step a[href*='/undo/']")
    shot(page, "undo the provisional number: confirm")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect_stage(page, Status.SUBMITTED)
    shot(page, "dashboard: the report undone")
    report(page, shot, "provisional-number", number=nir.format_number(MISTYPED))
    page.click("a[href$='/correct-number/provisional/']")
    page.fill("input[name=number]", "8 01 09 99 216 321 00")
    page.click("main button[type=submit]")
    expect(
        page.locator("main .invalid-feedback, main .errorlist, main .alert").first
    ).to_be_visible()
    shot(page, "correct the number: a wrong key is refused")
    page.fill("input[name=number]", nir.format_number(PROVISIONAL))
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect_stage(page, Status.PROVISIONAL_NUMBER)
    expect(page.locator("dd.nir")).to_contain_text(nir.format_number(PROVISIONAL))
    shot(page, "dashboard: provisional number corrected")

    # The CPAM asks for the bank details; uploading them moves the tracker on.
    report(page, shot, "missing-documents", documents=[RequestedDocument.BANK_DETAILS])
    expect_stage(page, Status.MISSING_DOCUMENTS)
    expect(page.locator(".next-step ul li")).to_have_text(
        [label_in(language, RequestedDocument.BANK_DETAILS)]
    )
    # Only this path's documents were offered (never form S1 or the Quebec form).
    shot(page, "dashboard: the CPAM asks for a document")

    page.click(f"#documents-heading ~ ul a[href='/{language}/documents/upload/rib/']")
    shot(page, "bank details upload form")
    upload(page, "rib.pdf", files.pdf())
    expect(page.locator(".messages")).to_contain_text(
        gettext_in(
            language,
            "Every document the CPAM asked for is now in the portal, so your tracker moved "
            "on. Remember to deposit them in your space on the official site too.",
        )
    )
    shot(page, "requested document uploaded")
    follow_nav_link(page, f"/{language}/dashboard/")
    expect_stage(page, Status.DOCUMENTS_SENT)
    shot(page, "dashboard: documents sent")

    # Validated, the definitive number, the ameli account and the Carte Vitale.
    report(page, shot, "validated")
    expect_stage(page, Status.VALIDATED)
    shot(page, "dashboard: validated")

    report(page, shot, "definitive-number", number=DEFINITIVE)
    expect_stage(page, Status.DEFINITIVE_NUMBER)
    expect(page.locator("dd.nir")).to_contain_text(
        [nir.format_number(DEFINITIVE), nir.format_number(PROVISIONAL)]
    )
    shot(page, "dashboard: definitive number")

    report(page, shot, "ameli-account")
    expect_stage(page, "ameli account")
    shot(page, "dashboard: ameli account")

    report(page, shot, "carte-vitale-ordered")
    expect_stage(page, "card ordered")
    shot(page, "dashboard: Carte Vitale ordered")

    report(page, shot, "carte-vitale-received")
    expect_stage(page, "card received")
    expect(page.locator("#next-step-heading")).to_have_text(
        gettext_in(language, "You have finished registering")
    )
    shot(page, "dashboard: finished")


def fill_profile(page: Page) -> None:
    page.fill("input[name=legal_surname]", "Sharma")
    page.fill("input[name=legal_given_names]", "Priya Anand")
    page.fill("input[name=date_of_birth]", "2001-09-04")
    page.select_option("select[name=country_of_birth]", "IN")
    page.select_option("select[name=nationality]", "IN")
    page.fill("input[name=address_line_1]", "12 allée de l'Université")
    page.fill("input[name=postal_code]", "92000")
    page.fill("input[name=city]", "Nanterre")
    page.fill("input[name=phone]", "+33 6 12 34 56 78")
    page.fill("input[name=programme]", "Master in Economics")
    page.fill("input[name=arrival_date]", "2025-08-28")


def upload(page: Page, name: str, data: bytes) -> None:
    mime = "application/pdf" if name.endswith(".pdf") else "image/jpeg"
    chosen = [{"name": name, "mimeType": mime, "buffer": data}]
    page.set_input_files("input[name=files]", files=chosen)
    page.click("main button[type=submit]")
    expect(page.locator(".messages .alert").first).to_be_visible()


def report(page: Page, shot, address: str, *, number: str = "", documents=()) -> None:
    """Open a report from "What to do next", fill it in and confirm it."""
    page.click(f".next-step a[href$='/{address}/']")
    expect(page).to_have_url(re.compile(f"/{address}/$"))
    if number:
        page.fill("input[name=number]", number)
    for document in documents:
        page.check(f"input[name=documents][value={document}]")
    shot(page, f"report {address}")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def expect_stage(page: Page, stage_key) -> None:
    """The task list's tags, and the one action "What to do next" names."""
    stage = STAGES[stage_key]
    for step, status in zip(TRACKER_STEPS, stage.statuses, strict=True):
        expect(page.locator(f"#step-{step}-status .task-tag")).to_have_class(
            re.compile(rf"\btask-tag--{status}\b")
        )
    next_step = page.locator(".next-step")
    guidance = next_step.locator("a[href*='/guide/']:not(.btn)")
    if stage.guidance:
        expect(guidance).to_have_attribute(
            "href", re.compile(f"/guide/register-outside-eu/#{stage.guidance}$")
        )
    else:
        expect(guidance).to_have_count(0)
    buttons = next_step.locator("a.btn")
    expect(buttons).to_have_count(1)
    expect(buttons.first).to_have_class(re.compile(r"\bbtn-primary\b"))
    expect(buttons.first).to_have_attribute("href", re.compile(f"/{stage.primary}/?$"))
    others = next_step.locator("ul.small a")
    expect(others).to_have_count(len(stage.others))
    for link, address in zip(others.all(), stage.others, strict=True):
        expect(link).to_have_attribute("href", re.compile(f"/{address}/$"))


def task_card(page: Page, document: Document):
    return page.locator("li.document-task").filter(
        has=page.locator(f"a[href*='/documents/{document.uuid}/']")
    )
