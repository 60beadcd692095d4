"""Anonymous aggregate figures of the assessments, for staff and for the public home page.

Each association counts once, with its latest completed assessment. A group
(a region, a budget bracket, a field of action) shows figures only when it has
at least `conf.min_group_size()` associations: below that, an average could
point at one association, so the row says how few there are and nothing else.
"""

import csv
import io
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Avg, Count
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.geography import Region
from marketplace.models.profiles import BudgetBracket, FieldOfAction

from . import conf
from .models import Assessment, AxisScore
from .selectors import current_version, latest_completed_ids

DIMENSIONS = {
    "region": (gettext_lazy("Région"), Region),
    "budget_bracket": (gettext_lazy("Budget annuel"), BudgetBracket),
    "field_of_action": (gettext_lazy("Domaine d'action"), FieldOfAction),
}


@dataclass(frozen=True)
class AxisColumn:
    key: str
    title: str


@dataclass(frozen=True)
class BarometerRow:
    value: str
    label: str
    count: int
    overall: int | None
    axes: dict[str, int]
    shown: bool
    cells: list[int | None]


@dataclass(frozen=True)
class Barometer:
    dimension: str
    dimension_label: str
    columns: list[AxisColumn]
    rows: list[BarometerRow]
    total: BarometerRow
    minimum: int


def _columns() -> list[AxisColumn]:
    """The published version's axes name the columns; older versions' results join them by axis key."""
    version = current_version()
    if version is None:
        return []
    return [AxisColumn(key=axis.key, title=axis.label) for axis in version.axes.order_by("sort_order", "pk")]


def _row(value: str, label: str, assessments, minimum: int, keys: list[str]) -> BarometerRow:
    """One group's figures; `cells` follow `keys`, the table's axis columns."""
    summary = assessments.aggregate(count=Count("pk"), overall=Avg("score"))
    count = summary["count"]
    if count < minimum:
        return BarometerRow(value=value, label=label, count=count, overall=None, axes={}, shown=False, cells=[])
    rows = AxisScore.objects.filter(assessment__in=assessments).values("axis_key").annotate(average=Avg("score"))
    axes = {row["axis_key"]: round(row["average"]) for row in rows}
    return BarometerRow(
        value=value,
        label=label,
        count=count,
        overall=round(summary["overall"]),
        axes=axes,
        shown=True,
        cells=[axes.get(key) for key in keys],
    )


def barometer(*, dimension: str) -> Barometer:
    """Figures per group of `dimension` (one of DIMENSIONS), and for all associations together."""
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    label, choices = DIMENSIONS[dimension]
    minimum = conf.min_group_size()
    latest = Assessment.objects.filter(pk__in=latest_completed_ids())
    columns = _columns()
    keys = [column.key for column in columns]
    rows = [
        _row(value, str(choice_label), latest.filter(**{dimension: value}), minimum, keys)
        for value, choice_label in choices.choices
    ]
    return Barometer(
        dimension=dimension,
        dimension_label=str(label),
        columns=columns,
        rows=[row for row in rows if row.count],
        total=_row("", _("Toutes les associations"), latest, minimum, keys),
        minimum=minimum,
    )


def barometer_csv(data: Barometer) -> str:
    """The same table as CSV (semicolon-separated, as French spreadsheets expect); hidden groups keep only their
    size, given as "< minimum"."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [data.dimension_label, _("Diagnostics"), _("Score global"), *(column.title for column in data.columns)]
    )
    for row in [*data.rows, data.total]:
        if row.shown:
            writer.writerow([row.label, row.count, row.overall, *("" if cell is None else cell for cell in row.cells)])
        else:
            writer.writerow([row.label, f"< {data.minimum}", "", *("" for _column in data.columns)])
    return out.getvalue()


@dataclass(frozen=True)
class PublicFigures:
    count: int
    overall: int
    axes: list[tuple[str, int]]


PUBLIC_FIGURES_CACHE_SECONDS = 600


def public_figures() -> PublicFigures | None:
    """The national averages per axis for the home page, or None while too few associations took the test.

    Cached for a few minutes: averages over many associations barely move, and the home page is the busiest.
    One entry per language, since the axes' titles are in the language shown.
    """
    key = f"assessment:public-figures:{translation.get_language() or conf.language_code()}"
    return cache.get_or_set(key, _public_figures, PUBLIC_FIGURES_CACHE_SECONDS)


def _public_figures() -> PublicFigures | None:
    columns = _columns()
    latest = Assessment.objects.filter(pk__in=latest_completed_ids())
    row = _row("", "", latest, conf.min_group_size(), [column.key for column in columns])
    if not row.shown:
        return None
    axes = [(column.title, cell) for column, cell in zip(columns, row.cells, strict=True) if cell is not None]
    return PublicFigures(count=row.count, overall=row.overall, axes=axes)
