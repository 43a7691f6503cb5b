"""Storing findings: open, keep, resolve, idempotent; the national check in a fixed number of
queries; ``check_rules``; what a user sees."""

import datetime
import json
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.rules import evaluate_all, findings_sync, open_findings_for, resolved_findings_for
from regions.models import Finding, Membership, Region
from regions.selectors import regions_visible_to
from tests.compliance.test_rules import DAY, compliant_region
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SignatureFactory,
    StudentCountFactory,
    UserFactory,
    manager_of,
)

pytestmark = pytest.mark.django_db

NEXT_DAY = DAY + datetime.timedelta(days=1)


def check(today):
    return findings_sync(today=today, results=evaluate_all(today), by=None)


def history_count():
    return Finding.history.count()


def test_sync_opens_findings_and_a_second_run_on_the_same_day_changes_nothing():
    c = compliant_region()
    c.mbo.memberships.all().delete()
    c.company.memberships.all().delete()
    user = UserFactory()

    summary = findings_sync(today=DAY, results=evaluate_all(DAY), by=user)
    assert (summary.opened, summary.resolved) == (2, 0)
    findings = {f.rule: f for f in Finding.objects.filter(region=c.region)}
    assert set(findings) == {"min_mbo", "min_company"}
    assert all(
        (f.first_seen, f.last_seen, f.resolved_at) == (DAY, DAY, None) for f in findings.values()
    )
    assert {h.history_user for h in Finding.history.all()} == {user}
    rows_before = list(Finding.objects.values())
    history_before = history_count()

    # Same day again: one read (the open findings), no write, no history row.
    results = evaluate_all(DAY)
    with CaptureQueriesContext(connection) as queries:
        summary = findings_sync(today=DAY, results=results, by=user)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert not {"INSERT", "UPDATE", "DELETE"} & set(statements)
    assert sum('FROM "regions_finding"' in q["sql"] for q in queries.captured_queries) == 1
    assert summary.as_dict() == {
        "opened": 0,
        "changed": 0,
        "seen": 0,
        "resolved": 0,
        "unchanged": 2,
    }
    assert list(Finding.objects.values()) == rows_before
    assert history_count() == history_before


def test_next_day_moves_last_seen_without_history_then_resolves_when_fixed():
    c = compliant_region()
    ended = c.mbo.memberships.get()
    ended.end = DAY - datetime.timedelta(days=1)
    ended.save()
    check(DAY)
    history_before = history_count()

    summary = check(NEXT_DAY)
    assert (summary.seen, summary.opened) == (1, 0)
    finding = Finding.objects.get(rule="min_mbo")
    assert (finding.first_seen, finding.last_seen, finding.resolved_at) == (DAY, NEXT_DAY, None)
    assert history_count() == history_before  # a heartbeat is not a change

    # A new mbo joins on the third day: the finding is resolved that day, with a history row.
    third = NEXT_DAY + datetime.timedelta(days=1)
    new_mbo = OrganisationFactory(mbo=True)
    MembershipFactory(region=c.region, organisation=new_mbo, start=third)
    SignatureFactory(convenant=c.convenant, organisation=new_mbo)  # else convenant_unsigned
    summary = check(third)
    assert summary.resolved == 1
    finding.refresh_from_db()
    assert (finding.first_seen, finding.last_seen, finding.resolved_at) == (DAY, NEXT_DAY, third)
    assert history_count() == history_before + 1
    assert not Finding.objects.open().exists()

    # It leaves again: a new finding is opened, the resolved one stays as it was.
    Membership.objects.filter(region=c.region, organisation__kind="mbo", end__isnull=True).update(
        end=third + datetime.timedelta(days=1)
    )
    fourth = third + datetime.timedelta(days=2)
    assert check(fourth).opened == 1
    assert list(
        Finding.objects.filter(rule="min_mbo")
        .order_by("first_seen")
        .values_list("first_seen", "resolved_at")
    ) == [(DAY, third), (fourth, None)]


def test_a_changed_message_is_updated_with_history():
    c = compliant_region()
    c.company.cofinancing.update(committed=Decimal("90000"))
    check(DAY)
    finding = Finding.objects.get(rule="cofinancing_share")
    assert "tekort € 10.000" in finding.message
    history_before = history_count()

    c.company.cofinancing.update(committed=Decimal("95000"))
    summary = check(NEXT_DAY)
    assert summary.changed == 1
    finding.refresh_from_db()
    assert "tekort € 5.000" in finding.message
    assert (finding.first_seen, finding.last_seen) == (DAY, NEXT_DAY)
    assert history_count() == history_before + 1


def test_a_look_back_to_an_earlier_day_leaves_later_findings_alone():
    c = compliant_region()
    c.company.memberships.update(start=datetime.date(2025, 2, 1))  # not a member before February
    check(DAY)
    assert not Finding.objects.exists()
    c.company.memberships.update(end=DAY)
    check(NEXT_DAY)
    finding = Finding.objects.get(rule="min_company")

    check(
        datetime.date(2025, 1, 15)
    )  # the company was not there yet either: same rule, same subject
    finding.refresh_from_db()
    assert (finding.first_seen, finding.last_seen, finding.resolved_at) == (
        NEXT_DAY,
        NEXT_DAY,
        None,
    )
    check(datetime.date(2025, 2, 15))  # then it was there: still not resolved by a look back
    finding.refresh_from_db()
    assert finding.resolved_at is None


def _country(size: int):
    """``size`` regions, each with open findings of several kinds, a techniekarm one among them."""
    regions = []
    for n in range(size):
        c = compliant_region(
            sto_number=f"STO{30000 + n}",
            signed=(n % 2 == 0),
            kind="techniekarm" if n % 3 == 0 else "techniek",
        )
        c.mbo.memberships.all().delete()
        StudentCountFactory(organisation=c.lead, profile="BWI", learning_path="BB", students=50)
        StudentCountFactory(organisation=c.lead, profile="E&O", learning_path="KB", students=50)
        regions.append(c)
    # one vmbo location in two regions
    MembershipFactory(region=regions[1].region, organisation=regions[0].vmbo)
    return regions


# evaluate_all reads 10 tables; findings_sync reads the open findings, bulk-inserts new findings
# and their history, bulk-updates changed and resolved ones with their history and moves
# last_seen on: 18 in all; in a test the sync's atomic block is a savepoint pair (+2), and on
# PostgreSQL the advisory lock adds one.
NATIONAL_CHECK_MAX_QUERIES = 21


@pytest.mark.parametrize("size", [3, 12, 78])
def test_the_national_check_runs_in_a_fixed_number_of_queries(size, django_assert_max_num_queries):
    regions = _country(size)
    with django_assert_max_num_queries(NATIONAL_CHECK_MAX_QUERIES):
        results = evaluate_all(DAY)
        findings_sync(today=DAY, results=results, by=None)
    counts = Counter(r.rule for r in results)
    assert counts == {
        "min_mbo": size,  # every region was checked
        "convenant_unsigned": size // 2,
        "techniekarm_share": (size + 2) // 3,
        "vmbo_single_region": 2,
    }
    assert Finding.objects.open().count() == len(results)

    # The next day with changes of every kind: open, change, keep, resolve.
    for c in regions[::2]:
        MembershipFactory(region=c.region, organisation=OrganisationFactory(mbo=True))
    for c in regions[1::2]:
        c.company.cofinancing.update(committed=Decimal("1"))
        SignatureFactory(convenant=c.convenant, organisation=c.lead)  # fewer missing: new message
    with django_assert_max_num_queries(NATIONAL_CHECK_MAX_QUERIES):
        summary = findings_sync(today=NEXT_DAY, results=evaluate_all(NEXT_DAY), by=None)
    assert summary.opened == size  # convenant_unsigned (new mbo) or cofinancing_share
    assert summary.resolved == (size + 1) // 2  # min_mbo where an mbo joined
    assert summary.changed == size // 2  # convenant_unsigned with one signer less
    assert summary.seen > 0


def test_check_rules_json_lists_findings_and_stores_them():
    c = compliant_region()
    c.company.memberships.all().delete()
    out = StringIO()
    call_command("check_rules", "--today", "2025-03-01", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == [
        {
            "region": c.region.sto_number,
            "region_name": c.region.name,
            "rule": "min_company",
            "severity": "error",
            "subject": "",
            "message": f"Regio {c.region.sto_number} heeft geen bedrijf als deelnemer; minimaal 1 nodig voor de cofinanciering (voorwaarde h).",
        }
    ]
    finding = Finding.objects.get()
    assert (finding.rule, finding.first_seen) == ("min_company", DAY)

    out = StringIO()
    call_command("check_rules", "--today", "2025-03-02", stdout=out)
    text = out.getvalue()
    assert f"{c.region.sto_number} {c.region.name}\n  [fout] min_company: Regio" in text
    assert "1 bevindingen (1 fouten, 0 waarschuwingen) in 1 regio's" in text
    assert "0 nieuw, 0 gewijzigd, 1 ongewijzigd open, 0 opgelost" in text
    finding.refresh_from_db()
    assert finding.last_seen == datetime.date(2025, 3, 2)


def test_check_rules_refuses_an_invalid_date():
    with pytest.raises(
        CommandError, match="Ongeldige datum voor --today: '2025-02-30'; gebruik JJJJ-MM-DD"
    ):
        call_command("check_rules", "--today", "2025-02-30")


def test_check_rules_no_store_only_prints():
    c = compliant_region()
    c.company.memberships.all().delete()
    out = StringIO()
    call_command("check_rules", "--today", "2025-03-01", "--no-store", stdout=out)
    assert "min_company" in out.getvalue()
    assert not Finding.objects.exists()


def test_open_findings_follow_what_the_user_may_see(reviewer, django_assert_num_queries):
    a = compliant_region()
    b = compliant_region()
    for c in (a, b):
        c.mbo.memberships.all().delete()
    Region.objects.filter(pk=a.region.pk).update(lead=None)
    check(DAY)
    manager = manager_of(a.region)

    # roles of the user, the regions they manage, then the findings with their region
    with django_assert_num_queries(3):
        own = [
            (f.region.sto_number, f.rule) for f in open_findings_for(regions_visible_to(manager))
        ]
    # errors first within the region, then by rule
    assert own == [(a.region.sto_number, "lead_technical_vmbo"), (a.region.sto_number, "min_mbo")]
    seen_by_reviewer = {
        f.region.sto_number for f in open_findings_for(regions_visible_to(reviewer))
    }
    assert seen_by_reviewer == {a.region.sto_number, b.region.sto_number}
    assert list(open_findings_for(regions_visible_to(UserFactory()))) == []

    MembershipFactory(region=a.region, organisation=OrganisationFactory(mbo=True))
    check(NEXT_DAY)
    resolved = [(f.rule, f.resolved_at) for f in resolved_findings_for(regions_visible_to(manager))]
    assert resolved == [("min_mbo", NEXT_DAY)]
