"""Writes for organisations, regions and memberships. Every service records the acting user."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sto.formatting import format_date
from sto.history import save_validated

from .models import (
    AnnualReport,
    Convenant,
    Membership,
    Organisation,
    Region,
    Signature,
    StudentCount,
)


@transaction.atomic
def organisation_create(
    *,
    by: User,
    key: str,
    kind: str,
    name: str,
    city: str = "",
    technical_profiles: str = "",
    inhabitants: int | None = None,
) -> Organisation:
    """Register an organisation; the key is validated for its kind (BRIN, KvK or CBS code)."""
    organisation = Organisation(
        key=key,
        kind=kind,
        name=name,
        city=city,
        technical_profiles=technical_profiles,
        inhabitants=inhabitants,
    )
    return save_validated(organisation, by=by)


@transaction.atomic
def organisation_update(*, by: User, organisation: Organisation, **fields: object) -> Organisation:
    """Change the given fields of an organisation (the key and kind stay as they are)."""
    allowed = {"name", "city", "technical_profiles", "inhabitants"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"organisation_update cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    return save_validated(organisation, by=by, update_fields=fields.keys())


@transaction.atomic
def membership_create(
    *,
    by: User,
    region: Region,
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date | None = None,
) -> Membership:
    """Let an organisation join a region from ``start``.

    A vmbo location belongs to at most one region at a time (condition f, seeds 004 §2): an
    overlapping membership of another region is refused.
    """
    membership = Membership(region=region, organisation=organisation, start=start, end=end)
    membership.full_clean()
    if organisation.kind == "vmbo":
        overlapping = (
            Membership.objects.filter(organisation=organisation)
            .exclude(region=region)
            .during(start, end)
            .select_related("region")
            .first()
        )
        if overlapping:
            raise ValidationError(
                {"organisation": vmbo_in_two_regions(organisation.name, overlapping.region)}
            )
    return save_validated(membership, by=by)


def vmbo_in_two_regions(name: str, other_region: Region | str) -> str:
    """Why a vmbo location cannot join a region while it is a member of ``other_region`` (the
    web and the workbook import say it alike)."""
    sto_number = other_region.sto_number if isinstance(other_region, Region) else other_region
    return _(
        "%(org)s is in deze periode al lid van regio %(region)s; een vmbo-vestiging "
        "hoort bij ten hoogste één regio."
    ) % {"org": name, "region": sto_number}


@transaction.atomic
def membership_end(*, by: User, membership: Membership, end: datetime.date) -> Membership:
    """Record that a member leaves the region on ``end`` (inclusive)."""
    membership.end = end
    return save_validated(membership, by=by, update_fields=["end"])


# --- Partners, student counts, convenant signatures and annual reports (web side) ---------------


@transaction.atomic
def partner_join(
    *,
    by: User,
    region: Region,
    start: datetime.date,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
    end: datetime.date | None = None,
) -> Membership:
    """Add a partner to ``region``: an existing organisation, or a new one registered on the way.

    An organisation that is already a member of the region over part of the same time is refused
    (one membership at a time per region); a vmbo location in another region is refused by
    ``membership_create`` (condition f, seeds 004 §2).
    """
    if (organisation is None) == (new_organisation is None):
        raise TypeError("partner_join needs either organisation or new_organisation")
    if organisation is None:
        organisation = organisation_create(by=by, **(new_organisation or {}))
    else:
        overlapping = (
            Membership.objects.filter(region=region, organisation=organisation)
            .during(start, end)
            .exists()
        )
        if overlapping:
            raise ValidationError(
                {
                    "start": _("%(org)s is in deze periode al lid van deze regio.")
                    % {"org": organisation.name}
                }
            )
    return membership_create(by=by, region=region, organisation=organisation, start=start, end=end)


def _not_in_future(day: datetime.date | None, field: str, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: message})


@transaction.atomic
def student_count_set(
    *,
    by: User,
    organisation: Organisation,
    reference_date: datetime.date,
    profile: str,
    learning_path: str,
    students: int,
) -> StudentCount:
    """Record the number of students of a vmbo location on a reference date (1 October, the
    *peildatum*; docs/domain.md "Students and profiles"), per profile and learning path.

    An existing count for the same location, date, profile and path is updated, so entering a
    count twice corrects it instead of duplicating it.
    """
    if organisation.kind != "vmbo":
        raise ValidationError(
            {"organisation": _("Leerlingaantallen worden per vmbo-vestiging vastgelegd.")}
        )
    if reference_date and (reference_date.month, reference_date.day) != (10, 1):
        raise ValidationError(
            {"reference_date": _("De peildatum is 1 oktober van een schooljaar.")}
        )
    _not_in_future(reference_date, "reference_date", _("De peildatum ligt in de toekomst."))
    count = (
        StudentCount.objects.select_for_update()
        .filter(
            organisation=organisation,
            reference_date=reference_date,
            profile=profile,
            learning_path=learning_path,
        )
        .first()
    )
    if count is None:
        count = StudentCount(
            organisation=organisation,
            reference_date=reference_date,
            profile=profile,
            learning_path=learning_path,
            students=students,
        )
        return save_validated(count, by=by)
    count.students = students
    return save_validated(count, by=by, update_fields=["students"])


@transaction.atomic
def student_count_update(
    *, by: User, region: Region, count: StudentCount, students: int
) -> StudentCount:
    """Correct the number of students of an existing count, through ``region``.

    Only the region the location was a member of on the count's reference date corrects it
    (``StudentCount.belongs_to``): after a location moves, its old region cannot change the new
    region's figures.
    """
    if not count.belongs_to(region):
        raise ValidationError(
            {
                "students": _(
                    "Op de peildatum %(date)s hoorde %(org)s niet bij regio %(region)s; alleen "
                    "die regio corrigeert dit aantal."
                )
                % {
                    "date": format_date(count.reference_date),
                    "org": count.organisation.name,
                    "region": region.sto_number,
                }
            }
        )
    count.students = students
    return save_validated(count, by=by, update_fields=["students"])


@transaction.atomic
def signature_record(
    *,
    by: User,
    convenant: Convenant,
    organisation: Organisation,
    signed_on: datetime.date | None,
    signatory: str = "",
    function: str = "",
) -> Signature:
    """Record a partner's signature under the region's convenant.

    The samenwerkingsovereenkomst is signed by every partner through an authorised signatory
    (seeds 004 Bijlage B.3; the signing deadline of seeds 000), so a signature names who signed
    and as what. A signing date cannot lie in the future; only organisations that are (or were)
    members of the region sign. Recording again corrects the earlier entry.
    """
    _not_in_future(signed_on, "signed_on", _("De ondertekendatum ligt in de toekomst."))
    if signed_on and not (signatory or "").strip():
        raise ValidationError({"signatory": _("Vul in wie heeft ondertekend.")})
    is_member = (
        Membership.objects.filter(region_id=convenant.region_id, organisation=organisation)
        .during(convenant.starts, convenant.ends)
        .exists()
    )
    if not is_member:
        raise ValidationError(
            {
                "organisation": _("%(org)s is geen partner van deze regio in de convenantperiode.")
                % {"org": organisation.name}
            }
        )
    signature = (
        Signature.objects.select_for_update()
        .filter(convenant=convenant, organisation=organisation)
        .first()
    )
    if signature is None:
        signature = Signature(convenant=convenant, organisation=organisation)
    signature.signed_on = signed_on
    signature.signatory = (signatory or "").strip()
    signature.function = (function or "").strip()
    return save_validated(signature, by=by)


PDF_CONTENT_TYPES = ("application/pdf", "application/x-pdf")


def annual_report_max_bytes() -> int:
    return int(settings.STO_ANNUAL_REPORT_MAX_BYTES)


def validate_pdf_upload(document: UploadedFile) -> None:
    """Refuse anything that is not a PDF: extension, declared content type, the ``%PDF-`` magic
    bytes at the start, and a size limit (``STO_ANNUAL_REPORT_MAX_BYTES``, default 20 MiB)."""
    name = (getattr(document, "name", "") or "").lower()
    if not name.endswith(".pdf"):
        raise ValidationError({"document": _("Het document moet een PDF-bestand zijn (.pdf).")})
    content_type = (getattr(document, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type and content_type not in PDF_CONTENT_TYPES:
        raise ValidationError({"document": _("Het document moet een PDF-bestand zijn.")})
    limit = annual_report_max_bytes()
    if document.size is not None and document.size > limit:
        raise ValidationError(
            {
                "document": _("Het bestand is te groot (maximaal %(mb)s MB).")
                % {"mb": limit // (1024 * 1024)}
            }
        )
    if not document.size:
        raise ValidationError({"document": _("Het bestand is leeg.")})
    document.seek(0)
    head = document.read(5)
    document.seek(0)
    if head != b"%PDF-":
        raise ValidationError(
            {"document": _("Het bestand is geen PDF (de inhoud begint niet met %PDF).")}
        )


@transaction.atomic
def annual_report_submit(
    *,
    by: User,
    region: Region,
    year: int,
    submitted_on: datetime.date,
    document: UploadedFile | None = None,
    activities: str = "",
) -> AnnualReport:
    """Record that the region submitted its annual report (jaarverslag) over ``year``.

    The report covers the activities carried out and their spending and is due 1 June of the
    following year (seeds 004 Bijlage B.2 §3.2, seeds 000). The PDF is checked before it is
    stored; a later submission for the same year replaces the date, text and (if given) the file,
    and the history keeps the earlier values.
    """
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if submitted_on is None:
        errors["submitted_on"] = _("Vul de datum van indienen in.")
    elif submitted_on > today:
        errors["submitted_on"] = _("De datum van indienen ligt in de toekomst.")
    elif submitted_on < datetime.date(year, 1, 1):
        errors["submitted_on"] = _(
            "Een jaarverslag over %(year)s wordt niet voor dat jaar ingediend."
        ) % {"year": year}
    if errors:
        raise ValidationError(errors)
    report = AnnualReport.objects.select_for_update().filter(region=region, year=year).first()
    if report is None:
        report = AnnualReport(region=region, year=year)
    if document is not None:
        validate_pdf_upload(document)
    elif not report.document:
        raise ValidationError({"document": _("Voeg het jaarverslag toe als PDF-bestand.")})
    report.submitted_on = submitted_on
    report.activities = activities or ""
    report.full_clean(exclude=["document"])
    if document is not None:
        report.document.save(f"jaarverslag-{region.sto_number}-{year}.pdf", document, save=False)
    return save_validated(report, by=by)
