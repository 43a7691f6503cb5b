"""``rank_applications`` gives exactly the order, awarded amounts and statuses of
docs/interfaces.md §6 on data sets built by hand."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from assessment import services
from assessment.framework import SUB_ASPECT_CODES
from assessment.models import Ceiling, LotDraw
from regions.roles import Role
from tests.factories import UserFactory

from .conftest import assessed

pytestmark = pytest.mark.django_db


def worth(total: int) -> dict[str, int]:
    """Scores of 10 on the first sub-aspects, adding up to ``total`` (a multiple of 10)."""
    return dict.fromkeys(SUB_ASPECT_CODES[: total // 10], 10)


def rank(period: str = "2025-2028", ceiling: str = "10000000") -> list[dict]:
    out = io.StringIO()
    call_command("rank_applications", period, "--ceiling", ceiling, "--json", stdout=out)
    return json.loads(out.getvalue())


def outcome(rows: list[dict]) -> list[tuple]:
    return [(r["region"], r["total_score"], r["awarded"], r["status"]) for r in rows]


def test_a_tie_in_total_is_broken_on_dekkend_and_a_failed_minimum_is_out(application):
    a = application("STO19101", "3000000")
    b = application("STO19102", "2000000")
    c = application("STO19103", "1000000")
    # a and b both total 20, but b scores 12 on dekkend (regiovisie + onderwijsaanbod +
    # activiteitenplan) against a's 6.
    assessed(a, {"R1": {"regiovisie": 6, "kwaliteitsverbetering": 10, "cofinanciering": 4}})
    assessed(b, {"R1": {"regiovisie": 6, "onderwijsaanbod": 6, "cofinanciering": 8}})
    # c scores highest, but one reviewer finds a minimum requirement not met.
    assessed(
        c,
        {"R1": worth(30), "R2": worth(30)},
        failed={"R2": {"cofinanciering": "Cofinanciering niet geborgd."}},
    )
    rows = rank(ceiling="10000000")
    assert outcome(rows) == [
        ("STO19102", 20, 2000000, "funded"),
        ("STO19101", 20, 3000000, "funded"),
        ("STO19103", 30, 0, "rejected_minimum"),
    ]
    assert [r["rank"] for r in rows] == [1, 2, None]
    assert rows[0]["dekkend_score"] == 12 and rows[1]["dekkend_score"] == 6
    assert "hogere score op criterium dekkend" in rows[0]["why"][0]
    assert "Cofinanciering niet geborgd." in " ".join(rows[2]["why"])


def test_a_sub_aspect_scores_the_mean_of_its_reviewers(application):
    plan = application("STO19101", "1000000")
    assessed(
        plan,
        {
            "R1": {"regiovisie": 7, "doelmatigheid": 5},
            "R2": {"regiovisie": 8, "doelmatigheid": 6},
            "R3": {"regiovisie": 8, "doelmatigheid": 6},
        },
    )
    [row] = rank()
    # regiovisie (7 + 8 + 8) / 3 = 7.667, doelmatigheid 17 / 3 = 5.667: 13.333 in all.
    assert row["total_score"] == 13.33
    assert row["reviewers"] == ["R1", "R2", "R3"]


def test_funding_in_rank_order_with_the_first_that_does_not_fit_partly_funded(application):
    first = application("STO19101", "4000000")
    second = application("STO19102", "3000000")
    third = application("STO19103", "5000000")
    fourth = application("STO19104", "500000")  # would fit in what is left, but comes later
    for plan, score in ((first, 40), (second, 30), (third, 20), (fourth, 10)):
        assessed(plan, {"R1": worth(score), "R2": worth(score)})
    rows = rank(ceiling="9000000")
    assert outcome(rows) == [
        ("STO19101", 40, 4000000, "funded"),
        ("STO19102", 30, 3000000, "funded"),
        ("STO19103", 20, 2000000, "partly_funded"),
        ("STO19104", 10, 0, "not_funded"),
    ]
    assert sum(r["awarded"] for r in rows) == 9000000
    assert [r["requested"] for r in rows] == [4000000, 3000000, 5000000, 500000]


def test_nothing_left_is_not_funded_rather_than_partly(application):
    first = application("STO19101", "4000000")
    second = application("STO19102", "3000000")
    assessed(first, {"R1": {"regiovisie": 9}})
    assessed(second, {"R1": {"regiovisie": 8}})
    assert outcome(rank(ceiling="4000000")) == [
        ("STO19101", 9, 4000000, "funded"),
        ("STO19102", 8, 0, "not_funded"),
    ]


def test_a_ceiling_that_funds_everyone(application):
    plans = [application(f"STO1910{i}", f"{i}000000.50") for i in range(1, 4)]
    for i, plan in enumerate(plans):
        assessed(plan, {"R1": {"regiovisie": 5 + i}})
    rows = rank(ceiling="20000000")
    assert outcome(rows) == [
        ("STO19103", 7, 3000000.5, "funded"),
        ("STO19102", 6, 2000000.5, "funded"),
        ("STO19101", 5, 1000000.5, "funded"),
    ]


def test_a_tie_that_is_left_is_decided_by_a_recorded_lot(application):
    plans = [application(f"STO1910{i}", "1000000") for i in range(1, 4)]
    for plan in plans:
        assessed(plan, {"R1": {"regiovisie": 5, "meerjarenbegroting": 5}})
    first = rank(ceiling="2500000")
    draws = dict(LotDraw.objects.values_list("region__sto_number", "number"))
    assert set(draws) == {"STO19101", "STO19102", "STO19103"}
    expected = sorted(draws, key=draws.get)
    assert [r["region"] for r in first] == expected
    assert [r["status"] for r in first] == ["funded", "funded", "partly_funded"]
    assert [r["lot"] for r in first] == sorted(draws.values())
    assert "loting" in first[0]["why"][0]
    # Ranked again: the same lots, the same order, nothing drawn anew.
    again = rank(ceiling="2500000")
    assert [r["region"] for r in again] == expected
    assert LotDraw.objects.count() == 3
    history = LotDraw.history.filter(history_type="+")
    assert history.count() == 3 and {h.history_change_reason for h in history} == {
        "loting bij gelijke score"
    }


def test_only_techniekarm_regions_and_a_draft_is_out(application):
    draft = application("STO19101", "1000000", status="draft")
    application("STO19102", "1000000", kind="techniek")  # not ranked at all
    scored = application("STO19103", "1000000")
    assessed(scored, {"R1": {"regiovisie": 1}})
    rows = rank()
    assert outcome(rows) == [
        ("STO19103", 1, 1000000, "funded"),
        ("STO19101", 0, 0, "rejected_minimum"),
    ]
    assert draft.region.sto_number == rows[1]["region"]
    assert "niet ingediend" in rows[1]["why"][0]


def test_an_open_review_does_not_count(application, period):
    plan = application("STO19101", "1000000")
    assessed(plan, {"R1": {"regiovisie": 4}})
    reviewer = UserFactory(role="Beoordelaar")
    coordinator = UserFactory(role="Coördinerend beoordelaar")
    review = services.review_assign(by=coordinator, plan=plan, reviewer=reviewer)
    services.judgements_save(
        by=reviewer,
        review=review,
        items=[
            services.JudgementInput(
                "cofinanciering", minimum_met=False, reason="x", score=Decimal(9)
            )
        ],
    )
    [row] = rank()
    assert (row["total_score"], row["status"]) == (4, "funded")


def test_the_ceiling_is_recorded_as_published(application):
    application("STO19101", "1000000")
    rank(ceiling="20000000")
    assert Ceiling.objects.get().amount == Decimal("20000000")


def test_bad_input_is_refused_with_a_clear_message(period):
    with pytest.raises(CommandError, match="Onbekende periode '2030-2033'"):
        rank(period="2030-2033")
    with pytest.raises(CommandError, match="Ongeldig plafond 'veel'"):
        rank(ceiling="veel")
    with pytest.raises(CommandError, match="Ongeldig plafond '-5'"):
        rank(ceiling="-5")


def test_reviews_count_with_the_weights_of_the_version_they_were_scored_with(application, period):
    """A newer version of the period's framework (a new round) does not reweigh the reviews
    already given under the old one: the ranking and the scores side by side agree."""
    plan = application("STO19111", "1000000")
    assessed(plan, {"R1": {"regiovisie": 6}, "R2": {"regiovisie": 8}})
    admin = UserFactory(username="kaderbeheer", role=Role.ADMINISTRATOR)
    newer = services.framework_new_version(by=admin, period=period, note="ronde 2")
    services.framework_update(
        by=admin,
        framework=newer,
        scored_kinds=["techniekarm"],
        spread_threshold=newer.spread_threshold,
        note="regiovisie telt driemaal",
        sub_aspects={
            "regiovisie": services.SubAspectSetting(scored=True, scale_max=10, weight=Decimal(3))
        },
    )
    [row] = rank()
    assert row["total_score"] == 7.0  # (6 + 8) / 2 once, as version 1 weighs it
    fresh = application("STO19112", "1000000")
    assessed(fresh, {"R1": {"regiovisie": 6}, "R2": {"regiovisie": 8}})  # under version 2
    totals = {r["region"]: r["total_score"] for r in rank()}
    assert totals == {"STO19111": 7.0, "STO19112": 21.0}


def test_every_sub_aspect_has_a_short_label_for_readers():
    from assessment.bijlage_c import SUB_ASPECT_LABELS

    assert list(SUB_ASPECT_LABELS) == list(SUB_ASPECT_CODES)
    assert all(label[0].isupper() and "_" not in label for label in SUB_ASPECT_LABELS.values())
