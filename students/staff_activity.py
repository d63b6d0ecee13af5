"""Has the international office acted on a student's file since a given moment?

A student may undo their latest report only if nobody from the office has acted on the file
since (issue 13): a step recorded by staff (on the timeline, read here), but also a review of
one of the student's documents or a message from the office, which live in apps that sit
above this one. Those apps register, at start-up (their AppConfig.ready), a function that
answers for their own records; this app asks them all without importing them.
"""

from collections.abc import Callable
from datetime import datetime

# A source answers: did the office act on this student's file after `since`?
Source = Callable[..., bool]

_SOURCES: list[Source] = []


def register(source: Source) -> None:
    """Add a source of staff activity (called once per app, from AppConfig.ready)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def office_acted_since(*, student_id: int, since: datetime) -> bool:
    """Whether any registered source saw the office act on this student's file after `since`."""
    return any(source(student_id=student_id, since=since) for source in _SOURCES)
