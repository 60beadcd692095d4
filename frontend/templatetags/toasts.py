"""Django's messages split the way the page announces them: errors interrupt, everything else waits its turn."""

from django import template
from django.contrib.messages import constants

register = template.Library()


@register.simple_tag
def toast_groups(messages) -> dict[str, list]:
    """{"polite": [...], "alerts": [...]}: errors go to role="alert", the rest to role="status"."""
    groups = {"polite": [], "alerts": []}
    for message in messages or ():
        groups["alerts" if message.level >= constants.ERROR else "polite"].append(message)
    return groups
