"""Guidance pages (one row per language under a shared page) and the estimator's dated tariffs."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guidance import limits, markup
from portal import languages

# Addresses under /<lang>/guide/ that are not pages.
RESERVED_SLUGS = {"links"}
# The languages guidance is written in; the others are translated from one of them.
ORIGINAL_LANGUAGES = [
    (code, name)
    for code, name in settings.LANGUAGES
    if not (languages.get(code) and languages.BY_CODE[code].translated_guidance)
]

BODY_LIMIT_PROBLEMS = {
    "too-long": format_lazy(
        _("This text is too long: keep a page under {max} characters."),
        max=f"{limits.MAX_BODY_CHARACTERS:,}".replace(",", "\u202f"),
    ),
    "too-deep": _(
        "This text is nested too deeply: quote, indent lists or nest brackets at most "
        "eight levels deep."
    ),
}

ANCHOR_PROBLEMS = {
    "level-one": _("Start sections at level two (“## ”): the page title is the only level one."),
    "missing-anchor": _(
        "Give every “## ” section a stable anchor at the end of its line, e.g. "
        "“## Declaring a GP {#declare-a-gp}”."
    ),
    "bad-anchor": _(
        "Write anchors in lower-case letters, digits and hyphens, e.g. {#declare-a-gp}."
    ),
    "duplicate-anchor": _("Two sections use the same anchor: each anchor must be unique."),
}


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    EU = "eu", _("EU, EEA and Swiss students")
    NON_EU = "non-eu", _("Students from outside the EU")


class Page(models.Model):
    """A guidance page: what does not depend on the language (its address, audience, order)."""

    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_(
            "The last part of the page's address, e.g. help for /en/guide/help/. Changing it "
            "keeps the old address working: it answers with a permanent redirect."
        ),
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Pages are listed from the lowest number.")
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished pages are hidden from the public, the search and the sitemap."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("guidance page")
        verbose_name_plural = _("guidance pages")

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("guidance:page", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the portal itself.")})
        taken = SlugRedirect.objects.filter(old_slug=self.slug)
        if self.pk:
            taken = taken.exclude(page=self)
        if self.slug and taken.exists():
            raise ValidationError(
                {"slug": _("This address was used by another page and still redirects to it.")}
            )


class PageTranslation(models.Model):
    """A page in one language. The body's sections carry anchors shared by every language."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="translations", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: shown in the list and on posters.")
    )
    body = models.TextField(
        _("body (Markdown)"),
        help_text=_(
            "Markdown. Each section starts with “## Title {#anchor}”; keep the anchors the same "
            "in every language and never change them: printed posters link to them."
        ),
    )
    updated_on = models.DateField(
        _("updated on"),
        default=timezone.localdate,
        help_text=_("Shown on the page. Set automatically when the text changes."),
    )
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        help_text=_("Shown at the bottom of the page."),
    )
    # A text in a language the university does not write in (portal/languages.py) is a
    # translation: it names the text it was made from and when, and the page says so.
    translated_from = models.CharField(
        _("translated from"),
        max_length=8,
        blank=True,
        choices=ORIGINAL_LANGUAGES,
        help_text=_(
            "For Spanish, Chinese and Arabic texts: the text this one was translated from."
        ),
    )
    translated_on = models.DateField(
        _("translated on"),
        null=True,
        blank=True,
        help_text=_("The day the translation was made or last brought up to date."),
    )
    # Derived from the body on every save: the HTML is sanitised once, not on every view.
    body_html = models.TextField(_("rendered body"), editable=False, default="")
    sections = models.JSONField(_("sections"), editable=False, default=list)
    history = HistoricalRecords(excluded_fields=["body_html", "sections"])

    class Meta:
        ordering = ["page__order", "page__slug", "language"]
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="guidance_one_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        self.body_html = markup.render(self.body)
        self.sections = [
            {"anchor": section.anchor, "title": section.title}
            for section in markup.sections(self.body)
        ]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html", "sections"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("guidance:page", kwargs={"slug": self.page.slug})

    def clean(self):
        # First, and on the raw text: the renderer is never given a body outside the bounds.
        too_big = limits.body_limit_problems(self.body or "")
        if too_big:
            raise ValidationError({"body": [BODY_LIMIT_PROBLEMS[code] for code in too_big]})
        problems = markup.body_problems(self.body or "")
        if problems:
            raise ValidationError(
                {"body": [ANCHOR_PROBLEMS[code] for code in dict.fromkeys(problems)]}
            )
        self._clean_translation()

    @property
    def is_translation(self) -> bool:
        found = languages.get(self.language)
        return bool(found and found.translated_guidance)

    def _clean_translation(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.is_translation:
            if not self.translated_from:
                errors["translated_from"] = ValidationError(
                    _("Say which text this translation was made from.")
                )
            if not self.translated_on:
                errors["translated_on"] = ValidationError(
                    _("Give the day this translation was made.")
                )
        elif self.translated_from or self.translated_on:
            errors["translated_from"] = ValidationError(
                _("English and French texts are written, not translated: leave this empty.")
            )
        original = self._english_text() if self.is_translation else None
        if original is not None:
            # Posters and links carry anchors: every language must answer the same ones.
            mine = [section.anchor for section in markup.sections(self.body or "")]
            theirs = [section["anchor"] for section in original.sections]
            if sorted(mine) != sorted(theirs):
                errors["body"] = ValidationError(
                    _(
                        "The sections' anchors must be the same as in the %(language)s text: "
                        "%(anchors)s."
                    )
                    % {"language": original.get_language_display(), "anchors": ", ".join(theirs)}
                )
        if errors:
            raise ValidationError(errors)

    def _english_text(self) -> "PageTranslation | None":
        """The page's English text, whose anchors a translation must answer."""
        if not self.page_id:
            return None
        return PageTranslation.objects.filter(page_id=self.page_id, language="en").first()


class SlugRedirect(models.Model):
    """An address a page used to have: it answers 301 to the page's current address, forever."""

    old_slug = models.SlugField(_("old address"), max_length=80, unique=True)
    # PROTECT: printed posters carry old addresses; deleting the page must be a deliberate act.
    page = models.ForeignKey(
        Page, on_delete=models.PROTECT, related_name="redirects", verbose_name=_("page")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("old page address")
        verbose_name_plural = _("old page addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.page.slug}"

    def clean(self):
        if self.old_slug and Page.objects.filter(slug=self.old_slug).exists():
            raise ValidationError({"old_slug": _("A page uses this address now.")})


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    LIKELY = "likely", _("likely")
    UNCONFIRMED = "unconfirmed", _("unconfirmed")


class Parameter(models.TextChoices):
    """The tariff parameters the estimator reads (DOMAIN.md §7 and §1.2)."""

    GP_FEE_SECTOR1 = "consultation_fee_gp_sector1", _("GP consultation fee, sector 1 (= base)")
    GP_FEE_CHILD_UNDER6 = (
        "consultation_fee_gp_child_under6",
        _("GP consultation fee for a child under 6, sector 1"),
    )
    GP_BASE_SECTOR2_NON_OPTAM = (
        "consultation_base_gp_sector2_non_optam",
        _("GP base, sector 2 without OPTAM"),
    )
    AUTHORITY_TARIFF_GP = "authority_tariff_gp", _("Tarif d'autorité, GP (non-contracted)")
    AUTHORITY_TARIFF_SPECIALIST = (
        "authority_tariff_specialist",
        _("Tarif d'autorité, specialist (non-contracted)"),
    )
    RATE_IN_PATHWAY = "reimbursement_rate_in_pathway", _("Reimbursement rate inside the pathway")
    RATE_OUT_OF_PATHWAY = (
        "reimbursement_rate_out_of_pathway",
        _("Reimbursement rate outside the pathway"),
    )
    PF_PER_ACT = "participation_forfaitaire_per_act", _("Participation forfaitaire per act")
    PF_ANNUAL_CAP = (
        "participation_forfaitaire_annual_cap",
        _("Participation forfaitaire, yearly cap"),
    )
    PF_MAX_PER_DAY = (
        "participation_forfaitaire_max_per_day_same_professional",
        _("Participation forfaitaire, most per day with the same professional"),
    )
    PF_EXEMPTION_AGE = (
        "exemption_age_pf_and_franchises",
        _("Age under which no participation forfaitaire is due"),
    )
    PATHWAY_MIN_AGE = (
        "pathway_min_age",
        _("Age under which the pathway's lower rate does not apply"),
    )
    CSS_CEILING_FREE = (
        "css_ceiling_free_single_mainland",
        _("Free CSS: yearly resources ceiling, single person, mainland France"),
    )
    CSS_CEILING_CONTRIBUTION = (
        "css_ceiling_with_contribution_single_mainland",
        _("CSS with contribution: yearly resources ceiling, single person, mainland France"),
    )
    CVEC_AMOUNT = "cvec_amount", _("CVEC (student life contribution), per academic year")


class Tariff(models.Model):
    """One value of one parameter over a period (both ends inclusive; open when empty)."""

    parameter = models.CharField(_("parameter"), max_length=80, choices=Parameter.choices)
    effective_from = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_("First day it applies. Empty: since before the oldest source we have."),
    )
    effective_to = models.DateField(
        _("effective to"),
        null=True,
        blank=True,
        help_text=_("Last day it applies. Empty: still in force."),
    )
    value = models.DecimalField(
        _("value"),
        max_digits=10,
        decimal_places=4,
        help_text=_("Euros, a rate between 0 and 1 (0.70 = 70 %), a number of acts or years."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.TextField(
        _("source"), help_text=_("Where the value comes from, with its date.")
    )
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices)
    note = models.TextField(_("note"), blank=True)
    checked_on = models.DateField(
        _("checked on"),
        null=True,
        blank=True,
        help_text=_("The day someone last compared this value with its source. Empty: never."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["parameter", F("effective_from").asc(nulls_first=True)]
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True)
                | Q(effective_to__isnull=True)
                | Q(effective_to__gte=F("effective_from")),
                name="guidance_tariff_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["parameter", "effective_from"], name="guidance_tariff_one_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_parameter_display()}: {self.value}"

    def overlaps(self, other: "Tariff") -> bool:
        starts_before_other_ends = (
            self.effective_from is None
            or other.effective_to is None
            or self.effective_from <= other.effective_to
        )
        ends_after_other_starts = (
            self.effective_to is None
            or other.effective_from is None
            or self.effective_to >= other.effective_from
        )
        return starts_before_other_ends and ends_after_other_starts

    def clean(self):
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The period ends before it starts.")})
        others = Tariff.objects.filter(parameter=self.parameter).exclude(pk=self.pk)
        if any(self.overlaps(other) for other in others):
            raise ValidationError(
                _(
                    "This period overlaps another value of the same parameter. End the older "
                    "value the day before this one starts."
                )
            )


# A fact not checked for this long goes on the editors' "facts to re-check" list.
RECHECK_AFTER_DAYS = 183


class RecheckReason(models.TextChoices):
    VALIDITY_ENDED = "validity-ended", _("its validity has ended")
    NEVER_CHECKED = "never-checked", _("never checked against its source")
    CHECK_TOO_OLD = "check-too-old", _("not checked for six months")


def recheck_reason(*, checked_on: date | None, valid_until: date | None, today: date) -> str | None:
    """Why a fact must be checked again on `today`, or None while it is fresh."""
    if valid_until is not None and valid_until < today:
        return RecheckReason.VALIDITY_ENDED
    if checked_on is None:
        return RecheckReason.NEVER_CHECKED
    if (today - checked_on).days > RECHECK_AFTER_DAYS:
        return RecheckReason.CHECK_TOO_OLD
    return None


class Fact(models.Model):
    """A figure or rule that guidance pages state, with its source and when it was checked.

    Declared once (guidance/content/facts.yaml, then the admin) and linked to the pages that
    state it: a page shows the date of its least recently checked fact.
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    statement = models.TextField(_("what the pages say"))
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    checked_on = models.DateField(
        _("checked on"),
        null=True,
        blank=True,
        help_text=_("The day someone last compared the pages with the source. Empty: never."),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Last day the fact is known to hold (a dated figure). Empty: no end known."),
    )
    confidence = models.CharField(_("confidence"), max_length=12, choices=Confidence.choices)
    pages = models.ManyToManyField(
        Page, related_name="facts", blank=True, verbose_name=_("pages that state it")
    )
    history = HistoricalRecords(m2m_fields=[pages])

    class Meta:
        ordering = ["key"]
        verbose_name = _("fact")
        verbose_name_plural = _("facts")

    def __str__(self):
        return self.key

    def recheck_reason(self, today: date) -> str | None:
        return recheck_reason(checked_on=self.checked_on, valid_until=self.valid_until, today=today)


class HealthService(models.Model):
    """The university's own student health service (SSE): filled in by the university.

    One row. Shown on the campus-health page, the posters and the student's dashboard.
    """

    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    booking_url = models.URLField(_("booking link"), max_length=500, blank=True)
    website_url = models.URLField(_("website"), max_length=500, blank=True)
    hours_en = models.TextField(_("opening hours, in English"), blank=True)
    hours_fr = models.TextField(_("opening hours, in French"), blank=True)
    source_title = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where these details come from.")
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    checked_on = models.DateField(
        _("checked on"),
        null=True,
        blank=True,
        help_text=_("The day the university confirmed these details. Empty: not confirmed yet."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("student health service")
        verbose_name_plural = _("student health service")

    def __str__(self):
        return self.name or str(_("student health service"))

    def hours(self, language: str) -> str:
        return self.hours_fr if language == "fr" else self.hours_en

    @property
    def hours_text(self) -> str:
        """The opening hours in the active language (templates cannot pass it)."""
        return self.hours(translation.get_language() or settings.LANGUAGE_CODE)

    def recheck_reason(self, today: date) -> str | None:
        return recheck_reason(checked_on=self.checked_on, valid_until=None, today=today)
