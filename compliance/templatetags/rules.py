"""``{{ finding.rule|rule_title }}``: a rule's Dutch title, never its code, on every page."""

from django import template

from compliance.rules import rule_title as _rule_title

register = template.Library()


@register.filter
def rule_title(code: str) -> str:
    return _rule_title(code)
