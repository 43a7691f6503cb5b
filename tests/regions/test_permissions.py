"""Every access predicate of ``regions.permissions``, per role, beside the HTTP access matrix.

The people: the programme manager of the own region, a programme manager of another region, the
municipal officer of a municipality in the own region, an officer of another municipality, a
reviewer, an administrator, a user without a role, and nobody (anonymous).
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from regions import permissions as p
from regions.roles import Role
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RegionFactory,
    StudentCountFactory,
    UserFactory,
    manager_of,
    officer_of,
)

pytestmark = pytest.mark.django_db

PEOPLE = (
    "manager",
    "other_manager",
    "officer",
    "other_officer",
    "reviewer",
    "administrator",
    "no_role",
    "anonymous",
)


@pytest.fixture
def world():
    region = RegionFactory(sto_number="STO19040", name="Amstelland")
    other_region = RegionFactory(sto_number="STO19999", name="Verweggistan")
    municipality = OrganisationFactory(municipality=True, key="GM0362", name="Amstelveen")
    other_municipality = OrganisationFactory(municipality=True, key="GM0344", name="Verweggistad")
    MembershipFactory(region=region, organisation=municipality)
    MembershipFactory(region=other_region, organisation=other_municipality)
    location = OrganisationFactory(name="Vestiging")
    MembershipFactory(region=region, organisation=location, start=datetime.date(2020, 1, 1))
    shared_mbo = OrganisationFactory(mbo=True, name="Gedeeld ROC")
    MembershipFactory(region=region, organisation=shared_mbo)
    MembershipFactory(region=other_region, organisation=shared_mbo)
    people = {
        "manager": manager_of(region),
        "other_manager": manager_of(other_region),
        "officer": officer_of(municipality),
        "other_officer": officer_of(other_municipality),
        "reviewer": UserFactory(role=Role.REVIEWER),
        "administrator": UserFactory(role=Role.ADMINISTRATOR),
        "no_role": UserFactory(),
        "anonymous": AnonymousUser(),
    }
    return {
        "region": region,
        "other_region": other_region,
        "municipality": municipality,
        "location": location,
        "shared_mbo": shared_mbo,
        "people": people,
    }


def allowed(world, predicate) -> set[str]:
    return {name for name, user in world["people"].items() if predicate(user)}


def test_who_runs_which_region(world):
    region, people = world["region"], world["people"]
    assert p.managed_region_ids(people["manager"]) == {region.pk}
    assert p.managed_region_ids(people["other_manager"]) == {world["other_region"].pk}
    assert allowed(world, lambda u: bool(p.managed_region_ids(u))) == {"manager", "other_manager"}


def test_which_municipality_an_officer_acts_for(world):
    people = world["people"]
    assert p.municipality_of(people["officer"]) == world["municipality"]
    assert p.municipality_of(people["other_officer"]).key == "GM0344"
    assert allowed(world, lambda u: p.municipality_of(u) is not None) == {
        "officer",
        "other_officer",
    }
    assert allowed(world, lambda u: p.acts_for_municipality(u, world["municipality"].pk)) == {
        "officer"
    }


def test_reviewers_and_administrators_read_every_region(world):
    assert allowed(world, p.reads_every_region) == {"reviewer", "administrator"}
    assert allowed(world, p.can_use_monitor) == {"reviewer", "administrator"}
    assert allowed(world, p.can_run_batch) == {"reviewer", "administrator"}


def test_only_its_managers_and_administrators_change_a_region(world):
    assert allowed(world, lambda u: p.can_manage_region(u, world["region"])) == {
        "manager",
        "administrator",
    }


def test_a_shared_organisation_is_corrected_by_an_administrator_only(world):
    assert allowed(world, lambda u: p.can_edit_organisation(u, world["location"])) == {
        "manager",
        "administrator",
    }
    assert allowed(world, lambda u: p.can_edit_organisation(u, world["shared_mbo"])) == {
        "administrator"
    }


def test_a_count_is_corrected_only_through_the_region_of_its_reference_date(world):
    location = world["location"]
    then = StudentCountFactory(organisation=location, reference_date=datetime.date(2023, 10, 1))
    before = StudentCountFactory(organisation=location, reference_date=datetime.date(2019, 10, 1))
    assert allowed(world, lambda u: p.can_correct_student_count(u, world["region"], then)) == {
        "manager",
        "administrator",
    }
    # In 2019 the location was no member of the region yet: nobody corrects it through it.
    assert (
        allowed(world, lambda u: p.can_correct_student_count(u, world["region"], before)) == set()
    )


def test_user_management_is_for_administrators(world):
    assert allowed(world, p.can_manage_users) == {"administrator"}


def test_exports(world):
    assert allowed(world, p.can_export_regions) == set(PEOPLE) - {"anonymous"}
    # Not officers: a region's workbook holds every municipality's contributions.
    assert allowed(world, p.can_export_workbook) == {
        "manager",
        "other_manager",
        "reviewer",
        "administrator",
    }


def test_money_pages_and_decisions(world):
    assert allowed(world, lambda u: p.can_read_region_money(u, world["region"])) == {
        "manager",
        "reviewer",
        "administrator",
    }
    assert allowed(world, lambda u: p.can_decide_contribution(u, world["municipality"].pk)) == {
        "officer",
        "administrator",
    }


def test_documents(world):
    region, municipality = world["region"], world["municipality"]
    # The annual report lists every company's co-financing: not for municipal officers.
    assert allowed(world, lambda u: p.can_read_annual_report(u, region)) == {
        "manager",
        "reviewer",
        "administrator",
    }
    assert allowed(world, lambda u: p.can_read_council_decision(u, region, municipality)) == {
        "manager",
        "officer",
        "reviewer",
        "administrator",
    }
    assert allowed(world, lambda u: p.can_edit_council_decision(u, region, municipality)) == {
        "officer",
        "administrator",
    }


def test_plans_and_the_budget_formula(world):
    region = world["region"]
    assert allowed(world, lambda u: p.can_read_plan(u, region)) == {
        "manager",
        "reviewer",
        "administrator",
    }
    assert allowed(world, lambda u: p.can_write_plan(u, region)) == {"manager", "administrator"}
    assert allowed(world, p.can_use_formula) == {"reviewer", "administrator"}


def test_a_formula_scenario_is_deleted_by_its_author_or_an_administrator(world):
    people = world["people"]
    reviewer, administrator = people["reviewer"], people["administrator"]
    # A reviewer's own scenario: the reviewer and administrators.
    assert allowed(world, lambda u: p.can_delete_formula_scenario(u, reviewer.pk)) == {
        "reviewer",
        "administrator",
    }
    # An administrator's scenario, or one whose author was removed: administrators only.
    assert allowed(world, lambda u: p.can_delete_formula_scenario(u, administrator.pk)) == {
        "administrator"
    }
    assert allowed(world, lambda u: p.can_delete_formula_scenario(u, None)) == {"administrator"}
    # A manager whose id is the author's still may not: the simulator is not theirs.
    manager = people["manager"]
    assert not p.can_delete_formula_scenario(manager, manager.pk)


def _coordinator(username: str, *extra_regions):
    user = (
        manager_of(*extra_regions, username=username)
        if extra_regions
        else UserFactory(username=username)
    )
    for role in (Role.REVIEWER, Role.COORDINATOR):
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return type(user).objects.get(pk=user.pk)  # fresh: no cached roles


def test_the_assessment(world):
    region = world["region"]
    coordinator = _coordinator("coordinator")
    # A coordinating reviewer who also runs the region holds another role there.
    conflicted = _coordinator("coordinator-pm", region)
    assert allowed(world, lambda u: p.can_assess(u, region)) == {"reviewer"}
    assert allowed(world, p.can_follow_assessment) == {"administrator"}
    assert allowed(world, p.can_adjust_framework) == {"administrator"}
    assert allowed(world, p.can_open_assessment) == {"reviewer", "administrator"}
    assert p.can_open_assessment(coordinator)
    assert allowed(world, lambda u: p.can_assign_reviewers(u, region)) == set()
    assert p.can_follow_assessment(coordinator) and p.can_assign_reviewers(coordinator, region)
    assert p.can_assess(coordinator, region) and p.can_propose_outcome(coordinator, region)
    assert not p.can_assess(conflicted, region)
    assert not p.can_assign_reviewers(conflicted, region)
    assert p.can_assign_reviewers(conflicted, world["other_region"])
    assert p.has_other_role_in(world["people"]["officer"], region)
    assert not p.has_other_role_in(world["people"]["officer"], world["other_region"])
    assert p.users_with_other_role_in(region) == {
        world["people"]["manager"].pk,
        world["people"]["officer"].pk,
        conflicted.pk,
    }


def test_four_eyes_and_who_sees_the_scores(world):
    region = world["region"]
    coordinator = _coordinator("coordinator")
    people = world["people"]
    # Approving: a reviewer or administrator without another role, never the proposer.
    assert allowed(world, lambda u: p.can_approve_outcome(u, region, coordinator.pk)) == {
        "reviewer",
        "administrator",
    }
    assert not p.can_approve_outcome(coordinator, region, coordinator.pk)
    assert p.can_approve_outcome(coordinator, region, people["reviewer"].pk)
    # The scores: an assigned reviewer after submitting their own; coordinators; the region's
    # managers once the decision is made.
    assert p.can_see_scores(people["reviewer"], region, own_review_submitted=True, decided=False)
    assert not p.can_see_scores(
        people["reviewer"], region, own_review_submitted=False, decided=False
    )
    assert allowed(
        world, lambda u: p.can_see_scores(u, region, own_review_submitted=None, decided=False)
    ) == {"administrator"}
    assert allowed(
        world, lambda u: p.can_see_scores(u, region, own_review_submitted=None, decided=True)
    ) == {"manager", "administrator"}
    assert p.can_see_scores(coordinator, region, own_review_submitted=None, decided=False)
