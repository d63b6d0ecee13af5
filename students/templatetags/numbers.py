from django import template

from students import nir

register = template.Library()


@register.filter
def nir_format(value: str) -> str:
    """The number in its printed groups (only for its owner)."""
    return nir.format_number(value) if value else ""


@register.filter
def nir_mask(value: str) -> str:
    return nir.mask(value) if value else ""


@register.simple_tag
def number_checks_for(dashboard):
    """The numbers that disagree with the profile, from what the dashboard already read."""
    from students.selectors import number_checks

    if dashboard is None or dashboard.profile is None:
        return []
    return number_checks(dashboard.registration, dashboard.profile)
