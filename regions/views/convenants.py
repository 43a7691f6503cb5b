"""Convenants (samenwerkingsovereenkomsten) of a region and their signatures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sto.history import history_entries
from sto.web import add_service_errors

from .. import services
from ..convenants import convenant_signing_status, party_signatures
from ..forms import SignatureForm
from ..selectors import convenant_get, convenant_party_get, signature_of
from .common import region_context, region_for_manager, region_for_reader


def convenant_list(request: HttpRequest, sto_number: str) -> HttpResponse:
    region = region_for_reader(request, sto_number)
    today = timezone.localdate()
    context = region_context(request, region, "convenants")
    context.update({"statuses": convenant_signing_status(region, today), "today": today})
    return render(request, "regions/convenant_list.html", context)


def convenant_detail(request: HttpRequest, sto_number: str, pk: int) -> HttpResponse:
    region = region_for_reader(request, sto_number)
    convenant = convenant_get(region, pk)
    today = timezone.localdate()
    rows = party_signatures(convenant, today)
    context = region_context(request, region, "convenants")
    context.update(
        {
            "convenant": convenant,
            "rows": rows,
            "signed": sum(1 for row in rows if row.signed),
            "today": today,
            "history": history_entries(convenant),
        }
    )
    return render(request, "regions/convenant_detail.html", context)


@require_http_methods(["GET", "POST"])
def signature_edit(request: HttpRequest, sto_number: str, pk: int, key: str) -> HttpResponse:
    """One partner's signature under the convenant: record who signed, when and as what."""
    if request.method == "POST":
        region = region_for_manager(request, sto_number)
    else:
        region = region_for_reader(request, sto_number)
    convenant = convenant_get(region, pk)
    organisation = convenant_party_get(convenant, key)
    signature = signature_of(convenant, organisation)
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
