"""Guidance editors' admin: pages, texts, tariffs and old addresses."""

from datetime import date

import pytest
from django.utils import timezone

from guidance.models import Page, PageTranslation, SlugRedirect, Tariff


def text_form_data(text: PageTranslation, **changes) -> dict:
    data = {
        "page": text.page_id,
        "language": text.language,
        "title": text.title,
        "summary": text.summary,
        "body": text.body,
        "updated_on": text.updated_on.isoformat(),
        "sources": "\n".join(f"{s['title']} | {s['url']}" for s in text.sources),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "path",
    [
        "/admin/guidance/page/",
        "/admin/guidance/pagetranslation/",
        "/admin/guidance/tariff/",
        "/admin/guidance/slugredirect/",
        "/admin/guidance/tariff/add/",
    ],
)
def test_the_editor_opens_every_guidance_list(editor_client, path):
    assert editor_client.get(path).status_code == 200


def test_the_editor_opens_a_page_a_text_and_their_history(editor_client):
    text = PageTranslation.objects.get(page__slug="help", language="fr")

    for path in (
        f"/admin/guidance/page/{text.page_id}/change/",
        f"/admin/guidance/pagetranslation/{text.pk}/change/",
        f"/admin/guidance/pagetranslation/{text.pk}/history/",
    ):
        assert editor_client.get(path).status_code == 200


def test_a_student_cannot_open_the_guidance_admin(client, alice):
    client.force_login(alice)

    response = client.get("/admin/guidance/page/", follow=True)

    assert response.status_code == 403


def test_renaming_a_page_in_the_admin_keeps_the_old_address(editor_client, client):
    page = Page.objects.get(slug="help")

    response = editor_client.post(
        f"/admin/guidance/page/{page.pk}/change/",
        {
            "slug": "getting-help",
            "audience": page.audience,
            "order": page.order,
            "is_published": "on",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
            "redirects-TOTAL_FORMS": "0",
            "redirects-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert SlugRedirect.objects.get(old_slug="help").page == page
    assert client.get("/en/guide/help/")["Location"] == "/en/guide/getting-help/"
    assert client.get("/en/guide/getting-help/").status_code == 200


def test_a_page_cannot_take_an_address_that_redirects_to_another_page(editor_client, make_page):
    other = make_page("other")
    SlugRedirect.objects.create(old_slug="taken", page=Page.objects.get(slug="help"))

    response = editor_client.post(
        f"/admin/guidance/page/{other.pk}/change/",
        {
            "slug": "taken",
            "audience": "everyone",
            "order": 1,
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
            "redirects-TOTAL_FORMS": "0",
            "redirects-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "still redirects to it" in response.content.decode()


def test_anchors_stay_when_the_editor_changes_the_titles(editor_client, client):
    text = PageTranslation.objects.get(page__slug="better-reimbursement", language="en")
    anchors = [section["anchor"] for section in text.sections]
    body = text.body.replace(
        "## Declare a GP {#declare-a-gp}", "## Choose a regular GP {#declare-a-gp}"
    )
    assert body != text.body

    response = editor_client.post(
        f"/admin/guidance/pagetranslation/{text.pk}/change/",
        text_form_data(text, title="Paying less for care", body=body),
    )

    assert response.status_code == 302
    html = client.get("/en/guide/better-reimbursement/").content.decode()
    assert "Paying less for care" in html
    assert '<h2 id="declare-a-gp">Choose a regular GP</h2>' in html
    for anchor in anchors:
        assert f'id="{anchor}"' in html


def test_a_section_without_an_anchor_is_refused(editor_client):
    text = PageTranslation.objects.get(page__slug="help", language="en")

    response = editor_client.post(
        f"/admin/guidance/pagetranslation/{text.pk}/change/",
        text_form_data(text, body=text.body + "\n## A new section\n\nText.\n"),
    )

    assert response.status_code == 200
    assert "stable anchor" in response.content.decode()


def test_a_changed_text_gets_todays_date(editor_client):
    text = PageTranslation.objects.get(page__slug="help", language="en")
    text.updated_on = date(2025, 1, 1)
    text.save()

    editor_client.post(
        f"/admin/guidance/pagetranslation/{text.pk}/change/",
        text_form_data(text, summary="A new summary."),
    )

    text.refresh_from_db()
    assert text.updated_on == timezone.localdate()
    assert text.history.count() >= 1


def test_sources_are_edited_one_per_line(editor_client):
    text = PageTranslation.objects.get(page__slug="help", language="en")

    editor_client.post(
        f"/admin/guidance/pagetranslation/{text.pk}/change/",
        text_form_data(
            text, sources="ameli.fr, 2026 | https://www.ameli.fr/\n\nCNIL | https://www.cnil.fr/"
        ),
    )

    text.refresh_from_db()
    assert text.sources == [
        {"title": "ameli.fr, 2026", "url": "https://www.ameli.fr/"},
        {"title": "CNIL", "url": "https://www.cnil.fr/"},
    ]


@pytest.mark.parametrize(
    "line", ["no separator here", "Title | javascript:alert(1)", " | https://a.fr/"]
)
def test_a_wrong_source_line_is_refused(editor_client, line):
    text = PageTranslation.objects.get(page__slug="help", language="en")

    response = editor_client.post(
        f"/admin/guidance/pagetranslation/{text.pk}/change/", text_form_data(text, sources=line)
    )

    assert response.status_code == 200
    assert "Line 1" in response.content.decode()


def test_an_overlapping_tariff_is_refused(editor_client):
    response = editor_client.post(
        "/admin/guidance/tariff/add/",
        {
            "parameter": "participation_forfaitaire_per_act",
            "effective_from": "2025-01-01",
            "value": "3",
            "unit": "EUR",
            "source": "test",
            "confidence": "confirmed",
        },
    )

    assert response.status_code == 200
    assert "overlaps another value" in response.content.decode()
    assert not Tariff.objects.filter(value=3).exists()


def test_a_new_tariff_after_closing_the_old_one_is_accepted(editor_client):
    current = Tariff.objects.get(parameter="participation_forfaitaire_per_act", effective_to=None)
    current.effective_to = date(2027, 1, 31)
    current.save()

    response = editor_client.post(
        "/admin/guidance/tariff/add/",
        {
            "parameter": "participation_forfaitaire_per_act",
            "effective_from": "2027-02-01",
            "value": "3",
            "unit": "EUR",
            "source": "a future décret",
            "confidence": "confirmed",
        },
    )

    assert response.status_code == 302
    assert Tariff.objects.get(effective_from=date(2027, 2, 1)).history.count() == 1
