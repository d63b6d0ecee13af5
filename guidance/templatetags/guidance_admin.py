from django import template
from django.utils import timezone

from guidance import selectors

register = template.Library()


@register.inclusion_tag("admin/guidance/recheck_count.html", takes_context=True)
def facts_to_recheck(context):
    """The count of facts to re-check, on the admin index, for those who edit guidance."""
    request = context["request"]
    if not request.user.has_perm("guidance.view_fact"):
        return {"shown": False}
    return {"shown": True, "count": len(selectors.facts_to_recheck(today=timezone.localdate()))}
