"""Rendering notices: subject, text and HTML parts from templates/emails/<name>_*."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


# Where `make run` serves the portal; production sets PUBLIC_BASE_URL.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:8000"


def absolute_url(path: str) -> str:
    """Links in e-mails use the configured address, never the request's Host header."""
    return (settings.PUBLIC_BASE_URL or DEVELOPMENT_BASE_URL).rstrip("/") + path


def render_email(
    *, template: str, language: str, context: dict, url_name: str, url_kwargs: dict | None = None
) -> RenderedEmail:
    """Render the three parts of an e-mail in the recipient's language, with its link."""
    with translation.override(language):
        context = {
            **context,
            "link": absolute_url(reverse(url_name, kwargs=url_kwargs or {})),
            "PORTAL_NAME": settings.PORTAL_NAME,
            "UNIVERSITY_NAME": settings.UNIVERSITY_NAME,
            "LANGUAGE_CODE": language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        return RenderedEmail(
            subject=" ".join(subject.split()),
            text=render_to_string(f"emails/{template}_body.txt", context),
            html=render_to_string(f"emails/{template}_body.html", context),
        )
