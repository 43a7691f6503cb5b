"""Pages people use for their own account: accepting an invitation, the second login step,
and "Mijn account" (their roles, their second factor and their recent logins)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from sto.web import add_service_errors

from .. import accounts
from ..forms import SecondFactorForm
from ..permissions import must_use_second_factor
from ..roles import user_roles
from ..selectors import account_summary, recent_logins


def _next_url(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    state, invitee = accounts.invitation_check(token)
    if state != accounts.InvitationState.VALID or invitee is None:
        return render(
            request,
            "regions/invitation_invalid.html",
            {"state": state.value, "days": settings.STO_INVITATION_DAYS},
            status=410 if state != accounts.InvitationState.INVALID else 404,
        )
    form = SetPasswordForm(invitee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.invitation_accept(
                by=invitee, token=token, password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Uw wachtwoord is ingesteld. Log in met gebruikersnaam %(u)s.")
                % {"u": invitee.username},
            )
            return redirect("login")
    return render(
        request,
        "regions/invitation_accept.html",
        {"form": form, "invitee": invitee},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_verify(request):
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = accounts.second_factor_check(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            accounts.second_factor_passed(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _(
                "Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code en probeer opnieuw."
            ),
        )
    return render(
        request,
        "regions/second_factor_verify.html",
        {"form": form, "next": _next_url(request, "")},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    device = accounts.second_factor_start(by=request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = accounts.second_factor_confirm(
                by=request.user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            accounts.second_factor_passed(request, device)
            # Shown once, in this response only: the codes are never shown again.
            return render(
                request,
                "regions/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
    return render(
        request,
        "regions/second_factor_setup.html",
        {
            "form": form,
            "qr": accounts.totp_qr_data_uri(device),
            "secret": accounts.totp_secret(device),
            "required": must_use_second_factor(request.user),
            "next": _next_url(request, ""),
        },
        status=400 if form.errors else 200,
    )


def my_account(request):
    user = request.user
    return render(
        request,
        "regions/my_account.html",
        {
            "account": account_summary(user),
            "roles": sorted(user_roles(user)),
            "logins": recent_logins(user),
            "has_second_factor": accounts.has_second_factor(user),
            "recovery_codes_left": accounts.recovery_codes_left(user),
            "second_factor_required": must_use_second_factor(user),
        },
    )
