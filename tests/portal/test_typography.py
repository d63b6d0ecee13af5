"""French spacing before : ; ? ! applied when a French page is rendered (portal.typography)."""

import pytest

from portal.typography import NBSP, french_html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Téléphone : 36 46</p>", f"<p>Téléphone{NBSP}: 36 46</p>"),
        (
            "<p>Vraiment ? Oui ! Bien ; fin :</p>",
            f"<p>Vraiment{NBSP}? Oui{NBSP}! Bien{NBSP}; fin{NBSP}:</p>",
        ),
        ("<p>Note: typed without a space</p>", f"<p>Note{NBSP}: typed without a space</p>"),
        (
            "<p><strong>Attention</strong> : lisez</p>",
            f"<p><strong>Attention</strong>{NBSP}: lisez</p>",
        ),
        (
            "<p><strong>Attention</strong>: lisez</p>",
            f"<p><strong>Attention</strong>{NBSP}: lisez</p>",
        ),
    ],
)
def test_a_non_breaking_space_goes_before_high_punctuation(html, expected):
    assert french_html(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<p>À 10:30 https://www.ameli.fr ?q=1</p>",  # times, addresses, query strings
        '<a href="https://x.fr/?a=1" title="a : b">lien</a>',  # attributes
        "<pre>code : here</pre><code>x ?</code><textarea>a : b</textarea>",
        "<script>var a = b ? c : d;</script>",
        f"<p>Déjà{NBSP}: bon</p>",
    ],
)
def test_what_is_not_french_prose_is_left_alone(html):
    assert french_html(html) == html


def test_french_pages_get_it_and_english_pages_do_not(client, db):
    french = client.get("/fr/guide/help/").content.decode()
    english = client.get("/en/guide/help/").content.decode()

    assert f"Téléphone{NBSP}: 36 46" in french
    assert "Phone: 36 46" in english


def test_the_length_header_follows_the_longer_page(client, db):
    response = client.get("/fr/guide/campus-health-service/")

    # A non-breaking space takes two bytes: the header must not cut the page short.
    assert int(response["Content-Length"]) == len(response.content)
    assert response.content.rstrip().endswith(b"</html>")
