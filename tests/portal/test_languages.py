"""The five languages: addresses, the picker, right to left, the saved choice, the admin."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from portal.languages import PORTAL_LANGUAGES
from tests.conftest import log_in_with_mfa, make_verified_user
from tests.students.conftest import PROVISIONAL

CODES = [language.code for language in PORTAL_LANGUAGES]
NATIVE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "zh-hans": "简体中文",
    "ar": "العربية",
}
PUBLIC_PAGES = ["/", "/guide/", "/privacy/", "/accessibility/", "/estimate/", "/number/"]
BOOTSTRAP = Path(settings.BASE_DIR) / "static" / "vendor" / "bootstrap"


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def test_the_portal_offers_five_languages():
    assert CODES == ["en", "fr", "es", "zh-hans", "ar"]


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_answers_in_every_language_with_its_lang(anon, code, page):
    response = anon.get(f"/{code}{page}")

    assert response.status_code == 200
    tag = html_tag(response.content.decode())
    assert f'lang="{code}"' in tag
    if code == "ar":
        assert 'dir="rtl"' in tag
    else:
        assert "rtl" not in tag


@pytest.mark.parametrize("code", CODES)
def test_the_picker_lists_the_five_languages_in_their_own_names(anon, code):
    html = anon.get(f"/{code}/privacy/").content.decode()

    # Not signed in: links to the same page in each language (no form, no token).
    for other, name in NATIVE_NAMES.items():
        assert re.search(
            rf'<a href="/{other}/privacy/" hreflang="{other}" lang="{other}"[^>]*>'
            rf"{re.escape(name)}</a>",
            html,
        ), f"{name} missing from the picker on /{code}/"
    assert re.search(rf'href="/{code}/privacy/"[^>]*aria-current="page"', html)


@pytest.mark.parametrize("code", CODES)
def test_the_signed_in_picker_is_a_form_that_saves_the_choice(client, alice, code):
    client.force_login(alice)
    html = client.get(f"/{code}/privacy/").content.decode()

    for other, name in NATIVE_NAMES.items():
        assert re.search(
            rf'<button type="submit" name="language" value="{other}" lang="{other}"[^>]*>'
            rf"{re.escape(name)}</button>",
            html,
        ), f"{name} missing from the picker on /{code}/"
    assert re.search(rf'value="{code}"[^>]*aria-current="true"', html)


def test_arabic_pages_load_bootstraps_right_to_left_stylesheet(anon):
    arabic = anon.get("/ar/guide/").content.decode()
    english = anon.get("/en/guide/").content.decode()

    assert "bootstrap.rtl.min" in arabic and "bootstrap.min" not in arabic
    assert "bootstrap.min" in english and "bootstrap.rtl" not in english


def test_the_right_to_left_stylesheet_is_the_same_bootstrap_version_as_the_left_to_right_one():
    def version(name: str) -> str:
        head = (BOOTSTRAP / name).read_text(encoding="utf-8")[:300]
        return re.search(r"Bootstrap\s+v(\d+\.\d+\.\d+)", head).group(1)

    assert version("bootstrap.rtl.min.css") == version("bootstrap.min.css")


def test_no_page_asks_another_site_for_a_font(anon):
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
    html = anon.get("/zh-hans/guide/").content.decode()

    assert "@font-face" not in css and "@import" not in css
    assert "fonts.googleapis" not in html
    assert '"Noto Sans CJK SC"' in css and '"Noto Sans Arabic"' in css


@pytest.mark.parametrize("code", CODES)
def test_choosing_a_language_saves_it_on_the_account(client, alice, code):
    client.force_login(alice)

    response = client.post("/i18n/setlang/", {"language": code, "next": "/en/privacy/"})

    assert response.status_code == 302
    assert response["Location"] == f"/{code}/privacy/"
    alice.refresh_from_db()
    assert alice.preferred_language == code


@pytest.mark.parametrize("code", CODES)
def test_the_saved_language_opens_the_portal_after_login(client, password, code):
    user = make_verified_user(email=f"lang-{code}@example.org", language=code)

    response = client.post("/en/accounts/login/", {"login": user.email, "password": password})

    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == code


@pytest.mark.parametrize(
    ("code", "admin_language"), [(c, "fr" if c == "fr" else "en") for c in CODES]
)
def test_the_admin_is_shown_in_english_unless_the_staff_member_reads_french(
    bob, code, admin_language
):
    bob.preferred_language = code
    bob.save(update_fields=["preferred_language"])
    client = log_in_with_mfa(Client(), bob)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code

    response = client.get("/admin/")

    assert response.status_code == 200
    tag = html_tag(response.content.decode())
    assert f'lang="{admin_language}"' in tag
    assert "rtl" not in tag


@pytest.mark.parametrize("code", CODES)
def test_every_page_names_its_address_in_every_language_for_search_engines(anon, code):
    html = anon.get(f"/{code}/guide/help/").content.decode()

    for other in CODES:
        assert re.search(
            rf'<link rel="alternate" hreflang="{other}" href="http://testserver/{other}/guide/help/">',
            html,
        ), other
    # x-default: the address without a language (it opens in the browser's language).
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/guide/help/">' in html
    )


@pytest.mark.parametrize("code", CODES)
def test_a_tool_without_an_address_outside_the_languages_names_english_as_x_default(anon, code):
    html = anon.get(f"/{code}/estimate/", {"fee": "30"}).content.decode()

    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/estimate/">' in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/en/estimate/">' in html
    )


@pytest.mark.parametrize(("browser", "code"), [("zh-CN", "zh-hans"), ("ar", "ar"), ("fr", "es")])
def test_the_picker_leads_to_the_same_page_whatever_the_browsers_language(anon, browser, code):
    anon.get("/en/privacy/")

    response = anon.post(
        "/i18n/setlang/",
        {"language": code, "next": "/en/privacy/"},
        headers={"accept-language": browser},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/{code}/privacy/"


@pytest.mark.parametrize(
    ("browser", "code"),
    [("zh-CN,zh;q=0.9", "zh-hans"), ("ar-MA,ar;q=0.9", "ar"), ("es-MX", "es"), ("de", "en")],
)
def test_an_address_without_a_language_opens_in_the_browsers_language(anon, browser, code):
    home = anon.get("/", headers={"accept-language": browser})
    guide = anon.get("/guide/help/", headers={"accept-language": browser})

    assert home["Location"] == f"/{code}/"
    assert guide["Location"] == f"/{code}/guide/help/"


@pytest.mark.parametrize("code", CODES)
def test_the_number_helper_explains_a_typed_number_in_every_language(anon, code):
    response = anon.post(f"/{code}/number/", {"number": PROVISIONAL})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="reading-heading"' in html
    assert f'lang="{code}"' in html_tag(html)
    # The number's parts in Western digits, left to right even inside an Arabic page.
    assert '<td class="nir">99 216</td>' in html
