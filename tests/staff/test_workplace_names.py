"""Plain, unique titles and menu names in EN and FR, one date format, a favicon (issue 15, 4)."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.staff.conftest import staff_client


def _menu_names(html: str) -> list[str]:
    """The names of the admin's navigation: app captions and model links."""
    captions = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', html)
    models = re.findall(r'<th scope="row" id="[^"]+">\s*<a href="[^"]+"[^>]*>([^<]+)</a>', html)
    return [name.strip() for name in captions + models]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_menu_names_are_unique(root, language):
    client = staff_client(root)
    client.cookies["django_language"] = language
    names = _menu_names(client.get("/admin/").content.decode())
    assert len(names) > 10
    duplicates = sorted({n for n in names if [m.casefold() for m in names].count(n.casefold()) > 1})
    assert len(names) == len({name.casefold() for name in names}), duplicates


@pytest.mark.parametrize(
    ("url", "language", "title"),
    [
        ("/admin/office/student/", "en", "Students"),
        ("/admin/office/student/", "fr", "Étudiants"),
        ("/admin/office/pendingdocument/", "en", "Review queue"),
        ("/admin/office/pendingdocument/", "fr", "File de vérification"),
    ],
)
def test_work_lists_have_plain_titles(bob, url, language, title):
    client = staff_client(bob)
    client.cookies["django_language"] = language
    html = client.get(url).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert "Select" not in re.search(r"<title>([^<]*)</title>", html).group(1)
    assert "Sélectionnez" not in html


def test_the_favicon_is_served_from_static_files(bob_client, client):
    for html in (bob_client.get("/admin/").content.decode(), client.get("/en/").content.decode()):
        href = re.search(r'<link rel="icon" href="/static/([^"]+)"', html).group(1)
        assert finders.find(re.sub(r"\.[0-9a-f]{12}\.", ".", href)) is not None
