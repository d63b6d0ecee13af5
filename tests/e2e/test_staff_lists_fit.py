"""The office's work lists fit a 1280 px laptop without sideways scrolling (issue 15, 1).

Measured in the browser at 1280 and 1440 px, EN and FR: the page is no wider than the
window, and the results table no wider than its column, with a realistic row (long name,
number flag, every column filled). Each page is screenshotted and checked by axe.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from documents.kinds import DocumentKind
from students.models import Status
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.staff.conftest import bob  # noqa: F401
from tests.students.conftest import bring_to, make_profile, valid_number, year  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")

LISTS = ["/admin/office/student/", "/admin/office/pendingdocument/"]


@pytest.fixture(params=[1280, 1440], ids=["1280px", "1440px"])
def width(request) -> int:
    return request.param


@pytest.fixture
def busy_office(alice, charlie, make_profile, bring_to, upload):
    from students import services

    registration = make_profile(
        alice,
        legal_surname="Papadopoulou-Wolfeschlegelsteinhausen",
        legal_given_names="Alexandra Konstantina Maria",
        nationality="GR",
        country_of_birth="GR",
    )
    registration = bring_to(registration, Status.SUBMITTED)
    services.registration_record_provisional_number(
        registration=registration,
        number=valid_number("7 99 01 99 216 321"),
        by=alice,
        on=timezone.localdate(registration.created_at),
    )
    upload(alice)
    upload(alice, kind=DocumentKind.RIB)
    make_profile(charlie, legal_surname="Brown", legal_given_names="Charlie")


def _overflow(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const table = document.querySelector('#result_list');
            const holder = table ? table.parentElement : null;
            return {
                page: document.documentElement.scrollWidth - window.innerWidth,
                table: table ? table.getBoundingClientRect().width - holder.clientWidth : 0,
            };
        }"""
    )


@pytest.mark.parametrize("url", LISTS)
def test_work_lists_fit_without_sideways_scroll(staff_page, busy_office, url, width, shot):
    response = staff_page.goto(url)
    assert response.ok
    overflow = _overflow(staff_page)
    assert overflow["page"] <= 0, overflow
    assert overflow["table"] <= 1, overflow
    shot(staff_page, url.strip("/").replace("/", "-"))
