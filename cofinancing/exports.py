"""The columns and rows of the co-financing and contribution exports: one definition, used by a
region's export, the municipal officer's export and the reviewers' national exports."""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sto.excel import Column

from .models import CofinancingCommitment, MunicipalContribution


def cofinancing_columns() -> list[Column]:
    return [
        Column(_("STO-nummer"), "text", 12),
        Column(_("Regio"), "text", 32),
        Column(_("Bedrijf"), "text", 32),
        Column(_("KvK-nummer"), "text", 12),
        Column(_("Jaar"), "year", 8),
        Column(_("Vorm"), "text", 22),
        Column(_("Toegezegd"), "money", 14),
        Column(_("Gerealiseerd"), "money", 14),
    ]


def cofinancing_rows(commitments: QuerySet[CofinancingCommitment]) -> Iterator[list]:
    """One row per commitment; ``commitments`` with ``region`` and ``organisation`` loaded."""
    for c in commitments.iterator(chunk_size=2000):
        yield [
            c.region.sto_number,
            c.region.name,
            c.organisation.name,
            c.organisation.key,
            c.year,
            c.get_form_display(),
            c.committed,
            c.realised,
        ]


def contribution_columns() -> list[Column]:
    return [
        Column(_("STO-nummer"), "text", 12),
        Column(_("Regio"), "text", 32),
        Column(_("Gemeente"), "text", 26),
        Column(_("CBS-code"), "text", 10),
        Column(_("Jaar"), "year", 8),
        Column(_("Gevraagd"), "money", 14),
        Column(_("Toegekend"), "money", 14),
        Column(_("Status"), "text", 18),
        Column(_("Besluitdatum"), "date", 13),
        Column(_("Motivering"), "text", 50),
    ]


def contribution_rows(contributions: QuerySet[MunicipalContribution]) -> Iterator[list]:
    """One row per contribution; ``contributions`` with ``region`` and ``municipality`` loaded."""
    for c in contributions.iterator(chunk_size=2000):
        yield [
            c.region.sto_number,
            c.region.name,
            c.municipality.name,
            c.municipality.key,
            c.year,
            c.requested,
            c.approved,
            c.get_status_display(),
            c.decided_on,
            c.decision_reason,
        ]
