"""A collegebesluit that can go out unedited: it always agrees with the data (texts name the
amounts as fields; a typed amount the data no longer has is warned about on the page and in the
PDF), it states the recorded decision and its date, the indexation, the overview per municipality
and per year as a page, the wethouder and the begrotingspost, the municipality in the footer, and
it is a CONCEPT on every page until the college decided."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cofinancing import services as cofinancing_services
from cofinancing.splitting import indexation_of, indexed_totals, split_by_inhabitants
from regions.models import Convenant, Period
from reporting import services
from reporting.council_decision import (
    council_decision_data,
    default_sources,
    render_council_decision,
    typed_amount_warnings,
    years_text,
)
from reporting.models import CouncilDecisionText
from tests import world
from tests.factories import (
    MunicipalContributionFactory,
    OrganisationFactory,
    officer_of,
)

from .pdf_helpers import pdf_pages, pdf_reader, pdf_text
from .scenarios import amstelland

pytestmark = pytest.mark.django_db

ARGS = ["STO19040", "GM0362", "2025-2028"]
EDIT = reverse("reporting:council_decision_edit", args=ARGS)
PDF = reverse("reporting:council_decision_pdf", args=ARGS)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def render(situation, municipality=None):
    return render_council_decision(
        situation.region, municipality or situation.amstelveen, situation.period
    )


def save_texts(situation, by, **changes):
    """What the officer saves: the texts as the form shows them (with their fields), changed."""
    sources = default_sources(
        council_decision_data(situation.region, situation.amstelveen, situation.period)
    )
    facts = {k: changes.pop(k) for k in ("portfolio_holder", "budget_line") if k in changes}
    return services.council_decision_text_save(
        by=by,
        region=situation.region,
        municipality=situation.amstelveen,
        period=situation.period,
        texts={**sources, **changes},
        **facts,
    )


def decide(contribution, by, decision, approved, on):
    return cofinancing_services.contribution_decide(
        by=by,
        contribution=contribution,
        decision=decision,
        approved=approved,
        reason="" if decision == "approved" else "Past niet in de begroting.",
        decided_on=on,
        expected_version=contribution.version,
    )


# --- it always agrees with the data ------------------------------------------------------------


def test_an_edited_besluit_names_the_amounts_and_follows_a_changed_request():
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    record = save_texts(
        situation,
        officer,
        decision=(
            "Het convenant ‘{convenant}’ te ondertekenen, na overleg met de scholen.\n"
            "Voor {jaren} in totaal {bijdrage_totaal} ({bijdrage_per_jaar} per jaar) bij te "
            "dragen aan de regio {regio} ({periode})."
        ),
    )
    assert "{bijdrage_totaal}" in record.decision  # stored with its fields, not the amount
    assert "€ 95.892" in pdf_text(render(situation).pdf)

    situation.amstelveen.contributions.filter(year__gte=2025).update(requested=Decimal("25000"))
    text = pdf_text(render(situation).pdf)
    assert (
        "Voor de jaren 2025 tot en met 2028 in totaal € 100.000 (€ 25.000 per jaar) bij te dragen "
        "aan de regio Amstelland (2025-2028)." in text
    )
    assert "€ 95.892" not in text
    assert "niet (meer) in de gegevens" not in text  # nothing typed, nothing to warn about


def test_a_typed_amount_the_data_no_longer_has_is_warned_about_on_the_page_and_in_the_pdf(
    client,
):
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    typed = (
        "Het convenant ‘{convenant}’ te ondertekenen.\n"
        "Voor 2025 tot en met 2028 € 95.892 bij te dragen (€ 23.973 per jaar)."
    )
    save_texts(situation, officer, decision=typed)
    client.force_login(officer)
    # while the typed amounts are the data's, there is nothing to warn about
    assert "niet (meer) in de gegevens" not in client.get(EDIT).content.decode()
    assert "niet (meer) in de gegevens" not in pdf_text(render(situation).pdf)

    # the region changes the request: the text still says € 95.892
    situation.amstelveen.contributions.filter(year__gte=2025).update(requested=Decimal("25000"))
    page = client.get(EDIT).content.decode()
    main = page.split("<main", 1)[1]
    warning = main.index("Let op: de tekst noemt bedragen die niet (meer) in de gegevens")
    assert warning < main.index("<form")  # at the top, before it is used
    assert "Besluit: € 95.892" in main and "Besluit: € 23.973" in main
    assert 'href="#id_decision"' in main

    pages = pdf_pages(render(situation).pdf)
    assert all("CONCEPT" in page for page in pages)
    text = " ".join(pages)
    assert "de tekst noemt bedragen die niet (meer) in de gegevens voorkomen" in text
    assert "€ 95.892 (besluit)" in text and "€ 23.973 (besluit)" in text
    # the finance facts come from the data
    assert "een bijdrage gevraagd van € 100.000" in text


def test_the_form_refuses_a_field_that_is_not_a_data_field(client):
    situation = amstelland()
    client.force_login(officer_of(situation.amstelveen))
    form = client.get(EDIT).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["summary"] = "De gemeente betaalt {bijdrage} per jaar."
    response = client.post(EDIT, data)
    assert response.status_code == 400
    assert "Onbekend gegevensveld: {bijdrage}" in response.content.decode()
    assert not CouncilDecisionText.objects.exists()


def test_the_edit_page_lists_the_data_fields_with_their_values(client):
    situation = amstelland()
    client.force_login(officer_of(situation.amstelveen))
    page = client.get(EDIT).content.decode()
    for field, value in [
        ("{bijdrage_totaal}", "€ 95.892"),
        ("{bijdrage_per_jaar}", "€ 23.973"),
        ("{regio}", "Amstelland"),
        ("{periode}", "2025-2028"),
        ("{wethouder}", "een wethouder"),
    ]:
        row = page.split(f"<code>{field}</code>", 1)[1].split("</tr>", 1)[0]
        assert value in row, field


# --- the recorded decision ----------------------------------------------------------------------


def test_until_the_college_decided_every_page_is_a_concept():
    situation = amstelland()
    rendered = render_council_decision(
        situation.region,
        situation.amstelveen,
        situation.period,
        today=datetime.date(2024, 9, 2),
    )
    pages = pdf_pages(rendered.pdf)
    assert len(pages) >= 3 and all("CONCEPT" in page for page in pages)
    text = " ".join(pages)
    assert "het college van burgemeester en wethouders heeft nog niet besloten" in text
    assert "Gemaakt op 2 september 2024 met de gegevens van die dag." in text
    assert "(nog niet besloten)" in text


def test_a_full_approval_with_its_date_and_no_concept():
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    for contribution in situation.amstelveen.contributions.filter(year__gte=2025):
        decide(
            contribution, officer, "approved", contribution.requested, datetime.date(2024, 9, 24)
        )
    text = pdf_text(render(situation).pdf)
    assert "CONCEPT" not in text and "nog niet besloten" not in text
    assert "Besloten wordt conform het voorgestelde besluit." in text
    assert (
        "Op 24 september 2024 heeft het college de gevraagde bijdrage van € 23.973 per jaar voor "
        "2025 tot en met 2028 toegekend." in text
    )
    assert "Behandeld in B&W-vergadering 24 september 2024" in text


def test_ouder_amstel_partly_approved_states_the_approved_amount_and_the_date():
    situation = amstelland()
    ouder_amstel = next(m for m in situation.others if m.key == "GM0437")
    officer = officer_of(ouder_amstel)
    for contribution in ouder_amstel.contributions.filter(year__gte=2025):
        contribution.requested = Decimal("3733")
        contribution.save()
        decide(
            contribution, officer, "partly_approved", Decimal("3023"), datetime.date(2024, 9, 17)
        )
    text = pdf_text(render(situation, ouder_amstel).pdf)
    assert "CONCEPT" not in text and "nog niet besloten" not in text
    assert (
        "Voor de jaren 2025 tot en met 2028 een bijdrage van in totaal € 12.092 (€ 3.023 per "
        "jaar) aan de regio Amstelland toe te zeggen, in plaats van de gevraagde € 14.932 "
        "(€ 3.733 per jaar)." in text
    )
    assert "Besloten wordt de gevraagde bijdrage gedeeltelijk toe te kennen." in text
    assert (
        "Op 17 september 2024 heeft het college voor 2025 tot en met 2028 een bijdrage van "
        "€ 3.023 per jaar toegekend, van de gevraagde € 3.733 per jaar." in text
    )
    assert "Besluitdatum 17 september 2024" in text
    # Amstelveen's decision is still a concept: Ouder-Amstel's decision is not Amstelveen's
    assert "CONCEPT" in pdf_text(render(situation).pdf)


def test_years_still_open_are_named_without_calling_the_decision_open():
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    for contribution in situation.amstelveen.contributions.filter(year__in=[2025, 2026]):
        decide(
            contribution, officer, "approved", contribution.requested, datetime.date(2024, 9, 24)
        )
    text = pdf_text(render(situation).pdf)
    assert "CONCEPT" not in text and "(nog niet besloten)" not in text
    assert "Het besluit over de bijdrage voor 2027 en 2028 (€ 23.973 per jaar) is nog niet" in text


# --- indexation ---------------------------------------------------------------------------------


def _index(situation, pct):
    """The region asks € 45.000 in 2025, indexed by ``pct`` a year, split by inhabitants."""
    totals = indexed_totals(Decimal("45000"), 2025, 2028, pct)
    inhabitants = {key: count for key, (_name, count) in world.MUNICIPALITIES.items()}
    for year, total in totals.items():
        parts = split_by_inhabitants(total, inhabitants)
        for contribution in situation.region.contributions.filter(year=year):
            contribution.requested = parts[contribution.municipality.key]
            contribution.save()


def test_indexation_is_stated_when_the_yearly_totals_are_indexed():
    situation = amstelland()
    assert "geïndexeerd" not in pdf_text(render(situation).pdf)  # the same every year
    _index(situation, Decimal("2.5"))
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    assert data.indexation_pct == Decimal("2.5")
    text = pdf_text(render(situation).pdf)
    sentence = (
        "De gevraagde bedragen voor 2026 tot en met 2028 zijn jaarlijks geïndexeerd met 2,5% "
        "ten opzichte van 2025."
    )
    assert text.count(sentence) >= 2  # in the context and among the finance facts
    assert "€ 23.973" in text  # 2025, the base year


@pytest.mark.parametrize("pct", ["0.5", "2.5", "2.37", "10"])
def test_indexation_of_finds_back_the_percentage_indexed_totals_used(pct):
    totals = indexed_totals(Decimal("45000"), 2025, 2028, Decimal(pct))
    assert indexation_of(totals) == Decimal(pct)


def test_indexation_of_says_none_for_amounts_that_are_not_indexed():
    flat = {2025: Decimal("45000"), 2026: Decimal("45000")}
    changed = {**indexed_totals(Decimal("45000"), 2025, 2028, Decimal("2.5")), 2027: Decimal(1)}
    gap = {2025: Decimal("45000"), 2027: Decimal("47278")}
    for totals in (flat, changed, gap, {2025: Decimal("45000")}, {}):
        assert indexation_of(totals) is None


# --- the appendix, the wethouder and the begrotingspost, the footer -----------------------------


def test_the_overview_per_municipality_and_per_year_is_a_page_and_an_attachment():
    situation = amstelland()
    pages = pdf_pages(render(situation).pdf)
    appendix = pages[-1]
    assert "Bijlage: Overzicht bijdragen per gemeente en per jaar" in appendix
    for key, (name, _inhabitants) in world.MUNICIPALITIES.items():
        amount = world.CONTRIBUTIONS_2025_2028[key]
        row = f"{name} " + " ".join([f"€ {amount:,.0f}".replace(",", ".")] * 4)
        assert row in appendix, name
    assert "Totaal € 45.000 € 45.000 € 45.000 € 45.000 € 180.000" in appendix
    text = " ".join(pages)
    bijlagen = text.split("Bijlagen", 1)[1].split("Behandeld in B&W-vergadering", 1)[0]
    assert bijlagen.strip().endswith("’ Overzicht bijdragen per gemeente en per jaar")


def test_the_appendix_lists_a_member_asked_for_nothing_with_a_dash():
    situation = amstelland()
    diemen = OrganisationFactory(municipality=True, key="GM0384", name="Diemen", inhabitants=1)
    MunicipalContributionFactory(
        region=situation.region, municipality=diemen, year=2027, requested=Decimal("500")
    )
    appendix = pdf_pages(render(situation).pdf)[-1]
    assert "Diemen – – € 500 – € 500" in appendix
    assert "Totaal € 45.000 € 45.000 € 45.500 € 45.000 € 180.500" in appendix


def test_wethouder_and_begrotingspost_are_fields_shown_in_the_document(client):
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    client.force_login(officer)
    form = client.get(EDIT).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["portfolio_holder"] = "F. Berkhout"
    data["budget_line"] = "Onderwijsbeleid en Leerlingzaken"
    assert client.post(EDIT, data).status_code == 302
    record = CouncilDecisionText.objects.get()
    assert (record.portfolio_holder, record.budget_line) == (
        "F. Berkhout",
        "Onderwijsbeleid en Leerlingzaken",
    )
    assert record.decision == "" and record.finance_coverage == ""  # still the defaults
    assert record.history.latest().history_user == officer
    text = pdf_text(client.get(PDF).content)
    assert "Portefeuillehouder wethouder F. Berkhout" in text
    assert "Begrotingspost Onderwijsbeleid en Leerlingzaken" in text
    assert "De burgemeester te verzoeken wethouder F. Berkhout te machtigen het convenant" in text
    assert (
        "De bijdrage wordt gedekt uit de begrotingspost ‘Onderwijsbeleid en Leerlingzaken’." in text
    )


def test_the_document_is_the_municipalitys_not_sto_beheer():
    situation = amstelland()
    rendered = render(situation)
    pages = pdf_pages(rendered.pdf)
    assert all("Gemeente Amstelveen" in page for page in pages)
    assert all("STO-beheer" not in page for page in pages)
    assert pdf_reader(rendered.pdf).metadata.author == "Gemeente Amstelveen"


# --- wording ------------------------------------------------------------------------------------


def test_one_name_for_the_convenant_and_one_deadline_for_the_annual_report():
    situation = amstelland()
    Convenant.objects.filter(region=situation.region).update(
        title="Convenant samenwerkingsovereenkomst Sterk Techniek Onderwijs (STO) Amstelland "
        "2025-2028"
    )
    text = pdf_text(render(situation).pdf)
    assert "‘Convenant" not in text and "‘convenant" not in text
    assert (
        "Het convenant ‘samenwerkingsovereenkomst Sterk Techniek Onderwijs (STO) Amstelland "
        "2025-2028’ te ondertekenen." in text
    )
    assert "vóór 1 juni" not in text
    assert "Jaarlijks uiterlijk op 1 juni" in text
    assert "uiterlijk op 1 juni van het daaropvolgende jaar" in text


def test_collegebesluit_is_the_one_name_people_read(client):
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    client.force_login(officer)
    contribution = situation.amstelveen.contributions.get(year=2025)
    page = client.get(reverse("cofinancing:contribution_detail", args=[contribution.pk]))
    html = page.content.decode()
    assert "Raadsbesluit" not in html and "Collegebesluit (B&W-besluit):" in html
    edit = client.get(EDIT).content.decode()
    assert "<title>Collegebesluit Amstelveen" in edit
    assert "Download het collegebesluit als PDF" in edit
    response = client.get(PDF)
    assert (
        'filename="collegebesluit-GM0362-STO19040-2025-2028.pdf"'
        in (response["Content-Disposition"])
    )
    assert pdf_reader(response.content).metadata.title.startswith("Collegebesluit gemeente")


# --- nothing to decide, a one-year period --------------------------------------------------------


def test_a_member_asked_for_nothing_is_refused_instead_of_an_empty_document(client, tmp_path):
    situation = amstelland()
    diemen = OrganisationFactory(municipality=True, key="GM0384", name="Gemeente Diemen")
    from tests.factories import MembershipFactory

    MembershipFactory(region=situation.region, organisation=diemen, start=datetime.date(2020, 1, 1))
    officer = officer_of(diemen)
    client.force_login(officer)
    args = ["STO19040", "GM0384", "2025-2028"]
    edit = reverse("reporting:council_decision_edit", args=args)
    page = client.get(edit).content.decode()
    message = "De gemeente Diemen wordt in 2025-2028 geen bijdrage aan STO19040 Amstelland gevraagd"
    assert message in page
    assert 'method="post"' not in page.split("<main", 1)[1]
    response = client.get(reverse("reporting:council_decision_pdf", args=args), follow=True)
    assert response.redirect_chain == [(edit, 302)]
    assert message in response.content.decode()
    target = tmp_path / "diemen.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("render_council_decision", *args, "-o", str(target))
    assert not target.exists()
    assert client.post(edit, {"summary": "x"}).status_code == 404


def test_a_one_year_period_is_not_written_as_a_range():
    situation = amstelland()
    period_2024 = Period.objects.get(code="2024")
    MunicipalContributionFactory(
        region=situation.region,
        municipality=situation.amstelveen,
        year=2024,
        requested=Decimal("20000"),
    )
    text = pdf_text(
        render_council_decision(situation.region, situation.amstelveen, period_2024).pdf
    )
    assert "2024 tot en met 2024" not in text
    assert "een bijdrage gevraagd van € 20.000 voor het jaar 2024" in text
    assert years_text([2024]) == "2024"
    assert years_text([2025, 2026]) == "2025 en 2026"
    assert years_text([2025, 2026, 2027, 2028]) == "2025 tot en met 2028"
    assert years_text([2025, 2027, 2028]) == "2025, 2027 en 2028"


# --- the page's queries do not grow with the region ---------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_edit_page_makes_as_many_queries_for_a_larger_region(client):
    situation = amstelland()
    client.force_login(officer_of(situation.amstelveen))
    client.get(EDIT)  # warm up (sessions, content types)
    small = _queries(client, EDIT)
    for n in range(10):
        municipality = OrganisationFactory(
            municipality=True, key=f"GM09{n:02d}", name=f"Dorp {n}", inhabitants=1000
        )
        for year in situation.period.years:
            MunicipalContributionFactory(
                region=situation.region, municipality=municipality, year=year
            )
    large = _queries(client, EDIT)
    assert large == small
    assert client.get(EDIT).content.decode().count('<th scope="row">Dorp ') == 10


def test_typed_amounts_are_read_as_people_write_them():
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    save_texts(
        situation,
        officer,
        summary="Eerder € 19.414,- per jaar, nu 95.892 euro, EUR 45.000 voor de regio.",
        goal="Niet: € 3.2 miljoen of de jaren 2025 en 2026.",
    )
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    assert typed_amount_warnings(data, data.stored) == []
    situation.amstelveen.contributions.filter(year__gte=2025).update(requested=Decimal("25000"))
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    # € 45.000 is still an amount of the data: what the region's municipalities gave a year in
    # 2020-2023; € 19.414 is Amstelveen's yearly amount then
    assert [(w.field, w.amount) for w in typed_amount_warnings(data, data.stored)] == [
        ("summary", "95.892 euro")
    ]


def test_the_default_texts_the_officer_edits_contain_no_value_only_fields():
    """Whatever the officer keeps of a default text follows the data: no amount, year, date or
    name is written into the text itself, in every variant (decided in part, indexed, with a
    previous period and a grant)."""
    situation = amstelland()
    _index(situation, Decimal("2.5"))
    officer = officer_of(situation.amstelveen)
    for contribution in situation.amstelveen.contributions.filter(year__in=[2025, 2026]):
        decide(
            contribution,
            officer,
            "partly_approved",
            contribution.requested - 1000,
            datetime.date(2024, 9, 24),
        )
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    assert data.indexation_pct is not None and data.previous_period is not None
    sources = default_sources(data)
    everything = "\n".join(sources.values())
    assert "{bijdrage_totaal}" in everything and "{toegezegd_totaal}" in everything
    assert "{indexatie}" in everything and "{verschil}" in everything
    for name, text in sources.items():
        assert "€" not in text, name
        assert not re.search(r"\d{4}", text), name
        for value in ("Amstelveen", "Amstelland", "STO19040", "Futuris", "oktober", "Aalsmeer"):
            assert value not in text, (name, value)


def test_a_rejection_says_so_in_the_besluit_and_under_besluit_b_en_w():
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    for contribution in situation.amstelveen.contributions.filter(year__gte=2025):
        decide(contribution, officer, "rejected", None, datetime.date(2024, 9, 24))
    text = pdf_text(render(situation).pdf)
    assert "CONCEPT" not in text
    assert (
        "De gevraagde bijdrage van € 95.892 (€ 23.973 per jaar) voor de jaren 2025 tot en met "
        "2028 aan de regio Amstelland niet toe te zeggen." in text
    )
    assert "Besloten wordt de gevraagde bijdrage niet toe te kennen." in text
    assert (
        "Op 24 september 2024 heeft het college besloten de gevraagde bijdrage van € 23.973 per "
        "jaar voor 2025 tot en met 2028 niet toe te kennen." in text
    )
