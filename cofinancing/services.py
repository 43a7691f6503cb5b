"""Writes for money lines: company co-financing and municipal contributions.

Every service takes the acting user (``by``) so the history records who changed what, runs in
one transaction, validates before saving and raises ``ValidationError`` (keyed by the service's
own argument names, so a view can put each message next to its form field).
"""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import Membership, Organisation, OrganisationKind, Region
from sto.formatting import format_date, format_euro
from sto.history import last_change_id, save_validated
from sto.money import ZERO

from .models import (
    CofinancingCommitment,
    CofinancingForm,
    ContributionStatus,
    MunicipalContribution,
)
from .selectors import municipal_members_of
from .splitting import SplitError, indexed_totals, split_by_inhabitants

# --- company co-financing ----------------------------------------------------------------------


def _check_not_negative(errors: dict, **amounts: Decimal | None) -> None:
    for name, amount in amounts.items():
        if amount is not None and amount < 0:
            errors[name] = _("Een bedrag kan niet negatief zijn.")


@transaction.atomic
def cofinancing_commitment_create(
    *,
    by: User,
    region: Region,
    organisation: Organisation,
    year: int,
    form: str,
    committed: Decimal,
    realised: Decimal | None = None,
) -> CofinancingCommitment:
    """Record co-financing a company commits to ``region`` for ``year`` in ``form``.

    Companies provide co-financing, mostly in kind (condition h, seeds 004 §2; seeds 003); the
    company must be, or have been, a member of the region. There is one line per company, year
    and form: a second one is refused with a message rather than silently added up.
    """
    errors: dict = {}
    _check_not_negative(errors, committed=committed, realised=realised)
    if organisation.kind != OrganisationKind.COMPANY:
        errors["organisation"] = _("Cofinanciering komt van een bedrijf.")
    elif not Membership.objects.filter(region=region, organisation=organisation).exists():
        errors["organisation"] = _("%(name)s is geen lid van regio %(region)s.") % {
            "name": organisation.name,
            "region": region.sto_number,
        }
    if errors:
        raise ValidationError(errors)
    if CofinancingCommitment.objects.filter(
        region=region, organisation=organisation, year=year, form=form
    ).exists():
        label = dict(CofinancingForm.choices).get(form, form)
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Er is al cofinanciering van %(name)s voor %(year)s in de vorm "
                    "'%(form)s'. Wijzig die regel in plaats van een nieuwe toe te voegen."
                )
                % {"name": organisation.name, "year": year, "form": label}
            }
        )
    commitment = CofinancingCommitment(
        region=region,
        organisation=organisation,
        year=year,
        form=form,
        committed=committed,
        realised=realised,
    )
    return save_validated(commitment, by=by)


@transaction.atomic
def cofinancing_commitment_update(
    *,
    by: User,
    commitment: CofinancingCommitment,
    committed: Decimal,
    realised: Decimal | None,
    seen_change: int | None = None,
) -> CofinancingCommitment:
    """Change the committed and realised amounts of a co-financing line.

    ``seen_change`` is the last change (history id, ``last_change_id``) the form showed. If the
    line changed since, the change is refused rather than silently overwriting a colleague's
    amounts; the same amounts sent twice (a double click, Back and submit again) save nothing.
    """
    current = CofinancingCommitment.objects.select_for_update().get(pk=commitment.pk)
    if seen_change is not None and seen_change != last_change_id(current):
        if (current.committed, current.realised) == (committed, realised):
            return current
        latest = current.history.select_related("history_user").latest()
        who = latest.history_user.username if latest.history_user else "?"
        raise ValidationError(
            _(
                "%(who)s heeft deze cofinanciering intussen gewijzigd, op %(date)s. Bekijk de "
                "bedragen hierboven en sla opnieuw op als uw wijziging nog nodig is."
            )
            % {"who": who, "date": format_date(timezone.localtime(latest.history_date).date())},
            code="stale",
        )
    commitment = current
    errors: dict = {}
    _check_not_negative(errors, committed=committed, realised=realised)
    if errors:
        raise ValidationError(errors)
    commitment.committed = committed
    commitment.realised = realised
    return save_validated(commitment, by=by, update_fields=["committed", "realised"])


# --- municipal contributions: requests ---------------------------------------------------------


def _decided_message(contribution: MunicipalContribution) -> str:
    return _(
        "Over de bijdrage van %(name)s voor %(year)s is al besloten (%(status)s); die kan niet "
        "meer worden gewijzigd."
    ) % {
        "name": contribution.municipality.name,
        "year": contribution.year,
        "status": contribution.get_status_display(),
    }


def _apply_request(
    contribution: MunicipalContribution, *, by: User, requested: Decimal, purpose: str | None
) -> MunicipalContribution:
    """Save a new request or change an undecided one; raising ``version`` so that an officer
    who opened the decision form before the change gets a conflict instead of deciding on an
    amount that is no longer asked."""
    if contribution.pk is None:
        contribution.requested = requested
        if purpose is not None:
            contribution.purpose = purpose
        return save_validated(contribution, by=by)
    changed = contribution.requested != requested or (
        purpose is not None and purpose != contribution.purpose
    )
    if not changed:
        return contribution
    contribution.requested = requested
    if purpose is not None:
        contribution.purpose = purpose
    contribution.version += 1
    return save_validated(contribution, by=by, update_fields=["requested", "purpose", "version"])


@transaction.atomic
def contribution_request(
    *,
    by: User,
    region: Region,
    municipality: Organisation,
    year: int,
    requested: Decimal,
    purpose: str | None = None,
) -> MunicipalContribution:
    """Ask ``municipality`` for a contribution to ``region`` in ``year`` (seeds 000).

    A request that is still undecided is updated (``purpose=None`` keeps its text); one the
    municipality already decided on cannot be changed any more (the decision was about the
    amount then asked).
    """
    errors: dict = {}
    _check_not_negative(errors, requested=requested)
    if municipality.kind != OrganisationKind.MUNICIPALITY:
        errors["municipality"] = _("Een bijdrage komt van een gemeente.")
    elif not Membership.objects.filter(region=region, organisation=municipality).exists():
        errors["municipality"] = _("%(name)s is geen lid van regio %(region)s.") % {
            "name": municipality.name,
            "region": region.sto_number,
        }
    if errors:
        raise ValidationError(errors)
    contribution = (
        MunicipalContribution.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .filter(region=region, municipality=municipality, year=year)
        .first()
    )
    if contribution is None:
        contribution = MunicipalContribution(region=region, municipality=municipality, year=year)
    elif contribution.status != ContributionStatus.REQUESTED:
        raise ValidationError({"year": _decided_message(contribution)})
    return _apply_request(contribution, by=by, requested=requested, purpose=purpose)


@dataclass(frozen=True)
class SplitPart:
    municipality: Organisation
    year: int
    amount: Decimal
    existing: MunicipalContribution | None

    @property
    def decided(self) -> bool:
        return self.existing is not None and self.existing.status != ContributionStatus.REQUESTED


@dataclass(frozen=True)
class SplitPlan:
    """The preview of a split: per year the total and its parts per municipality."""

    region: Region
    municipalities: list[Organisation]
    totals: dict[int, Decimal]
    parts: list[SplitPart]

    @property
    def years(self) -> list[int]:
        return sorted(self.totals)

    def rows(self) -> list[dict]:
        """One row per municipality with its amounts in year order (for the preview table)."""
        by_key = {(p.municipality.pk, p.year): p for p in self.parts}
        return [
            {
                "municipality": m,
                "parts": [by_key[(m.pk, year)] for year in self.years],
                "total": sum((by_key[(m.pk, year)].amount for year in self.years), ZERO),
            }
            for m in self.municipalities
        ]

    @property
    def grand_total(self) -> Decimal:
        return sum(self.totals.values(), ZERO)

    @property
    def decided_parts(self) -> list[SplitPart]:
        return [p for p in self.parts if p.decided]

    @property
    def digest(self) -> str:
        """A fingerprint of the amounts: confirming checks the plan is still what was shown."""
        text = ";".join(
            f"{p.municipality.key}:{p.year}:{p.amount}"
            for p in sorted(self.parts, key=lambda p: (p.year, p.municipality.key))
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def contribution_split_plan(
    *,
    region: Region,
    total: Decimal,
    first_year: int,
    last_year: int,
    indexation_pct: Decimal | None = None,
    on: datetime.date | None = None,
) -> SplitPlan:
    """Split a regional yearly ``total`` over the region's current municipalities by inhabitants.

    Amstelland asked € 45.000 a year of its five municipalities in proportion to their
    inhabitants, with an optional yearly indexation (seeds 000). Each year's total is indexed
    and rounded to whole euros first, then split so the parts add up exactly (largest
    remainder, see ``cofinancing.splitting``). Reads only; ``contributions_request_split``
    writes. Raises ``ValidationError`` when the split cannot be made.
    """
    on = on or timezone.localdate()
    municipalities = list(municipal_members_of(region, on=on))
    if not municipalities:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("Regio %(region)s heeft op dit moment geen gemeenten als lid.")
                % {"region": region.sto_number}
            }
        )
    missing = [m for m in municipalities if not m.inhabitants]
    if missing:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Het aantal inwoners is onbekend of 0 voor: %(names)s. Vul dat eerst in bij "
                    "de organisatie; zonder inwonersaantal kan het bedrag niet worden verdeeld."
                )
                % {"names": ", ".join(f"{m.name} ({m.key})" for m in missing)}
            }
        )
    try:
        totals = indexed_totals(total, first_year, last_year, indexation_pct)
        splits = {
            year: split_by_inhabitants(amount, {m.key: m.inhabitants for m in municipalities})
            for year, amount in totals.items()
        }
    except SplitError as exc:
        raise ValidationError({NON_FIELD_ERRORS: str(exc)}) from exc
    existing = {
        (c.municipality_id, c.year): c
        for c in MunicipalContribution.objects.filter(
            region=region,
            municipality__in=municipalities,
            year__gte=first_year,
            year__lte=last_year,
        )
    }
    parts = [
        SplitPart(
            municipality=m,
            year=year,
            amount=splits[year][m.key],
            existing=existing.get((m.pk, year)),
        )
        for year in sorted(totals)
        for m in municipalities
    ]
    return SplitPlan(region=region, municipalities=municipalities, totals=totals, parts=parts)


@transaction.atomic
def contributions_request_split(
    *,
    by: User,
    region: Region,
    total: Decimal,
    first_year: int,
    last_year: int,
    indexation_pct: Decimal | None = None,
    purpose: str = "",
    expected_digest: str | None = None,
    on: datetime.date | None = None,
) -> list[MunicipalContribution]:
    """Request the parts of a split (``contribution_split_plan``) from every municipality.

    New requests are created and undecided ones updated. If any municipality already decided
    on its contribution for one of the years, nothing is saved: the split would no longer add
    up to the regional total. With ``expected_digest`` (from the preview) the plan must still
    be the one the user saw, e.g. no inhabitant numbers changed in between.
    """
    plan = contribution_split_plan(
        region=region,
        total=total,
        first_year=first_year,
        last_year=last_year,
        indexation_pct=indexation_pct,
        on=on,
    )
    if expected_digest is not None and expected_digest != plan.digest:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "De verdeling is veranderd sinds de voorvertoning (bijvoorbeeld door gewijzigde "
                    "inwonersaantallen). Bekijk de nieuwe verdeling en bevestig opnieuw."
                )
            }
        )
    if plan.decided_parts:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _decided_message(p.existing) for p in plan.decided_parts if p.existing
                ]
            }
        )
    saved = []
    for part in plan.parts:
        contribution = part.existing or MunicipalContribution(
            region=region, municipality=part.municipality, year=part.year
        )
        saved.append(
            _apply_request(contribution, by=by, requested=part.amount, purpose=purpose or None)
        )
    return saved


# --- municipal contributions: decisions --------------------------------------------------------


class DecisionConflict(ValidationError):
    """Somebody else changed the contribution since the form was opened."""


DECISIONS = (
    ContributionStatus.APPROVED,
    ContributionStatus.PARTLY_APPROVED,
    ContributionStatus.REJECTED,
)


def _conflict_message(current: MunicipalContribution) -> str:
    if current.status == ContributionStatus.REQUESTED:
        return _(
            "De bijdrage is intussen gewijzigd (nu gevraagd: %(requested)s). Bekijk de bijdrage "
            "en probeer opnieuw."
        ) % {"requested": format_euro(current.requested)}
    last = current.history.select_related("history_user").order_by("-history_date").first()
    who = ""
    if last is not None and last.history_user is not None:
        who = last.history_user.get_full_name() or last.history_user.get_username()
    details = current.get_status_display()
    if current.approved is not None and current.status != ContributionStatus.REJECTED:
        details += f" {format_euro(current.approved)}"
    if current.decided_on:
        details += " " + _("op %(date)s") % {"date": format_date(current.decided_on)}
    if who:
        details += " " + _("door %(who)s") % {"who": who}
    return _(
        "Een collega heeft intussen over deze bijdrage besloten: %(details)s. Bekijk het besluit "
        "en probeer opnieuw."
    ) % {"details": details}


def _is_repeat(
    current: MunicipalContribution,
    decision: str,
    approved: Decimal | None,
    reason: str,
    decided_on: datetime.date | None,
) -> bool:
    """Whether ``current`` already holds exactly this decision (a double click, or the same form
    sent again after Back): then the second submit changes nothing and is no conflict."""
    if decision == ContributionStatus.APPROVED and approved is None:
        approved = current.requested
    if decision == ContributionStatus.REJECTED:
        approved = None
    return (
        current.status == decision
        and current.approved == approved
        and current.decision_reason == reason
        and current.decided_on == decided_on
    )


@transaction.atomic
def contribution_decide(
    *,
    by: User,
    contribution: MunicipalContribution,
    decision: str,
    approved: Decimal | None,
    reason: str,
    decided_on: datetime.date,
    expected_version: int,
) -> MunicipalContribution:
    """Record the municipality's decision (B&W-besluit, seeds 000) on a requested contribution.

    ``decision`` is ``approved`` (the full requested amount), ``partly_approved`` (``approved``
    more than 0 and less than requested) or ``rejected``. A reason is required unless the
    contribution is approved in full; the decision date cannot lie in the future.

    Optimistic locking: ``expected_version`` is the version the officer saw when opening the
    form. If it changed since (a colleague decided, or the request was changed), a
    ``DecisionConflict`` is raised and nothing is saved, unless the contribution already holds
    exactly this decision (the same form sent twice): then it is returned unchanged. The check is a conditional
    ``UPDATE … WHERE version = expected_version``, which is atomic on every database; the row is
    also locked (``SELECT … FOR UPDATE``) where the database supports it. The decision itself is
    then saved through the model so that the history records who decided what.
    """
    current = (
        MunicipalContribution.objects.select_for_update(of=("self",))
        .select_related("region", "municipality")
        .get(pk=contribution.pk)
    )
    reason = (reason or "").strip()
    if current.version != expected_version:
        if _is_repeat(current, decision, approved, reason, decided_on):
            return current  # the same form sent twice: the decision stands, nothing is saved again
        raise DecisionConflict(_conflict_message(current))

    errors: dict = {}
    if decision not in DECISIONS:
        errors["decision"] = _("Kies goedkeuren, deels goedkeuren of afwijzen.")
    if decided_on is None:
        errors["decided_on"] = _("Vul de besluitdatum in.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("De besluitdatum kan niet in de toekomst liggen.")
    if decision == ContributionStatus.APPROVED:
        if approved is not None and approved != current.requested:
            errors["approved"] = _(
                "Bij volledige goedkeuring is het toegekende bedrag het gevraagde bedrag "
                "(%(requested)s). Kies 'deels goedkeuren' voor een ander bedrag."
            ) % {"requested": format_euro(current.requested)}
        approved = current.requested
    elif decision == ContributionStatus.PARTLY_APPROVED:
        if approved is None:
            errors["approved"] = _("Vul het toegekende bedrag in.")
        elif approved <= 0:
            errors["approved"] = _(
                "Het toegekende bedrag moet hoger zijn dan € 0; kies anders 'afwijzen'."
            )
        elif approved > current.requested:
            errors["approved"] = _(
                "Het toegekende bedrag is hoger dan het gevraagde bedrag (%(requested)s)."
            ) % {"requested": format_euro(current.requested)}
        elif approved == current.requested:
            errors["approved"] = _(
                "Het toegekende bedrag is gelijk aan het gevraagde; kies dan 'goedkeuren'."
            )
    elif decision == ContributionStatus.REJECTED:
        approved = None
    if decision in (ContributionStatus.PARTLY_APPROVED, ContributionStatus.REJECTED) and not reason:
        errors["reason"] = _("Geef een motivering bij gedeeltelijke goedkeuring of afwijzing.")
    if errors:
        raise ValidationError(errors)

    claimed = MunicipalContribution.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:  # pragma: no cover - only when another transaction slipped in between
        current.refresh_from_db()
        raise DecisionConflict(_conflict_message(current))

    current.status = decision
    current.approved = approved
    current.decision_reason = reason
    current.decided_on = decided_on
    current.version = expected_version + 1
    return save_validated(
        current,
        by=by,
        reason=_("besluit: %(status)s") % {"status": current.get_status_display()},
        update_fields=["status", "approved", "decision_reason", "decided_on", "version"],
    )
