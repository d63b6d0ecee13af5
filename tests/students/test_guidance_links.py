"""Every link from the tracker to the guidance lands on a published page and an existing section."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from guidance.models import PageTranslation
from students import lifecycle
from students.paths import Path as StudentPath

TEMPLATE_LINK = re.compile(r"\{% url 'guidance:page' '([a-z0-9-]+)' %\}#([a-z0-9-]+)")


def links_in_templates() -> set[tuple[str, str]]:
    links = set()
    for template in (Path(settings.BASE_DIR) / "templates" / "students").rglob("*.html"):
        links |= set(TEMPLATE_LINK.findall(template.read_text()))
    return links


def links_in_lifecycle() -> set[tuple[str, str]]:
    """Every guidance section the lifecycle table and the journeys of every path link to."""
    links = {(step.guidance.slug, step.guidance.anchor) for step in lifecycle.STEPS}
    for path in StudentPath:
        for action in lifecycle.path_sequence(path):
            if action.guidance is not None:
                links.add((action.guidance.slug, action.guidance.anchor))
    links.add((lifecycle.EU_STUDENTS, "without-ehic"))  # the EU register step (tracker)
    return links


LINKS = sorted(links_in_templates() | links_in_lifecycle())


def test_the_tracker_links_to_the_guidance_at_all():
    assert len(LINKS) >= 10


@pytest.mark.parametrize(("slug", "anchor"), LINKS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_linked_section_exists_in_both_languages(db, slug, anchor, language):
    text = PageTranslation.objects.get(page__slug=slug, language=language, page__is_published=True)

    assert anchor in {section["anchor"] for section in text.sections}
