"""Reads that depend on who is asking. Views and exports go through these, never ``.get(pk=…)``.

"Not yours" and "does not exist" give the same answer (``Http404``). Who may read what is decided
by the predicates of ``regions.permissions``; these functions turn them into querysets.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from axes.models import AccessLog
from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from .convenants import convenant_parties
from .identifiers import normalise_key
from .models import (
    AnnualReport,
    Convenant,
    ManagerAssignment,
    Membership,
    Organisation,
    OrganisationKind,
    Region,
    Signature,
    StudentCount,
)
from .permissions import managed_region_ids, municipality_of, reads_every_region
from .roles import Role, has_role

if TYPE_CHECKING:
    from .permissions import Person


def regions_visible_to(user: Person) -> QuerySet[Region]:
    """Regions ``user`` may read: all for reviewers and administrators, their own otherwise.

    A programme manager reads the regions they run; a municipal officer the regions their
    municipality is or was a member of. (A contribution is only ever asked of a member, so these
    are also the regions that asked the municipality for money.)
    """
    regions = Region.objects.all()
    if not getattr(user, "is_authenticated", False):
        return regions.none()
    if reads_every_region(user):
        return regions
    condition = Q(pk__in=managed_region_ids(user))
    municipality = municipality_of(user)
    if municipality is not None:
        condition |= Q(
            pk__in=Membership.objects.filter(organisation=municipality).values("region_id")
        )
    return regions.filter(condition)


def regions_managed_by(user: Person) -> QuerySet[Region]:
    """Regions whose data ``user`` may change as programme manager (administrators: all)."""
    if has_role(user, Role.ADMINISTRATOR):
        return Region.objects.all()
    return Region.objects.filter(pk__in=managed_region_ids(user))


def region_get_for_user(user: Person, sto_number: str) -> Region:
    """The region with ``sto_number`` if ``user`` may read it, else ``Http404``."""
    region = regions_visible_to(user).select_related("lead").filter(sto_number=sto_number).first()
    if region is None:
        raise Http404("Regio niet gevonden.")
    return region


# --- within a region the user may read (the caller got it from ``region_get_for_user``) ---------


def partner_memberships(
    region: Region,
    *,
    day: datetime.date | None = None,
    status: str = "all",
    kind: str = "",
    search: str = "",
) -> QuerySet[Membership]:
    """The region's memberships with their organisations: ``status`` "current" (members on
    ``day``), "former" (not members on ``day``) or "all"; ``kind`` an organisation kind or "";
    ``search`` a part of the name, the key (BRIN, KvK, CBS code) or the place."""
    memberships = Membership.objects.filter(region=region).select_related("organisation")
    if status == "current" and day is not None:
        memberships = memberships.current_on(day)
    elif status == "former" and day is not None:
        memberships = memberships.exclude(pk__in=Membership.objects.current_on(day).values("pk"))
    if kind:
        memberships = memberships.filter(organisation__kind=kind)
    search = search.strip()
    if search:
        memberships = memberships.filter(
            Q(organisation__name__icontains=search)
            | Q(organisation__key__icontains=search.replace(" ", ""))
            | Q(organisation__city__icontains=search)
        )
    return memberships.order_by("organisation__kind", "organisation__name", "start")


def membership_get(region: Region, pk: int) -> Membership:
    membership = partner_memberships(region).filter(pk=pk).first()
    if membership is None:
        raise Http404("Lidmaatschap niet gevonden.")
    return membership


def organisation_memberships(region: Region, key: str) -> list[Membership]:
    """The memberships of the organisation with ``key`` in ``region``, oldest first; ``Http404``
    when it never was a partner of the region."""
    memberships = list(
        Membership.objects.filter(region=region, organisation__key=key)
        .select_related("organisation")
        .order_by("start")
    )
    if not memberships:
        raise Http404("Deze organisatie is geen partner van deze regio.")
    return memberships


def organisations_matching(search: str, *, limit: int = 20) -> list[Organisation]:
    """Organisations whose key is ``search`` or whose name contains it (to add as a partner)."""
    search = search.strip()
    if not search:
        return []
    return list(
        Organisation.objects.filter(
            Q(key__iexact=normalise_key("", search)) | Q(name__icontains=search)
        ).order_by("name")[:limit]
    )


# --- student counts -----------------------------------------------------------------------------


def vmbo_locations(region: Region, day: datetime.date) -> QuerySet[Organisation]:
    """The region's vmbo locations that are members on ``day``."""
    return Organisation.objects.filter(
        kind=OrganisationKind.VMBO,
        pk__in=Membership.objects.filter(region=region).current_on(day).values("organisation_id"),
    ).order_by("name")


def student_count_dates(locations: QuerySet[Organisation]) -> list[datetime.date]:
    """The reference dates with counts of ``locations``, latest first."""
    return list(
        StudentCount.objects.filter(organisation__in=locations)
        .order_by("-reference_date")
        .values_list("reference_date", flat=True)
        .distinct()
    )


def student_counts_on(
    locations: QuerySet[Organisation], reference_date: datetime.date | None
) -> QuerySet[StudentCount]:
    return (
        StudentCount.objects.filter(organisation__in=locations, reference_date=reference_date)
        .select_related("organisation")
        .order_by("organisation__name", "profile", "learning_path")
    )


def student_count_get(region: Region, pk: int) -> StudentCount:
    """A count of a location that is or was a member of ``region``."""
    count = (
        StudentCount.objects.select_related("organisation")
        .filter(
            pk=pk,
            organisation_id__in=Membership.objects.filter(region=region).values("organisation_id"),
        )
        .first()
    )
    if count is None:
        raise Http404("Leerlingaantal niet gevonden.")
    return count


# --- convenants and annual reports -------------------------------------------------------------


def convenant_get(region: Region, pk: int) -> Convenant:
    convenant = Convenant.objects.select_related("period").filter(region=region, pk=pk).first()
    if convenant is None:
        raise Http404("Convenant niet gevonden.")
    return convenant


def convenant_party_get(convenant: Convenant, key: str) -> Organisation:
    """A party of the convenant (``convenant_parties``) by its key, else ``Http404``."""
    organisation = convenant_parties(convenant).filter(key=key).first()
    if organisation is None:
        raise Http404("Deze organisatie is geen partner van deze regio.")
    return organisation


def signature_of(convenant: Convenant, organisation: Organisation) -> Signature | None:
    return Signature.objects.filter(convenant=convenant, organisation=organisation).first()


def annual_report_of(region: Region, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(region=region, year=year).first()


# --- users (administrators only: the caller checked ``can_manage_users``) ---------------------


def users_listed(search: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    """Users with their roles, regions and municipality, by username; ``search`` matches the
    username, names and e-mail address, ``role`` a role's name ("superuser" for Django's
    superusers), ``active`` "ja" or "nee" (accounts that are switched off or not yet accepted)."""
    users = User.objects.select_related("officer_assignment__municipality").prefetch_related(
        "groups",
        Prefetch(
            "manager_assignments",
            queryset=ManagerAssignment.objects.select_related("region").order_by(
                "region__sto_number"
            ),
        ),
    )
    if search:
        users = users.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
        )
    if role in {r.value for r in Role}:
        users = users.filter(groups__name=role)
    if active in ("ja", "nee"):
        users = users.filter(is_active=active == "ja")
    return users.order_by("username")


def account_summary(user: User) -> User:
    """The logged-in user with the regions they manage and the municipality they act for."""
    return (
        User.objects.select_related("officer_assignment__municipality")
        .prefetch_related(
            Prefetch(
                "manager_assignments",
                queryset=ManagerAssignment.objects.select_related("region").order_by(
                    "region__sto_number"
                ),
            )
        )
        .get(pk=user.pk)
    )


def recent_logins(user: User, limit: int = 10) -> list:
    """The user's own latest successful logins (django-axes' access log), newest first."""
    return list(
        AccessLog.objects.filter(username=user.get_username()).order_by("-attempt_time")[:limit]
    )


def user_get(pk: int) -> User:
    user = User.objects.select_related("officer_assignment__municipality").filter(pk=pk).first()
    if user is None:
        raise Http404("Gebruiker niet gevonden.")
    return user
