"""The office's pictures of the academic year: reads and chart geometry (no database writes).

Four figures: students at each step now, weekly entries and exits per step, median days per
step with its month-by-month trend, and stuck files by path. Each comes from one or a few
grouped queries (GROUP BY in the database, never a loop over students), so the page costs the
same at 100 000 students as at 10; the figures are kept in the shared cache a few minutes.
The cache holds only numbers keyed by step and path: labels are added at display time, in
the reader's language.

The charts are drawn as SVG by the template from the geometry computed here: no JavaScript
and no request to anyone else.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, DateField, F, Min, Q
from django.db.models.functions import TruncDate, TruncWeek
from django.utils import timezone

from office.selectors import current_year, registrations_with_step_since, stuck
from portal.cache import get_or_refresh
from students import lifecycle
from students.models import AcademicYear, Registration, RegistrationEvent, Status
from students.paths import Path
from students.selectors import _median  # the same median the students' dashboard shows

CHARTS_CACHE_SECONDS = 5 * 60


def step_labels() -> list[tuple[str, str]]:
    """The lifecycle steps in order, with their labels: the only place this module reads them.

    The order is the lifecycle's own (students/lifecycle.py, STATUS_ORDER), the labels the
    registration's status labels.
    """
    return [(status, Status(status).label) for status in lifecycle.STATUS_ORDER]


def path_labels() -> list[tuple[str, str]]:
    return list(Path.choices)


# --- Figures (numbers only, cached) ---------------------------------------------------


def _week(day) -> date:
    """The Monday of `day`'s week (TruncWeek gives a datetime on some databases)."""
    day = day.date() if hasattr(day, "date") else day
    return day - timedelta(days=day.weekday())


def _students_now(year: AcademicYear) -> dict[str, int]:
    rows = (
        Registration.objects.filter(academic_year=year)
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["count"] for row in rows}


def _moves(year: AcademicYear, start: date, end: date) -> tuple[dict, dict]:
    """Entries and exits per step and week: {step: {monday: count}}, three grouped queries.

    A move is an event that changes the step (from a step to another one); entering "not
    started" is the registration's creation.
    """
    moves = (
        RegistrationEvent.objects.filter(
            registration__academic_year=year, occurred_on__gte=start, occurred_on__lte=end
        )
        .exclude(from_status="")
        .exclude(to_status="")
        .exclude(from_status=F("to_status"))
        .annotate(week=TruncWeek("occurred_on", output_field=DateField()))
    )
    entries: dict[str, dict[date, int]] = {}
    exits: dict[str, dict[date, int]] = {}
    for column, found in (("to_status", entries), ("from_status", exits)):
        for row in moves.values("week", column).annotate(count=Count("pk")).order_by():
            found.setdefault(row[column], {})[_week(row["week"])] = row["count"]
    created = (
        Registration.objects.filter(academic_year=year)
        .annotate(day=TruncDate("created_at"))
        .filter(day__gte=start, day__lte=end)
        .annotate(week=TruncWeek("day", output_field=DateField()))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in created:
        week = _week(row["week"])
        by_week = entries.setdefault(Status.NOT_STARTED, {})
        by_week[week] = by_week.get(week, 0) + row["count"]
    return entries, exits


def _durations(year: AcademicYear, steps: list[str]) -> dict[str, dict[str, dict[int, int]]]:
    """How long the year's registrations stayed at each step the first time, as histograms
    by the month they left it ({step: {"YYYY-MM": {days: count}}}).

    One grouped query over the year's events: for each registration, the first day it
    entered each step (its creation for "not started") and the first day it left it. Per
    step with correlated subqueries it took 3 s a step, 20 s in all, at 100 000 students;
    this way about a second.
    """
    columns = []
    annotations = {}
    for index, step in enumerate(steps):
        if step != Status.NOT_STARTED:
            annotations[f"in{index}"] = Min(
                "occurred_on", filter=Q(to_status=step) & ~Q(from_status=step)
            )
        annotations[f"out{index}"] = Min(
            "occurred_on", filter=Q(from_status=step) & ~Q(to_status=step) & ~Q(to_status="")
        )
        columns.append((step, None if step == Status.NOT_STARTED else f"in{index}", f"out{index}"))
    rows = (
        RegistrationEvent.objects.filter(registration__academic_year=year)
        .values("registration")
        .annotate(created=Min(TruncDate("registration__created_at")), **annotations)
        .order_by()
    )
    durations: dict[str, dict[str, dict[int, int]]] = {step: {} for step in steps}
    for row in rows.iterator(chunk_size=5000):
        for step, entered_column, left_column in columns:
            left = row[left_column]
            entered = row["created"] if entered_column is None else row[entered_column]
            if left is None or entered is None:
                continue
            left = left.date() if isinstance(left, datetime) else left
            entered = entered.date() if isinstance(entered, datetime) else entered
            if left < entered:
                continue
            histogram = durations[step].setdefault(f"{left.year:04d}-{left.month:02d}", {})
            days = (left - entered).days
            histogram[days] = histogram.get(days, 0) + 1
    return durations


def _stuck_by_path(year: AcademicYear) -> dict[str, dict[str, int]]:
    rows = (
        registrations_with_step_since(year)
        .filter(stuck())
        .values("path", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        found.setdefault(row["path"], {})[row["status"]] = row["count"]
    return found


def compute_figures(year: AcademicYear, *, today: date) -> dict:
    start = year.starts_on
    end = min(year.ends_on, today)
    entries, exits = _moves(year, start, end) if end >= start else ({}, {})
    steps = [step for step, _label in step_labels()]
    return {
        "now": _students_now(year),
        "first_week": _week(start),
        "last_week": _week(max(start, end)),
        "entries": entries,
        "exits": exits,
        "durations": _durations(year, steps),
        "stuck": _stuck_by_path(year),
    }


def figures(year: AcademicYear, *, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    key = f"office:charts:{year.pk}:{today.isoformat()}"
    # A few seconds to compute at 100 000 students: refreshed by one request every five
    # minutes while the others are shown the previous figures (portal.cache).
    return get_or_refresh(
        key,
        lambda: compute_figures(year, today=today),
        fresh_for=CHARTS_CACHE_SECONDS,
        keep_for=24 * 60 * 60,
    )


# --- Geometry for the template -------------------------------------------------------

WIDTH = 640  # the SVG's own units; it scales to the column's width
LABEL_WIDTH = 230
BAR_HEIGHT = 22
BAR_GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    width: float
    url: str = ""

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


def horizontal_bars(items: list[tuple[str, float]]) -> tuple[list[Bar], int]:
    """Bars for (label, value) pairs, the longest filling the width; and the SVG's height."""
    top = max((value for _label, value in items), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    bars = [
        Bar(label, value, index * (BAR_HEIGHT + BAR_GAP), round(room * value / top, 1))
        for index, (label, value) in enumerate(items)
    ]
    return bars, max(1, len(bars) * (BAR_HEIGHT + BAR_GAP))


WEEK_CHART_HEIGHT = 140
WEEK_AXIS = WEEK_CHART_HEIGHT // 2


@dataclass(frozen=True)
class WeekBar:
    monday: date
    entries: int
    exits: int
    x: float
    width: float
    entries_height: float
    exits_height: float

    @property
    def entries_y(self) -> float:
        return WEEK_AXIS - self.entries_height


@dataclass
class StepWeeks:
    step: str
    label: str
    weeks: list[WeekBar]
    entries_total: int
    exits_total: int
    top: int


def step_weeks(fig: dict) -> list[StepWeeks]:
    """One small chart per step: entries above the axis, exits below, one column a week."""
    mondays = []
    monday = fig["first_week"]
    while monday <= fig["last_week"]:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    charts = []
    room = WIDTH - 40
    width = room / max(1, len(mondays))
    half = WEEK_AXIS - 4
    for step, label in step_labels():
        entries = fig["entries"].get(step, {})
        exits = fig["exits"].get(step, {})
        top = max([*entries.values(), *exits.values(), 1])
        weeks = [
            WeekBar(
                monday,
                entries.get(monday, 0),
                exits.get(monday, 0),
                round(40 + index * width + width * 0.1, 1),
                round(width * 0.8, 1),
                round(half * entries.get(monday, 0) / top, 1),
                round(half * exits.get(monday, 0) / top, 1),
            )
            for index, monday in enumerate(mondays)
        ]
        charts.append(
            StepWeeks(step, label, weeks, sum(entries.values()), sum(exits.values()), top)
        )
    return charts


TREND_HEIGHT = 60


@dataclass
class StepTrend:
    step: str
    label: str
    median: float | None
    cases: int
    months: list[tuple[date, float | None, int]]  # (first day of the month, median, cases)
    points: str = ""  # the SVG polyline's points
    dots: list[tuple[float, float]] = field(default_factory=list)


def step_trends(fig: dict) -> tuple[list[StepTrend], list[date]]:
    """Median days per step over the year and month by month; the months shown."""
    months = sorted({month for by_month in fig["durations"].values() for month in by_month})
    trends = []
    for step, label in step_labels():
        by_month = fig["durations"].get(step, {})
        whole: dict[int, int] = {}
        for histogram in by_month.values():
            for days, count in histogram.items():
                whole[days] = whole.get(days, 0) + count
        cells = [
            (
                date.fromisoformat(f"{month}-01"),
                _median(by_month[month]) if month in by_month else None,
                sum(by_month.get(month, {}).values()),
            )
            for month in months
        ]
        trend = StepTrend(
            step, label, _median(whole) if whole else None, sum(whole.values()), cells
        )
        top = max([value for _m, value, _c in cells if value is not None] + [1])
        step_x = (WIDTH - LABEL_WIDTH - 60) / max(1, len(months) - 1)
        trend.dots = [
            (
                round(LABEL_WIDTH + index * step_x, 1),
                round(TREND_HEIGHT - 6 - (TREND_HEIGHT - 12) * value / top, 1),
            )
            for index, (_month, value, _cases) in enumerate(cells)
            if value is not None
        ]
        trend.points = " ".join(f"{x},{y}" for x, y in trend.dots)
        trends.append(trend)
    return trends, [date.fromisoformat(f"{month}-01") for month in months]


@dataclass
class ChartPage:
    year: AcademicYear | None
    now: list[Bar] = field(default_factory=list)
    now_height: int = 0
    total: int = 0
    weeks: list[StepWeeks] = field(default_factory=list)
    trends: list[StepTrend] = field(default_factory=list)
    months: list[date] = field(default_factory=list)
    stuck_rows: list[tuple[str, str, list[tuple[str, int]], int]] = field(default_factory=list)
    stuck_steps: list[tuple[str, str]] = field(default_factory=list)
    stuck_bars: list[Bar] = field(default_factory=list)
    stuck_height: int = 0


def chart_page(year: AcademicYear | None = None, *, today: date | None = None) -> ChartPage:
    """Everything the chart page shows, for one academic year (the current one by default)."""
    year = year or current_year()
    page = ChartPage(year=year)
    if year is None:
        return page
    fig = figures(year, today=today)
    steps = step_labels()
    page.now, page.now_height = horizontal_bars(
        [(label, fig["now"].get(step, 0)) for step, label in steps]
    )
    page.total = sum(fig["now"].values())
    page.weeks = step_weeks(fig)
    page.trends, page.months = step_trends(fig)
    stuck_steps = {step for by_step in fig["stuck"].values() for step in by_step}
    page.stuck_steps = [(step, label) for step, label in steps if step in stuck_steps]
    for path, label in path_labels():
        by_step = fig["stuck"].get(path)
        if by_step:
            cells = [(step, by_step.get(step, 0)) for step, _label in page.stuck_steps]
            page.stuck_rows.append((path, label, cells, sum(by_step.values())))
    page.stuck_bars, page.stuck_height = horizontal_bars(
        [(label, total) for _path, label, _cells, total in page.stuck_rows]
    )
    return page
