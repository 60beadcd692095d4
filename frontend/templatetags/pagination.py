"""The page numbers a list shows under its items, so that no view has to compute them for its template."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def elided_pages(page_obj: Page | None, on_each_side: int = 2, on_ends: int = 1) -> list:
    """1 … 4 5 [6] 7 8 … 20: the numbers to link to, with `Paginator.ELLIPSIS` where pages are left out."""
    if page_obj is None or not hasattr(page_obj, "paginator"):
        return []
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))
