"""The guidance editors' workplace: pages, their texts in each language, tariffs, old addresses."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from guidance import selectors, services
from guidance.models import Fact, HealthService, Page, PageTranslation, SlugRedirect, Tariff

SOURCE_SEPARATOR = " | "


class SourcesField(forms.CharField):
    """Sources edited as lines “Title | https://address”, stored as a list of dicts."""

    widget = forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{s['title']}{SOURCE_SEPARATOR}{s['url']}" for s in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        sources = []
        check_url = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(value.splitlines(), start=1):
            if not line.strip():
                continue
            title, separator, url = line.rpartition("|")
            title, url = title.strip(), url.strip()
            if not separator or not title:
                raise ValidationError(
                    _("Line %(number)s: write “Title | https://address”."),
                    params={"number": number},
                )
            try:
                check_url(url)
            except ValidationError:
                raise ValidationError(
                    _("Line %(number)s: the address must start with http:// or https://."),
                    params={"number": number},
                ) from None
            sources.append({"title": title, "url": url})
        return sources


class PageTranslationForm(forms.ModelForm):
    sources = SourcesField(
        label=_("Sources"),
        required=False,
        help_text=_("One source a line: “Title, with its date | https://address”."),
    )

    class Meta:
        model = PageTranslation
        fields = [
            "page",
            "language",
            "title",
            "summary",
            "body",
            "updated_on",
            "sources",
            "translated_from",
            "translated_on",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "class": "vLargeTextField"})}


class TextsInline(admin.TabularInline):
    model = PageTranslation
    fields = ["language", "title_link", "updated_on"]
    readonly_fields = ["language", "title_link", "updated_on"]
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name = _("text")
    verbose_name_plural = _("texts (edit each language on its own page)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("title"))
    def title_link(self, text):
        url = reverse("admin:guidance_pagetranslation_change", args=[text.pk])
        return format_html('<a href="{}">{}</a>', url, text.title)


class RedirectsInline(admin.TabularInline):
    model = SlugRedirect
    fields = ["old_slug", "created_at"]
    readonly_fields = ["old_slug", "created_at"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("old addresses (they redirect here)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "titles", "audience", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["audience", "is_published"]
    search_fields = ["slug", "translations__title"]
    fields = ["slug", "audience", "order", "is_published", "addresses", "missing_texts"]
    readonly_fields = ["addresses", "missing_texts"]
    inlines = [TextsInline, RedirectsInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("titles"))
    def titles(self, page):
        return " / ".join(text.title for text in page.translations.all())

    @admin.display(description=_("public addresses"))
    def addresses(self, page):
        if not page.pk:
            return "-"
        paths = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths.append((reverse("guidance:page", kwargs={"slug": page.slug}),))
        return format_html_join(" ", '<a href="{0}">{0}</a>', paths)

    @admin.display(description=_("missing languages"))
    def missing_texts(self, page):
        if not page.pk:
            return "-"
        present = {text.language for text in page.translations.all()}
        add_url = reverse("admin:guidance_pagetranslation_add")
        missing = [
            (f"{add_url}?page={page.pk}&language={code}", name)
            for code, name in settings.LANGUAGES
            if code not in present
        ]
        if not missing:
            return _("none")
        return format_html_join(" ", '<a href="{}">{}</a>', missing)

    def save_model(self, request, obj, form, change):
        new_slug = obj.slug
        renamed = change and "slug" in form.changed_data
        if renamed:
            # The rename goes through the service so that the old address keeps redirecting.
            obj.slug = form.initial["slug"]
        super().save_model(request, obj, form, change)
        if renamed:
            services.page_rename(page=obj, new_slug=new_slug)
            obj.refresh_from_db()


@admin.register(PageTranslation)
class PageTranslationAdmin(SimpleHistoryAdmin):
    form = PageTranslationForm
    list_display = ["title", "page", "language", "updated_on"]
    list_filter = ["language", "page__audience"]
    list_select_related = ["page"]
    search_fields = ["title", "summary", "body", "page__slug"]
    readonly_fields = ["anchors"]
    history_list_display = ["title", "updated_on"]

    @admin.display(description=_("section anchors"))
    def anchors(self, text):
        return ", ".join(f"#{section['anchor']}" for section in text.sections) or "-"

    def save_model(self, request, obj, form, change):
        text_changed = {"title", "summary", "body", "sources"} & set(form.changed_data)
        # Compared by value: the field's callable default makes changed_data unreliable.
        date_kept = form.cleaned_data.get("updated_on") == form.initial.get("updated_on")
        if change and text_changed and date_kept:
            obj.updated_on = timezone.localdate()
        super().save_model(request, obj, form, change)


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "page", "created_at"]
    list_select_related = ["page"]
    search_fields = ["old_slug", "page__slug"]
    readonly_fields = ["created_at"]


@admin.register(Tariff)
class TariffAdmin(SimpleHistoryAdmin):
    list_display = [
        "parameter",
        "effective_from",
        "effective_to",
        "value",
        "unit",
        "confidence",
        "checked_on",
    ]
    list_filter = ["parameter", "confidence"]
    search_fields = ["source", "note"]
    fields = [
        "parameter",
        "effective_from",
        "effective_to",
        "value",
        "unit",
        "source",
        "confidence",
        "checked_on",
        "note",
    ]


class NeedsRecheckFilter(admin.SimpleListFilter):
    title = _("re-check")
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return [("yes", _("to re-check")), ("no", _("fresh"))]

    def queryset(self, request, queryset):
        if self.value() not in {"yes", "no"}:
            return queryset
        today = timezone.localdate()
        stale = [fact.pk for fact in queryset if fact.recheck_reason(today)]
        if self.value() == "yes":
            return queryset.filter(pk__in=stale)
        return queryset.exclude(pk__in=stale)


@admin.register(Fact)
class FactAdmin(SimpleHistoryAdmin):
    list_display = ["key", "statement", "checked_on", "valid_until", "confidence"]
    list_filter = [NeedsRecheckFilter, "confidence", "pages"]
    search_fields = ["key", "statement", "source_title"]
    filter_horizontal = ["pages"]
    fields = [
        "key",
        "statement",
        "source_title",
        "source_url",
        "checked_on",
        "valid_until",
        "confidence",
        "pages",
    ]

    def get_urls(self):
        recheck = path(
            "recheck/",
            self.admin_site.admin_view(self.recheck_view),
            name="guidance_fact_recheck",
        )
        return [recheck, *super().get_urls()]

    def recheck_view(self, request):
        """Every fact, dated value and health-service detail to check again, most urgent first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        items = selectors.facts_to_recheck(today=timezone.localdate())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Facts to re-check"),
            "items": items,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/guidance/fact/recheck.html", context)


@admin.register(HealthService)
class HealthServiceAdmin(SimpleHistoryAdmin):
    """One row: the university fills in its own student health service."""

    fields = [
        "name",
        "address",
        "phone",
        "booking_url",
        "website_url",
        "hours_en",
        "hours_fr",
        "source_title",
        "source_url",
        "checked_on",
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HealthService.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
