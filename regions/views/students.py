"""Student counts of a region's vmbo locations per reference date, profile and learning path."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sto.history import history_entries
from sto.web import add_service_errors

from .. import services
from ..forms import StudentCountEditForm, StudentCountForm
from ..models import LearningPath
from ..permissions import can_correct_student_count
from ..selectors import student_count_dates, student_count_get, student_counts_on, vmbo_locations
from .common import region_context, region_for_manager, region_for_reader

PATHS = [p for p, _label in LearningPath.choices]


def _parse_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def student_counts(request, sto_number: str):
    """The table for one reference date (``?peildatum=``, default the latest) and, for the
    region's managers, the form to add or correct a count."""
    if request.method == "POST":
        region = region_for_manager(request, sto_number)
    else:
        region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    locations = vmbo_locations(region, today)
    dates = student_count_dates(locations)
    selected = _parse_date(request.GET.get("peildatum"))
    if selected not in dates:
        selected = dates[0] if dates else None
    rows = {}
    for count in student_counts_on(locations, selected):
        row = rows.setdefault(
            (count.organisation_id, count.profile),
            {"organisation": count.organisation, "profile": count.profile, "cells": {}, "total": 0},
        )
        row["cells"][count.learning_path] = count
        row["total"] += count.students
    table = []
    totals = dict.fromkeys(PATHS, 0)
    for row in rows.values():
        row["columns"] = [row["cells"].get(path) for path in PATHS]
        for path, cell in row["cells"].items():
            totals[path] += cell.students
        table.append(row)
    context = region_context(request, region, "students")
    form = None
    if context["can_manage"]:
        if request.method == "POST":
            form = StudentCountForm(request.POST, locations=locations)
            if form.is_valid():
                try:
                    count = services.student_count_set(by=request.user, **form.cleaned_data)
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Het leerlingaantal van %(org)s is opgeslagen.")
                        % {"org": count.organisation.name},
                    )
                    url = f"{request.path}?peildatum={count.reference_date.isoformat()}"
                    return redirect(url)
        else:
            default_date = selected or datetime.date(
                today.year if today.month >= 10 else today.year - 1, 10, 1
            )
            form = StudentCountForm(locations=locations, initial={"reference_date": default_date})
    context.update(
        {
            "dates": dates,
            "selected": selected,
            "paths": PATHS,
            "table": table,
            "totals": [totals[p] for p in PATHS],
            "grand_total": sum(totals.values()),
            "form": form,
        }
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "regions/student_counts.html", context, status=status)


@require_http_methods(["GET", "POST"])
def student_count_detail(request, sto_number: str, pk: int):
    if request.method == "POST":
        region = region_for_manager(request, sto_number)
    else:
        region = region_for_reader(request, sto_number)
    count = student_count_get(region, pk)
    context = region_context(request, region, "students")
    can_correct = can_correct_student_count(request.user, region, count)
    form = None
    if context["can_manage"] and not can_correct and request.method == "POST":
        raise PermissionDenied(_("Op deze peildatum hoorde de vestiging niet bij deze regio."))
    if can_correct:
        if request.method == "POST":
            form = StudentCountEditForm(request.POST)
            if form.is_valid():
                try:
                    services.student_count_update(
                        by=request.user,
                        region=region,
                        count=count,
                        students=form.cleaned_data["students"],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(request, _("Het leerlingaantal is opgeslagen."))
                    return redirect(
                        "regions:student_count_detail", sto_number=region.sto_number, pk=count.pk
                    )
        else:
            form = StudentCountEditForm(initial={"students": count.students})
    context.update({"count": count, "form": form, "history": history_entries(count)})
    status = 400 if form is not None and form.errors else 200
    return render(request, "regions/student_count_detail.html", context, status=status)
