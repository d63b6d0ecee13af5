"""Bounds on a guidance body (issue 16, #6) and the renderer's id and link rules (#7)."""

import pytest

from guidance import limits, markup
from guidance.models import PageTranslation
from tests.guidance.test_admin import text_form_data

NESTED_500 = "".join("  " * level + "- item\n" for level in range(500))
NESTED_60 = "".join("  " * level + "- item\n" for level in range(60))


@pytest.fixture
def renderer_must_not_run(monkeypatch):
    def refuse(body):
        raise AssertionError("a body outside the bounds reached the renderer")

    monkeypatch.setattr(markup, "render", refuse)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (NESTED_500, "too long"),
        (NESTED_60, "nested too deeply"),
        ("> " * 50 + "quoted", "nested too deeply"),
        ("[" * 100 + "x" + "]" * 100, "nested too deeply"),
        ("word " * 20_000, "too long"),
    ],
)
def test_the_editor_gets_a_clear_refusal_and_nothing_is_rendered_or_saved(
    editor_client, renderer_must_not_run, body, message
):
    text = PageTranslation.objects.get(page__slug="help", language="en")
    before = text.body_html

    response = editor_client.post(
        f"/admin/guidance/pagetranslation/{text.pk}/change/", text_form_data(text, body=body)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    text.refresh_from_db()
    assert text.body_html == before


def test_every_published_page_is_within_the_bounds(db):
    for text in PageTranslation.objects.all():
        assert limits.body_limit_problems(text.body) == [], text


def test_a_body_just_within_the_bounds_is_accepted():
    eight_levels = "".join("    " * level + "- item\n" for level in range(9))

    assert limits.body_limit_problems(eight_levels) == []
    assert limits.body_limit_problems("> " * 8 + "quoted") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("## Skip {#main}\n", "<h2>Skip</h2>"),
        ("### Form {#Login_Form}\n", "<h3>Form</h3>"),
        ("## Fine {#declare-a-gp}\n", '<h2 id="declare-a-gp">Fine</h2>'),
    ],
)
def test_heading_ids_follow_the_anchor_rule_only(body, expected):
    assert markup.render(body).strip() == expected


@pytest.mark.parametrize(
    "href", ["//evil.example/x", "https:evil.example", "/\\evil.example", "javascript:alert(1)"]
)
def test_links_without_a_host_or_leaving_by_a_trick_are_dropped(href):
    assert "href" not in markup.render(f"[x]({href})")


@pytest.mark.parametrize(
    "href",
    ["https://www.ameli.fr/", "../registering/", "#declare-a-gp", "mailto:sante@example.org"],
)
def test_ordinary_links_are_kept(href):
    assert f'href="{href}"' in markup.render(f"[x]({href})")
