"""Every form page puts its error summary at the top: under the heading, before the form."""

import re
from pathlib import Path

import pytest
from django import forms
from django.template.loader import render_to_string

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INCLUDES = sorted(
    path
    for path in TEMPLATES.rglob("*.html")
    if "includes/form_errors.html" in path.read_text(encoding="utf-8")
)


def test_the_summary_is_used_by_the_form_pages():
    names = {str(p.relative_to(TEMPLATES)) for p in INCLUDES}
    assert "cofinancing/contribution_detail.html" in names
    assert "reporting/batch_list.html" in names
    assert len(names) >= 25


@pytest.mark.parametrize("path", INCLUDES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_the_summary_comes_right_after_the_heading_and_before_any_form_field(path):
    text = path.read_text(encoding="utf-8")
    summary = text.index("includes/form_errors.html")
    heading = text.find("</h1>")
    assert heading != -1 and heading < summary
    # Between the heading and the summary: at most a few lines of introduction, no post form.
    assert not re.search(r'<form method="post"[^>]*class="form', text[heading:summary])


class DecisionLike(forms.Form):
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    amount = forms.CharField(label="Bedrag")


def test_each_problem_links_to_its_field_also_in_a_radio_group():
    form = DecisionLike({})
    assert not form.is_valid()
    html = render_to_string("includes/form_errors.html", {"form": form})
    assert 'class="error-summary" role="alert" tabindex="-1"' in html
    assert 'href="#id_choice_0"' in html and 'href="#id_amount"' in html


def test_the_focus_script_is_on_every_page():
    assert "js/error-summary.js" in (TEMPLATES / "base.html").read_text(encoding="utf-8")
