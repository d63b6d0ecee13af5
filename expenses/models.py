"""Care the student paid for and the paper claim (feuille de soins) sent for it.

Writes go through expenses/services.py; a claim's state changes only along CLAIM_TRANSITIONS,
and each change is a ClaimEvent row.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from guidance.tariffs import Complementary, Kind, Sector

MAX_FEE = Decimal("10000")


class ClaimState(models.TextChoices):
    TO_SEND = "to-send", _("To send")
    SENT = "sent", _("Sent")
    REIMBURSED = "reimbursed", _("Reimbursed")
    REFUSED = "refused", _("Refused")


# Which state may follow which (the services check it under a row lock).
CLAIM_TRANSITIONS: dict[str, frozenset[str]] = {
    ClaimState.TO_SEND: frozenset({ClaimState.SENT}),
    ClaimState.SENT: frozenset({ClaimState.REIMBURSED, ClaimState.REFUSED}),
    ClaimState.REIMBURSED: frozenset(),
    ClaimState.REFUSED: frozenset(),
}


class CareExpense(models.Model):
    """One visit the student paid for, what should come back, and where its claim stands."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="care_expenses",
        verbose_name=_("student"),
    )
    visit_date = models.DateField(_("date of the visit"))
    kind = models.CharField(_("kind of consultation"), max_length=30, choices=Kind.choices)
    sector = models.CharField(_("doctor's sector"), max_length=20, choices=Sector.choices)
    fee = models.DecimalField(_("fee paid"), max_digits=7, decimal_places=2)
    gp_declared = models.BooleanField(_("médecin traitant declared"))
    complementary = models.CharField(
        _("complementary insurance"), max_length=20, choices=Complementary.choices
    )
    # What the estimator computed for this visit when it was recorded (None: it could not,
    # e.g. a sector-2 specialist without a sourced base).
    expected_insurance = models.DecimalField(
        _("expected from the Assurance Maladie"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    expected_complementary = models.DecimalField(
        _("expected from the complementary"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    state = models.CharField(
        _("claim"), max_length=20, choices=ClaimState.choices, default=ClaimState.TO_SEND
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    reimbursed_on = models.DateField(_("reimbursed on"), null=True, blank=True)
    reimbursed_amount = models.DecimalField(
        _("amount reimbursed"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("care expense")
        verbose_name_plural = _("care expenses")
        ordering = ["-visit_date", "-created_at"]
        indexes = [models.Index(fields=["student", "state"], name="expense_student_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(fee__gt=0, fee__lte=MAX_FEE), name="expense_fee_in_range"
            ),
            models.CheckConstraint(
                condition=Q(reimbursed_amount__isnull=True)
                | Q(reimbursed_amount__gte=0, reimbursed_amount__lte=F("fee")),
                name="expense_reimbursed_at_most_fee",
            ),
        ]

    def __str__(self):
        return f"{self.visit_date} · {self.get_kind_display()}"

    @property
    def expected_total(self) -> Decimal | None:
        if self.expected_insurance is None:
            return None
        return self.expected_insurance + (self.expected_complementary or Decimal("0"))


class ClaimEvent(models.Model):
    """One dated change of a claim's state; never edited once written."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    expense = models.ForeignKey(
        CareExpense, on_delete=models.CASCADE, related_name="events", verbose_name=_("expense")
    )
    state = models.CharField(_("new state"), max_length=20, choices=ClaimState.choices)
    occurred_on = models.DateField(_("date it happened"))
    amount = models.DecimalField(_("amount"), max_digits=7, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")
        ordering = ["occurred_on", "created_at", "id"]

    def __str__(self):
        return f"{self.get_state_display()} · {self.occurred_on}"
