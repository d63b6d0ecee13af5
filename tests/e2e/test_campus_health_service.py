"""The campus health service: a QR link to a guidance section, the poster, the estimator."""

import io
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from guidance.qr import qr_svg
from tests.e2e.actions import switch_language

# The guidance pages and the estimator's tariffs (data migrations).
pytestmark = pytest.mark.usefixtures("reference_data")

SLUG = "campus-health-service"
ANCHOR = "gp-at-the-sse"
OTHER = {"en": "fr", "fr": "en"}
# 30 € at a sector-1 GP declared as médecin traitant: 70 % of 30 € − 2 € (DOMAIN.md §2, §3).
REIMBURSED = {"en": "19.00", "fr": "19,00"}


def test_a_qr_link_opens_the_guidance_section_which_prints_as_a_one_page_poster(
    page, language, shot
):
    page.goto(f"/{language}/guide/links/")
    shot(page, "link kit")

    section = page.locator(f"#page-{SLUG} li", has=page.locator(f"text=#{ANCHOR}"))
    address = section.locator(f"a.link-kit-url[hreflang={language}]")
    url = address.inner_text()
    assert urlsplit(url).path == f"/{language}/guide/{SLUG}/"
    assert urlsplit(url).fragment == ANCHOR
    qr_src = address.locator("xpath=../..").locator("img.link-kit-qr").get_attribute("src")
    qr = page.request.get(qr_src)
    assert qr.ok
    assert qr.body() == qr_svg(url), "the QR code does not encode the address shown beside it"

    page.goto(url)
    expect(page).to_have_url(re.compile(f"/{language}/guide/{SLUG}/#{ANCHOR}$"))
    target = page.locator(f"#{ANCHOR}")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == ANCHOR
    assert page.evaluate("window.scrollY") > 0, "the page did not scroll to the section"
    shot(page, "section opened from the QR code", full_page=False)

    page.click(f"main a[href='/{language}/guide/{SLUG}/poster/']")
    expect(page.locator("article.poster img.poster-qr")).to_be_visible()
    shot(page, "poster on screen")
    page.emulate_media(media="print")
    expect(page.locator(".portal-header")).to_be_hidden()
    shot(page, "poster printed")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 1, f"the poster prints on {len(pdf.pages)} pages"
    page.emulate_media(media="screen")


def test_the_language_switch_on_a_guidance_page_keeps_the_page(page, language, shot):
    page.goto(f"/{language}/guide/{SLUG}/")

    switch_language(page)

    other = OTHER[language]
    expect(page).to_have_url(re.compile(f"/{other}/guide/{SLUG}/$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator(f"#{ANCHOR}")).to_have_count(1)
    shot(page, "same page in the other language")


def test_the_estimator_opens_prefilled_from_a_link(page, language, shot):
    page.goto(f"/{language}/estimate/?fee=30&gp=yes&sector=1")

    expect(page.locator("input[name=fee]")).to_have_value("30")
    amount = page.locator(".estimate-line-insurance .estimate-amount")
    expect(amount).to_have_text(re.compile(rf"^{re.escape(REIMBURSED[language])}\s€$"))
    shot(page, "estimate")
