"""The region page: a programme manager's dashboard, read-only for reviewers and officers."""

from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone

from sto.history import history_entries

from ..models import Finding, Membership, OrganisationKind
from ..overview import region_deadlines, region_money
from ..permissions import can_manage_region
from ..roles import reads_everything
from ..selectors import municipality_of, regions_managed_by
from .common import annual_report_pdf_url, optional_url, region_context, region_for_reader


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("jaar", default))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def region_detail(request, sto_number: str):
    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    year = _year(request, today.year)
    user = request.user
    # A municipal officer sees only the contributions asked of their own municipality.
    municipality = None
    if not reads_everything(user) and not can_manage_region(user, region):
        municipality = municipality_of(user)
    findings = list(
        Finding.objects.open().filter(region=region).order_by("severity", "rule", "subject")
    )
    kinds = dict(OrganisationKind.choices)
    partners_by_kind = [
        {"kind": kinds.get(row["organisation__kind"], row["organisation__kind"]), "count": row["n"]}
        for row in Membership.objects.current_on(today)
        .filter(region=region)
        .order_by("organisation__kind")
        .values("organisation__kind")
        .annotate(n=Count("pk"))
    ]
    money = region_money(region, year, municipality=municipality)
    context = region_context(request, region, "overview")
    context.update(
        {
            "today": today,
            "year": year,
            "findings": findings,
            "deadlines": region_deadlines(region, today),
            "money": money,
            "partners_by_kind": partners_by_kind,
            "partner_total": sum(p["count"] for p in partners_by_kind),
            "annual_report_pdf_url": annual_report_pdf_url(user, region, year),
            "history": history_entries(region),
        }
    )
    return render(request, "regions/region_detail.html", context)


def home(request):
    """A role-aware start page.

    Programme manager → their region's dashboard (or a choice of their regions); municipal
    officer → the contributions asked of their municipality; reviewer and administrator → the
    region list.
    """
    from ..roles import Role, has_role

    user = request.user
    if reads_everything(user):
        return redirect("regions:region_list")
    if has_role(user, Role.PROGRAMME_MANAGER):
        regions = list(regions_managed_by(user).select_related("lead").order_by("sto_number"))
        if len(regions) == 1:
            return redirect("regions:region_detail", sto_number=regions[0].sto_number)
        if regions:
            return render(request, "home.html", {"managed_regions": regions})
    if has_role(user, Role.MUNICIPAL_OFFICER):
        url = optional_url("cofinancing:officer_contributions")
        if url:
            return redirect(url)
        from ..selectors import regions_visible_to

        return render(
            request,
            "home.html",
            {
                "municipality": municipality_of(user),
                "officer_regions": list(regions_visible_to(user).order_by("sto_number")),
            },
        )
    return render(request, "home.html", {"no_role": True})
