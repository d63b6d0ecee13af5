"""Every list in the staff workplace costs the same number of queries with a few students as
with many: no query per row (the rows come from the benchmark's generator)."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devdata import synthetic
from tests.conftest import log_in_with_mfa, make_verified_user


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def superuser_client(db):
    user = make_verified_user(email="root@example.org", is_staff=True, is_superuser=True)
    return log_in_with_mfa(Client(), user)


def changelists() -> list[str]:
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    )


def queries_per_list(client) -> dict[str, int]:
    counts = {}
    for url in changelists():
        client.get(url)  # fills what the lists keep in the cache (nationalities present)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


def test_no_staff_list_runs_a_query_per_row(superuser_client):
    synthetic.generate(students=8, seed=3)
    few = queries_per_list(superuser_client)
    synthetic.reset()
    synthetic.generate(students=40, seed=3)

    many = queries_per_list(superuser_client)

    grown = {url: (few[url], many[url]) for url in few if many[url] > few[url]}
    assert grown == {}, grown
