"""Who signs a region's convenant, and which signatures are still owed.

The samenwerkingsovereenkomst is signed by every partner (seeds 004 Bijlage B.3), before its
signing deadline (seeds 000: before 1 October 2024, or the region cannot apply). Two facts follow,
each defined here once:

- **the parties** of a convenant: every organisation that is a partner of the region at some
  moment of the convenant's term, and anyone who signed it;
- **signatures owed on a day**: while the convenant's period is not over, every current partner
  that has not signed by that day owes its signature. Once the period is over the convenant is not
  checked any more: a company that joins in 2026 owes nothing to the 2020-2023 convenant.

The rule ``convenant_unsigned``, its reminder mails, the region overview and the convenant pages
all call these functions.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Convenant, Membership, Organisation, Period, Region, Signature


def convenant_parties(convenant: Convenant) -> QuerySet[Organisation]:
    """Partners during the convenant's term, plus anyone who signed it."""
    members = (
        Membership.objects.filter(region_id=convenant.region_id)
        .during(convenant.starts, convenant.ends)
        .values("organisation_id")
    )
    return Organisation.objects.filter(
        Q(pk__in=members) | Q(signatures__convenant=convenant)
    ).distinct()


def signing_is_checked(convenant: Convenant, period: Period, day: datetime.date) -> bool:
    """Signatures of ``convenant`` are owed on ``day``: it has a signing deadline and its period
    is not over."""
    return convenant.signing_deadline is not None and not period.is_over_on(day)


def missing_signers(
    members: Iterable[Organisation], signed_organisation_ids: set[int]
) -> list[Organisation]:
    """The current partners among ``members`` that have not signed, by name."""
    return sorted(
        (org for org in members if org.pk not in signed_organisation_ids),
        key=lambda org: (org.name, org.key),
    )


@dataclass(frozen=True)
class SigningStatus:
    """One convenant of a region on a day: its current partners and who of them signed."""

    convenant: Convenant
    members: int
    missing: list[Organisation]
    checked: bool  # signatures are owed (``signing_is_checked``)
    today: datetime.date

    @property
    def signed(self) -> int:
        return self.members - len(self.missing)

    @property
    def overdue(self) -> bool:
        """Signatures are owed and the deadline has passed (the rule ``convenant_unsigned``)."""
        deadline = self.convenant.signing_deadline
        return (
            self.checked and bool(self.missing) and deadline is not None and deadline < self.today
        )


def convenant_signing_status(region: Region, today: datetime.date) -> list[SigningStatus]:
    """Per convenant of ``region``: its current partners on ``today`` and who of them signed by
    then. Three queries, whatever the number of partners."""
    convenants = list(
        Convenant.objects.filter(region=region)
        .select_related("period")
        .order_by("period__start_year")
    )
    members = list(
        {
            m.organisation_id: m.organisation
            for m in Membership.objects.current_on(today)
            .filter(region=region)
            .select_related("organisation")
        }.values()
    )
    signed: dict[int, set[int]] = {}
    for convenant_id, organisation_id in Signature.objects.filter(
        convenant__region=region, signed_on__isnull=False, signed_on__lte=today
    ).values_list("convenant_id", "organisation_id"):
        signed.setdefault(convenant_id, set()).add(organisation_id)
    return [
        SigningStatus(
            convenant=convenant,
            members=len(members),
            missing=missing_signers(members, signed.get(convenant.pk, set())),
            checked=signing_is_checked(convenant, convenant.period, today),
            today=today,
        )
        for convenant in convenants
    ]


@dataclass(frozen=True)
class PartySignature:
    organisation: Organisation
    signature: Signature | None
    current: bool  # a partner on the day shown
    overdue: bool  # its signature is owed and the deadline has passed (``convenant_unsigned``)

    @property
    def signed(self) -> bool:
        return self.signature is not None and self.signature.signed_on is not None


def party_signatures(convenant: Convenant, today: datetime.date) -> list[PartySignature]:
    """Every party of the convenant by name, with its signature and whether it is a partner on
    ``today``. Three queries."""
    signatures = {s.organisation_id: s for s in Signature.objects.filter(convenant=convenant)}
    current = set(
        Membership.objects.current_on(today)
        .filter(region_id=convenant.region_id)
        .values_list("organisation_id", flat=True)
    )
    deadline = convenant.signing_deadline
    late = (
        signing_is_checked(convenant, convenant.period, today)
        and deadline is not None
        and (deadline < today)
    )
    rows = []
    for org in convenant_parties(convenant).order_by("name"):
        signature = signatures.get(org.pk)
        signed = signature is not None and signature.signed_on is not None
        is_current = org.pk in current
        rows.append(PartySignature(org, signature, is_current, late and is_current and not signed))
    return rows
