"""Template filters for Dutch formats: ``{{ amount|euro }}``, ``{{ pct|percentage }}``."""

from django import template

from sto import formatting

register = template.Library()


@register.filter
def euro(value, places=None):
    return formatting.format_euro(value, None if places in (None, "") else int(places))


@register.filter
def number(value, places=0):
    return formatting.format_number(value, int(places))


@register.filter
def percentage(value, places=1):
    return formatting.format_percentage(value, int(places))


@register.filter
def threshold(value):
    return formatting.format_threshold(value)


@register.filter
def datum(value):
    return formatting.format_date(value)
