"""Who may do what: every access predicate of STO-beheer, one small function per action.

This is the one place that knows the roles (``regions.roles``) and the assignments behind them
(a programme manager runs regions, a municipal officer acts for one municipality). Every other
app asks these predicates; none queries assignments or roles itself. Reads are scoped by the
selectors (``regions.selectors``, ``cofinancing.selectors``, ``reporting.selectors``), which build
on the same functions. Each predicate is tested per role (tests/regions/test_permissions.py) and
every URL in the HTTP access matrix (tests/access_matrix.py).

The roles:
- programme manager: changes the data of the regions they run, and reads them;
- municipal officer: decides on the contributions asked of their own municipality, and edits the
  council decision about them;
- reviewer (DUS-I style): reads every region, and assesses the applications assigned to them;
- coordinating reviewer: assigns reviewers, ranks the applications, proposes overrides and
  decisions; a second person approves those (four eyes);
- administrator: may do everything except judge applications: adjusts the assessment
  framework, and may approve an override or a decision as the second person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

from .models import (
    ManagerAssignment,
    Membership,
    OfficerAssignment,
    Organisation,
    Region,
    StudentCount,
)
from .roles import Role, has_role, reads_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Person = User | AnonymousUser


def _authenticated(user: Person | None) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _user_id(user: Person) -> int:
    """The id of a user known to be authenticated."""
    assert user.pk is not None
    return int(user.pk)


def _is_administrator(user: Person) -> bool:
    return _authenticated(user) and has_role(user, Role.ADMINISTRATOR)


# --- who the user is to a region or a municipality ---------------------------------------------


def managed_region_ids(user: Person) -> frozenset[int]:
    """The regions ``user`` runs as programme manager (cached on the user object)."""
    if not _authenticated(user) or not has_role(user, Role.PROGRAMME_MANAGER):
        return frozenset()
    cached = getattr(user, "_sto_managed_region_ids", None)
    if cached is None:
        cached = frozenset(
            ManagerAssignment.objects.filter(user_id=_user_id(user)).values_list(
                "region_id", flat=True
            )
        )
        user._sto_managed_region_ids = cached  # type: ignore[union-attr]
    return cached


def municipality_of(user: Person) -> Organisation | None:
    """The municipality a municipal officer acts for (cached on the user object), or ``None``."""
    if not _authenticated(user) or not has_role(user, Role.MUNICIPAL_OFFICER):
        return None
    if not hasattr(user, "_sto_municipality"):
        assignment = (
            OfficerAssignment.objects.select_related("municipality")
            .filter(user_id=_user_id(user))
            .first()
        )
        user._sto_municipality = assignment.municipality if assignment else None  # type: ignore[union-attr]
    return user._sto_municipality  # type: ignore[union-attr]


def acts_for_municipality(user: Person, municipality_id: int) -> bool:
    """``user`` is the municipal officer of that municipality."""
    own = municipality_of(user)
    return own is not None and own.pk == municipality_id


def reads_every_region(user: Person) -> bool:
    """Reviewers and administrators read every region."""
    return _authenticated(user) and reads_everything(user)


# --- regions and their partners ------------------------------------------------------------------


def can_manage_region(user: Person, region: Region) -> bool:
    """Change a region's data: partners, student counts, signatures, annual reports, and its money
    (co-financing, contribution requests). Its programme managers and administrators."""
    if not _authenticated(user):
        return False
    return _is_administrator(user) or region.pk in managed_region_ids(user)


def can_edit_organisation(user: Person, organisation: Organisation) -> bool:
    """Administrators, and programme managers who run *every* region the organisation is or was
    a member of. An mbo college or a municipality shared with another region is that region's
    data too (a municipality's inhabitants drive every region's contribution split), so only an
    administrator corrects it then."""
    if _is_administrator(user):
        return True
    managed = managed_region_ids(user)
    if not managed:
        return False
    region_ids = set(
        Membership.objects.filter(organisation=organisation).values_list("region_id", flat=True)
    )
    return bool(region_ids) and region_ids <= managed


def can_correct_student_count(user: Person, region: Region, count: StudentCount) -> bool:
    """Correct a student count through ``region``: its managers, and only for a count from a day
    the location was a member of that region (``StudentCount.belongs_to``). After a location
    moves, its old region no longer corrects the new region's figures."""
    return can_manage_region(user, region) and count.belongs_to(region)


def can_manage_users(user: Person) -> bool:
    """Only administrators assign users to roles, regions and municipalities."""
    return _is_administrator(user)


def must_use_second_factor(user: Person) -> bool:
    """Reviewers (coordinating ones too) and administrators log in with a second factor when
    ``STO_REQUIRE_2FA`` is on (docs/interfaces.md §7); for everybody else it is optional."""
    if not settings.STO_REQUIRE_2FA or not _authenticated(user):
        return False
    return _is_administrator(user) or reads_everything(user)


# --- exports -------------------------------------------------------------------------------------


def can_export_regions(user: Person) -> bool:
    """Everybody who sees the region list may export it; the export holds only what they see."""
    return _authenticated(user)


def can_export_workbook(user: Person) -> bool:
    """The interchange workbook of a selection: reviewers, administrators and programme managers
    (of their own regions). Not municipal officers: a region's workbook holds the contributions
    of every municipality, and an officer sees only their own."""
    return reads_every_region(user) or (
        _authenticated(user) and has_role(user, Role.PROGRAMME_MANAGER)
    )


# --- money ---------------------------------------------------------------------------------------


def can_read_region_money(user: Person, region: Region) -> bool:
    """The money pages of a region (grants, co-financing, contributions): reviewers,
    administrators and its programme managers. Municipal officers see money only through their
    own municipality's contributions."""
    return reads_every_region(user) or region.pk in managed_region_ids(user)


def can_decide_contribution(user: Person, municipality_id: int) -> bool:
    """Approve, partly approve or reject a contribution asked of the municipality: its municipal
    officer, and administrators."""
    return _is_administrator(user) or acts_for_municipality(user, municipality_id)


# --- plans and the budget formula ----------------------------------------------------------------


def can_read_plan(user: Person, region: Region) -> bool:
    """A region's plan (regiovisie, activity plan, risks, teachers, budget): its programme
    managers, reviewers and administrators. Not municipal officers: the budget is the region's
    application to DUS-I."""
    return reads_every_region(user) or region.pk in managed_region_ids(user)


def can_write_plan(user: Person, region: Region) -> bool:
    """Write a region's plan while it is open for changes (a draft; see ``plans``): its
    programme managers and administrators. Whether the plan is open is the plan's own fact."""
    return can_manage_region(user, region)


def can_use_formula(user: Person) -> bool:
    """The budget formula simulator and its scenarios (seeds 003): reviewers and administrators."""
    return reads_every_region(user)


def can_delete_formula_scenario(user: Person, author_id: int | None) -> bool:
    """Delete a saved scenario of the budget formula: its author, and administrators. Every
    reviewer reads and compares the scenarios of the others, but removes only their own."""
    if not can_use_formula(user):
        return False
    return _is_administrator(user) or (author_id is not None and author_id == _user_id(user))


# --- assessment of applications (seeds 004 Bijlage C) -------------------------------------------


def has_other_role_in(user: Person, region: Region) -> bool:
    """``user`` holds a role in the region besides reviewing: its programme manager, or the
    officer of a municipality that is or was its partner. Such a person may not assess the
    region's application, nor approve a decision or an override about it."""
    if region.pk in managed_region_ids(user):
        return True
    municipality = municipality_of(user)
    return (
        municipality is not None
        and Membership.objects.filter(region=region, organisation=municipality).exists()
    )


def users_with_other_role_in(region: Region) -> frozenset[int]:
    """The ids of every user for whom ``has_other_role_in(user, region)`` holds, in one query."""
    managers = ManagerAssignment.objects.filter(region=region).values_list("user_id", flat=True)
    officers = OfficerAssignment.objects.filter(
        municipality__in=Membership.objects.filter(region=region).values("organisation_id")
    ).values_list("user_id", flat=True)
    return frozenset(managers.union(officers))


def is_coordinator(user: Person) -> bool:
    """A coordinating reviewer: assigns, ranks, proposes overrides and decisions."""
    return _authenticated(user) and has_role(user, Role.COORDINATOR)


def can_follow_assessment(user: Person) -> bool:
    """The assessment pages over all applications (assignment, ranking, decisions):
    coordinating reviewers and administrators. Reviewers see their own work list."""
    return is_coordinator(user) or _is_administrator(user)


def can_open_assessment(user: Person) -> bool:
    """The assessment's pages (applications, work list, framework): reviewers, for the
    applications assigned to them, coordinating reviewers and administrators, for all."""
    return can_follow_assessment(user) or (_authenticated(user) and has_role(user, Role.REVIEWER))


def can_adjust_framework(user: Person) -> bool:
    """Change the scale, weights and scored region kinds of the beoordelingskader for a new
    round: administrators."""
    return _is_administrator(user)


def can_assess(user: Person, region: Region) -> bool:
    """Judge an application of ``region`` (be assigned to it): a reviewer without another role
    in that region."""
    return (
        _authenticated(user)
        and has_role(user, Role.REVIEWER)
        and not has_other_role_in(user, region)
    )


def can_assign_reviewers(user: Person, region: Region) -> bool:
    """Assign reviewers to an application: a coordinating reviewer without another role in it."""
    return is_coordinator(user) and not has_other_role_in(user, region)


def can_propose_outcome(user: Person, region: Region) -> bool:
    """Rank, propose an override of the ranking or a decision on an application of ``region``:
    a coordinating reviewer without another role in the region."""
    return can_assign_reviewers(user, region)


def can_approve_outcome(user: Person, region: Region, proposer_id: int | None) -> bool:
    """Approve an override or a decision (four eyes): a reviewer, coordinator or administrator
    who is not the one who proposed it and has no other role in the region."""
    if not (reads_every_region(user) and not has_other_role_in(user, region)):
        return False
    return proposer_id is None or proposer_id != _user_id(user)


def can_see_scores(
    user: Person, region: Region, *, own_review_submitted: bool | None, decided: bool
) -> bool:
    """Every reviewer's scores of an application of ``region``, side by side.

    ``own_review_submitted``: ``None`` when ``user`` is not assigned to it, else whether they
    submitted their own review. A reviewer sees the others' scores only after submitting their
    own; coordinators and administrators see them all; the region's programme managers see
    scores and reasons once the decision is made (and approved).
    """
    if not _authenticated(user):
        return False
    if own_review_submitted is not None:
        return own_review_submitted
    if can_follow_assessment(user):
        return not has_other_role_in(user, region) or _is_administrator(user)
    return decided and region.pk in managed_region_ids(user)


# --- documents -----------------------------------------------------------------------------------


def can_read_annual_report(user: Person, region: Region) -> bool:
    """The annual-report material of a region, by every path: the generated report (PDF), the
    uploaded report (PDF), the activities text and the report's history. Its programme managers,
    reviewers and administrators read it. Not municipal officers: the reports list every
    company's co-financing, which is the region's and the companies' business; officers see only
    whether a year's report is in and when it was due (the deadlines, not the content)."""
    return reads_every_region(user) or region.pk in managed_region_ids(user)


def can_explain_annual_report(user: Person, region: Region) -> bool:
    """Write the explanation under each section of a region's annual report (the programme
    manager's narrative): those who manage the region's data, its programme managers and
    administrators."""
    return can_manage_region(user, region)


def can_read_council_decision(user: Person, region: Region, municipality: Organisation) -> bool:
    """A municipality's council decision about a region: the officer of that municipality, the
    region's programme managers, reviewers and administrators."""
    if reads_every_region(user) or region.pk in managed_region_ids(user):
        return True
    return acts_for_municipality(user, municipality.pk)


def can_edit_council_decision(user: Person, region: Region, municipality: Organisation) -> bool:
    """Edit the text of the council decision: the officer of that municipality, administrators."""
    return _is_administrator(user) or acts_for_municipality(user, municipality.pk)


def can_read_decision_letter(user: Person, region: Region, *, final: bool) -> bool:
    """The decision letter (beschikking) on an application of ``region``: reviewers,
    coordinating reviewers and administrators without another role in the region, also while it
    is a concept; the region's programme managers once the decision is approved (``final``)."""
    if (reads_every_region(user) or is_coordinator(user)) and not has_other_role_in(user, region):
        return True
    return final and region.pk in managed_region_ids(user)


def can_edit_decision_letter(user: Person, region: Region) -> bool:
    """Edit the prose of the decision letter: whoever may propose the outcome
    (``can_propose_outcome``)."""
    return can_propose_outcome(user, region)


def can_export_assessments(user: Person) -> bool:
    """The Excel export of a period's assessments: reviewers, coordinating reviewers and
    administrators. Which applications it holds is ``can_see_scores`` per application, so a
    reviewer finds only the applications whose own review they submitted."""
    return reads_every_region(user) or is_coordinator(user)


def can_use_monitor(user: Person) -> bool:
    """The national monitor and the reviewers' Excel exports."""
    return reads_every_region(user)


def can_run_batch(user: Person) -> bool:
    """Start the annual-report batch and follow its progress."""
    return reads_every_region(user)
