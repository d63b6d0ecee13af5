"""/sitemap.xml lists every published page in both languages."""

from guidance.models import Page


def test_the_sitemap_lists_every_published_page_in_both_languages(client, make_page):
    make_page("draft", published=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    published = Page.objects.filter(is_published=True).exclude(translations=None)
    assert published.count() >= 9
    for page in published:
        for language in ("en", "fr"):
            assert f"<loc>http://testserver/{language}/guide/{page.slug}/</loc>" in xml
        assert f'hreflang="fr" href="http://testserver/fr/guide/{page.slug}/"' in xml
    assert "/guide/draft/" not in xml


def test_the_sitemap_lists_the_estimator_and_the_link_kit(client):
    xml = client.get("/sitemap.xml").content.decode()

    for path in ("/en/guide/", "/fr/guide/", "/en/estimate/", "/fr/estimate/", "/fr/guide/links/"):
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_the_sitemap_gives_each_page_its_last_update(client):
    xml = client.get("/sitemap.xml").content.decode()

    assert "<lastmod>" in xml
