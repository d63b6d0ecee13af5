"""The office lists' rows and filters, written in Python rather than by template loops.

The rows come from the admin class (office/admin_rows.py PlainRowsMixin). The filters: the
students list has nine, about eighty choices a page, each a template loop iteration in the
admin's admin/filter.html; office_list_filter writes the same markup directly (issue 15,
item 9).
"""

from django import template
from django.contrib.admin.templatetags.admin_list import (
    admin_list_filter,
    result_headers,
    result_hidden_fields,
)
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def office_result_list(cl):
    """The admin's result_list (headers, sort marks) with the rows from plain_rows()."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": cl.model_admin.plain_rows(cl),
    }


@register.simple_tag
def office_list_filter(cl, spec):
    """One filter as the admin's admin/filter.html draws it (same elements and classes)."""
    if spec.template != "admin/filter.html":
        return admin_list_filter(cl, spec)
    # The admin's own message, so its translations apply.
    summary = gettext(" By %(filter_title)s ") % {"filter_title": escape(spec.title)}
    items = [
        '<li{}><a href="{}">{}</a></li>'.format(
            ' class="selected"' if choice["selected"] else "",
            escape(iri_to_uri(choice["query_string"])),
            conditional_escape(choice["display"]),
        )
        for choice in spec.choices(cl)
    ]
    return mark_safe(  # noqa: S308 - the title, addresses and labels are escaped above
        f'<details data-filter-title="{escape(spec.title)}" open>'
        f"<summary>{summary}</summary><ul>{''.join(items)}</ul></details>"
    )
