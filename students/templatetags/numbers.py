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
