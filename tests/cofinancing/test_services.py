"""Services for money lines: validation, history with the acting user, optimistic locking."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.utils import timezone

from cofinancing import services
from cofinancing.models import CofinancingCommitment, MunicipalContribution
from tests.factories import MembershipFactory, MunicipalContributionFactory, OrganisationFactory

TODAY = timezone.localdate


# --- co-financing ------------------------------------------------------------------------------


def test_commitment_create_records_user_in_history(world):
    commitment = services.cofinancing_commitment_create(
        by=world.manager,
        region=world.region,
        organisation=world.company,
        year=2026,
        form="guest_lessons",
        committed=Decimal("12500.00"),
        realised=None,
    )
    assert commitment.pk and commitment.committed == Decimal("12500.00")
    record = commitment.history.latest()
    assert record.history_type == "+" and record.history_user == world.manager


def test_commitment_negative_amount_is_refused_and_nothing_saved(world):
    before = CofinancingCommitment.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.cofinancing_commitment_create(
            by=world.manager,
            region=world.region,
            organisation=world.company,
            year=2026,
            form="cash",
            committed=Decimal("-1.00"),
        )
    assert "negatief" in exc.value.message_dict["committed"][0]
    assert CofinancingCommitment.objects.count() == before


def test_commitment_duplicate_gives_a_clear_message(world):
    with pytest.raises(ValidationError) as exc:
        services.cofinancing_commitment_create(
            by=world.manager,
            region=world.region,
            organisation=world.company,
            year=2025,
            form="internships",
            committed=Decimal("1.00"),
        )
    message = exc.value.message_dict[NON_FIELD_ERRORS][0]
    assert "Bouwbedrijf Amstel B.V." in message and "2025" in message and "stages" in message
    assert CofinancingCommitment.objects.filter(region=world.region).count() == 1


def test_commitment_from_a_company_outside_the_region_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.cofinancing_commitment_create(
            by=world.manager,
            region=world.region,
            organisation=world.other_company,
            year=2025,
            form="cash",
            committed=Decimal("10.00"),
        )
    assert "geen lid van regio STO19040" in exc.value.message_dict["organisation"][0]


def test_commitment_from_a_school_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.cofinancing_commitment_create(
            by=world.manager,
            region=world.region,
            organisation=world.region.lead,
            year=2025,
            form="cash",
            committed=Decimal("10.00"),
        )
    assert "bedrijf" in exc.value.message_dict["organisation"][0]


def test_commitment_update_changes_amounts_with_history(world):
    services.cofinancing_commitment_update(
        by=world.manager,
        commitment=world.commitment,
        committed=Decimal("60000.00"),
        realised=Decimal("41000.50"),
    )
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("60000.00")
    assert world.commitment.realised == Decimal("41000.50")
    assert world.commitment.history.latest().history_user == world.manager
    with pytest.raises(ValidationError):
        services.cofinancing_commitment_update(
            by=world.manager,
            commitment=world.commitment,
            committed=Decimal("1"),
            realised=Decimal("-5"),
        )
    world.commitment.refresh_from_db()
    assert world.commitment.realised == Decimal("41000.50")


def test_a_commitment_changed_since_the_form_was_opened_is_not_overwritten(world):
    from sto.history import last_change_id

    seen = last_change_id(world.commitment)
    services.cofinancing_commitment_update(
        by=world.administrator,
        commitment=world.commitment,
        committed=Decimal("70000"),
        realised=None,
        seen_change=seen,
    )
    with pytest.raises(ValidationError) as error:
        services.cofinancing_commitment_update(
            by=world.manager,
            commitment=world.commitment,
            committed=Decimal("55000"),
            realised=None,
            seen_change=seen,
        )
    assert error.value.messages[0].startswith("beheerder-geld heeft deze cofinanciering intussen")
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("70000")
    # With the current version the manager may still overwrite it, deliberately.
    services.cofinancing_commitment_update(
        by=world.manager,
        commitment=world.commitment,
        committed=Decimal("55000"),
        realised=None,
        seen_change=last_change_id(world.commitment),
    )
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("55000")


def test_the_same_commitment_change_sent_twice_is_saved_once(world):
    from sto.history import last_change_id

    seen = last_change_id(world.commitment)
    for _ in range(2):
        services.cofinancing_commitment_update(
            by=world.manager,
            commitment=world.commitment,
            committed=Decimal("61000"),
            realised=Decimal("100"),
            seen_change=seen,
        )
    assert world.commitment.history.count() == 2  # created, changed once
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("61000")


# --- contribution requests and the split -------------------------------------------------------


def test_contribution_request_creates_then_updates_and_bumps_version(world):
    aalsmeer = world.municipalities["GM0358"]
    created = services.contribution_request(
        by=world.manager,
        region=world.region,
        municipality=aalsmeer,
        year=2026,
        requested=Decimal("8000"),
        purpose="TechNet",
    )
    assert created.version == 1 and created.status == "requested"
    updated = services.contribution_request(
        by=world.manager,
        region=world.region,
        municipality=aalsmeer,
        year=2026,
        requested=Decimal("8200"),
        purpose="TechNet",
    )
    assert (
        updated.pk == created.pk and updated.requested == Decimal("8200") and updated.version == 2
    )


def test_contribution_request_of_a_decided_contribution_is_refused(world):
    world.contribution.status = "approved"
    world.contribution.approved = world.contribution.requested
    world.contribution.save()
    with pytest.raises(ValidationError) as exc:
        services.contribution_request(
            by=world.manager,
            region=world.region,
            municipality=world.contribution.municipality,
            year=2025,
            requested=Decimal("1"),
        )
    assert "al besloten" in exc.value.message_dict["year"][0]
    world.contribution.refresh_from_db()
    assert world.contribution.requested == Decimal("23973.00")


def test_contribution_request_from_a_non_member_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.contribution_request(
            by=world.manager,
            region=world.region,
            municipality=world.other_municipality,
            year=2025,
            requested=Decimal("1"),
        )
    assert "geen lid" in exc.value.message_dict["municipality"][0]


def test_split_plan_amstelland_with_indexation(world):
    plan = services.contribution_split_plan(
        region=world.region,
        total=Decimal("45000"),
        first_year=2025,
        last_year=2028,
        indexation_pct=Decimal("2.5"),
    )
    assert plan.years == [2025, 2026, 2027, 2028]
    assert plan.totals[2027] == Decimal("47278")
    for year in plan.years:
        assert sum(p.amount for p in plan.parts if p.year == year) == plan.totals[year]
    amstelveen = {p.year: p.amount for p in plan.parts if p.municipality.key == "GM0362"}
    assert amstelveen[2025] == Decimal("23973")
    # 2026: 46125 shared: Amstelveen 24572.325, Aalsmeer 8200, Ouder-Amstel 3587.5,
    # Uithoorn 7687.5, De Ronde Venen 2077.675; two spare euros go to the largest remainders:
    # De Ronde Venen (0.675) and, of the tied 0.5s, Ouder-Amstel (GM0437 before GM0451).
    parts_2026 = {p.municipality.key: p.amount for p in plan.parts if p.year == 2026}
    assert parts_2026 == {
        "GM0362": Decimal("24572"),
        "GM0358": Decimal("8200"),
        "GM0437": Decimal("3588"),
        "GM0451": Decimal("7687"),
        "GM0736": Decimal("2078"),
    }
    # The existing 2025 request of Amstelveen is found (it will be updated, not duplicated).
    existing = [p for p in plan.parts if p.existing is not None]
    assert [(p.municipality.key, p.year) for p in existing] == [("GM0362", 2025)]


def test_contributions_request_split_creates_and_updates_requests(world):
    saved = services.contributions_request_split(
        by=world.manager,
        region=world.region,
        total=Decimal("45000"),
        first_year=2025,
        last_year=2026,
        purpose="STO Amstelland 2025-2028",
    )
    assert len(saved) == 10
    rows = MunicipalContribution.objects.filter(region=world.region)
    assert rows.count() == 10  # Amstelveen 2025 updated, not duplicated
    assert sum(c.requested for c in rows.filter(year=2025)) == Decimal("45000")
    assert rows.get(municipality__key="GM0362", year=2025).pk == world.contribution.pk
    assert {c.history.latest().history_user for c in rows} == {world.manager}


def test_split_refused_when_a_municipality_already_decided(world):
    world.contribution.status = "rejected"
    world.contribution.decision_reason = "Geen budget"
    world.contribution.save()
    with pytest.raises(ValidationError) as exc:
        services.contributions_request_split(
            by=world.manager,
            region=world.region,
            total=Decimal("50000"),
            first_year=2025,
            last_year=2026,
        )
    assert "Amstelveen" in exc.value.messages[0] and "al besloten" in exc.value.messages[0]
    assert MunicipalContribution.objects.filter(region=world.region).count() == 1


def test_split_refused_for_unknown_inhabitants_naming_the_municipality(world):
    nowhere = OrganisationFactory(
        municipality=True, key="GM0999", name="Nergenshuizen", inhabitants=None
    )
    MembershipFactory(region=world.region, organisation=nowhere)
    with pytest.raises(ValidationError) as exc:
        services.contributions_request_split(
            by=world.manager,
            region=world.region,
            total=Decimal("45000"),
            first_year=2025,
            last_year=2025,
        )
    assert "Nergenshuizen (GM0999)" in exc.value.messages[0]
    assert MunicipalContribution.objects.filter(region=world.region).count() == 1


def test_split_uses_current_members_only(world):
    uithoorn = world.municipalities["GM0451"]
    membership = uithoorn.memberships.get(region=world.region)
    membership.end = datetime.date(2023, 12, 31)
    membership.save()
    plan = services.contribution_split_plan(
        region=world.region,
        total=Decimal("45000"),
        first_year=2025,
        last_year=2025,
        on=datetime.date(2024, 9, 1),
    )
    assert "GM0451" not in {m.key for m in plan.municipalities}
    assert sum(p.amount for p in plan.parts) == Decimal("45000")


def test_split_digest_mismatch_saves_nothing(world):
    plan = services.contribution_split_plan(
        region=world.region, total=Decimal("45000"), first_year=2025, last_year=2025
    )
    aalsmeer = world.municipalities["GM0358"]
    aalsmeer.inhabitants = 40000
    aalsmeer.save()
    with pytest.raises(ValidationError) as exc:
        services.contributions_request_split(
            by=world.manager,
            region=world.region,
            total=Decimal("45000"),
            first_year=2025,
            last_year=2025,
            expected_digest=plan.digest,
        )
    assert "voorvertoning" in exc.value.messages[0]
    assert MunicipalContribution.objects.filter(region=world.region).count() == 1


# --- decisions ---------------------------------------------------------------------------------


def decide(world, user=None, **overrides):
    arguments = {
        "by": user or world.officer,
        "contribution": world.contribution,
        "decision": "approved",
        "approved": None,
        "reason": "",
        "decided_on": TODAY(),
        "expected_version": 1,
    }
    arguments.update(overrides)
    return services.contribution_decide(**arguments)


def test_approve_fully_sets_approved_to_requested_and_records_history(world):
    decided = decide(world, decided_on=datetime.date(2024, 9, 24))
    decided.refresh_from_db()
    assert decided.status == "approved" and decided.approved == Decimal("23973.00")
    assert decided.decided_on == datetime.date(2024, 9, 24) and decided.version == 2
    record = decided.history.latest()
    assert record.history_user == world.officer
    assert "goedgekeurd" in record.history_change_reason


def test_partly_approve(world):
    decided = decide(
        world,
        decision="partly_approved",
        approved=Decimal("19414"),
        reason="Zelfde bedrag als 2020-2023",
    )
    assert decided.status == "partly_approved" and decided.approved == Decimal("19414")
    assert decided.decision_reason == "Zelfde bedrag als 2020-2023"


@pytest.mark.parametrize(
    "overrides, field, text",
    [
        (
            {"decision": "partly_approved", "approved": Decimal("30000"), "reason": "x"},
            "approved",
            "hoger dan het gevraagde",
        ),
        (
            {"decision": "partly_approved", "approved": Decimal("0"), "reason": "x"},
            "approved",
            "hoger zijn dan € 0",
        ),
        (
            {"decision": "partly_approved", "approved": None, "reason": "x"},
            "approved",
            "Vul het toegekende bedrag in",
        ),
        (
            {"decision": "partly_approved", "approved": Decimal("23973"), "reason": "x"},
            "approved",
            "gelijk aan het gevraagde",
        ),
        (
            {"decision": "partly_approved", "approved": Decimal("100"), "reason": "  "},
            "reason",
            "motivering",
        ),
        ({"decision": "rejected", "reason": ""}, "reason", "motivering"),
        ({"decision": "approved", "approved": Decimal("99999")}, "approved", "gevraagde bedrag"),
        ({"decided_on": datetime.date(2999, 1, 1)}, "decided_on", "toekomst"),
        ({"decision": "maybe"}, "decision", "Kies"),
    ],
)
def test_invalid_decisions_save_nothing(world, overrides, field, text):
    with pytest.raises(ValidationError) as exc:
        decide(world, **overrides)
    assert text.lower() in " ".join(exc.value.message_dict[field]).lower()
    world.contribution.refresh_from_db()
    assert world.contribution.status == "requested" and world.contribution.version == 1
    assert world.contribution.history.count() == 1


def test_reject_clears_the_approved_amount(world):
    decided = decide(
        world, decision="rejected", approved=Decimal("5"), reason="Geen dekking in de begroting"
    )
    assert decided.status == "rejected" and decided.approved is None


def test_second_decision_on_the_same_version_is_a_conflict_and_the_first_stays(world):
    colleague = MunicipalContributionFactory._meta.model.objects.get(pk=world.contribution.pk)
    decide(world, decision="partly_approved", approved=Decimal("20000"), reason="Begroting")
    with pytest.raises(services.DecisionConflict) as exc:
        decide(
            world,
            user=world.administrator,
            contribution=colleague,
            decision="rejected",
            reason="Nee",
        )
    message = exc.value.messages[0]
    assert message.startswith("Een collega heeft intussen over deze bijdrage besloten")
    assert "deels goedgekeurd" in message and "€ 20.000" in message and "amb-amstelveen" in message
    assert "Bekijk het besluit en probeer opnieuw" in message
    world.contribution.refresh_from_db()
    assert world.contribution.status == "partly_approved"
    assert world.contribution.approved == Decimal("20000")
    assert world.contribution.version == 2


def test_the_same_decision_sent_twice_is_saved_once(world):
    first = decide(world, decision="partly_approved", approved=Decimal("20000"), reason="Begroting")
    again = decide(world, decision="partly_approved", approved=Decimal("20000"), reason="Begroting")
    assert again.pk == first.pk and again.version == 2
    world.contribution.refresh_from_db()
    assert world.contribution.approved == Decimal("20000") and world.contribution.version == 2
    assert world.contribution.history.count() == 2  # created, decided: no second decision


def test_a_full_approval_sent_twice_is_saved_once(world):
    decide(world)
    decide(world)
    world.contribution.refresh_from_db()
    assert world.contribution.status == "approved" and world.contribution.version == 2
    assert world.contribution.history.count() == 2


def test_a_different_decision_on_a_stale_form_is_still_a_conflict(world):
    decide(world, decision="rejected", reason="Nee")
    with pytest.raises(services.DecisionConflict):
        decide(world, decision="rejected", reason="Toch anders")
    world.contribution.refresh_from_db()
    assert world.contribution.decision_reason == "Nee" and world.contribution.version == 2


def test_changed_request_is_a_conflict_for_an_open_decision_form(world):
    services.contribution_request(
        by=world.manager,
        region=world.region,
        municipality=world.contribution.municipality,
        year=2025,
        requested=Decimal("25000"),
        purpose=world.contribution.purpose,
    )
    with pytest.raises(services.DecisionConflict) as exc:
        decide(world)  # the officer's form still says version 1
    assert "€ 25.000" in exc.value.messages[0]
    world.contribution.refresh_from_db()
    assert world.contribution.status == "requested"


def test_a_decision_can_be_revised_with_the_current_version(world):
    decide(world, decision="rejected", reason="Eerst nee")
    revised = decide(world, decision="approved", expected_version=2)
    assert revised.status == "approved" and revised.version == 3
    assert revised.history.count() == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrent transactions need PostgreSQL (CI runs the suite there too)",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_one_wins_the_other_gets_a_conflict(world):
    import threading

    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def officer_decides(name, user, decision, reason):
        try:
            contribution = MunicipalContribution.objects.get(pk=world.contribution.pk)
            barrier.wait(timeout=10)
            services.contribution_decide(
                by=user,
                contribution=contribution,
                decision=decision,
                approved=None,
                reason=reason,
                decided_on=TODAY(),
                expected_version=1,
            )
            outcomes[name] = "saved"
        except services.DecisionConflict as exc:
            outcomes[name] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=officer_decides, args=("a", world.officer, "approved", "")),
        threading.Thread(
            target=officer_decides, args=("b", world.administrator, "rejected", "Nee")
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(map(str, outcomes.values())).count("saved") == 1, outcomes
    winner = "a" if outcomes["a"] == "saved" else "b"
    loser = outcomes["b" if winner == "a" else "a"]
    assert isinstance(loser, services.DecisionConflict)
    assert "Een collega heeft intussen over deze bijdrage besloten" in loser.messages[0]
    world.contribution.refresh_from_db()
    assert world.contribution.status == ("approved" if winner == "a" else "rejected")
    assert world.contribution.version == 2
    assert world.contribution.history.count() == 2
