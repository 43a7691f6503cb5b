"""User management by administrators: roles (groups), regions and municipality.

Region and municipality assignments keep their own history (django-simple-history, with the
acting user). The user record itself and its roles are written to Django's admin log
(``LogEntry``), the same record the Django admin keeps, so "who changed what, when" is visible
both on our user page and in ``/admin/``.

``by=None`` is the system acting without a person (only ``manage.py seed_demo`` does so): the
assignment histories then record no user and the given ``reason``, and no admin log entry is
written, because a ``LogEntry`` needs the user who acted.
"""

from collections.abc import Iterable

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sto.history import delete_recorded, save_validated

from .models import ManagerAssignment, OfficerAssignment, Organisation, OrganisationKind, Region
from .roles import Role

# The admin log stores these untranslated (the Dutch source text, as the Django admin stores
# verbose names); ``LogEntry.get_change_message()`` translates them for whoever reads the history.
_FIELD_LABELS = {
    "username": gettext_lazy("gebruikersnaam"),
    "first_name": gettext_lazy("voornaam"),
    "last_name": gettext_lazy("achternaam"),
    "email": gettext_lazy("e-mailadres"),
    "is_active": gettext_lazy("actief"),
    "roles": gettext_lazy("rollen"),
    "regions": gettext_lazy("regio's"),
    "municipality": gettext_lazy("gemeente"),
    "password": gettext_lazy("wachtwoord"),
    "invitation": gettext_lazy("uitnodiging"),
    "second_factor": gettext_lazy("tweede stap"),
}


def _check_assignments(
    *,
    by: User | None,
    user: User | None,
    roles: set[str],
    regions: list[Region],
    municipality: Organisation | None,
) -> None:
    errors: dict[str, str] = {}
    unknown = roles - {r.value for r in Role}
    if unknown:
        errors["roles"] = _("Onbekende rol: %(r)s.") % {"r": ", ".join(sorted(unknown))}
    if Role.PROGRAMME_MANAGER.value in roles and not regions:
        errors["regions"] = _("Kies de regio('s) van deze programmamanager.")
    if regions and Role.PROGRAMME_MANAGER.value not in roles:
        errors["regions"] = _("Alleen een programmamanager heeft regio's; kies ook die rol.")
    if Role.COORDINATOR.value in roles and Role.REVIEWER.value not in roles:
        errors["roles"] = _("Een coördinerend beoordelaar is ook beoordelaar; kies ook die rol.")
    if Role.MUNICIPAL_OFFICER.value in roles and municipality is None:
        errors["municipality"] = _("Kies de gemeente van deze gemeentelijk medewerker.")
    if municipality is not None:
        if municipality.kind != OrganisationKind.MUNICIPALITY:
            errors["municipality"] = _("Kies een gemeente.")
        elif Role.MUNICIPAL_OFFICER.value not in roles:
            errors["municipality"] = _(
                "Alleen een gemeentelijk medewerker heeft een gemeente; kies ook die rol."
            )
    if (
        user is not None
        and by is not None
        and user.pk == by.pk
        and Role.ADMINISTRATOR.value not in roles
        and not user.is_superuser
    ):
        errors["roles"] = _("U kunt uw eigen rol als beheerder niet intrekken.")
    if errors:
        raise ValidationError(errors)


def _check_password(password: str, user: User, *, by: User | None, demo_password: bool) -> None:
    """Django's password validators, except for the demo password of ``seed_demo``.

    The demo users share a well-known password (default ``demo``, docs/interfaces.md §4) that
    the validators rightly refuse. Only the system may set one (``by=None``); a form never can.
    """
    if demo_password:
        if by is not None:
            raise ValueError("a demo password is set by seed_demo only, never by a person")
        return
    validate_password(password, user)


def _sync(
    *,
    by: User | None,
    user: User,
    roles: set[str],
    regions: list[Region],
    municipality: Organisation | None,
    reason: str = "",
) -> list[str]:
    """Bring groups and assignments in line; returns the labels of what changed."""
    changed = []
    current_roles = set(user.groups.values_list("name", flat=True))
    if current_roles != roles:
        groups = [Group.objects.get_or_create(name=name)[0] for name in sorted(roles)]
        user.groups.set(groups)
        changed.append("roles")
    wanted = {r.pk for r in regions}
    existing = {a.region_id: a for a in ManagerAssignment.objects.filter(user=user)}
    if set(existing) != wanted:
        changed.append("regions")
    for region_id, assignment in existing.items():
        if region_id not in wanted:
            delete_recorded(assignment, by=by, reason=reason)
    for region in regions:
        if region.pk not in existing:
            save_validated(ManagerAssignment(user=user, region=region), by=by, reason=reason)
    officer = OfficerAssignment.objects.filter(user=user).first()
    if municipality is None and officer is not None:
        delete_recorded(officer, by=by, reason=reason)
        changed.append("municipality")
    elif municipality is not None and officer is None:
        save_validated(
            OfficerAssignment(user=user, municipality=municipality), by=by, reason=reason
        )
        changed.append("municipality")
    elif (
        municipality is not None
        and officer is not None
        and officer.municipality_id != municipality.pk
    ):
        officer.municipality = municipality
        save_validated(officer, by=by, reason=reason, update_fields=["municipality"])
        changed.append("municipality")
    # Administrators use the Django admin as well.
    should_be_staff = Role.ADMINISTRATOR.value in roles or user.is_superuser
    if user.is_staff != should_be_staff:
        user.is_staff = should_be_staff
        user.save(update_fields=["is_staff"])
    for attr in ("_sto_roles", "_sto_managed_region_ids"):
        if hasattr(user, attr):
            delattr(user, attr)
    return changed


def log_user_change(*, by: User | None, user: User, flag: int, fields: Iterable[str]) -> None:
    if by is None:
        return  # the system acted (seed_demo): LogEntry needs a user; see the module docstring
    message: list[dict]
    if flag == ADDITION:
        message = [{"added": {}}]
    else:
        with translation.override(None):  # the source text, whatever the administrator reads
            labels = [str(_FIELD_LABELS.get(f, f)) for f in fields]
        message = [{"changed": {"fields": labels}}]
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[user], action_flag=flag, change_message=message, single_object=True
    )


@transaction.atomic
def user_create(
    *,
    by: User | None,
    username: str,
    password: str | None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_active: bool = True,
    roles: Iterable[str] = (),
    regions: Iterable[Region] = (),
    municipality: Organisation | None = None,
    reason: str = "",
    demo_password: bool = False,
) -> User:
    """Create a user with roles, the regions they manage and the municipality they act for.

    A programme manager needs at least one region (``ManagerAssignment``), a municipal officer
    exactly one municipality (``OfficerAssignment``); assignments without the matching role are
    refused so that access never depends on a forgotten leftover. ``reason`` goes into the
    assignments' history; ``demo_password`` is for ``seed_demo`` only (see ``_check_password``).
    ``password=None`` leaves the account without a usable password: an invited user sets their
    own (``regions.accounts``).
    """
    roles, regions = set(roles), list(regions)
    _check_assignments(by=by, user=None, roles=roles, regions=regions, municipality=municipality)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_active=is_active,
    )
    errors = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if password is not None:
        try:
            _check_password(password, user, by=by, demo_password=demo_password)
        except ValidationError as exc:
            errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)  # None: an unusable password
    user.save()
    _sync(by=by, user=user, roles=roles, regions=regions, municipality=municipality, reason=reason)
    log_user_change(by=by, user=user, flag=ADDITION, fields=())
    return user


@transaction.atomic
def user_update(
    *,
    by: User | None,
    user: User,
    email: str,
    first_name: str,
    last_name: str,
    is_active: bool,
    roles: Iterable[str],
    regions: Iterable[Region],
    municipality: Organisation | None,
    password: str | None = None,
    reason: str = "",
    demo_password: bool = False,
) -> User:
    """Change a user's details, roles and assignments; a new password is optional.

    ``reason`` and ``demo_password`` as for ``user_create``.
    """
    roles, regions = set(roles), list(regions)
    _check_assignments(by=by, user=user, roles=roles, regions=regions, municipality=municipality)
    if by is not None and user.pk == by.pk and not is_active:
        raise ValidationError({"is_active": _("U kunt uw eigen account niet uitschakelen.")})
    changed = [
        name
        for name, value in (
            ("email", email),
            ("first_name", first_name),
            ("last_name", last_name),
            ("is_active", is_active),
        )
        if getattr(user, name) != value
    ]
    user.email, user.first_name, user.last_name, user.is_active = (
        email,
        first_name,
        last_name,
        is_active,
    )
    user.full_clean(exclude=["password"])
    if password:
        try:
            _check_password(password, user, by=by, demo_password=demo_password)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        user.set_password(password)
        changed.append("password")
    user.save()
    changed += _sync(
        by=by, user=user, roles=roles, regions=regions, municipality=municipality, reason=reason
    )
    if changed:
        log_user_change(by=by, user=user, flag=CHANGE, fields=changed)
    return user


def user_history(user: User, *, limit: int = 100) -> list[dict]:
    """Who changed this user when: admin log entries and the assignment histories, newest first.

    Three queries, whatever the number of entries.
    """
    from django.contrib.contenttypes.models import ContentType

    entries: list[dict] = []
    log = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        )
        .select_related("user")
        .order_by("-action_time")[:limit]
    )
    for entry in log:
        entries.append(
            {
                "when": entry.action_time,
                "who": entry.user,
                "type": _("aangemaakt") if entry.is_addition() else _("gewijzigd"),
                "reason": entry.get_change_message(),
                "changes": [],
            }
        )
    labels = {"+": _("toegevoegd"), "-": _("verwijderd"), "~": _("gewijzigd")}
    managers = ManagerAssignment.history.filter(user_id=user.pk).select_related(
        "history_user", "region"
    )[:limit]
    for record in managers:
        region = record.region
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": labels.get(record.history_type, record.history_type),
                "reason": _("programmamanager van %(r)s")
                % {"r": region if region else record.region_id},
                "changes": [],
            }
        )
    officers = OfficerAssignment.history.filter(user_id=user.pk).select_related(
        "history_user", "municipality"
    )[:limit]
    for record in officers:
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": labels.get(record.history_type, record.history_type),
                "reason": _("gemeentelijk medewerker van %(m)s") % {"m": record.municipality},
                "changes": [],
            }
        )
    entries.sort(key=lambda e: e["when"], reverse=True)  # datetimes
    return entries[:limit]
