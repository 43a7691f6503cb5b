"""The Excel export of a period's assessments, for reviewers (docs/decisions/0010).

Sheet "Beoordelingen": one row per application × sub-aspect × reviewer, of the submitted
reviews only (as the ranking counts them). Sheet "Rangschikking": the ranking of
``assessment.ranking`` under the period's published ceiling, with why each application stands
where it does. Labels, not codes; written with the shared helpers of ``sto.excel``.

Which applications a user finds is ``regions.permissions.can_see_scores`` per application, the
rule of the pages: coordinators and administrators see them all (not those of a region where
they hold another role), a reviewer only those whose own review they submitted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.framework import TIE_BREAK_CRITERION, framework_in_force
from assessment.models import Ceiling, Decision, Judgement, Review
from assessment.ranking import rank
from assessment.selectors import submitted_applications
from plans.models import Plan
from regions.models import Period
from regions.permissions import can_see_scores
from sto.excel import Column, add_table_sheet, new_workbook
from sto.money import ZERO

if TYPE_CHECKING:
    from regions.permissions import Person


def assessments_filename(period: Period) -> str:
    return f"beoordelingen-{period.code}.xlsx"


def visible_plan_ids(user: Person, plans: list[Plan]) -> set[int]:
    """The applications among ``plans`` whose scores ``user`` may see (``can_see_scores``)."""
    own = dict(
        Review.objects.filter(plan__in=plans, reviewer_id=getattr(user, "pk", None)).values_list(
            "plan_id", "submitted_at"
        )
    )
    decided = set(
        Decision.objects.filter(plan__in=plans, approved_at__isnull=False).values_list(
            "plan_id", flat=True
        )
    )
    return {
        plan.pk
        for plan in plans
        if can_see_scores(
            user,
            plan.region,
            own_review_submitted=(own[plan.pk] is not None) if plan.pk in own else None,
            decided=plan.pk in decided,
        )
    }


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Ja") if value else _("Nee")


def _assessment_rows(plans: list[Plan]):
    reviews = (
        Review.objects.filter(plan__in=plans, submitted_at__isnull=False)
        .select_related("reviewer", "plan__region")
        .prefetch_related(
            Prefetch(
                "judgements",
                queryset=Judgement.objects.select_related("sub_aspect__criterion").order_by(
                    "sub_aspect__criterion__position", "sub_aspect__position"
                ),
            )
        )
        .order_by("plan__region__sto_number", "plan__version", "pk")
    )
    for review in reviews:
        region = review.plan.region
        submitted = timezone.localdate(review.submitted_at) if review.submitted_at else None
        for judgement in review.judgements.all():
            sub = judgement.sub_aspect
            yield [
                region.sto_number,
                region.name,
                region.get_kind_display(),
                review.plan.version,
                sub.criterion.title,
                sub.title,
                review.reviewer_name,
                _yes_no(judgement.minimum_met),
                judgement.reason,
                judgement.score,
                judgement.note,
                submitted,
            ]


def _ranking_rows(period: Period, visible: set[int]):
    ceiling = Ceiling.objects.filter(period=period).first()
    result = rank(
        period,
        ceiling.amount if ceiling else ZERO,
        framework=framework_in_force(period),
        lots=None,  # read the recorded lots; an export never draws
    )
    for application in result.applications:
        if application.plan.pk not in visible:
            continue
        yield [
            application.rank,
            application.region.sto_number,
            application.region.name,
            application.total_score,
            application.tie_break_score,
            application.requested,
            application.awarded if ceiling else None,
            application.status_label() if ceiling else _("nog geen plafond vastgesteld"),
            "\n".join(application.why),
        ]


def assessments_workbook(user: Person, period: Period):
    """The assessments and the ranking of ``period`` that ``user`` may see."""
    plans = list(submitted_applications(period))
    visible = visible_plan_ids(user, plans)
    shown = [plan for plan in plans if plan.pk in visible]
    workbook = new_workbook(
        _("Beoordelingen Sterk Techniekonderwijs %(period)s") % {"period": period.code}
    )
    add_table_sheet(
        workbook,
        _("Beoordelingen"),
        [
            Column(_("STO-nummer"), "text", 12),
            Column(_("Regio"), "text", 30),
            Column(_("Soort regio"), "text", 14),
            Column(_("Versie"), "int", 8),
            Column(_("Criterium"), "text", 40),
            Column(_("Deelaspect"), "text", 50),
            Column(_("Beoordelaar"), "text", 20),
            Column(_("Minimale vereisten voldaan"), "text", 14),
            Column(_("Reden"), "text", 40),
            Column(_("Score"), "general", 8),
            Column(_("Notitie"), "text", 40),
            Column(_("Ingediend op"), "date", 14),
        ],
        _assessment_rows(shown),
    )
    add_table_sheet(
        workbook,
        _("Rangschikking"),
        [
            Column(_("Rang"), "int", 6),
            Column(_("STO-nummer"), "text", 12),
            Column(_("Regio"), "text", 30),
            Column(_("Totaalscore"), "general", 12),
            Column(_("Score %(criterion)s") % {"criterion": TIE_BREAK_CRITERION}, "general", 12),
            Column(_("Gevraagd"), "money", 16),
            Column(_("Toegekend"), "money", 16),
            Column(_("Uitkomst"), "text", 28),
            Column(_("Waarom"), "text", 60),
        ],
        _ranking_rows(period, visible),
    )
    return workbook
