"""Every page a visitor or a student opens, in every language: 200, the right lang, and
dir="rtl" on every Arabic page.

Walks the access matrix of tests/test_permissions.py: each address under /<lang>/ that
answers 200 to a visitor or to Alice is fetched under each language's prefix.
"""

import re

import pytest

from portal.languages import PORTAL_LANGUAGES
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.matrix_urls import patterns
from tests.students.conftest import make_profile, year  # noqa: F401
from tests.test_permissions import EXPECTED, ROLES, path_for, world  # noqa: F401

CODES = [language.code for language in PORTAL_LANGUAGES]
HTML_TAG = re.compile(r"<html[^>]*>")


def pages_answering(role: str) -> list[str]:
    column = ROLES.index(role)
    return [
        key for key in patterns() if key.startswith("<lang>/") and EXPECTED[key][column] == "200"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("role", ["anon", "alice"])
def test_every_page_of_a_visitor_and_a_student_answers_in_every_language(world, role, code):  # noqa: F811
    client = world.clients[role]
    keys = pages_answering(role)
    assert len(keys) > (10 if role == "anon" else 25)
    wrong = []
    for key in keys:
        path = "/" + code + path_for(key, world).removeprefix("/en")
        response = client.get(path)
        if response.status_code != 200:
            wrong.append(f"{path}: {response.status_code}")
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue  # QR codes, PDFs, the data download
        tag = HTML_TAG.search(response.content.decode()).group(0)
        if f'lang="{code}"' not in tag:
            wrong.append(f"{path}: {tag}")
        if (code == "ar") != ('dir="rtl"' in tag):
            wrong.append(f"{path}: {tag}")
    assert not wrong, f"{role} in {code}:\n" + "\n".join(wrong)
