import re

from django.templatetags.static import static

BOOTSTRAP = "vendor/bootstrap/bootstrap.min.css"
ONE_YEAR = 60 * 60 * 24 * 365


def max_age(response) -> int:
    match = re.search(r"max-age=(\d+)", response["Cache-Control"])
    assert match, response["Cache-Control"]
    return int(match.group(1))


def test_pages_link_to_the_hashed_name():
    hashed = static(BOOTSTRAP)

    assert hashed != f"/static/{BOOTSTRAP}"
    assert re.fullmatch(r"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", hashed)


def test_the_hashed_file_is_cached_for_at_least_a_year_and_marked_immutable(anon):
    response = anon.get(static(BOOTSTRAP))

    assert response.status_code == 200
    # WhiteNoise gives names it knows to be hashed ten years, more than WHITENOISE_MAX_AGE.
    assert max_age(response) >= ONE_YEAR
    assert "public" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_the_plain_name_is_cached_for_a_year(anon):
    response = anon.get(f"/static/{BOOTSTRAP}")

    assert response.status_code == 200
    assert max_age(response) == ONE_YEAR


def test_it_sends_a_compressed_variant_to_a_browser_that_accepts_one(anon):
    response = anon.get(static(BOOTSTRAP), headers={"accept-encoding": "gzip, br"})

    assert response.status_code == 200
    assert response["Content-Encoding"] in {"gzip", "br"}
    assert "Accept-Encoding" in response["Vary"]


def test_it_sends_gzip_when_brotli_is_not_accepted(anon):
    response = anon.get(static(BOOTSTRAP), headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"


def test_no_media_url_exists(anon):
    assert anon.get("/media/anything").status_code == 404
    assert anon.get("/media/anything.pdf").status_code == 404
    assert anon.get("/en/media/anything").status_code == 404
