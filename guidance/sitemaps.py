from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guidance.models import Page


class GuidancePageSitemap(Sitemap):
    """Every published page, once per language, each with its other-language alternate."""

    i18n = True
    alternates = True
    # x-default: /guide/<slug>/, which opens the page in the browser's language.
    x_default = True
    changefreq = "monthly"

    def items(self):
        return list(
            Page.objects.filter(is_published=True, translations__isnull=False)
            .distinct()
            .prefetch_related("translations")
            .order_by("order", "slug")
        )

    def location(self, item):
        return reverse("guidance:page", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return max(text.updated_on for text in item.translations.all())


class GuidanceToolsSitemap(Sitemap):
    """The public tools beside the pages: the guidance index, the estimator, the link kit,
    the which-path checker and the number helper."""

    i18n = True
    alternates = True
    # No x-default: these addresses exist only under a language (Django would name /estimate/).
    changefreq = "monthly"

    def items(self):
        return [
            "guidance:index",
            "guidance:estimate",
            "guidance:links",
            "students:which_path",
            "students:number",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"guidance": GuidancePageSitemap, "tools": GuidanceToolsSitemap}
