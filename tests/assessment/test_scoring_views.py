"""The scoring pages: assigning reviewers, the scoring page (drafts, all-or-nothing submitting,
the running total), the scores side by side, the work list, the workload and the framework.
Facts: who is offered and who may see what, totals, problems at the top and at the field."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessment import services
from assessment.framework import SUB_ASPECT_CODES, framework_in_force
from assessment.models import Judgement, Review, SubAspect
from plans.models import Plan, PlanStatus
from regions.roles import Role
from tests.factories import UserFactory, manager_of

from .conftest import assessed

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    coordinator = UserFactory(username="coordinator", role=Role.REVIEWER)
    coordinator.groups.add(Group.objects.get_or_create(name=Role.COORDINATOR.value)[0])
    return {
        "coordinator": coordinator,
        "anna": UserFactory(username="anna", role=Role.REVIEWER),
        "bram": UserFactory(username="bram", role=Role.REVIEWER),
        "admin": UserFactory(username="beheer", role=Role.ADMINISTRATOR),
    }


def html(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page as words, without tags and extra white space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html(response)))


def app_url(name: str, plan: Plan) -> str:
    return reverse(
        f"assessment:{name}", args=[plan.region.sto_number, plan.period.code, plan.version]
    )


def scoring(scores: dict[str, str] | None = None, **overrides: str) -> dict[str, str]:
    """POST data for the scoring page: every minimum met, the given scores (default "5")."""
    scores = scores or {}
    data = {}
    for code in SUB_ASPECT_CODES:
        data[f"{code}-minimum_met"] = "ja"
        data[f"{code}-reason"] = ""
        data[f"{code}-score"] = scores.get(code, "5")
        data[f"{code}-note"] = ""
    data.update(overrides)
    return data


@pytest.fixture
def two_reviewers(application, people):
    plan = application("STO19101", "1000000")
    for name in ("anna", "bram"):
        services.review_assign(by=people["coordinator"], plan=plan, reviewer=people[name])
    return plan


def review_of(plan: Plan, user) -> Review:
    return Review.objects.get(plan=plan, reviewer=user)


# --- assignment ----------------------------------------------------------------------------------


def test_the_coordinator_assigns_two_reviewers_and_sees_when_enough(client, application, people):
    plan = application("STO19101", "1000000")
    pm_reviewer = manager_of(plan.region, username="pm-en-beoordelaar")
    pm_reviewer.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    client.force_login(people["coordinator"])
    page = client.get(app_url("assign", plan))
    offered = [label for value, label in page.context["form"].fields["reviewer"].choices if value]
    # Only reviewers without another role in the region are offered, with their workload.
    assert [label.split(" ")[0] for label in offered] == ["anna", "bram", "coordinator"]
    assert "anna (0 open, 0 ingediend)" in offered
    assert "Nog 2 beoordelaars nodig" in text(page)

    response = client.post(app_url("assign", plan), {"reviewer": people["anna"].pk})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.UNDER_ASSESSMENT
    page = client.get(reverse("assessment:applications"))
    assert "nog 1 beoordelaar nodig" in text(page)
    assert "0 van 1 ingediend" in text(page)

    client.post(app_url("assign", plan), {"reviewer": people["bram"].pk})
    page = client.get(app_url("assign", plan))
    assert "Voldoende beoordelaars" in text(page)
    assert [r.reviewer for r in plan.reviews.order_by("pk")] == [people["anna"], people["bram"]]
    assert "nodig" not in text(client.get(reverse("assessment:applications")))
    # The programme manager who is also a reviewer cannot be assigned, not even by a crafted POST.
    refused = client.post(app_url("assign", plan), {"reviewer": pm_reviewer.pk})
    assert refused.status_code == 400
    assert "Beoordelaar: Selecteer een geldige keuze." in text(refused)
    assert not Review.objects.filter(reviewer=pm_reviewer).exists()
    # The history names who assigned whom.
    history = Review.history.filter(reviewer=people["anna"]).first()
    assert history.history_user == people["coordinator"]


def test_an_assignment_not_started_on_is_withdrawn(client, two_reviewers, people):
    plan = two_reviewers
    anna, bram = review_of(plan, people["anna"]), review_of(plan, people["bram"])
    services.judgements_save(
        by=people["bram"],
        review=bram,
        items=[services.JudgementInput("regiovisie", True)],
    )
    client.force_login(people["coordinator"])
    assert client.post(app_url("assign", plan), {"intrekken": anna.pk}).status_code == 302
    assert not Review.objects.filter(pk=anna.pk).exists()
    response = client.post(app_url("assign", plan), {"intrekken": bram.pk}, follow=True)
    assert "al aan de beoordeling begonnen" in text(response)
    assert Review.objects.filter(pk=bram.pk).exists()


# --- the scoring page ----------------------------------------------------------------------------


def test_the_scoring_page_writes_out_the_framework(client, two_reviewers, people):
    client.force_login(people["anna"])
    page = client.get(
        reverse("assessment:review", args=[review_of(two_reviewers, people["anna"]).pk])
    )
    body = text(page)
    framework = framework_in_force(two_reviewers.period)
    first = SubAspect.objects.get(criterion__framework=framework, code="regiovisie")
    assert first.requirements[0] in body
    assert body.count("Voldoet aan de minimale vereisten") == len(SUB_ASPECT_CODES)
    assert body.count("Score (0 tot en met 10)") == len(SUB_ASPECT_CODES)
    assert "Lopend totaal van uw scores (met weging): 0,00" in body
    assert 'src="/static/js/running-total.js"' in html(page)


def test_a_draft_is_saved_and_the_running_total_computed_on_the_server(
    client, two_reviewers, people
):
    review = review_of(two_reviewers, people["anna"])
    url = reverse("assessment:review", args=[review.pk])
    client.force_login(people["anna"])
    response = client.post(
        url,
        {
            "actie": "opslaan",
            "regiovisie-minimum_met": "ja",
            "regiovisie-score": "7,5",
            "aansluiting_trajecten-score": "8",
            "aansluiting_trajecten-note": "Sterke samenwerking met het mbo.",
        },
    )
    assert response.status_code == 302
    saved = {j.sub_aspect.code: j for j in Judgement.objects.filter(review=review)}
    assert set(saved) == {"regiovisie", "aansluiting_trajecten"}  # untouched sub-aspects stay away
    assert saved["regiovisie"].minimum_met is True
    assert saved["regiovisie"].score == Decimal("7.5")
    assert saved["aansluiting_trajecten"].minimum_met is None
    assert saved["aansluiting_trajecten"].note == "Sterke samenwerking met het mbo."
    page = client.get(url)
    assert "Lopend totaal van uw scores (met weging): 15,50" in text(page)
    assert "Uw beoordeling is opgeslagen als concept." in text(page)
    assert Review.objects.get(pk=review.pk).submitted_at is None
    # The history shows the score with who and when.
    assert "oordeel van anna over regiovisie" in text(page)


def test_weights_count_in_the_running_total(client, two_reviewers, people):
    framework = framework_in_force(two_reviewers.period)
    SubAspect.objects.filter(criterion__framework=framework, code="regiovisie").update(
        weight=Decimal("2")
    )
    review = review_of(two_reviewers, people["anna"])
    client.force_login(people["anna"])
    client.post(
        reverse("assessment:review", args=[review.pk]),
        {"actie": "opslaan", "regiovisie-score": "6", "samenwerkingsovereenkomst-score": "3,25"},
    )
    page = client.get(reverse("assessment:review", args=[review.pk]))
    assert "Lopend totaal van uw scores (met weging): 15,25" in text(page)
    assert 'data-weight="2.00"' in html(page)


def test_no_without_a_reason_is_shown_at_the_top_and_at_the_field_and_nothing_is_lost(
    client, two_reviewers, people
):
    review = review_of(two_reviewers, people["anna"])
    client.force_login(people["anna"])
    response = client.post(
        reverse("assessment:review", args=[review.pk]),
        {
            "actie": "opslaan",
            "regiovisie-minimum_met": "nee",
            "regiovisie-score": "4",
            "regiovisie-note": "Analyse ontbreekt grotendeels.",
            "samenwerkingsovereenkomst-score": "11",
        },
    )
    assert response.status_code == 400
    assert not Judgement.objects.filter(review=review).exists()
    body = html(response)
    start = body.index('class="error-summary"')
    summary = body[start : body.index("</div>", start)]
    assert 'href="#id_samenwerkingsovereenkomst-score"' in summary
    assert "Score (0 tot en met 10): Zorg ervoor dat deze waarde hoogstens 10 is." in summary
    # What was typed is still there.
    assert "Analyse ontbreekt grotendeels." in body
    assert re.search(r'<input[^>]*value="nee"[^>]*checked', body)
    # Once the shape is right, the service's rule shows at the reason field.
    response = client.post(
        reverse("assessment:review", args=[review.pk]),
        {"actie": "opslaan", "regiovisie-minimum_met": "nee", "regiovisie-score": "4"},
    )
    assert response.status_code == 400
    body = html(response)
    assert 'href="#id_regiovisie-reason"' in body
    assert 'id="id_regiovisie-reason_error"' in body
    assert "Geef de reden waarom niet aan de minimale vereisten is voldaan." in body
    assert not Judgement.objects.filter(review=review).exists()


def test_submitting_is_all_or_nothing(client, two_reviewers, people):
    review = review_of(two_reviewers, people["anna"])
    url = reverse("assessment:review", args=[review.pk])
    client.force_login(people["anna"])
    incomplete = scoring(**{"onderwijsaanbod-score": "", "doelmatigheid-minimum_met": ""})
    incomplete["actie"] = "indienen"
    response = client.post(url, incomplete)
    assert response.status_code == 400
    body = html(response)
    assert 'href="#id_onderwijsaanbod-score"' in body
    assert 'href="#id_doelmatigheid-minimum_met_0"' in body
    assert "Er is niets opgeslagen of ingediend." in body
    assert not Judgement.objects.filter(review=review).exists()  # not even as a draft
    assert Review.objects.get(pk=review.pk).submitted_at is None
    complete = scoring({"regiovisie": "7,5"}) | {"actie": "indienen"}
    response = client.post(url, complete)
    assert response.status_code == 302
    assert response["Location"] == app_url("scores", two_reviewers)
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert Judgement.objects.filter(review=review).count() == len(SUB_ASPECT_CODES)
    # Submitted: frozen, the page shows the judgement read-only.
    page = client.get(url)
    assert "ligt vast" in text(page) and 'name="actie"' not in html(page)
    assert "Uw totaalscore: 52,50" in text(page)
    assert client.post(url, complete).status_code == 302
    assert Judgement.objects.get(review=review, sub_aspect__code="regiovisie").score == Decimal(
        "7.5"
    )


def test_a_techniek_region_is_judged_on_the_minimum_only(client, application, people):
    plan = application("STO19102", "500000", kind="techniek")
    services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    client.force_login(people["anna"])
    page = client.get(reverse("assessment:review", args=[review_of(plan, people["anna"]).pk]))
    assert "Score (0 tot en met" not in text(page)
    assert "Lopend totaal" not in text(page)
    assert "running-total.js" not in html(page)


def test_only_the_assigned_reviewer_opens_a_review(client, two_reviewers, people):
    review = review_of(two_reviewers, people["anna"])
    for who in ("bram", "coordinator", "admin"):
        client.force_login(people[who])
        assert client.get(reverse("assessment:review", args=[review.pk])).status_code == 404


# --- the scores side by side ---------------------------------------------------------------------


def test_scores_appear_side_by_side_only_after_submitting_ones_own(client, two_reviewers, people):
    plan = two_reviewers
    url = app_url("scores", plan)
    anna, bram = review_of(plan, people["anna"]), review_of(plan, people["bram"])
    client.force_login(people["anna"])
    assert client.get(url).status_code == 403
    client.post(
        reverse("assessment:review", args=[anna.pk]),
        scoring({"regiovisie": "8", "samenwerkingsovereenkomst": "6"}) | {"actie": "indienen"},
    )
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["names"] == ["anna"]
    assert "Nog niet ingediend: bram." in text(page)
    client.force_login(people["bram"])
    assert client.get(url).status_code == 403  # bram has not submitted
    client.post(
        reverse("assessment:review", args=[bram.pk]),
        scoring({"regiovisie": "4,5", "samenwerkingsovereenkomst": "5"})
        | {"actie": "indienen", "samenwerkingsovereenkomst-note": "Rollen onduidelijk."},
    )
    page = client.get(url)
    assert page.context["names"] == ["anna", "bram"]
    rows = {row["sub"].code: row for section in page.context["sections"] for row in section["rows"]}
    # regiovisie: 8 and 4,5 differ by 3,5 > 2 (the threshold): marked with a word, not only style.
    assert rows["regiovisie"]["mean"] == Decimal("6.25")
    assert rows["regiovisie"]["spread"] == Decimal("3.5")
    assert rows["regiovisie"]["stands_out"] is True
    assert (
        rows["samenwerkingsovereenkomst"]["spread"] == Decimal("1")
        and not rows["samenwerkingsovereenkomst"]["stands_out"]
    )
    body = text(page)
    assert body.count("groot verschil") == 1 + 1  # the explanation and the one marked row
    assert "Rollen onduidelijk." in body
    # Totals: anna 8 + 6 + 8 × 5 = 54; bram 4,5 + 5 + 40 = 49,5; the means add up to 51,75.
    assert page.context["totals"] == [Decimal("54.00"), Decimal("49.50")]
    assert page.context["total"] == Decimal("51.75")
    assert "51,75" in body
    # The coordinator sees them too, with the history of every score; a reviewer not assigned
    # does not.
    client.force_login(people["coordinator"])
    page = client.get(url)
    assert page.status_code == 200
    history = [
        e for e in page.context["history"] if e["type"] == "oordeel van bram over regiovisie"
    ]
    assert [(e["who"], e["changes"][1]["new"]) for e in history] == [
        (people["bram"], Decimal("4.5"))
    ]
    assert "beoordeling van anna" in text(page)
    outsider = UserFactory(username="carla", role=Role.REVIEWER)
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_a_failed_minimum_is_shown_with_its_reason(client, application, people):
    plan = application("STO19103", "800000", status="under_assessment")
    assessed(
        plan,
        {"extern-1": {"regiovisie": 6}, "extern-2": {"regiovisie": 7}},
        failed={"extern-2": {"doelmatigheid": "Geen doelmatigheidsanalyse."}},
    )
    client.force_login(people["coordinator"])
    body = text(client.get(app_url("scores", plan)))
    assert "extern-2 – doelmatigheid: Geen doelmatigheidsanalyse." in body
    assert "vereisten niet voldaan" in body


def test_the_programme_manager_sees_the_scores_only_once_the_decision_is_approved(
    client, application, people
):
    plan = application("STO19103", "800000", status="under_assessment")
    assessed(plan, {"extern-1": {"regiovisie": 6}, "extern-2": {"regiovisie": 9}})
    manager = manager_of(plan.region, username="pm-zeeland")
    client.force_login(manager)
    assert client.get(app_url("scores", plan)).status_code == 404
    decision = services.decision_propose(
        by=people["coordinator"],
        plan=plan,
        outcome="approved",
        awarded=Decimal("800000"),
        motivation="Voldoet aan alle minimale vereisten.",
    )
    assert client.get(app_url("scores", plan)).status_code == 404  # proposed, not yet approved
    services.decision_approve(by=people["admin"], decision=decision)
    page = client.get(app_url("scores", plan))
    assert page.status_code == 200
    assert page.context["names"] == ["extern-1", "extern-2"]
    assert "7,50" in text(page)  # the mean of 6 and 9 on the regiovisie
    # The manager of another region does not.
    client.force_login(manager_of(application("STO19104", "1").region, username="pm-ander"))
    assert client.get(app_url("scores", plan)).status_code == 404


# --- the lists -----------------------------------------------------------------------------------


def test_the_work_list_shows_open_reviews_first(client, application, people):
    first = application("STO19101", "1000000")
    second = application("STO19102", "900000")
    for plan in (first, second):
        services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    services.judgements_save(
        by=people["anna"],
        review=review_of(first, people["anna"]),
        items=[
            services.JudgementInput(code, True, score=Decimal("5")) for code in SUB_ASPECT_CODES
        ],
    )
    services.review_submit(by=people["anna"], review=review_of(first, people["anna"]))
    client.force_login(people["anna"])
    page = client.get(reverse("assessment:work_list"))
    assert [r.plan.region.sto_number for r in page.context["reviews"]] == ["STO19102", "STO19101"]
    body = text(page)
    assert "Regio 02" in body and "Regio 01" in body
    assert body.index("Regio 02") < body.index("Regio 01")
    client.force_login(people["bram"])
    assert list(client.get(reverse("assessment:work_list")).context["reviews"]) == []


def test_a_reviewer_sees_only_the_applications_assigned_to_them(client, application, people):
    mine = application("STO19101", "1000000")
    application("STO19102", "900000")
    services.review_assign(by=people["coordinator"], plan=mine, reviewer=people["anna"])
    client.force_login(people["anna"])
    page = client.get(reverse("assessment:applications"))
    assert [row["plan"].region.sto_number for row in page.context["rows"]] == ["STO19101"]
    assert "Beoordelaars toewijzen" not in text(page)
    client.force_login(people["coordinator"])
    page = client.get(reverse("assessment:applications"))
    assert [row["plan"].region.sto_number for row in page.context["rows"]] == [
        "STO19101",
        "STO19102",
    ]


def test_the_menu_entry_is_for_those_who_assess(client, application, people):
    plan = application("STO19101", "1000000")
    for who in ("anna", "coordinator", "admin"):
        client.force_login(people[who])
        assert 'href="/beoordeling/"' in html(client.get(reverse("home"), follow=True))
    client.force_login(manager_of(plan.region, username="pm-alleen"))
    assert 'href="/beoordeling/"' not in html(client.get(reverse("home"), follow=True))
    assert client.get(reverse("assessment:applications")).status_code == 403


def test_the_workload_counts_per_reviewer(client, two_reviewers, application, people):
    other = application("STO19104", "700000")
    services.review_assign(by=people["coordinator"], plan=other, reviewer=people["anna"])
    client.force_login(people["coordinator"])
    page = client.get(reverse("assessment:workload"))
    rows = {
        row.reviewer.username: (row.assigned, row.submitted, row.open)
        for row in page.context["rows"]
    }
    assert (
        rows["anna"] == (2, 0, 2) and rows["bram"] == (1, 0, 1) and rows["coordinator"] == (0, 0, 0)
    )
    client.force_login(people["anna"])
    assert client.get(reverse("assessment:workload")).status_code == 403


# --- the framework -------------------------------------------------------------------------------


def test_an_administrator_adjusts_a_version_not_in_use(client, application, people, period):
    client.force_login(people["admin"])
    url = reverse("assessment:framework", args=[period.code])
    assert "nog geen kader vastgelegd" in text(client.get(url))
    assert client.post(url, {"actie": "vastleggen"}).status_code == 302
    framework = framework_in_force(period)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if not k.endswith("-scored")}
    data |= {k: "on" for k, v in form.initial.items() if k.endswith("-scored") and v}
    data |= {
        "actie": "aanpassen",
        "scored_kinds": ["techniekarm"],
        "spread_threshold": "1,5",
        "note": "Regiovisie telt dubbel.",
        "regiovisie-weight": "2",
        "samenwerkingsovereenkomst-scale_max": "5",
    }
    wrong = client.post(url, data | {"regiovisie-weight": "-1", "spread_threshold": ""})
    assert wrong.status_code == 400
    assert 'class="error-summary"' in html(wrong)
    assert 'id="id_regiovisie-weight_error"' in html(wrong)
    assert 'id="id_spread_threshold_error"' in html(wrong)
    assert SubAspect.objects.get(criterion__framework=framework, code="regiovisie").weight == 1
    response = client.post(url, data)
    assert response.status_code == 302
    sub = SubAspect.objects.get(criterion__framework=framework, code="regiovisie")
    assert sub.weight == Decimal("2")
    assert (
        SubAspect.objects.get(
            criterion__framework=framework, code="samenwerkingsovereenkomst"
        ).scale_max
        == 5
    )
    framework.refresh_from_db()
    assert (
        framework.spread_threshold == Decimal("1.5") and framework.note == "Regiovisie telt dubbel."
    )
    assert "beoordelingskader aangepast" in text(client.get(url))
    # Once a review uses it, it is frozen: no form, and a POST changes nothing.
    plan = application("STO19101", "1000000")
    services.review_assign(by=people["coordinator"], plan=plan, reviewer=people["anna"])
    page = client.get(url)
    assert page.context["form"] is None and "ligt vast" in text(page)
    client.post(url, data | {"regiovisie-weight": "3"})
    assert SubAspect.objects.get(pk=sub.pk).weight == Decimal("2")
    # A new version for a new round starts as a copy.
    assert client.post(url, {"actie": "nieuwe-versie", "nieuw-note": "Ronde 2"}).status_code == 302
    latest = framework_in_force(period)
    assert latest.version == 2 and latest.note == "Ronde 2"
    assert SubAspect.objects.get(criterion__framework=latest, code="regiovisie").weight == 2
    page = client.get(url)
    assert page.context["form"] is not None
    assert "versie 1" in text(page) and "versie 2" in text(page)
    older = client.get(url, {"versie": 1})
    assert older.context["chosen"].version == 1 and older.context["form"] is None


def test_only_an_administrator_adjusts_the_framework(client, people, period):
    services.framework_ensure(by=None, period=period)
    url = reverse("assessment:framework", args=[period.code])
    for who in ("coordinator", "anna"):
        client.force_login(people[who])
        page = client.get(url)
        assert page.status_code == 200 and page.context["form"] is None
        assert client.post(url, {"actie": "nieuwe-versie"}).status_code == 403
    assert framework_in_force(period).version == 1


# --- query counts at two sizes -------------------------------------------------------------------


def _applications(application, people, size: int) -> list[Plan]:
    plans = []
    for index in range(size):
        plan = application(f"STO19{index + 100}", "500000")
        for name in ("anna", "bram"):
            services.review_assign(by=people["coordinator"], plan=plan, reviewer=people[name])
        plans.append(plan)
    return plans


@pytest.mark.parametrize("size", [2, 8])
def test_the_lists_run_a_fixed_number_of_queries(
    client, application, people, size, django_assert_num_queries
):
    plans = _applications(application, people, size)
    for plan in plans:
        assessed(plan, {"extern-1": {}, "extern-2": {"regiovisie": 9}})
    client.force_login(people["coordinator"])
    with django_assert_num_queries(7):  # the same at both sizes
        page = client.get(reverse("assessment:applications"))
    assert len(page.context["rows"]) == size
    with django_assert_num_queries(6):
        page = client.get(reverse("assessment:workload"))
    assert {r.reviewer.username: r.assigned for r in page.context["rows"]}["anna"] == size
    client.force_login(people["anna"])
    with django_assert_num_queries(4):
        page = client.get(reverse("assessment:work_list"))
    assert len(page.context["reviews"]) == size


@pytest.mark.parametrize("reviewers", [2, 6])
def test_the_scores_page_runs_a_fixed_number_of_queries(
    client, application, people, reviewers, django_assert_num_queries
):
    plan = application("STO19101", "500000", status="under_assessment")
    assessed(plan, {f"extern-{i}": {"regiovisie": i} for i in range(reviewers)})
    client.force_login(people["coordinator"])
    with django_assert_num_queries(15):  # the same for 2 and 6 reviewers
        page = client.get(app_url("scores", plan))
    assert len(page.context["names"]) == reviewers
