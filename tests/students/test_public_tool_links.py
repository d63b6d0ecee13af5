"""The which-path checker and the number helper are reachable from every page that promises them.

Issue 20: home, guidance index, link kit (QR code and poster), sitemap. Issue 13 item 6:
the number helper from the site navigation, home, guidance index, the your-number page,
the dashboard's number card, the link kit (QR code) and the sitemap. In every language,
and every link followed.
"""

import re

import pytest
import segno
from django.conf import settings

from students.models import Status
from tests.guidance.conftest import qr_matrix_from_svg

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WHICH_PATH = "/{lang}/which-path/"
NUMBER = "/{lang}/number/"


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]*)', html))


def header(html: str) -> str:
    return html[html.index("<header") : html.index("</header>")]


def follow(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["/{lang}/", "/{lang}/guide/"], ids=["home", "guidance-index"])
def test_home_and_guidance_index_link_both_tools(client, lang, page):
    html = client.get(page.format(lang=lang)).content.decode()

    for tool in (WHICH_PATH, NUMBER):
        url = tool.format(lang=lang)
        assert url in hrefs(html.replace(header(html), "")), (page, url)
        follow(client, url)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "page", ["/{lang}/", "/{lang}/guide/help/", "/{lang}/privacy/", "/{lang}/which-path/"]
)
def test_the_site_navigation_links_the_number_helper(client, lang, page):
    html = client.get(page.format(lang=lang)).content.decode()

    assert NUMBER.format(lang=lang) in hrefs(header(html))


def test_the_navigation_link_is_there_for_signed_in_students_too(client, alice):
    client.force_login(alice)

    html = client.get("/en/dashboard/").content.decode()

    assert "/en/number/" in hrefs(header(html))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_your_number_page_links_the_number_helper(client, lang):
    html = client.get(f"/{lang}/guide/your-number/").content.decode()

    assert NUMBER.format(lang=lang) in hrefs(html.replace(header(html), ""))
    follow(client, NUMBER.format(lang=lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dashboards_number_card_links_the_number_helper(
    client, alice, alice_registration, bring_to, lang
):
    alice.preferred_language = lang
    alice.save(update_fields=["preferred_language"])
    bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    client.force_login(alice)

    html = client.get(f"/{lang}/dashboard/").content.decode()

    card = html[html.index('aria-labelledby="numbers-heading"') :]
    card = card[: card.index("</section>")]
    assert NUMBER.format(lang=lang) in hrefs(card)
    follow(client, NUMBER.format(lang=lang))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("tool", ["which-path", "number"])
def test_the_link_kit_gives_each_tools_addresses_qr_codes_and_posters(client, lang, tool):
    html = client.get(f"/{lang}/guide/links/").content.decode()

    section = html[html.index(f'id="tool-{tool}"') :]
    section = section[: section.index("</section>")]
    for code in LANGUAGES:
        address = f"http://testserver/{code}/{tool}/"
        assert f'href="{address}"' in section
        qr = f"/{code}/guide/links/{tool}/qr.svg"
        assert f'src="{qr}"' in section
        svg = client.get(qr).content.decode()
        assert qr_matrix_from_svg(svg) == [
            list(row) for row in segno.make(address, error="m", micro=False).matrix
        ]
        poster = f"/{code}/guide/links/{tool}/poster/"
        assert f'href="{poster}"' in section
        poster_html = client.get(poster).content.decode()
        assert f'src="{qr}"' in poster_html
        assert f'<p class="poster-address">{address}</p>' in poster_html
        follow(client, address.removeprefix("http://testserver"))


def test_the_link_kit_gives_partners_a_prefilled_checker_link(client):
    html = client.get("/en/guide/links/").content.decode()

    example = "http://testserver/en/which-path/?nationality=DE&amp;ehic=yes&amp;ehic_until=2027-08-31&amp;months=10"
    assert f'href="{example}"' in html
    response = client.get(example.replace("&amp;", "&").removeprefix("http://testserver"))
    assert 'data-path="eu-ehic"' in response.content.decode()


def test_the_tool_posters_use_the_public_address_when_one_is_set(client, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"

    html = client.get("/fr/guide/links/which-path/poster/").content.decode()

    assert '<p class="poster-address">https://portal.example.org/fr/which-path/</p>' in html


def test_an_unknown_tool_has_no_qr_code_or_poster(client):
    assert client.get("/en/guide/links/nope/qr.svg").status_code == 404
    assert client.get("/en/guide/links/nope/poster/").status_code == 404


def test_the_sitemap_lists_both_tools_in_every_language(client):
    xml = client.get("/sitemap.xml").content.decode()

    for lang in LANGUAGES:
        for tool in (WHICH_PATH, NUMBER):
            url = tool.format(lang=lang)
            assert f"<loc>http://testserver{url}</loc>" in xml
            follow(client, url)
