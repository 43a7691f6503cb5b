import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from reporting import services
from reporting.council_decision import (
    council_decision_data,
    default_sources,
    default_texts,
    render_council_decision,
)
from reporting.models import CouncilDecisionText
from tests.factories import MunicipalContributionFactory, UserFactory, officer_of

from .pdf_helpers import in_order, pdf_reader, pdf_text
from .scenarios import amstelland

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Onderwerp",
    "Besluit",
    "Samenvatting",
    "Doel",
    "Prestatie",
    "Voorgeschiedenis en context",
    "Overwegingen",
    "Keuzemogelijkheden/alternatieven",
    "Participatie",
    "Kanttekeningen en risico's",
    "Financiën",
    "Vervolgstappen",
    "Evaluatie",
    "Bijlagen",
    "Behandeld in B&W-vergadering",
    "Besluit B&W",
]


def test_data_has_the_amstelveen_numbers():
    situation = amstelland()
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    assert data.total == Decimal("95892")
    assert data.per_year == Decimal("23973")
    assert data.previous_period.code == "2020-2023"
    assert data.previous_per_year == Decimal("19414")
    assert data.difference_per_year == Decimal("4559")
    assert data.previous_region_per_year == Decimal("45000")
    assert data.region_yearly == Decimal("45000")  # split by inhabitants (tests/world.py)
    assert data.region_total == Decimal("180000")
    assert data.other_municipalities == ["Aalsmeer", "De Ronde Venen", "Ouder-Amstel", "Uithoorn"]
    assert data.signing_deadline == datetime.date(2024, 10, 1)
    assert data.first_report_due == datetime.date(2026, 6, 1)
    assert data.grant_total == Decimal("3200000")


def test_pdf_states_the_facts_in_dutch_format_and_the_sections_in_order():
    situation = amstelland()
    rendered = render_council_decision(situation.region, situation.amstelveen, situation.period)
    text = pdf_text(rendered.pdf)
    for fact in [
        "€ 95.892",
        "€ 23.973",
        "€ 19.414",
        "€ 4.559",
        "€ 45.000",
        "€ 180.000",
        "€ 3.200.000",
        "1 oktober 2024",
        "1 juni",
        "1 juni 2026",
        "2025 tot en met 2028",
        "Amstelland",
        "Amstelveen",
    ]:
        assert fact in text, fact
    for name in ["Aalsmeer", "Uithoorn", "Ouder-Amstel", "De Ronde Venen"]:
        assert name in text, name
    assert "verhoging van € 4.559 per jaar" in text
    assert in_order(text, HEADINGS)
    # metadata and language: archivable PDF with a title
    reader = pdf_reader(rendered.pdf)
    assert reader.metadata.title == (
        "Collegebesluit gemeente Amstelveen: bijdrage aan Amstelland 2025-2028"
    )
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "/OutputIntents" in reader.trailer["/Root"]  # PDF/A output intent
    assert '<html lang="nl">' in rendered.html


def test_page_numbers_and_running_header():
    situation = amstelland()
    pages = [
        p
        for p in pdf_text(
            render_council_decision(situation.region, situation.amstelveen, situation.period).pdf
        ).split("Pagina ")[1:]
    ]
    total = len(pages)
    assert total >= 2
    assert [p.split(" ")[0] for p in pages] == [str(n) for n in range(1, total + 1)]
    assert all(p.split(" ")[2] == str(total) for p in pages)


def test_a_lower_request_is_called_a_decrease():
    situation = amstelland()
    for contribution in situation.amstelveen.contributions.filter(year__gte=2025):
        contribution.requested = Decimal("18000")
        contribution.save()
    texts = default_texts(
        council_decision_data(situation.region, situation.amstelveen, situation.period)
    )
    assert "verlaging van € 1.414 per jaar" in texts["background"]
    assert "€ 72.000" in texts["summary"]


def test_uneven_years_show_the_average_and_every_year():
    situation = amstelland()
    c = situation.amstelveen.contributions.get(year=2028)
    c.requested = Decimal("25000.50")
    c.save()
    data = council_decision_data(situation.region, situation.amstelveen, situation.period)
    assert data.per_year is None
    assert data.total == Decimal("96919.50")
    text = pdf_text(
        render_council_decision(situation.region, situation.amstelveen, situation.period).pdf
    )
    assert "€ 96.919,50" in text
    assert "gemiddeld € 24.229,88 per jaar" in text
    assert "€ 25.000,50" in text


def test_edited_text_is_used_and_unchanged_defaults_keep_following_the_data():
    situation = amstelland()
    officer = officer_of(situation.amstelveen)
    defaults = default_sources(
        council_decision_data(situation.region, situation.amstelveen, situation.period)
    )
    record = services.council_decision_text_save(
        by=officer,
        region=situation.region,
        municipality=situation.amstelveen,
        period=situation.period,
        texts={
            **defaults,
            "goal": "Meer leerlingen in de techniek, ook uit Amstelveen.",
            "finance_coverage": "Gedekt uit het budget Onderwijsbeleid en Leerlingzaken.",
        },
        meeting_date=datetime.date(2024, 9, 24),
    )
    assert record.goal == "Meer leerlingen in de techniek, ook uit Amstelveen."
    assert record.summary == ""  # equal to the default: not stored
    assert record.history.first().history_user == officer
    # the data changes: the default summary follows, the edited goal stays
    situation.amstelveen.contributions.filter(year__gte=2025).update(requested=Decimal("25000"))
    text = pdf_text(
        render_council_decision(situation.region, situation.amstelveen, situation.period).pdf
    )
    assert "Meer leerlingen in de techniek, ook uit Amstelveen." in text
    assert "Gedekt uit het budget Onderwijsbeleid en Leerlingzaken." in text
    assert "€ 100.000" in text and "€ 95.892" not in text
    assert "24 september 2024" in text
    services.council_decision_text_reset(
        by=officer,
        region=situation.region,
        municipality=situation.amstelveen,
        period=situation.period,
    )
    record.refresh_from_db()
    assert record.goal == "" and record.meeting_date == datetime.date(2024, 9, 24)


def test_unknown_fields_are_refused():
    situation = amstelland()
    with pytest.raises(TypeError):
        services.council_decision_text_save(
            by=UserFactory(),
            region=situation.region,
            municipality=situation.amstelveen,
            period=situation.period,
            texts={"amount": "1"},
        )
    assert not CouncilDecisionText.objects.exists()


def test_without_previous_period_or_convenant_there_is_no_difference_or_deadline():
    situation = amstelland()
    newcomer = MunicipalContributionFactory(
        region=situation.region, year=2025, requested=Decimal("5000")
    )
    data = council_decision_data(situation.region, newcomer.municipality, situation.period)
    assert data.previous_period is None and data.difference_per_year is None
    texts = default_texts(data)
    assert "verhoging" not in texts["background"]
    assert data.total == Decimal("5000") and len(data.lines) == 1


def test_command_writes_the_pdf(tmp_path):
    amstelland()
    target = tmp_path / "besluit.pdf"
    call_command("render_council_decision", "STO19040", "GM0362", "2025-2028", "-o", str(target))
    text = pdf_text(target.read_bytes())
    assert "€ 95.892" in text and "Uithoorn" in text


def test_command_refuses_a_municipality_that_takes_no_part(tmp_path):
    from django.core.management.base import CommandError

    from tests.factories import OrganisationFactory

    amstelland()
    OrganisationFactory(municipality=True, key="GM0363", name="Amsterdam")
    with pytest.raises(CommandError):
        call_command(
            "render_council_decision",
            "STO19040",
            "GM0363",
            "2025-2028",
            "-o",
            str(tmp_path / "x.pdf"),
        )
    assert not (tmp_path / "x.pdf").exists()


def test_municipality_names_with_prefix_are_not_doubled():
    from reporting.council_decision import plain_municipality_name

    situation = amstelland()
    situation.amstelveen.name = "Gemeente Amstelveen"
    situation.amstelveen.save()
    situation.others[0].name = "Gemeente Aalsmeer"
    situation.others[0].save()
    text = pdf_text(
        render_council_decision(situation.region, situation.amstelveen, situation.period).pdf
    )
    assert "Gemeente Gemeente" not in text and "gemeente Gemeente" not in text
    assert "de gemeente Amstelveen" in text and "Aalsmeer, De Ronde Venen" in text
    assert plain_municipality_name("Gemeentebelang") == "Gemeentebelang"
