"""User management for administrators: roles, regions and municipality."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sto.web import add_service_errors, paginate, querystring_without_page

from .. import accounts
from .. import users as user_services
from ..forms import InviteForm, UserForm
from ..permissions import can_manage_users
from ..roles import Role
from ..selectors import user_get, users_listed


def _require_administrator(request):
    if not can_manage_users(request.user):
        raise PermissionDenied(_("Alleen beheerders beheren gebruikers."))


def user_list(request):
    _require_administrator(request)
    search = (request.GET.get("zoek") or "").strip()
    role = request.GET.get("rol") or ""
    active = request.GET.get("actief") or ""
    page = paginate(request, users_listed(search, role=role, active=active))
    return render(
        request,
        "regions/user_list.html",
        {
            "page": page,
            "users": page.object_list,
            "search": search,
            "role": role,
            "active": active,
            "roles": Role.choices,
            "querystring": querystring_without_page(request),
        },
    )


def _service_kwargs(form):
    data = form.cleaned_data
    return {
        "email": data["email"],
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "is_active": data["is_active"],
        "roles": data["roles"],
        "regions": list(data["regions"]),
        "municipality": data["municipality"],
    }


@require_http_methods(["GET", "POST"])
def user_create(request):
    _require_administrator(request)
    if request.method == "POST":
        form = UserForm(request.POST)
        if form.is_valid():
            try:
                user = user_services.user_create(
                    by=request.user,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password"],
                    **_service_kwargs(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Gebruiker %(name)s is aangemaakt.") % {"name": user.username}
                )
                return redirect("regions:user_edit", pk=user.pk)
    else:
        form = UserForm(initial={"is_active": True})
    return render(
        request,
        "regions/user_form.html",
        {"form": form, "subject": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def user_edit(request, pk: int):
    _require_administrator(request)
    subject = user_get(pk)
    if request.method == "POST":
        form = UserForm(request.POST, user=subject, initial={"username": subject.username})
        if form.is_valid():
            try:
                user_services.user_update(
                    by=request.user,
                    user=subject,
                    password=form.cleaned_data["password"] or None,
                    **_service_kwargs(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
                subject.refresh_from_db()
            else:
                messages.success(
                    request, _("Gebruiker %(name)s is opgeslagen.") % {"name": subject.username}
                )
                return redirect("regions:user_edit", pk=subject.pk)
    else:
        officer = getattr(subject, "officer_assignment", None)
        form = UserForm(
            user=subject,
            initial={
                "username": subject.username,
                "first_name": subject.first_name,
                "last_name": subject.last_name,
                "email": subject.email,
                "is_active": subject.is_active,
                "roles": list(subject.groups.values_list("name", flat=True)),
                "regions": list(
                    subject.manager_assignments.values_list("region__sto_number", flat=True)
                ),
                "municipality": officer.municipality.key if officer else None,
            },
        )
    return render(
        request,
        "regions/user_form.html",
        {
            "form": form,
            "subject": subject,
            "history": user_services.user_history(subject),
            "has_second_factor": accounts.has_second_factor(subject),
        },
        status=400 if form.errors else 200,
    )


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def user_invite(request):
    """Invite someone by e-mail: they set their own password through the link."""
    _require_administrator(request)
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = accounts.user_invite(
                    by=request.user,
                    username=data["username"],
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    roles=data["roles"],
                    regions=list(data["regions"]),
                    municipality=data["municipality"],
                    site_url=_site_url(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("De uitnodiging voor %(name)s is verstuurd naar %(email)s.")
                    % {"name": user.username, "email": user.email},
                )
                return redirect("regions:user_edit", pk=user.pk)
    else:
        form = InviteForm()
    return render(
        request,
        "regions/user_form.html",
        {"form": form, "subject": None, "invite": True},
        status=400 if form.errors else 200,
    )


@require_http_methods(["POST"])
def user_invitation_resend(request, pk: int):
    """Send a new invitation link (the earlier one stays valid until it expires)."""
    _require_administrator(request)
    subject = user_get(pk)
    try:
        accounts.invitation_send(by=request.user, user=subject, site_url=_site_url(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Een nieuwe uitnodiging is verstuurd naar %(email)s.") % {"email": subject.email},
        )
    return redirect("regions:user_edit", pk=subject.pk)


@require_http_methods(["POST"])
def user_second_factor_reset(request, pk: int):
    """Remove a user's app and recovery codes, e.g. after a lost phone."""
    _require_administrator(request)
    subject = user_get(pk)
    try:
        accounts.second_factor_reset(by=request.user, user=subject)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "De tweede stap van %(name)s is verwijderd; bij de volgende keer inloggen "
                "stelt %(name)s een nieuwe app in."
            )
            % {"name": subject.username},
        )
    return redirect("regions:user_edit", pk=subject.pk)
