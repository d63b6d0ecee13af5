"""portal.cache.get_or_refresh: a slow value (the office's charts) is computed again by one
request once stale, while the others are served the older copy."""

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.utils import timezone

from portal.cache import get_or_refresh


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_a_fresh_copy_is_served_without_computing(db):
    compute, calls = counter()
    assert get_or_refresh("figures", compute, fresh_for=300, keep_for=3600) == 1
    assert get_or_refresh("figures", compute, fresh_for=300, keep_for=3600) == 1
    assert len(calls) == 1


def test_a_stale_copy_is_computed_again_by_one_request_only(db):
    compute, calls = counter()
    get_or_refresh("figures", compute, fresh_for=300, keep_for=3600)

    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        cache.add("figures:refreshing", 1, 300)  # another request is computing it
        assert get_or_refresh("figures", compute, fresh_for=300, keep_for=3600) == 1
        cache.delete("figures:refreshing")
        assert get_or_refresh("figures", compute, fresh_for=300, keep_for=3600) == 2
    assert len(calls) == 2
