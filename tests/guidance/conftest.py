"""Fixtures for the guidance tests: pages made on the spot, an editor, a QR reader."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Permission

from guidance import content
from guidance.models import Page, PageTranslation
from tests.conftest import log_in_with_mfa, make_verified_user

CONTENT = content.read_all()
CONTENT_SLUGS = sorted({item.slug for item in CONTENT})
LANGUAGES = ("en", "fr")

BODY = """Intro paragraph.

## First section {#first}

Text of the first section.

## Second section {#second}

Text of the second section.
"""


@pytest.fixture
def make_page(db):
    def make(
        slug="test-page",
        *,
        languages=LANGUAGES,
        body=BODY,
        published=True,
        audience="everyone",
        order=500,
    ) -> Page:
        page = Page.objects.create(
            slug=slug, audience=audience, order=order, is_published=published
        )
        for language in languages:
            PageTranslation.objects.create(
                page=page,
                language=language,
                title=f"Test page title {language}",
                summary=f"Test page summary {language}.",
                body=body,
                updated_on=date(2026, 1, 15),
                sources=[{"title": f"Source {language}", "url": "https://www.ameli.fr/"}],
            )
        return page

    return make


@pytest.fixture
def editor(db):
    """bob, international-office staff who may edit guidance pages and tariffs."""
    user = make_verified_user(email="bob@example.org", language="en", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="guidance"))
    return user


@pytest.fixture
def editor_client(client, editor):
    return log_in_with_mfa(client, editor)


def qr_matrix_from_svg(svg: str, border: int = 4) -> list[list[int]]:
    """Read back the dark modules of a segno SVG (one path of horizontal runs).

    segno draws each run of dark modules as "h<length>" on the line y = row + 0.5, moving
    with absolute "M x y" once and relative "m dx dy" afterwards.
    """
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r' d="([^"]+)"', svg).group(1)
    matrix = [[0] * (size - 2 * border) for _ in range(size - 2 * border)]
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            row = int(y - 0.5) - border
            for column in range(int(x), int(x + values[0])):
                matrix[row][column - border] = 1
            x += values[0]
    return matrix
