"""The `euros` filter: templates' and e-mails' way to `marketplace.money.format_money`."""

from django import template

from marketplace.money import format_money

register = template.Library()


@register.filter
def euros(cents, decimals="auto"):
    """`{{ cents|euros }}` drops ",00" from whole amounts; `{{ cents|euros:2 }}` always shows the cents."""
    return format_money(cents, decimals=None if decimals == "auto" else int(decimals))
