"""The one rule for "this stored range overlaps the range asked": budgets on the project lists and the board,
day rates in the provider directory (the search cluster answers the same rule from `search.faceted.Overlap`).

A missing end of the stored range is unbounded (no maximum means no ceiling, no minimum means it starts at
zero); a row with neither end has no range at all and is left out once a bound is asked.
"""

from django.db.models import Q


def overlapping(*, low_field: str, high_field: str, low=None, high=None) -> Q:
    """Rows whose `[low_field, high_field]` range overlaps `[low, high]`, both ends inclusive, either optional."""
    condition = Q()
    if low is not None:
        # The row's range reaches up to `low`: its maximum does, or it has a minimum and no maximum.
        condition &= Q(**{f"{high_field}__gte": low}) | Q(
            **{f"{high_field}__isnull": True, f"{low_field}__isnull": False}
        )
    if high is not None:
        # The row's range starts at or below `high`: its minimum does, or it has a maximum and no minimum.
        condition &= Q(**{f"{low_field}__lte": high}) | Q(
            **{f"{low_field}__isnull": True, f"{high_field}__isnull": False}
        )
    return condition
