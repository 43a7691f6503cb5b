"""Pages for the money side: co-financing, grants and municipal contributions.

Views are thin: they fetch objects only through the scoped selectors (404 for "not yours" and
"not there"), check the permission predicate for writes (403 for a reader who may not change),
let a form check the input's shape and a service do the write with ``by=request.user``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from regions.permissions import can_decide_contribution, can_manage_region, municipality_of
from sto.excel import add_table_sheet, new_workbook, xlsx_response
from sto.formatting import format_euro
from sto.history import history_entries, last_change_id
from sto.money import ZERO
from sto.web import (
    add_service_errors,
    int_param,
    paginate,
    querystring_without_page,
    url_of_row,
)

from . import selectors, services
from .exports import cofinancing_columns, cofinancing_rows, contribution_columns, contribution_rows
from .forms import (
    CommitmentCreateForm,
    CommitmentUpdateForm,
    ContributionRequestForm,
    ContributionSplitForm,
    DecisionForm,
)
from .models import ContributionStatus

COMMITMENTS_PER_PAGE = 50
CONTRIBUTIONS_PER_PAGE = 50


# --- helpers -----------------------------------------------------------------------------------


def _region_context(request, region, active: str) -> dict:
    tabs = [
        (
            "cofinancing",
            _("Cofinanciering"),
            reverse("cofinancing:commitment_list", args=[region.sto_number]),
        ),
        ("grants", _("Subsidies"), reverse("cofinancing:grant_list", args=[region.sto_number])),
        (
            "contributions",
            _("Gemeentelijke bijdragen"),
            reverse("cofinancing:contribution_list", args=[region.sto_number]),
        ),
    ]
    return {
        "region": region,
        "region_url": reverse("regions:region_detail", args=[region.sto_number]),
        "tabs": [
            {"key": k, "label": label, "url": url, "current": k == active} for k, label, url in tabs
        ],
        "can_change": can_manage_region(request.user, region),
    }


def _require_change(request, region) -> None:
    if not can_manage_region(request.user, region):
        raise PermissionDenied(_("U mag de gegevens van deze regio niet wijzigen."))


# --- company co-financing ----------------------------------------------------------------------


def commitment_list(request, sto_number):
    region = selectors.region_get_for_money(request.user, sto_number)
    year = int_param(request, "jaar")
    context = _region_context(request, region, "cofinancing")
    context.update(
        {
            "summary": selectors.cofinancing_summary(region),
            "page": paginate(
                request, selectors.commitments_of_region(region, year=year), COMMITMENTS_PER_PAGE
            ),
            "year": year,
            "query": querystring_without_page(request),
        }
    )
    return render(request, "cofinancing/commitment_list.html", context)


@require_http_methods(["GET", "POST"])
def commitment_create(request, sto_number):
    region = selectors.region_get_for_money(request.user, sto_number)
    _require_change(request, region)
    companies = selectors.company_members_of(region)
    form = CommitmentCreateForm(request.POST or None, companies=companies)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                commitment = services.cofinancing_commitment_create(
                    by=request.user, region=region, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Cofinanciering van %(name)s voor %(year)s is vastgelegd: %(amount)s.")
                    % {
                        "name": commitment.organisation.name,
                        "year": commitment.year,
                        "amount": format_euro(commitment.committed),
                    },
                )
                return redirect(_commitment_row(region, commitment))
        status = 400
    context = _region_context(request, region, "cofinancing")
    context.update({"form": form, "has_companies": companies.exists()})
    return render(request, "cofinancing/commitment_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def commitment_detail(request, sto_number, pk):
    region = selectors.region_get_for_money(request.user, sto_number)
    commitment = selectors.commitment_get(region, pk)
    status = 200
    form = None
    if request.method == "POST":
        _require_change(request, region)
        form = CommitmentUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.cofinancing_commitment_update(
                    by=request.user, commitment=commitment, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                # The page now shows the colleague's amounts: a deliberate second save may
                # overwrite them, so the form carries the current version from here on.
                form.data = form.data.copy()
                form.data["seen_change"] = str(last_change_id(commitment) or "")
            else:
                messages.success(request, _("De cofinanciering is bijgewerkt."))
                return redirect(_commitment_row(region, commitment))
        status = 400
        commitment.refresh_from_db()
    context = _region_context(request, region, "cofinancing")
    if form is None and context["can_change"]:
        form = CommitmentUpdateForm(
            initial={
                "committed": commitment.committed,
                "realised": commitment.realised,
                "seen_change": last_change_id(commitment),
            }
        )
    context.update({"commitment": commitment, "form": form, "history": history_entries(commitment)})
    return render(request, "cofinancing/commitment_detail.html", context, status=status)


def commitment_export(request, sto_number):
    """The co-financing list as Excel, with the same filter as the page."""
    region = selectors.region_get_for_money(request.user, sto_number)
    year = int_param(request, "jaar")
    commitments = selectors.commitments_of_region(region, year=year).select_related("region")
    workbook = new_workbook()
    add_table_sheet(
        workbook, _("Cofinanciering"), cofinancing_columns(), cofinancing_rows(commitments)
    )
    suffix = f"-{year}" if year else ""
    return xlsx_response(workbook, f"cofinanciering-{region.sto_number}{suffix}.xlsx")


# --- grants ------------------------------------------------------------------------------------


def grant_list(request, sto_number):
    region = selectors.region_get_for_money(request.user, sto_number)
    grants = list(selectors.grants_of_region(region))
    context = _region_context(request, region, "grants")
    context.update(
        {
            "grants": grants,
            "total": sum((g.amount for g in grants), ZERO),
            "admin_url": reverse("admin:cofinancing_grant_changelist") + f"?q={region.sto_number}",
        }
    )
    return render(request, "cofinancing/grant_list.html", context)


# --- municipal contributions (programme manager) -----------------------------------------------


def _commitment_row(region, commitment) -> str:
    """The commitments page that shows ``commitment``, highlighted (after saving it)."""
    return url_of_row(
        reverse("cofinancing:commitment_list", args=[region.sto_number]),
        selectors.commitments_of_region(region),
        commitment.pk,
        COMMITMENTS_PER_PAGE,
    )


def _contribution_row(region, contribution) -> str:
    """The contributions page that shows ``contribution``, highlighted (after saving it)."""
    return url_of_row(
        reverse("cofinancing:contribution_list", args=[region.sto_number]),
        selectors.contributions_of_region(region),
        contribution.pk,
        CONTRIBUTIONS_PER_PAGE,
    )


def _status_param(request) -> str | None:
    status = request.GET.get("status", "")
    return status if status in ContributionStatus.values else None


def contribution_list(request, sto_number):
    region = selectors.region_get_for_money(request.user, sto_number)
    year = int_param(request, "jaar")
    status = _status_param(request)
    contributions = selectors.contributions_of_region(region, year=year, status=status)
    context = _region_context(request, region, "contributions")
    context.update(
        {
            "page": paginate(request, contributions, CONTRIBUTIONS_PER_PAGE),
            "totals": selectors.contribution_totals(contributions),
            "year": year,
            "status": status,
            "statuses": ContributionStatus.choices,
            "query": querystring_without_page(request),
        }
    )
    return render(request, "cofinancing/contribution_list.html", context)


@require_http_methods(["GET", "POST"])
def contribution_request(request, sto_number):
    region = selectors.region_get_for_money(request.user, sto_number)
    _require_change(request, region)
    municipalities = selectors.municipal_members_of(region)
    status = 200
    if request.method == "POST":
        form = ContributionRequestForm(request.POST, municipalities=municipalities)
        if form.is_valid():
            try:
                contribution = services.contribution_request(
                    by=request.user, region=region, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Bijdrage van %(name)s voor %(year)s aangevraagd: %(amount)s.")
                    % {
                        "name": contribution.municipality.name,
                        "year": contribution.year,
                        "amount": format_euro(contribution.requested),
                    },
                )
                return redirect(_contribution_row(region, contribution))
        status = 400
    else:
        initial = {}
        municipality_pk, year = int_param(request, "gemeente"), int_param(request, "jaar")
        if municipality_pk and year:
            existing = selectors.contributions_of_region(
                region, year=year, municipality_id=municipality_pk
            ).first()
            if existing is not None:
                initial = {
                    "municipality": existing.municipality_id,
                    "year": existing.year,
                    "requested": existing.requested,
                    "purpose": existing.purpose,
                }
        form = ContributionRequestForm(initial=initial, municipalities=municipalities)
    context = _region_context(request, region, "contributions")
    context.update({"form": form})
    return render(request, "cofinancing/contribution_request.html", context, status=status)


@require_http_methods(["GET", "POST"])
def contribution_split(request, sto_number):
    """The split tool: preview the parts per municipality per year, then confirm."""
    region = selectors.region_get_for_money(request.user, sto_number)
    _require_change(request, region)
    plan = None
    status = 200
    if request.method == "POST":
        form = ContributionSplitForm(request.POST)
        confirm = request.POST.get("action") == "confirm"
        if form.is_valid():
            data = form.cleaned_data
            arguments = {
                "region": region,
                "total": data["total"],
                "first_year": data["first_year"],
                "last_year": data["last_year"],
                "indexation_pct": data["indexation_pct"],
            }
            try:
                if confirm:
                    saved = services.contributions_request_split(
                        by=request.user,
                        purpose=data["purpose"],
                        expected_digest=data["digest"] or "",
                        **arguments,
                    )
                    messages.success(
                        request,
                        _("%(n)s bijdragen aangevraagd of bijgewerkt voor %(first)s–%(last)s.")
                        % {"n": len(saved), "first": data["first_year"], "last": data["last_year"]},
                    )
                    return redirect("cofinancing:contribution_list", sto_number=region.sto_number)
                plan = services.contribution_split_plan(**arguments)
            except ValidationError as exc:
                add_service_errors(form, exc)
                status = 400
                try:  # show the current split next to the problem, if it can be made
                    plan = services.contribution_split_plan(**arguments)
                except ValidationError:
                    plan = None
        else:
            status = 400
    else:
        form = ContributionSplitForm()
    context = _region_context(request, region, "contributions")
    context.update({"form": form, "plan": plan})
    return render(request, "cofinancing/contribution_split.html", context, status=status)


def contribution_export(request, sto_number):
    """The region's contributions as Excel, with the same filter as the page."""
    region = selectors.region_get_for_money(request.user, sto_number)
    contributions = selectors.contributions_of_region(
        region, year=int_param(request, "jaar"), status=_status_param(request)
    ).select_related("region")
    workbook = new_workbook()
    add_table_sheet(
        workbook, _("Bijdragen"), contribution_columns(), contribution_rows(contributions)
    )
    return xlsx_response(workbook, f"gemeentelijke-bijdragen-{region.sto_number}.xlsx")


# --- municipal contributions (municipal officer) -----------------------------------------------


def _officer_contributions(request):
    year, status = int_param(request, "jaar"), _status_param(request)
    return selectors.contributions_listed(request.user, year=year, status=status), year, status


def officer_contributions(request):
    """The contributions asked of the officer's municipality (everything one may read, for
    other roles), newest year first."""
    contributions, year, status = _officer_contributions(request)
    context = {
        "municipality": municipality_of(request.user),
        "page": paginate(request, contributions, CONTRIBUTIONS_PER_PAGE),
        "open_count": selectors.open_requests(contributions),
        "year": year,
        "status": status,
        "statuses": ContributionStatus.choices,
        "query": querystring_without_page(request),
    }
    return render(request, "cofinancing/officer_contributions.html", context)


def officer_contributions_export(request):
    contributions, _year, _status = _officer_contributions(request)
    workbook = new_workbook()
    add_table_sheet(
        workbook, _("Bijdragen"), contribution_columns(), contribution_rows(contributions)
    )
    return xlsx_response(workbook, "gemeentelijke-bijdragen.xlsx")


def _detail_context(request, contribution, form) -> dict:
    return {
        "contribution": contribution,
        "context": selectors.contribution_context(contribution),
        "form": form,
        "can_decide": form is not None,
        "can_change": can_manage_region(request.user, contribution.region),
        "history": history_entries(contribution),
    }


def contribution_detail(request, pk):
    contribution = selectors.contribution_get_for_user(request.user, pk)
    form = None
    if can_decide_contribution(request.user, contribution.municipality_id):
        form = DecisionForm(initial={"expected_version": contribution.version})
    return render(
        request,
        "cofinancing/contribution_detail.html",
        _detail_context(request, contribution, form),
    )


@require_POST
def contribution_decide(request, pk):
    contribution = selectors.contribution_get_for_user(request.user, pk)
    if not can_decide_contribution(request.user, contribution.municipality_id):
        raise PermissionDenied(_("U mag over deze bijdrage niet besluiten."))
    form = DecisionForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            decided = services.contribution_decide(
                by=request.user,
                contribution=contribution,
                decision=data["decision"],
                approved=data["approved"],
                reason=data["reason"],
                decided_on=data["decided_on"],
                expected_version=data["expected_version"],
            )
        except services.DecisionConflict as exc:
            # Show the colleague's decision; the form keeps what this officer entered but now
            # carries the current version, so a deliberate second submit is possible.
            contribution.refresh_from_db()
            posted = request.POST.copy()
            posted["expected_version"] = str(contribution.version)
            form = DecisionForm(posted)
            form.is_valid()
            form.add_error(None, exc.messages[0])
            status = 409
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Uw besluit is vastgelegd: %(status)s.")
                % {"status": decided.get_status_display()},
            )
            return redirect("cofinancing:contribution_detail", pk=decided.pk)
    return render(
        request,
        "cofinancing/contribution_detail.html",
        _detail_context(request, contribution, form),
        status=status,
    )
