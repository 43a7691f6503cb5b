"""Reminder mails: who gets them, what they say, and that none is ever sent twice."""

import datetime
import smtplib
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from compliance import reminders
from compliance.reminders import reminder_stage, reminders_send
from compliance.rules import evaluate_all, findings_sync
from regions.models import Reminder
from tests.compliance.test_rules import DAY, compliant_region
from tests.factories import GrantFactory, PeriodFactory, SignatureFactory, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def region_with_new_finding():
    c = compliant_region()
    c.mbo.memberships.all().delete()
    findings_sync(today=DAY, results=evaluate_all(DAY), by=None)
    return c


def test_a_new_finding_is_mailed_once_to_each_manager_with_an_address():
    c = region_with_new_finding()
    anna = manager_of(c.region, username="anna")
    bert = manager_of(c.region, username="bert")
    cees = manager_of(c.region, username="cees")  # a manager without an e-mail address
    cees.email = ""
    cees.save(update_fields=["email"])
    other = compliant_region()
    manager_of(other.region, username="dirk")  # other region, no finding there

    summary = reminders_send(today=DAY)
    assert summary.sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [anna.email, bert.email]
    message = mail.outbox[0]
    assert (
        message.subject
        == f"{c.region.sto_number} {c.region.name}: nieuwe bevinding – Geen mbo-instelling"
    )
    assert f"Regio {c.region.sto_number} heeft geen mbo-instelling als deelnemer" in message.body
    assert "Ernst: fout" in message.body and "Eerst gezien op: 1 maart 2025" in message.body
    assert set(Reminder.objects.values_list("key", flat=True)) == {
        f"finding:{c.region.findings.get().pk}:{anna.pk}",
        f"finding:{c.region.findings.get().pk}:{bert.pk}",
    }
    assert all(r.sent_at is not None for r in Reminder.objects.all())

    # The reminder task again, the same day and the next: nothing more.
    assert reminders_send(today=DAY).sent == 0
    assert reminders_send(today=DAY + datetime.timedelta(days=1)).sent == 0
    assert len(mail.outbox) == 2


def test_a_crash_after_sending_never_leads_to_a_second_mail(monkeypatch):
    c = region_with_new_finding()
    manager_of(c.region, username="anna")

    def crash(reminder, *, by=None):
        raise RuntimeError("worker died after sending")

    monkeypatch.setattr(reminders, "_mark_sent", crash)
    with pytest.raises(RuntimeError):
        reminders_send(today=DAY)
    assert len(mail.outbox) == 1
    reminder = Reminder.objects.get()
    assert reminder.sent_at is None  # claimed, never confirmed

    monkeypatch.undo()  # the task runs again (redelivery after the worker died)
    summary = reminders_send(today=DAY)
    assert summary.sent == 0
    assert len(mail.outbox) == 1


def test_a_crash_between_claim_and_send_loses_that_mail_rather_than_risk_two(monkeypatch):
    """At most once: the documented price (docs/rules.md)."""
    c = region_with_new_finding()
    manager_of(c.region, username="anna")
    monkeypatch.setattr(reminders, "_deliver", lambda m: (_ for _ in ()).throw(TimeoutError("?")))
    assert reminders_send(today=DAY).failed == 1
    monkeypatch.undo()
    assert reminders_send(today=DAY).sent == 0
    assert mail.outbox == []
    assert Reminder.objects.get().sent_at is None  # visible in the admin as not confirmed


def test_a_refused_delivery_is_released_and_sent_by_the_next_run(monkeypatch):
    c = region_with_new_finding()
    manager_of(c.region, username="anna")

    def refuse(m):
        raise smtplib.SMTPConnectError(421, "try later")

    monkeypatch.setattr(reminders, "_deliver", refuse)
    assert reminders_send(today=DAY).released == 1
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    assert reminders_send(today=DAY).sent == 1
    assert len(mail.outbox) == 1


def test_a_key_claimed_concurrently_is_skipped(monkeypatch):
    c = region_with_new_finding()
    manager_of(c.region, username="anna")
    due = reminders.reminders_due(today=DAY)
    # Another worker claims it between our look and our claim.
    assert reminders.reminder_claim(mail=due[0]) is not None
    monkeypatch.setattr(reminders, "reminders_due", lambda today: due)
    summary = reminders_send(today=DAY)
    assert (summary.sent, summary.skipped) == (0, 1)
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [(45, None), (31, None), (30, 30), (8, 30), (7, 7), (1, 7), (0, 7), (-1, None)],
)
def test_reminder_stage(days_left, stage):
    assert reminder_stage(days_left, [30, 7]) == stage


def test_convenant_deadline_reminders_30_and_7_days_ahead():
    c = compliant_region(signed=False)  # deadline 1 October 2024, nobody signed
    anna = manager_of(c.region, username="anna")
    deadline = c.convenant.signing_deadline

    assert reminders_send(today=deadline - datetime.timedelta(days=31)).sent == 0
    assert reminders_send(today=deadline - datetime.timedelta(days=30)).sent == 1
    assert reminders_send(today=deadline - datetime.timedelta(days=29)).sent == 0
    assert reminders_send(today=deadline - datetime.timedelta(days=8)).sent == 0
    assert reminders_send(today=deadline - datetime.timedelta(days=7)).sent == 1
    assert reminders_send(today=deadline - datetime.timedelta(days=3)).sent == 0

    first, second = mail.outbox
    assert first.to == [anna.email]
    assert first.subject == (
        f"{c.region.sto_number} {c.region.name}: convenant 2025-2028 uiterlijk 1 oktober 2024 "
        "ondertekenen (nog 30 dagen)"
    )
    unsigned = sorted((c.lead, c.vmbo, c.mbo, c.company), key=lambda o: o.name)
    assert (
        "Nog niet ondertekend door: " + ", ".join(f"{o.name} ({o.key})" for o in unsigned) + "."
        in first.body
    )
    assert "(nog 7 dagen)" in second.subject
    assert sorted(Reminder.objects.values_list("key", flat=True)) == [
        f"deadline:convenant:{c.region.sto_number}:2025-2028:2024-10-01:30:{anna.pk}",
        f"deadline:convenant:{c.region.sto_number}:2025-2028:2024-10-01:7:{anna.pk}",
    ]


def test_a_missed_day_still_gets_its_reminder_and_a_signed_convenant_none():
    c = compliant_region(signed=False)
    manager_of(c.region, username="anna")
    deadline = c.convenant.signing_deadline
    # The task did not run 30 days ahead; 20 days ahead it sends the 30-day reminder.
    assert reminders_send(today=deadline - datetime.timedelta(days=20)).sent == 1
    assert "(nog 20 dagen)" in mail.outbox[0].subject

    signed = compliant_region()  # all signed
    manager_of(signed.region, username="bert")
    assert reminders_send(today=deadline - datetime.timedelta(days=7)).sent == 1  # only anna's
    assert [m.to for m in mail.outbox[1:]] == [["anna@example.nl"]]


def test_annual_report_reminders_before_1_june():
    period_2024 = PeriodFactory(
        code="2024", start_year=2024, end_year=2024, min_cofinancing_pct=Decimal("7.5")
    )
    c = compliant_region()
    GrantFactory(region=c.region, period=period_2024, year=2024, amount=Decimal("500000"))
    anna = manager_of(c.region, username="anna")
    due = datetime.date(2025, 6, 1)

    assert reminders_send(today=due - datetime.timedelta(days=30)).sent == 1
    assert reminders_send(today=due - datetime.timedelta(days=7)).sent == 1
    assert reminders_send(today=due).sent == 0  # the 7-day reminder covers the last week
    assert [m.subject for m in mail.outbox] == [
        f"{c.region.sto_number} {c.region.name}: jaarverslag 2024 uiterlijk 1 juni 2025 indienen (nog 30 dagen)",
        f"{c.region.sto_number} {c.region.name}: jaarverslag 2024 uiterlijk 1 juni 2025 indienen (nog 7 dagen)",
    ]
    assert Reminder.objects.filter(
        key=f"deadline:annual_report:{c.region.sto_number}:2024:7:{anna.pk}"
    ).exists()


def test_reminder_days_come_from_the_setting(settings):
    settings.STO_REMINDER_DAYS = [14]
    c = compliant_region(signed=False)
    manager_of(c.region, username="anna")
    deadline = c.convenant.signing_deadline
    assert reminders_send(today=deadline - datetime.timedelta(days=20)).sent == 0
    assert reminders_send(today=deadline - datetime.timedelta(days=14)).sent == 1
    assert Reminder.objects.get().key.endswith(
        ":14:" + str(c.region.manager_assignments.get().user_id)
    )


FOOTER = (
    "U ontvangt dit bericht als programmamanager van de regio in STO-beheer. "
    "De open bevindingen en deadlines staan ook op het dashboard van de regio."
)


def test_the_whole_finding_mail_is_dutch_plain_text_whatever_the_active_language():
    c = region_with_new_finding()
    c.region.name = "Rijn & Gouwe 's-Hertogenbosch"  # plain text: nothing HTML-escaped
    c.region.save(update_fields=["name"])
    anna = manager_of(c.region, username="anna")
    anna.first_name, anna.last_name = "Anna", "de Vries"
    anna.save(update_fields=["first_name", "last_name"])

    with translation.override("en"):  # e.g. started from a page in the English interface
        assert reminders_send(today=DAY).sent == 1

    (message,) = mail.outbox
    sto = c.region.sto_number
    assert message.subject == (
        f"{sto} Rijn & Gouwe 's-Hertogenbosch: nieuwe bevinding – Geen mbo-instelling"
    )
    assert message.body == (
        "Beste Anna de Vries,\n"
        "\n"
        "Bij de controle van de regels van Sterk Techniekonderwijs is voor regio "
        f"{sto} Rijn & Gouwe 's-Hertogenbosch een nieuwe bevinding gevonden:\n"
        "\n"
        f"Regio {sto} heeft geen mbo-instelling als deelnemer; minimaal 1 nodig (voorwaarde g).\n"
        "\n"
        "Regel: Geen mbo-instelling\n"
        "Ernst: fout\n"
        "Eerst gezien op: 1 maart 2025\n"
        "\n" + FOOTER
    )
    assert Reminder.objects.get().subject == message.subject


def test_the_whole_convenant_deadline_mail():
    c = compliant_region(signed=False)
    SignatureFactory(convenant=c.convenant, organisation=c.lead)  # the penvoerder signed
    c.company.name = "Bakker & Zn's"
    c.company.save(update_fields=["name"])
    c.convenant.title = 'Convenant "Samen techniek"'
    c.convenant.save(update_fields=["title"])
    manager_of(c.region, username="bert")  # no full name: greeted by username
    deadline = c.convenant.signing_deadline

    assert reminders_send(today=deadline - datetime.timedelta(days=1)).sent == 1

    (message,) = mail.outbox
    sto, name = c.region.sto_number, c.region.name
    assert message.subject == (
        f"{sto} {name}: convenant 2025-2028 uiterlijk 1 oktober 2024 ondertekenen (nog 1 dag)"
    )
    unsigned = sorted((c.vmbo, c.mbo, c.company), key=lambda o: o.name)
    assert message.body == (
        "Beste bert,\n"
        "\n"
        'Het convenant Convenant "Samen techniek" (periode 2025-2028) moet uiterlijk '
        "1 oktober 2024 door alle deelnemers ondertekend zijn (nog 1 dag). Nog niet ondertekend "
        "door: " + ", ".join(f"{o.name} ({o.key})" for o in unsigned) + ".\n"
        "\n" + FOOTER
    )
    assert "Bakker & Zn's" in message.body


def test_the_whole_annual_report_deadline_mail_on_the_day_itself():
    period_2024 = PeriodFactory(
        code="2024", start_year=2024, end_year=2024, min_cofinancing_pct=Decimal("7.5")
    )
    c = compliant_region()
    GrantFactory(region=c.region, period=period_2024, year=2024, amount=Decimal("500000"))
    manager_of(c.region, username="anna")

    assert reminders_send(today=datetime.date(2025, 6, 1), by=None).sent == 1

    (message,) = mail.outbox
    sto, name = c.region.sto_number, c.region.name
    assert message.subject == (
        f"{sto} {name}: jaarverslag 2024 uiterlijk 1 juni 2025 indienen (vandaag)"
    )
    assert message.body == (
        "Beste anna,\n"
        "\n"
        f"Het jaarverslag 2024 van regio {sto} {name} moet uiterlijk 1 juni 2025 ingediend zijn "
        "(vandaag) en is nog niet binnen.\n"
        "\n" + FOOTER
    )
