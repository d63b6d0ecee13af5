"""The dashboard's care-expenses card: an inclusion tag, so the dashboard view stays as is."""

from django import template
from django.conf import settings
from django.utils import timezone

from expenses.selectors import overdue_claims

register = template.Library()


@register.inclusion_tag("expenses/includes/dashboard_card.html", takes_context=True)
def care_expenses_card(context):
    """Links to the expenses and calendar pages, and the claims to follow up (one query)."""
    user = context["request"].user
    overdue = (
        list(overdue_claims(user, today=timezone.localdate())) if user.is_authenticated else []
    )
    return {"overdue": overdue, "days": settings.CLAIM_FOLLOW_UP_DAYS}
