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


def test_the_signed_in_floor_is_not_routed_by_default(anon, alice):
    anon.force_login(alice)
    assert anon.get("/bench/floor/signed-in/").status_code == 404


def test_the_signed_in_floor_asks_a_visitor_to_sign_in():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/bench/floor/signed-in/")
    request.user = AnonymousUser()

    response = views.bench_floor_signed_in(request)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_signed_in_floor_renders_the_floor_for_a_signed_in_person(
    alice, django_assert_num_queries
):
    request = RequestFactory().get("/bench/floor/signed-in/")
    request.user = alice

    with django_assert_num_queries(0):
        response = views.bench_floor_signed_in(request)

    assert response.status_code == 200
    assert len(response.content) < 300
