"""Writes for guidance pages."""

from django.db import transaction

from guidance.models import Page, SlugRedirect


def page_rename(*, page: Page, new_slug: str) -> Page:
    """Move a page to a new address; its old address answers 301 to the new one, forever."""
    with transaction.atomic():
        page = Page.objects.select_for_update().get(pk=page.pk)
        old_slug = page.slug
        if new_slug == old_slug:
            return page
        page.slug = new_slug
        page.full_clean(exclude=["audience", "order", "is_published"])
        # Renamed back to an address it had before: that address is the page again.
        SlugRedirect.objects.filter(old_slug=new_slug, page=page).delete()
        page.save(update_fields=["slug"])
        SlugRedirect.objects.create(old_slug=old_slug, page=page)
    return page
