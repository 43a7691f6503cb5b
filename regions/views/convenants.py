"""Convenants (samenwerkingsovereenkomsten) of a region and their signatures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sto.history import history_entries

from .. import services
from ..convenants import convenant_parties, convenant_signing_status
from ..forms import SignatureForm, add_service_errors
from ..models import Convenant, Membership, Signature
from .common import region_context, region_for_manager, region_for_reader


def convenant_list(request, sto_number: str):
    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    context = region_context(request, region, "convenants")
    context.update({"statuses": convenant_signing_status(region, today), "today": today})
    return render(request, "regions/convenant_list.html", context)


def convenant_detail(request, sto_number: str, pk: int):
    region = region_for_reader(request, sto_number)
    convenant = get_object_or_404(Convenant.objects.select_related("period"), region=region, pk=pk)
    today = timezone.localdate()
    signatures = {s.organisation_id: s for s in Signature.objects.filter(convenant=convenant)}
    current = set(
        Membership.objects.current_on(today)
        .filter(region=region)
        .values_list("organisation_id", flat=True)
    )
    rows = [
        {"organisation": org, "signature": signatures.get(org.pk), "current": org.pk in current}
        for org in convenant_parties(convenant).order_by("name")
    ]
    context = region_context(request, region, "convenants")
    context.update(
        {
            "convenant": convenant,
            "rows": rows,
            "signed": sum(1 for r in rows if r["signature"] and r["signature"].signed_on),
            "today": today,
            "history": history_entries(convenant),
        }
    )
    return render(request, "regions/convenant_detail.html", context)


@require_http_methods(["GET", "POST"])
def signature_edit(request, sto_number: str, pk: int, key: str):
    """One partner's signature under the convenant: record who signed, when and as what."""
    if request.method == "POST":
        region = region_for_manager(request, sto_number)
    else:
        region = region_for_reader(request, sto_number)
    convenant = get_object_or_404(Convenant.objects.select_related("period"), region=region, pk=pk)
    organisation = convenant_parties(convenant).filter(key=key).first()
    if organisation is None:
        raise Http404(_("Deze organisatie is geen partner van deze regio."))
    signature = Signature.objects.filter(convenant=convenant, organisation=organisation).first()
    context = region_context(request, region, "convenants")
    form = None
    if context["can_manage"]:
        if request.method == "POST":
            form = SignatureForm(request.POST)
            if form.is_valid():
                try:
                    services.signature_record(
                        by=request.user,
                        convenant=convenant,
                        organisation=organisation,
                        **form.cleaned_data,
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("De ondertekening door %(org)s is vastgelegd.")
                        % {"org": organisation.name},
                    )
                    return redirect(
                        "regions:convenant_detail", sto_number=region.sto_number, pk=convenant.pk
                    )
        else:
            initial = {}
            if signature is not None:
                initial = {
                    "signed_on": signature.signed_on,
                    "signatory": signature.signatory,
                    "function": signature.function,
                }
            form = SignatureForm(initial=initial)
    context.update(
        {
            "convenant": convenant,
            "organisation": organisation,
            "signature": signature,
            "form": form,
            "history": history_entries(signature) if signature is not None else [],
        }
    )
    status = 400 if form is not None and form.errors else 200
    return render(request, "regions/signature_edit.html", context, status=status)
