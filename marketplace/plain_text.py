"""Rendering of plain-text templates (emails, notifications).

Django templates escape HTML by default, which is right for pages and wrong
for text: "d'ajouter" would become "d&#x27;ajouter" in an email. Pages that
show these texts escape them again when they display them.
"""

from django.template import Context
from django.template.loader import get_template


def render_plain(template_name: str, context: dict) -> str:
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def render_subject(template_name: str, context: dict) -> str:
    """A one-line subject or title: white space folded."""
    return " ".join(render_plain(template_name, context).split())
