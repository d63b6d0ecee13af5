"""Reads for the calendar feed: find a feed by its token, and the student's deadlines."""

import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import User
from deadlines.models import CalendarFeed
from deadlines.services import token_hash
from expenses.models import CareExpense, ClaimState
from students.models import EventKind, Registration, RegistrationEvent, Status, StudentProfile
from students.paths import Path
from students.selectors import path_for_profile

# Algerian nationals hold a certificat de résidence and validate no VLS-TS (DOMAIN.md §9.2).
NO_VLS_TS_NATIONALITIES = frozenset({"DZ"})
VLS_TS_MONTHS = 3  # validate online within 3 months of arrival (DOMAIN.md §9.2)
PERMIT_RENEWAL_MONTHS = 2  # the promise: a reminder two months before expiry


@dataclass(frozen=True)
class Deadline:
    key: str  # stable within one student's feed (the UID is derived from it)
    day: date
    summary: str
    description: str
    path: str  # the portal page that explains it


def feed_for_token(token: str) -> CalendarFeed | None:
    """The active feed this token opens, or None (wrong, revoked, or account inactive)."""
    feed = (
        CalendarFeed.objects.select_related("student")
        .filter(token_hash=token_hash(token), student__is_active=True)
        .first()
    )
    # The hash lookup finds the row; compare the secret itself in constant time too.
    if feed is None or not hmac.compare_digest(feed.token, token):
        return None
    return feed


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover (28 always exists)


def _guide(slug: str) -> str:
    return reverse("guidance:page", kwargs={"slug": slug})


def deadlines_for(student: User) -> list[Deadline]:
    """Every dated deadline of this student, in the active language, oldest first.

    Never the student's name or number: a calendar app may share or sync what it shows.
    """
    profile = StudentProfile.objects.filter(user=student).first()
    if profile is None:
        return []
    found: list[Deadline] = []
    path = path_for_profile(profile).path
    if (
        path == Path.NON_EU
        and profile.arrival_date
        and str(profile.nationality) not in NO_VLS_TS_NATIONALITIES
    ):
        found.append(
            Deadline(
                "vls-ts",
                add_months(profile.arrival_date, VLS_TS_MONTHS),
                _("Last day to validate your VLS-TS visa online"),
                _(
                    "A long-stay student visa (VLS-TS) must be validated online on the ANEF "
                    "site within 3 months of arriving in France, with a tax stamp paid online."
                ),
                _guide("register-outside-eu"),
            )
        )
    if (
        profile.ehic_held
        and profile.ehic_expiry
        and profile.ehic_expiry < profile.academic_year_end
    ):
        found.append(
            Deadline(
                "ehic-expiry",
                profile.ehic_expiry,
                _("Your EHIC expires before the end of your academic year"),
                _(
                    "From this day your European Health Insurance Card no longer covers you "
                    "in France: ask your home insurer for a new card, or register with the "
                    "French health insurance."
                ),
                _guide("eu-students"),
            )
        )
    if profile.residence_permit_expiry:
        expiry = profile.residence_permit_expiry
        found.append(
            Deadline(
                "permit-renewal",
                add_months(expiry, -PERMIT_RENEWAL_MONTHS),
                _("Apply to renew your residence permit"),
                _(
                    "Your residence permit expires on %(expiry)s. Apply for its renewal now, "
                    "and send the new permit to your CPAM once you have it."
                )
                % {"expiry": formats.date_format(expiry)},
                _guide("register-outside-eu"),
            )
        )
        found.append(
            Deadline(
                "permit-expiry",
                expiry,
                _("Your residence permit expires"),
                _("Last day of validity of your residence permit."),
                _guide("register-outside-eu"),
            )
        )
    registration = (
        Registration.objects.filter(student=student, academic_year_id=profile.academic_year_id)
        .only("status")
        .first()
    )
    if registration is not None and registration.status == Status.MISSING_DOCUMENTS:
        asked_on = (
            RegistrationEvent.objects.filter(
                registration=registration, kind=EventKind.MISSING_DOCUMENTS
            )
            .order_by("-occurred_on")
            .values_list("occurred_on", flat=True)
            .first()
        )
        if asked_on is not None:
            found.append(
                Deadline(
                    f"cpam-request-{asked_on.isoformat()}",
                    asked_on + timedelta(days=settings.CPAM_REPLY_SUGGESTED_DAYS),
                    _("Answer the CPAM's request for documents"),
                    _(
                        "The CPAM asked you for documents on %(asked)s. It publishes no "
                        "deadline; the portal suggests answering within %(days)s days so "
                        "that your registration moves on."
                    )
                    % {
                        "asked": formats.date_format(asked_on),
                        "days": settings.CPAM_REPLY_SUGGESTED_DAYS,
                    },
                    reverse("documents:list"),
                )
            )
    claims = CareExpense.objects.filter(student=student, state=ClaimState.SENT).only(
        "uuid", "visit_date", "sent_on"
    )
    for claim in claims:
        found.append(
            Deadline(
                f"claim-{claim.uuid}",
                claim.sent_on + timedelta(days=settings.CLAIM_FOLLOW_UP_DAYS),
                _("Follow up your treatment sheet"),
                _(
                    "You sent the treatment sheet for your visit of %(visit)s on %(sent)s. "
                    "If no reimbursement has arrived, call 36 46 or write from your ameli "
                    "account."
                )
                % {
                    "visit": formats.date_format(claim.visit_date),
                    "sent": formats.date_format(claim.sent_on),
                },
                reverse("expenses:list"),
            )
        )
    found.append(
        Deadline(
            "academic-year-end",
            profile.academic_year_end,
            _("End of your academic year"),
            _(
                "Your academic year ends. Staying on? Check your cover for next year and "
                "keep your residence permit up to date with your CPAM."
            ),
            reverse("students:dashboard"),
        )
    )
    return sorted(found, key=lambda deadline: (deadline.day, deadline.key))
