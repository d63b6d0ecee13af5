"""Cheaper rows for the office's long lists (50 rows a page at 100 000 students).

Django's admin renders each row's selection checkbox through the forms' template engine
(CheckboxInput.render: a template lookup and render per row). On the students list and the
review queue that was about a third of the time spent on the rows, for a fixed piece of
markup; here it is written directly, the same element the widget made (same name, value,
class and label), so the actions and their JavaScript work unchanged.

The cells themselves: the admin's items_for_result looks every column up again for every
row (lookup_field, the column's attributes, a format_html per cell) and the results template
then loops over 450 cells; at 6 connections that was a third of the students list's time
(issue 15, item 9). PlainRowsMixin looks each column up once a page and writes each row as
one string, the same markup (a <th> with the link in the first column, `field-<name>` classes,
the empty value shown as the admin shows it), which the admin's results template prints.
"""

from datetime import date
from functools import lru_cache

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_value, lookup_field, quote
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_countries import countries


class PlainRowCheckboxMixin:
    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        label = _checkbox_label(translation.get_language()).format(
            conditional_escape(self.row_label(obj))
        )
        return mark_safe(  # noqa: S308 - the key and the row's name are escaped
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" '
            f'value="{escape(obj.pk)}" class="action-select" aria-label="{label}">'
        )

    def row_label(self, obj) -> str:
        """The row's name in the checkbox's label: str(obj) unless a list has a cheaper way."""
        return str(obj)


# Stands for a row's key in its page's address, reversed once a page (letters and digits
# only: quote() leaves them as they are, and no admin address holds them otherwise).
KEY_STAND_IN = "0rowkey0"


class PlainRowsMixin:
    """Rows of the change list written once per row (office/templatetags/office_rows.py).

    Every column of `list_display` is a method of the admin (or a name lookup_field knows,
    looked up the admin's way). Links as the admin makes them: none with list_display_links
    None, else the columns it names, else the first column after the checkbox.
    """

    def plain_rows(self, cl) -> list:
        if cl.formset is not None or cl.is_popup:
            # Editable rows and the pop-up picker: the admin's own rows (not used by the
            # office's lists, kept right should one ever be).
            return list(admin_list.results(cl))
        empty = self.get_empty_value_display()
        columns = []
        for name in cl.list_display:
            method = getattr(self, name, None)
            if callable(method):
                columns.append((name, method, getattr(method, "empty_value_display", empty)))
            else:
                columns.append((name, None, empty))
        if cl.list_display_links is None:
            links = set()
        elif cl.list_display_links:
            links = set(cl.list_display_links)
        else:
            links = {next(name for name, *_rest in columns if name != "action_checkbox")}
        # The admin writes the first link in a <th>, any other in a <td>.
        first_link = next((name for name, *_rest in columns if name in links), None)
        # The list's filters, carried to each row's page so that "back" finds the list as it
        # was: the same query string on every row, parsed and built once a page.
        # The change page's address is reversed once, with a stand-in for the key.
        row_url = cl.url_for_result
        if links and cl.result_list:
            sample = reverse(
                f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
                args=(KEY_STAND_IN,),
                current_app=self.admin_site.name,
            )
            preserved = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
            with_filters = add_preserved_filters(preserved, sample)
            if with_filters.startswith(sample) and sample.count(KEY_STAND_IN) == 1:
                before, after = with_filters.split(KEY_STAND_IN)

                def row_url(result):
                    return f"{before}{quote(result.pk)}{after}"

        rows = []
        for result in cl.result_list:
            cells = []
            for name, method, empty_value in columns:
                if method is not None:
                    value = method(result)
                else:
                    _field, _attr, value = lookup_field(name, result, self)
                if name == "action_checkbox":
                    cells.append(f'<td class="action-checkbox">{value}</td>')
                    continue
                if isinstance(value, str):
                    text = conditional_escape(value) if value.strip() else empty_value
                elif type(value) is int and -1000 < value < 1000:
                    text = str(value)  # what number_format gives below a thousands separator
                else:
                    text = conditional_escape(display_for_value(value, empty_value))
                if name in links:
                    url = conditional_escape(row_url(result))
                    tag = "th" if name == first_link else "td"
                    cells.append(f'<{tag} class="field-{name}"><a href="{url}">{text}</a></{tag}>')
                else:
                    cells.append(f'<td class="field-{name}">{text}</td>')
            # One item a row: the admin's template prints a row's items side by side.
            rows.append([mark_safe("".join(cells))])  # noqa: S308 - every part escaped above
        return rows


@lru_cache(maxsize=16)
def _checkbox_label(language: str) -> str:
    # Django's own message (its translations apply), as its checkbox widget words it.
    return _("Select this object for an action - {}")


# The same few values recur on every page (a nationality, a day): formatted once per
# language. Both depend only on their arguments and the active language, given as a key.
@lru_cache(maxsize=2048)
def _country_name(language: str, code: str) -> str:
    return str(countries.name(code))


def country_name(country) -> str:
    return _country_name(translation.get_language(), country.code) if country else ""


@lru_cache(maxsize=4096)
def _day(language: str, day: date, format_name: str) -> str:
    return date_format(day, format_name)


def day(value: date, format_name: str = "DATE_FORMAT") -> str:
    return _day(translation.get_language(), value, format_name)
