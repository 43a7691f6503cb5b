"""Partners of a region: current and former members, joining, leaving, organisation pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sto.formatting import format_date
from sto.history import history_entries
from sto.web import add_service_errors, paginate, querystring_without_page

from .. import services
from ..forms import MembershipEndForm, OrganisationForm, PartnerAddForm
from ..models import OrganisationKind
from ..permissions import can_edit_organisation, can_manage_region
from ..selectors import (
    membership_get,
    organisation_memberships,
    organisations_matching,
    partner_memberships,
)
from .common import region_context, region_for_manager, region_for_reader

STATUS_CHOICES = (
    ("current", gettext_lazy("huidige partners")),
    ("former", gettext_lazy("voormalige partners")),
    ("all", gettext_lazy("alle")),
)


def partner_list(request, sto_number: str):
    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    status = request.GET.get("status", "current")
    if status not in ("current", "former"):
        status = "all"
    kind = request.GET.get("soort", "")
    if kind not in OrganisationKind.values:
        kind = ""
    search = request.GET.get("q", "").strip()[:100]
    memberships = partner_memberships(region, day=today, status=status, kind=kind, search=search)
    page = paginate(request, memberships)
    context = region_context(request, region, "partners")
    context.update(
        {
            "page": page,
            "memberships": page.object_list,
            "status": status,
            "kind": kind,
            "search": search,
            "status_choices": STATUS_CHOICES,
            "kind_choices": OrganisationKind.choices,
            "querystring": querystring_without_page(request),
            "today": today,
        }
    )
    return render(request, "regions/partner_list.html", context)


@require_http_methods(["GET", "POST"])
def partner_add(request, sto_number: str):
    region = region_for_manager(request, sto_number)
    search = (request.GET.get("zoek") or "").strip()
    results = organisations_matching(search)
    if request.method == "POST":
        form = PartnerAddForm(request.POST)
        if form.is_valid():
            try:
                if form.organisation is not None:
                    membership = services.partner_join(
                        by=request.user,
                        region=region,
                        organisation=form.organisation,
                        start=form.cleaned_data["start"],
                        end=form.cleaned_data["end"],
                    )
                else:
                    membership = services.partner_join(
                        by=request.user,
                        region=region,
                        new_organisation=form.new_organisation(),
                        start=form.cleaned_data["start"],
                        end=form.cleaned_data["end"],
                    )
            except ValidationError as error:
                target = "existing_key" if form.organisation is not None else "key"
                add_service_errors(form, error, field_map={"organisation": target})
            else:
                messages.success(
                    request,
                    _("%(org)s is toegevoegd als partner van %(region)s.")
                    % {"org": membership.organisation.name, "region": region.name},
                )
                return redirect("regions:partner_list", sto_number=region.sto_number)
    else:
        initial = {"start": timezone.localdate()}
        if request.GET.get("organisatie"):
            initial["existing_key"] = request.GET["organisatie"]
        form = PartnerAddForm(initial=initial)
    context = region_context(request, region, "partners")
    context.update({"form": form, "search": search, "results": results})
    return render(request, "regions/partner_add.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def membership_end(request, sto_number: str, pk: int):
    region = region_for_manager(request, sto_number)
    membership = membership_get(region, pk)
    if request.method == "POST":
        form = MembershipEndForm(request.POST, membership=membership)
        if form.is_valid():
            try:
                services.membership_end(
                    by=request.user, membership=membership, end=form.cleaned_data["end"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Het lidmaatschap van %(org)s eindigt op %(end)s.")
                    % {
                        "org": membership.organisation.name,
                        "end": format_date(form.cleaned_data["end"]),
                    },
                )
                return redirect("regions:partner_list", sto_number=region.sto_number)
    else:
        form = MembershipEndForm(
            membership=membership, initial={"end": membership.end or timezone.localdate()}
        )
    context = region_context(request, region, "partners")
    context.update({"form": form, "membership": membership, "history": history_entries(membership)})
    return render(
        request, "regions/membership_end.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def organisation_detail(request, sto_number: str, key: str):
    """An organisation as a partner of this region; its managers may correct its details."""
    region = region_for_reader(request, sto_number)
    memberships = organisation_memberships(region, key)
    organisation = memberships[0].organisation
    can_manage = can_manage_region(request.user, region)
    can_edit = can_manage and can_edit_organisation(request.user, organisation)
    form = None
    if can_edit:
        if request.method == "POST":
            form = OrganisationForm(request.POST, organisation=organisation)
            if form.is_valid():
                try:
                    services.organisation_update(
                        by=request.user, organisation=organisation, **form.changes()
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                    organisation.refresh_from_db()
                else:
                    messages.success(
                        request,
                        _("De gegevens van %(org)s zijn opgeslagen.") % {"org": organisation.name},
                    )
                    return redirect(
                        "regions:organisation_detail",
                        sto_number=region.sto_number,
                        key=organisation.key,
                    )
        else:
            form = OrganisationForm(
                organisation=organisation,
                initial={
                    "name": organisation.name,
                    "city": organisation.city,
                    "technical_profiles": organisation.profiles,
                    "inhabitants": organisation.inhabitants,
                },
            )
    elif request.method == "POST":
        region_for_manager(request, sto_number)  # raises 403 for readers
        raise PermissionDenied(_("Deze organisatie is ook partner van een andere regio."))
    context = region_context(request, region, "partners")
    context.update(
        {
            "organisation": organisation,
            "memberships": memberships,
            "form": form,
            "shared_elsewhere": can_manage and not can_edit,
            "history": history_entries(organisation),
        }
    )
    return render(
        request,
        "regions/organisation_detail.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )
