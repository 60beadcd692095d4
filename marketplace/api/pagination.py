"""The paging parameters of every list of the API, bounded once here.

Unbounded, a huge `offset` went on to the database as an integer it cannot hold (a 500 on SQLite and
PostgreSQL alike). Values out of range, negative or not integers now answer 422 in the API's error shape
(`errors.py`), and a window deeper than MAX_OFFSET answers 400: past a few thousand results a client
should narrow its filters, and that is also the deepest window a search cluster serves by default.
"""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Query

from ..errors import DomainError

MAX_OFFSET = 10_000
MAX_PAGE = MAX_OFFSET + 1
MAX_PAGE_SIZE = 200

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"How many items to skip, 0 to {MAX_OFFSET}.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"How many items to return, 1 to {MAX_PAGE_SIZE}.")]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, 1 to {MAX_PAGE_SIZE}.")]


def page_window(*, page: int, page_size: int) -> slice:
    """The slice of a page, refused (400, on `page`) when it starts deeper than MAX_OFFSET."""
    start = (page - 1) * page_size
    if start > MAX_OFFSET:
        raise DomainError(
            _("Au-delà des %(max)s premiers résultats, affinez les filtres plutôt que de tourner les pages.")
            % {"max": MAX_OFFSET},
            field="page",
        )
    return slice(start, start + page_size)
