"""Each path's actions in order, for pages that show a path without a registration.

The public checker (/<lang>/which-path/) reads only `path_steps_for_display`. Until
students/lifecycle.py declares every path's sequence once (issue 13, "One order"), this
builds it from what exists: the tracker's step titles for the registering paths and the
dashboard's wording for the others. Switching to the lifecycle table is a change to that
one function's body.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from students.models import Registration
from students.paths import REGISTERING_PATHS, Path
from students.tracker import steps_for


@dataclass(frozen=True)
class DisplayStep:
    """One action of a path, with the guidance section that explains it."""

    title: str | Promise
    guidance_slug: str
    anchor: str = ""


# The guidance section that explains each path as a whole: (page slug, anchor).
PATH_GUIDANCE: dict[str, tuple[str, str]] = {
    Path.EU_WITH_EHIC: ("eu-students", "with-ehic"),
    Path.EU_REGISTER: ("eu-students", "without-ehic"),
    Path.NON_EU: ("register-outside-eu", ""),
    Path.QUEBEC: ("register-outside-eu", ""),
    Path.ALREADY_REGISTERED: ("your-number", "definitive"),
    Path.SHORT_STAY: ("how-health-insurance-works", "who-must-be-covered"),
}

# DOMAIN.md §9.9: holders of the RAMQ form take it to their CPAM rather than registering
# online (the online route stays the fallback; see students/which_path.py's facts).
QUEBEC_FIRST_STEP = DisplayStep(
    _("Take your Quebec form SE 401-Q-106 to your CPAM"), "register-outside-eu", "register"
)
EHIC_STEPS = [
    DisplayStep(
        _("Show your European Health Insurance Card to every doctor, hospital and pharmacy"),
        "care-with-ehic",
        "public-facility",
    ),
    DisplayStep(_("What to send"), "care-with-ehic", "what-to-send"),
    DisplayStep(_("When your card expires"), "care-with-ehic", "card-expiry"),
]
SHORT_STAY_STEPS = [
    DisplayStep(
        _("Take out private health insurance that covers your whole stay in France"),
        "how-health-insurance-works",
        "who-must-be-covered",
    ),
    DisplayStep(_("Ask the international office"), "help", "international-office"),
]
# Already registered: what is left after registering (the tracker's last three steps).
AFTER_REGISTRATION = ("definitive", "ameli", "carte_vitale")


def _tracker_steps(path: str) -> list[DisplayStep]:
    # An unsaved registration at its first status: the tracker's titles and guidance, no
    # database access.
    return [
        DisplayStep(step.title, step.guidance.slug, step.guidance.anchor)
        for step in steps_for(Registration(path=path))
        if step.guidance is not None
    ]


def path_steps_for_display(path: str) -> list[DisplayStep]:
    """What to do first and then, in order, on `path` (the dashboard's wording)."""
    if path == Path.QUEBEC:
        return [QUEBEC_FIRST_STEP, *_tracker_steps(path)[1:]]
    if path in REGISTERING_PATHS:
        return _tracker_steps(path)
    if path == Path.ALREADY_REGISTERED:
        steps = steps_for(Registration(path=Path.NON_EU))
        return [
            DisplayStep(step.title, step.guidance.slug, step.guidance.anchor)
            for step in steps
            if step.key in AFTER_REGISTRATION and step.guidance is not None
        ]
    if path == Path.EU_WITH_EHIC:
        return list(EHIC_STEPS)
    if path == Path.SHORT_STAY:
        return list(SHORT_STAY_STEPS)
    raise ValueError(f"unknown path {path!r}")
