from django import template

from documents.services import can_review
from office import selectors

register = template.Library()


@register.inclusion_tag("admin/office/dashboard.html", takes_context=True)
def office_dashboard(context):
    """The admin index's figures, for staff who may see students (not guidance editors)."""
    user = context["request"].user
    if not user.has_perm("office.view_student"):
        return {"dashboard": None}
    return {
        "dashboard": selectors.office_dashboard(),
        "can_review": can_review(user),
        "request": context["request"],
    }
