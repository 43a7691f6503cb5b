"""The money pages: what they show, form errors next to the field, the split tool, the
decision form with its conflict message, history, and the Excel exports."""

import datetime
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook

from cofinancing.models import CofinancingCommitment, MunicipalContribution
from tests.factories import (
    CofinancingCommitmentFactory,
    MunicipalContributionFactory,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"cofinancing:{name}", args=args)


def text(response) -> str:
    """The page's visible text, whitespace collapsed (for asserting facts)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def field_errors(response, field: str) -> list[str]:
    """The error messages rendered next to ``field`` (the ``…_error`` list of the field include)."""
    html = response.content.decode()
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, flags=re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1), flags=re.S) if match else []


# --- co-financing ------------------------------------------------------------------------------


def test_commitment_list_shows_lines_totals_and_period_percentage(client, world):
    CofinancingCommitmentFactory(
        region=world.region,
        organisation=world.company,
        year=2026,
        form="cash",
        committed=Decimal("30000"),
        realised=Decimal("1399000.50"),
    )
    client.force_login(world.manager)
    response = client.get(url("commitment_list", "STO19040"))
    assert response.status_code == 200
    page = text(response)
    assert "Bouwbedrijf Amstel B.V." in page
    assert "€ 50.000" in page and "€ 30.000" in page and "€ 1.399.000,50" in page
    # Period 2025-2028: grant € 1.000.000 (2025 only), committed 80.000 = 8,0 % < 10 %.
    assert "2025-2028" in page and "8,0%" in page and "onder het minimum" in page
    assert "€ 100.000" in page  # the minimum amount
    assert "Verre Techniek" not in page and "€ 77.777" not in page
    assert "2.025" not in page  # years are not formatted as numbers
    assert 'href="/geld/STO19040/cofinanciering/nieuw/"' in response.content.decode()


def test_commitment_list_year_filter_and_reviewer_sees_no_add_button(client, world):
    CofinancingCommitmentFactory(
        region=world.region,
        organisation=world.company,
        year=2026,
        form="cash",
        committed=Decimal("31234"),
    )
    client.force_login(world.reviewer)
    response = client.get(url("commitment_list", "STO19040") + "?jaar=2026")
    page = text(response)
    assert "€ 31.234" in page
    assert "Toezeggingen in 2026" in page
    rows = re.findall(r"/geld/STO19040/cofinanciering/(\d+)/", response.content.decode())
    assert len(rows) == 1
    assert "/cofinanciering/nieuw/" not in response.content.decode()


def test_commitment_create_saves_and_redirects_with_message(client, world):
    client.force_login(world.manager)
    response = client.post(
        url("commitment_create", "STO19040"),
        {
            "organisation": world.company.pk,
            "form": "materials",
            "year": "2026",
            "committed": "12.500",
            "realised": "",
        },
        follow=True,
    )
    commitment = CofinancingCommitment.objects.get(region=world.region, year=2026, form="materials")
    # The manager lands on the list at the new row, which the page marks for the highlight.
    assert response.redirect_chain[-1][0] == (
        url("commitment_list", "STO19040") + f"#row-{commitment.pk}"
    )
    assert f'<tr id="row-{commitment.pk}">' in response.content.decode()
    assert commitment.committed == Decimal("12500.00")  # "12.500" read as Dutch
    assert commitment.history.latest().history_user == world.manager
    assert "Cofinanciering van Bouwbedrijf Amstel B.V. voor 2026 is vastgelegd: € 12.500." in text(
        response
    )


def test_commitment_create_offers_only_the_regions_companies(client, world):
    client.force_login(world.manager)
    html = client.get(url("commitment_create", "STO19040")).content.decode()
    assert "Bouwbedrijf Amstel B.V." in html and "Verre Techniek" not in html


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"committed": "-5"}, "committed", "Een bedrag kan niet negatief zijn."),
        ({"committed": "abc"}, "committed", "Vul een bedrag in euro"),
        ({"committed": "12500.50"}, "committed", "Gebruik een komma voor de centen"),
        ({"committed": ""}, "committed", "Dit veld is verplicht"),
        ({"realised": "-1"}, "realised", "Een bedrag kan niet negatief zijn."),
        ({"year": "1990"}, "year", "minstens 2018"),
    ],
)
def test_commitment_create_errors_next_to_the_field_and_nothing_saved(
    client, world, data, field, message
):
    client.force_login(world.manager)
    posted = {
        "organisation": world.company.pk,
        "form": "cash",
        "year": "2026",
        "committed": "100",
        "realised": "",
    }
    posted.update(data)
    response = client.post(url("commitment_create", "STO19040"), posted)
    assert response.status_code == 400
    errors = field_errors(response, field)
    assert errors and message in errors[0]
    assert "Er is niets opgeslagen" in text(response)
    assert CofinancingCommitment.objects.count() == 2


def test_commitment_create_other_regions_company_is_refused(client, world):
    client.force_login(world.manager)
    response = client.post(
        url("commitment_create", "STO19040"),
        {
            "organisation": world.other_company.pk,
            "form": "cash",
            "year": "2026",
            "committed": "100",
        },
    )
    assert response.status_code == 400
    assert field_errors(response, "organisation")
    assert not CofinancingCommitment.objects.filter(
        region=world.region, organisation=world.other_company
    ).exists()


def test_commitment_duplicate_message_shown(client, world):
    client.force_login(world.manager)
    response = client.post(
        url("commitment_create", "STO19040"),
        {
            "organisation": world.company.pk,
            "form": "internships",
            "year": "2025",
            "committed": "100",
        },
    )
    assert response.status_code == 400
    assert (
        "Er is al cofinanciering van Bouwbedrijf Amstel B.V. voor 2025 in de vorm 'stages'"
        in text(response)
    )
    assert CofinancingCommitment.objects.filter(region=world.region).count() == 1


def test_commitment_detail_edit_and_history_shown(client, world):
    client.force_login(world.manager)
    detail = url("commitment_detail", "STO19040", world.commitment.pk)
    response = client.post(detail, {"committed": "55.000", "realised": "12.345,67"})
    assert response.status_code == 302
    assert response.url == url("commitment_list", "STO19040") + f"#row-{world.commitment.pk}"
    world.commitment.refresh_from_db()
    assert world.commitment.realised == Decimal("12345.67")
    page = text(client.get(detail))
    assert "Historie" in page and "pm-amstelland" in page
    assert "gerealiseerd" in page.lower() and "12345.67" in page  # the change old → new
    bad = client.post(detail, {"committed": "-1", "realised": ""})
    assert bad.status_code == 400 and field_errors(bad, "committed")
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("55000.00")


def test_reviewer_sees_commitment_read_only(client, world):
    client.force_login(world.reviewer)
    response = client.get(url("commitment_detail", "STO19040", world.commitment.pk))
    assert response.status_code == 200
    assert '<form method="post" class="form' not in response.content.decode()
    assert "€ 50.000" in text(response)


def test_grant_list(client, world):
    client.force_login(world.manager)
    page = text(client.get(url("grant_list", "STO19040")))
    assert "€ 1.000.000" in page and "2025-2028" in page and "€ 2.000.000" not in page


def test_commitment_export_matches_the_filter(client, world):
    CofinancingCommitmentFactory(
        region=world.region,
        organisation=world.company,
        year=2026,
        form="cash",
        committed=Decimal("30000.50"),
    )
    client.force_login(world.manager)
    response = client.get(url("commitment_export", "STO19040") + "?jaar=2026")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("STO-nummer", "Regio", "Bedrijf", "KvK-nummer")
    assert rows[1:] == [
        (
            "STO19040",
            "Amstelland",
            "Bouwbedrijf Amstel B.V.",
            world.company.key,
            2026,
            "geld",
            30000.5,
            None,
        )
    ]


# --- contributions (programme manager) ---------------------------------------------------------


def test_contribution_list_shows_status_and_totals(client, world):
    MunicipalContributionFactory(
        region=world.region,
        municipality=world.municipalities["GM0358"],
        year=2025,
        requested=Decimal("8000"),
        approved=Decimal("6000"),
        status="partly_approved",
        decided_on=datetime.date(2025, 2, 3),
        decision_reason="Begroting",
    )
    client.force_login(world.manager)
    page = text(client.get(url("contribution_list", "STO19040")))
    assert "Amstelveen" in page and "Aalsmeer" in page and "Verweggistad" not in page
    assert "deels goedgekeurd" in page and "3 februari 2025" in page
    assert "€ 31.973" in page  # requested in total
    filtered = text(client.get(url("contribution_list", "STO19040") + "?status=partly_approved"))
    assert "Aalsmeer" in filtered and "Amstelveen (GM0362)" not in filtered


def test_contribution_request_create_and_errors(client, world):
    client.force_login(world.manager)
    target = url("contribution_request", "STO19040")
    bad = client.post(
        target,
        {"municipality": world.municipalities["GM0358"].pk, "year": "2026", "requested": "-10"},
    )
    assert bad.status_code == 400 and field_errors(bad, "requested")
    other = client.post(
        target, {"municipality": world.other_municipality.pk, "year": "2026", "requested": "10"}
    )
    assert other.status_code == 400 and field_errors(other, "municipality")
    assert MunicipalContribution.objects.filter(region=world.region).count() == 1
    ok = client.post(
        target,
        {
            "municipality": world.municipalities["GM0358"].pk,
            "year": "2026",
            "requested": "8.000",
            "purpose": "TechNet",
        },
    )
    assert ok.status_code == 302
    created = MunicipalContribution.objects.get(region=world.region, year=2026)
    assert created.requested == Decimal("8000") and created.purpose == "TechNet"
    assert ok.url == url("contribution_list", "STO19040") + f"#row-{created.pk}"


def test_contribution_request_on_decided_contribution_shows_message(client, world):
    world.contribution.status = "rejected"
    world.contribution.save()
    client.force_login(world.manager)
    response = client.post(
        url("contribution_request", "STO19040"),
        {"municipality": world.contribution.municipality.pk, "year": "2025", "requested": "1"},
    )
    assert response.status_code == 400
    assert "al besloten" in field_errors(response, "year")[0]


def test_split_preview_then_confirm(client, world):
    client.force_login(world.manager)
    target = url("contribution_split", "STO19040")
    form = {
        "total": "45.000",
        "first_year": "2025",
        "last_year": "2028",
        "indexation_pct": "2,5",
        "purpose": "STO Amstelland 2025-2028",
    }
    preview = client.post(target, {**form, "action": "preview"})
    assert preview.status_code == 200
    page = text(preview)
    assert "Voorvertoning" in page
    assert "€ 23.973" in page and "€ 45.000" in page and "€ 47.278" in page and "€ 48.460" in page
    assert "was € 23.973" in page  # Amstelveen 2025 already requested
    assert (
        MunicipalContribution.objects.filter(region=world.region).count() == 1
    )  # preview saves nothing
    digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    confirmed = client.post(target, {**form, "digest": digest, "action": "confirm"}, follow=True)
    assert "20 bijdragen aangevraagd of bijgewerkt voor 2025–2028" in text(confirmed)
    contributions = MunicipalContribution.objects.filter(region=world.region)
    assert contributions.count() == 20
    for year, total in {2025: 45000, 2026: 46125, 2027: 47278, 2028: 48460}.items():
        assert sum(c.requested for c in contributions.filter(year=year)) == Decimal(total)
    assert contributions.get(year=2025, municipality__key="GM0362").requested == Decimal("23973")


def test_split_confirm_with_changed_input_asks_for_a_new_preview(client, world):
    client.force_login(world.manager)
    target = url("contribution_split", "STO19040")
    form = {"total": "45000", "first_year": "2025", "last_year": "2025"}
    preview = client.post(target, {**form, "action": "preview"})
    digest = re.search(r'name="digest" value="([0-9a-f]+)"', preview.content.decode()).group(1)
    response = client.post(
        target, {**form, "total": "50000", "digest": digest, "action": "confirm"}
    )
    assert response.status_code == 400
    assert "veranderd sinds de voorvertoning" in text(response)
    assert MunicipalContribution.objects.filter(region=world.region).count() == 1


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"total": "45000,50"}, "total", "Vul een bedrag in hele euro"),
        ({"total": "0"}, "total", "minstens 1"),
        ({"last_year": "2024"}, "last_year", "ligt voor het eerste jaar"),
        ({"last_year": "2040"}, "last_year", "ten hoogste 10 jaar"),
        ({"indexation_pct": "-2"}, "indexation_pct", "minstens 0"),
    ],
)
def test_split_form_errors(client, world, data, field, message):
    client.force_login(world.manager)
    form = {"total": "45000", "first_year": "2025", "last_year": "2026", "action": "preview"}
    form.update(data)
    response = client.post(url("contribution_split", "STO19040"), form)
    assert response.status_code == 400
    errors = field_errors(response, field)
    assert errors and message in errors[0], errors
    assert "Voorvertoning" not in text(response)


def test_split_with_unknown_inhabitants_names_the_municipality(client, world):
    aalsmeer = world.municipalities["GM0358"]
    aalsmeer.inhabitants = None
    aalsmeer.save()
    client.force_login(world.manager)
    response = client.post(
        url("contribution_split", "STO19040"),
        {"total": "45000", "first_year": "2025", "last_year": "2025", "action": "preview"},
    )
    assert response.status_code == 400
    assert "Het aantal inwoners is onbekend of 0 voor: Aalsmeer (GM0358)" in text(response)


def test_contribution_export_is_scoped_and_filtered(client, world):
    client.force_login(world.manager)
    response = client.get(url("contribution_export", "STO19040") + "?jaar=2025")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[:6] for r in rows[1:]] == [
        ("STO19040", "Amstelland", "Amstelveen", "GM0362", 2025, 23973)
    ]
    assert rows[1][7] == "aangevraagd"


# --- municipal officer -------------------------------------------------------------------------


def test_officer_list_shows_only_own_municipality(client, world):
    MunicipalContributionFactory(
        region=world.other_region,
        municipality=world.municipalities["GM0362"],
        year=2024,
        requested=Decimal("777"),
    )
    client.force_login(world.officer)
    response = client.get(url("officer_contributions"))
    page = text(response)
    assert "Bijdragen gevraagd aan Amstelveen" in page
    assert "STO19040 Amstelland" in page and "€ 23.973" in page
    assert "€ 777" in page  # also asked by another region
    assert "€ 31.415" not in page and "Verweggistad" not in page
    assert "Er wachten 2 bijdragen op een besluit." in page
    assert 'href="/geld/gemeente/"' in response.content.decode()  # navigation entry


def test_officer_export_only_own_rows(client, world):
    client.force_login(world.officer)
    response = client.get(url("officer_contributions_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[3] for r in rows[1:]] == ["GM0362"]


def test_officer_detail_shows_region_context(client, world):
    MunicipalContributionFactory(
        region=world.region,
        municipality=world.municipalities["GM0362"],
        year=2023,
        requested=Decimal("19414"),
        approved=Decimal("19414"),
        status="approved",
    )
    client.force_login(world.officer)
    response = client.get(url("contribution_detail", world.contribution.pk))
    page = text(response)
    assert "Bijdrage van Amstelveen aan Amstelland in 2025" in page
    assert "Techniek Driedaagse" in page  # purpose
    assert "Bedrijf (1)" in page and "Bouwbedrijf Amstel B.V." in page  # partners by kind
    assert "Gemeente (5)" in page and "Ouder-Amstel" in page
    assert "€ 19.414" in page and "goedgekeurd" in page  # earlier years
    assert "periode 2025-2028" in page
    assert 'name="expected_version" value="1"' in response.content.decode()
    assert "Verre Techniek" not in page


def decision_post(client, world, **data):
    posted = {
        "decision": "approved",
        "approved": "",
        "reason": "",
        "decided_on": timezone.localdate().isoformat(),
        "expected_version": "1",
    }
    posted.update(data)
    return client.post(url("contribution_decide", world.contribution.pk), posted)


def test_officer_approves_and_history_shows_it(client, world):
    client.force_login(world.officer)
    response = decision_post(client, world, decided_on="2024-09-24")
    assert response.status_code == 302
    world.contribution.refresh_from_db()
    assert world.contribution.status == "approved" and world.contribution.approved == Decimal(
        "23973"
    )
    page = text(client.get(url("contribution_detail", world.contribution.pk)))
    assert "Uw besluit is vastgelegd: goedgekeurd." in page
    assert "24 september 2024" in page
    history = page[page.index("Historie") :]
    assert "amb-amstelveen" in history and "besluit: goedgekeurd" in history
    assert "status: aangevraagd → goedgekeurd" in history  # status old → new, as labels


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"decision": "partly_approved", "approved": "30.000", "reason": "x"},
            "approved",
            "hoger dan het gevraagde bedrag (€ 23.973)",
        ),
        (
            {"decision": "partly_approved", "approved": "", "reason": "x"},
            "approved",
            "Vul het toegekende bedrag in",
        ),
        ({"decision": "rejected", "reason": ""}, "reason", "motivering"),
        ({"decided_on": "2999-01-01"}, "decided_on", "toekomst"),
        ({"decided_on": "gisteren"}, "decided_on", "geldige datum"),
        ({"decision": ""}, "decision", "Dit veld is verplicht"),
    ],
)
def test_decision_errors_next_to_the_field_and_nothing_saved(client, world, data, field, message):
    client.force_login(world.officer)
    response = decision_post(client, world, **data)
    assert response.status_code == 400
    errors = field_errors(response, field)
    assert errors and message in " ".join(errors), errors
    world.contribution.refresh_from_db()
    assert world.contribution.status == "requested" and world.contribution.version == 1


def test_two_officers_same_version_second_gets_conflict(client, world):
    from tests.factories import officer_of

    colleague = officer_of(world.municipalities["GM0362"], username="amb-amstelveen-2")
    first, second = client, client.__class__()
    first.force_login(world.officer)
    second.force_login(colleague)
    detail = url("contribution_detail", world.contribution.pk)
    # Both open the form: both carry version 1.
    for c in (first, second):
        assert 'name="expected_version" value="1"' in c.get(detail).content.decode()
    assert (
        decision_post(
            first, world, decision="partly_approved", approved="20.000", reason="Begroting 2025"
        ).status_code
        == 302
    )
    response = decision_post(second, world, decision="rejected", reason="Geen dekking")
    assert response.status_code == 409
    page = text(response)
    assert (
        "Een collega heeft intussen over deze bijdrage besloten: deels goedgekeurd € 20.000" in page
    )
    assert "door amb-amstelveen" in page and "Bekijk het besluit en probeer opnieuw." in page
    assert 'name="expected_version" value="2"' in response.content.decode()
    world.contribution.refresh_from_db()
    assert world.contribution.status == "partly_approved"
    assert world.contribution.approved == Decimal("20000")
    assert world.contribution.decision_reason == "Begroting 2025"
    assert world.contribution.history.count() == 2


def test_manager_sees_the_decision_but_cannot_decide(client, world):
    client.force_login(world.manager)
    response = client.get(url("contribution_detail", world.contribution.pk))
    assert response.status_code == 200
    assert "expected_version" not in response.content.decode()
    assert decision_post(client, world).status_code == 403
    world.contribution.refresh_from_db()
    assert world.contribution.status == "requested"


def test_council_decision_links_only_when_they_resolve(world):
    from cofinancing import selectors

    links = selectors.council_decision_links(
        world.region, world.contribution.municipality, world.period
    )
    expected = {}
    for kind, name in (("edit", "council_decision_edit"), ("pdf", "council_decision_pdf")):
        try:
            expected[kind] = reverse(f"reporting:{name}", args=("STO19040", "GM0362", "2025-2028"))
        except NoReverseMatch:
            expected[kind] = None
    assert links == expected
    assert selectors.council_decision_links(
        world.region, world.contribution.municipality, None
    ) == {"edit": None, "pdf": None}


def test_manager_can_prefill_the_request_form_from_the_detail_page(client, world):
    client.force_login(world.manager)
    detail = client.get(url("contribution_detail", world.contribution.pk)).content.decode()
    link = f"/geld/STO19040/bijdragen/aanvragen/?gemeente={world.contribution.municipality_id}&amp;jaar=2025"
    assert link in detail
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="23.973,00"' in form  # the current request, in Dutch notation
    assert f'<option value="{world.contribution.municipality_id}" selected>' in form


def test_after_saving_the_list_opens_at_the_page_that_holds_the_row(client, world, monkeypatch):
    from cofinancing import views

    # one line per page: the existing 2025 line fills page 1, the new 2026 line comes after it
    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 1)
    client.force_login(world.manager)
    response = client.post(
        url("commitment_create", "STO19040"),
        {"organisation": world.company.pk, "form": "materials", "year": "2026", "committed": "1"},
    )
    created = CofinancingCommitment.objects.get(region=world.region, year=2026)
    assert response.url == url("commitment_list", "STO19040") + f"?pagina=2#row-{created.pk}"
    page = client.get(response.url).content.decode()
    assert f'<tr id="row-{created.pk}">' in page


def test_a_stale_commitment_form_is_refused_with_a_message_at_the_top(client, world):
    from cofinancing import services
    from sto.history import last_change_id

    client.force_login(world.manager)
    detail = url("commitment_detail", "STO19040", world.commitment.pk)
    html = client.get(detail).content.decode()
    seen = last_change_id(world.commitment)
    assert f'name="seen_change" value="{seen}"' in html
    services.cofinancing_commitment_update(
        by=world.administrator,
        commitment=world.commitment,
        committed=Decimal("70000"),
        realised=None,
    )
    stale = client.post(detail, {"seen_change": seen, "committed": "55.000", "realised": ""})
    assert stale.status_code == 400
    page = stale.content.decode()
    assert "beheerder-geld heeft deze cofinanciering intussen gewijzigd" in page
    assert page.index("error-summary") < page.index('<form method="post" class="form')
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("70000")
    # the refused form now carries the current version: saving again is a deliberate choice
    current = last_change_id(world.commitment)
    assert f'name="seen_change" value="{current}"' in page
    again = client.post(detail, {"seen_change": current, "committed": "55.000", "realised": ""})
    assert again.status_code == 302
    world.commitment.refresh_from_db()
    assert world.commitment.committed == Decimal("55000")
