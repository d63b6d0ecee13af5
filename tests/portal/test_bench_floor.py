"""/bench/floor/: the benchmark's bare page, routed only when BENCH_FLOOR is on."""

from django.test import RequestFactory

from portal import views


def test_it_is_not_routed_by_default(anon):
    assert anon.get("/bench/floor/").status_code == 404


def test_it_renders_a_short_template_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/bench/floor/")

    with django_assert_num_queries(0):
        response = views.bench_floor(request)

    assert response.status_code == 200
    assert len(response.content) < 300
