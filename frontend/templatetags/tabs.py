"""Tabs between the parallel sections of a page, written once in includes/tabs.html."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/tabs.html")
def tab_list(label: str, *ids_and_labels: str) -> dict:
    """{% tab_list _("Sections") "members" _("Membres") "invite" _("Inviter") %}: each id names a section."""
    if len(ids_and_labels) % 2:
        raise template.TemplateSyntaxError("tab_list takes a label, then pairs of a section id and its label.")
    pairs = zip(ids_and_labels[::2], ids_and_labels[1::2], strict=True)
    return {"label": label, "tabs": [{"id": panel_id, "label": text} for panel_id, text in pairs]}
