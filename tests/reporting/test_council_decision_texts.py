"""The default texts of the council decision come from templates, one per narrative field, and
read exactly as the Amstelveen decision (seeds 000) needs them: the stored texts are compared with
them, so a stray space or line would count as an officer's edit."""

import copy
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from regions.models import Convenant
from reporting.council_decision import (
    council_decision_data,
    council_decision_sections,
    default_sources,
    default_texts,
    render_council_decision,
)
from reporting.models import NARRATIVE_FIELDS, CouncilDecisionText
from tests.factories import MunicipalContributionFactory, officer_of

from .pdf_helpers import pdf_reader, pdf_text
from .scenarios import amstelland

pytestmark = pytest.mark.django_db

TEXTS_DIR = Path(django_settings.BASE_DIR) / "templates/reporting/council_decision/texts"
AMSTELLAND_CONVENANT = "Samenwerkingsovereenkomst Sterk Techniekonderwijs Amstelland 2025-2028"


def amstelveen_texts(situation) -> dict[str, str]:
    return default_texts(
        council_decision_data(situation.region, situation.amstelveen, situation.period)
    )


def test_every_narrative_field_has_one_template():
    assert sorted(p.stem for p in TEXTS_DIR.glob("*.txt")) == sorted(NARRATIVE_FIELDS)


def test_every_default_text_comes_from_its_template(settings, tmp_path):
    """Templates placed before the project's own replace every default text: none is written in
    Python. The values the templates name (municipality, total, yearly) are filled in."""
    situation = amstelland()
    replacements = tmp_path / "reporting/council_decision/texts"
    replacements.mkdir(parents=True)
    for name in NARRATIVE_FIELDS:
        (replacements / f"{name}.txt").write_text(
            f"{name}: {{{{ municipality }}}} {{{{ total }}}}, {{{{ yearly }}}}\n"
        )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates

    assert amstelveen_texts(situation) == {
        name: f"{name}: Amstelveen € 95.892, € 23.973 per jaar" for name in NARRATIVE_FIELDS
    }


def test_the_defaults_state_the_amstelland_facts_word_for_word():
    texts = amstelveen_texts(amstelland())
    assert texts["subject"] == (
        f"Convenant ‘{AMSTELLAND_CONVENANT}’: bijdrage van de gemeente Amstelveen"
    )
    assert texts["decision"] == (
        f"Het convenant ‘{AMSTELLAND_CONVENANT}’ te ondertekenen.\n"
        "Voor de jaren 2025 tot en met 2028 een bijdrage van in totaal € 95.892 (€ 23.973 per "
        "jaar) aan de regio Amstelland toe te zeggen.\n"
        "De burgemeester te verzoeken een wethouder te machtigen het convenant namens de gemeente "
        "te ondertekenen."
    )
    assert texts["summary"] == (
        "De regio Amstelland werkt in het programma Sterk Techniekonderwijs samen aan sterk en "
        "aantrekkelijk technisch onderwijs. Voor de periode 2025-2028 is een nieuw convenant "
        "opgesteld. Daarin wordt de gemeente Amstelveen gevraagd om een bijdrage van € 95.892 "
        "voor de jaren 2025 tot en met 2028, € 23.973 per jaar."
    )
    assert texts["background"] == (
        "Sterk Techniekonderwijs (STO) is een landelijke subsidieregeling waarmee vmbo-scholen "
        "samen met het mbo, het bedrijfsleven en gemeenten het technisch onderwijs in hun regio "
        "versterken. De gemeente Amstelveen neemt deel aan de regio Amstelland (STO19040), "
        "waarvan Futuris penvoerder is.\n\n"
        "In de periode 2020-2023 droeg de gemeente Amstelveen jaarlijks € 19.414 bij aan de "
        "regio. De deelnemende gemeenten droegen samen € 45.000 per jaar bij.\n\n"
        "Voor de jaren 2025 tot en met 2028 vraagt de regio de gemeente een bijdrage van "
        "€ 95.892, € 23.973 per jaar. Dat is een verhoging van € 4.559 per jaar ten opzichte "
        "van de jaarlijkse bijdrage van € 19.414 in de periode 2020-2023.\n\n"
        "De gemeenten in de regio wordt over deze periode samen € 180.000 gevraagd "
        "(€ 45.000 per jaar).\n\n"
        "Amstelveen heeft 53,3% van de inwoners van de deelnemende gemeenten en draagt 53,3% "
        "van het gevraagde totaal.\n\n"
        "Met het convenant kan de regio de Rijkssubsidie ontvangen; voor 2025-2028 gaat het om "
        "€ 3.200.000."
    )
    assert texts["considerations"].splitlines()[-1] == (
        "Ook de gemeenten Aalsmeer, De Ronde Venen, Ouder-Amstel en Uithoorn nemen deel, zodat "
        "het een regionale aanpak is."
    )
    assert len(texts["considerations"].splitlines()) == 5
    assert texts["participation"] == (
        "Het voorstel is afgestemd met de gemeenten Aalsmeer, De Ronde Venen, Ouder-Amstel en "
        "Uithoorn en met de penvoerder, Futuris."
    )
    assert texts["risks"] == (
        "Als het convenant niet vóór 1 oktober 2024 door alle partners is ondertekend, kan de "
        "regio geen subsidie aanvragen.\n"
        "Als een andere gemeente minder bijdraagt dan gevraagd, kan de regio minder activiteiten "
        "uitvoeren dan gepland."
    )
    assert texts["next_steps"] == (
        "Vóór 1 oktober 2024: het ondertekende convenant gaat naar de programmamanager van de "
        "regio Amstelland.\n"
        "De regio vraagt de subsidie voor 2025-2028 aan bij DUS-I.\n"
        "Jaarlijks uiterlijk op 1 juni: de regio dient het jaarverslag over het voorgaande jaar "
        "in."
    )
    assert texts["evaluation"].endswith(
        "Het jaarverslag moet uiterlijk op 1 juni van het daaropvolgende jaar zijn ingediend; "
        "het eerste, over 2025, uiterlijk op 1 juni 2026."
    )
    # the overview per municipality and per year is generated and listed by the document itself
    assert texts["attachments"] == f"Convenant ‘{AMSTELLAND_CONVENANT}’"
    assert texts["finance_coverage"] == (
        "De bijdrage wordt gedekt uit de onderwijsbegroting van de gemeente."
    )
    assert texts["board_decision"] == ""  # written after the meeting


def test_the_finance_facts_come_from_the_data():
    situation = amstelland()
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    sections = council_decision_sections(data, default_texts(data), None)
    finance = next(section for section in sections if section.finance)
    assert finance.title == "Financiën"
    assert finance.numbered == [
        "In het convenant wordt de gemeente Amstelveen een bijdrage gevraagd van € 95.892 voor "
        "de jaren 2025 tot en met 2028: € 23.973 per jaar.",
        "Dat is een verhoging van € 4.559 per jaar ten opzichte van de jaarlijkse bijdrage van "
        "€ 19.414 in de periode 2020-2023.",
        "De gemeenten in de regio Amstelland samen wordt € 180.000 gevraagd, € 45.000 per jaar. "
        "In 2020-2023 was dat € 45.000 per jaar.",
        "De bijdrage wordt gedekt uit de onderwijsbegroting van de gemeente.",
    ]


def test_an_unchanged_request_is_called_equal():
    situation = amstelland()
    situation.amstelveen.contributions.filter(year__gte=2025).update(requested=Decimal("19414"))
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    equal = "Dat is gelijk aan de jaarlijkse bijdrage van € 19.414 in de periode 2020-2023."
    assert f"€ 77.656, € 19.414 per jaar. {equal}" in default_texts(data)["background"]
    finance = next(
        s for s in council_decision_sections(data, default_texts(data), None) if s.finance
    )
    assert finance.numbered[1] == equal


def test_a_newcomer_without_convenant_lead_or_grant_gets_the_shorter_texts():
    situation = amstelland()
    Convenant.objects.all().delete()
    situation.region.grants.all().delete()
    situation.region.lead = None
    situation.region.save()
    newcomer = MunicipalContributionFactory(
        region=situation.region, year=2025, requested=Decimal("5000")
    ).municipality
    for year in (2026, 2027, 2028):
        MunicipalContributionFactory(
            region=situation.region, municipality=newcomer, year=year, requested=Decimal("5000")
        )
    newcomer.inhabitants = None
    newcomer.save()
    data = council_decision_data(situation.region, newcomer, situation.period)
    texts = default_texts(data)
    background = texts["background"].split("\n\n")
    assert f"De gemeente {data.municipality_name} neemt deel aan de regio" in background[0]
    assert background[1:] == [
        "Voor de jaren 2025 tot en met 2028 vraagt de regio de gemeente een bijdrage van "
        "€ 20.000, € 5.000 per jaar.",
        "De gemeenten in de regio wordt over deze periode samen € 200.000 gevraagd "
        "(€ 50.000 per jaar).",
    ]
    assert texts["subject"] == (
        f"Convenant ‘Samenwerkingsovereenkomst Sterk Techniekonderwijs Amstelland 2025-2028’: "
        f"bijdrage van de gemeente {data.municipality_name}"
    )
    assert texts["risks"] == (
        "Als een andere gemeente minder bijdraagt dan gevraagd, kan de regio minder activiteiten "
        "uitvoeren dan gepland."
    )
    assert texts["next_steps"].splitlines()[0] == (
        "De regio vraagt de subsidie voor 2025-2028 aan bij DUS-I."
    )
    finance = next(s for s in council_decision_sections(data, texts, None) if s.finance)
    assert finance.numbered[:2] == [
        f"In het convenant wordt de gemeente {data.municipality_name} een bijdrage gevraagd van "
        "€ 20.000 voor de jaren 2025 tot en met 2028: € 5.000 per jaar.",
        "De gemeenten in de regio Amstelland samen wordt € 200.000 gevraagd, € 50.000 per jaar.",
    ]


def test_names_are_written_as_they_are_and_escaped_once_in_the_pdf():
    situation = amstelland()
    situation.region.lead.name = "Scholengroep 't Gooi & Co"
    situation.region.lead.save()
    texts = amstelveen_texts(situation)
    assert "waarvan Scholengroep 't Gooi & Co penvoerder is." in texts["background"]
    assert texts["participation"].endswith("met de penvoerder, Scholengroep 't Gooi & Co.")
    rendered = render_council_decision(situation.region, situation.amstelveen, situation.period)
    assert "Scholengroep &#x27;t Gooi &amp; Co" in rendered.html
    assert "&amp;amp;" not in rendered.html and "&amp;#x27;" not in rendered.html
    assert "Scholengroep 't Gooi & Co penvoerder" in pdf_text(rendered.pdf)


def test_texts_and_pdf_are_dutch_when_the_screens_are_english():
    situation = amstelland()
    dutch = amstelveen_texts(situation)
    with translation.override("en"):
        assert amstelveen_texts(situation) == dutch
        rendered = render_council_decision(situation.region, situation.amstelveen, situation.period)
    text = pdf_text(rendered.pdf)
    assert "Voorgeschiedenis en context" in text and "Financiën" in text
    assert "Background and context" not in text and "Finances" not in text
    assert dutch["summary"] in text
    title = pdf_reader(rendered.pdf).metadata.title
    assert title == "Collegebesluit gemeente Amstelveen: bijdrage aan Amstelland 2025-2028"


def test_an_english_speaking_officer_saving_the_defaults_stores_no_edit(client):
    situation = amstelland()
    client.force_login(officer_of(situation.amstelveen))
    url = reverse("reporting:council_decision_edit", args=["STO19040", "GM0362", "2025-2028"])
    with translation.override("nl"):
        dutch = default_sources(
            council_decision_data(situation.region, situation.amstelveen, situation.period)
        )
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in page.content.decode()  # the screen follows the officer
    form = page.context["form"]
    assert form.initial["summary"] == dutch["summary"]
    # the text the officer edits names the data: the amounts are filled in when it is rendered
    assert form.initial["summary"].startswith("De regio {regio} werkt in het programma")
    assert (
        "{bijdrage_totaal} voor {jaren}, {bijdrage_per_jaar} per jaar." in form.initial["summary"]
    )
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data["meeting_date"] = "2024-09-24"
    assert client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    record = CouncilDecisionText.objects.get()
    assert all(getattr(record, name) == "" for name in NARRATIVE_FIELDS)
    assert record.meeting_date == datetime.date(2024, 9, 24)
