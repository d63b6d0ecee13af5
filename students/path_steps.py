"""Each path's actions in order, for pages that show a path without a registration.

The public checker (/<lang>/which-path/) reads only `path_steps_for_display`, built from
students/lifecycle.py's per-path sequence (one order, everywhere).
"""

from dataclasses import dataclass

from django.utils.functional import Promise

from students import lifecycle
from students.paths import Path


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


def path_steps_for_display(path: str) -> list[DisplayStep]:
    """What to do first and then, in order, on `path`: the dashboard's own actions.

    The sequence and its wording are students/lifecycle.py's `path_sequence`, so the
    public checker and "What to do next" can never disagree. "Tell us about yourself" is
    left out: on the public page it is "create an account", said beside the answer.
    """
    whole = PATH_GUIDANCE[Path(path)]
    return [
        DisplayStep(
            action.title,
            action.guidance.slug if action.guidance else whole[0],
            action.guidance.anchor if action.guidance else whole[1],
        )
        for action in lifecycle.path_sequence(path)
        if action is not lifecycle.PROFILE
    ]
