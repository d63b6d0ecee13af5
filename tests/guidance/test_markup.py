"""Markdown rendering and sanitising (guidance.markup), without the database."""

import re

import pytest

from guidance import markup


def test_a_heading_anchor_becomes_its_id():
    html = markup.render("## Declaring a GP {#declare-a-gp}\n\nText.")

    assert '<h2 id="declare-a-gp">Declaring a GP</h2>' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<iframe src="https://example.org"></iframe>',
        "[x](javascript:alert(1))",
        '<a href="#" onmouseover="alert(1)">x</a>',
        "## Title {#t onclick=alert(1)}",
        '<svg onload="alert(1)"></svg>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_scripts_handlers_and_iframes_are_removed(hostile):
    html = markup.render(hostile)

    # What remains may show the hostile text as harmless words, never as markup.
    for forbidden in ("<script", "<iframe", "<svg", "<img", "style=", 'href="javascript'):
        assert forbidden not in html
    assert re.search(r"<[^>]*\son\w+=", html) is None


def test_tables_and_links_survive():
    html = markup.render("| a | b |\n|---|---|\n| 1 | 2 |\n\n[ameli](https://www.ameli.fr)")

    assert "<table>" in html and "<td>1</td>" in html
    assert '<a href="https://www.ameli.fr" rel="noopener noreferrer">ameli</a>' in html


def test_relative_links_between_pages_survive():
    html = markup.render("[Help](../help/#phone)")

    assert 'href="../help/#phone"' in html


def test_sections_are_read_with_their_anchors_in_order():
    body = "## One {#one}\n\ntext\n\n### Sub\n\n## Two words {#two}\n"

    assert markup.sections(body) == [
        markup.Section(anchor="one", title="One"),
        markup.Section(anchor="two", title="Two words"),
    ]


def test_a_section_without_an_anchor_is_a_problem():
    assert markup.body_problems("## No anchor\n\ntext") == ["missing-anchor"]


def test_duplicate_bad_and_level_one_headings_are_problems():
    body = "# Title\n\n## A {#a}\n\n## B {#a}\n\n## C {#Bad_Anchor}\n"

    assert markup.body_problems(body) == ["level-one", "duplicate-anchor", "bad-anchor"]


def test_headings_inside_code_blocks_are_not_sections():
    body = "```\n## not a section\n```\n\n## Real {#real}\n"

    assert markup.body_problems(body) == []
    assert [section.anchor for section in markup.sections(body)] == ["real"]


def test_a_list_indented_by_two_spaces_nests_as_commonmark_says():
    html = markup.render(
        "- **Civil-status document**. One of these:\n"
        "  - a full copy of your birth certificate;\n"
        "  - a family record book.\n\n"
        "  A paragraph of the same item.\n"
        "- **Parental authorisation** if you are under 16.\n"
    )

    assert re.search(r"<li>\s*<p><strong>Civil-status document</strong>.*?<ul>\s*<li>", html, re.S)
    assert "<p>A paragraph of the same item.</p>\n</li>" in html
    assert re.search(r"<li>\s*<p><strong>Parental authorisation</strong>", html)
    assert "- **" not in html


def test_an_anchor_on_a_lower_heading_becomes_its_id_too():
    assert '<h3 id="details">Details</h3>' in markup.render("### Details {#details}")
