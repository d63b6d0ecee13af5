"""Pagination for the long lists of the staff workplace (tens of thousands of rows).

Sorting whole rows (a student with their profile, or a document with its owner) to cut out
one page made PostgreSQL sort tens of megabytes on disk at 100 000 students. The keys of the
page are found first, with only what the order needs, then the page's rows are loaded by
primary key: 0.26 s to 0.06 s for the unfiltered students list (bench/README.md).

Two more savings for a filtered or searched list (issue 15, item 9):
- the rows are loaded by their keys alone, without the list's filters and search again
  (the keys were found under them): the trigram search was run twice, 20 ms of the rows'
  23 ms at 100 000 students;
- the keys of the page asked for and the number of matches come from one query (a window
  count beside the keys), instead of a count, then the same join again for the keys
  (31 + 34 ms to 36 ms for a step filter and a name search).
"""

from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.db.models.sql.where import WhereNode
from django.utils.functional import cached_property

TOTAL = "keys_first_total"


def page_hint(request) -> int | None:
    """The page a searched list asks for (a search narrows it to a few thousand rows at
    most, which the window count reads quickly); None for any other list."""
    if not request.GET.get(SEARCH_VAR, "").strip():
        return None
    try:
        return int(request.GET.get(PAGE_VAR, 1))
    except ValueError:
        return None


class KeysFirstPaginator(Paginator):
    """A Paginator that finds a page's primary keys first, then loads those rows only.

    `count`, when given, is the number of rows known by a cheaper query than counting the
    list's own (see ReviewQueueAdmin). `page_hint`, the page the request asks for: its keys
    are read with the count, in one query (only for a narrowed list, whose matches are few
    enough to count beside the sort; the whole list keeps its top-N sort and its own count).
    """

    def __init__(self, *args, count: int | None = None, page_hint: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._page_hint = page_hint
        self._hinted_keys: list | None = None
        if count is not None:
            self.count = count

    @cached_property
    def count(self):
        if self._page_hint is None or self._page_hint < 1:
            return super().count
        bottom = (self._page_hint - 1) * self.per_page
        found = list(
            self.object_list.annotate(**{TOTAL: Window(Count("pk"))}).values_list("pk", TOTAL)[
                bottom : bottom + self.per_page + self.orphans
            ]
        )
        if not found:  # a page past the end: counted the usual way
            return super().count
        self._hinted_keys = [key for key, _total in found]
        return found[0][1]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if number == self._page_hint and self._hinted_keys is not None:
            keys = self._hinted_keys[: top - bottom]
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # The keys were found under the list's filters and search: the rows need only them.
        rows_query = self.object_list.all()
        rows_query.query.where = WhereNode()
        rows = {row.pk: row for row in rows_query.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
