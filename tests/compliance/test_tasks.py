"""The Celery tasks, run in-process (eager); tests/test_celery_worker.py runs them through a real
broker and worker."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from compliance import tasks
from regions.models import Finding, Reminder
from sto.celery import app
from tests.compliance.test_rules import DAY, compliant_region
from tests.factories import manager_of


def test_tasks_are_registered_acks_late_and_time_limited():
    for name in ("compliance.tasks.run_national_check", "compliance.tasks.send_reminders"):
        task = app.tasks[name]
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
        assert 0 < task.soft_time_limit < task.time_limit <= 30 * 60


def test_beat_runs_the_checks_at_two_and_the_reminders_at_seven_amsterdam_time():
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["compliance.tasks.run_national_check"] == crontab(hour=2, minute=0)
    assert schedule["compliance.tasks.send_reminders"] == crontab(hour=7, minute=0)
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert set(schedule) <= set(app.tasks)


def test_today_is_the_date_in_amsterdam(monkeypatch):
    # 23:30 UTC on 31 May is already 1 June in Amsterdam (summer time, UTC+2).
    late = datetime.datetime(2025, 5, 31, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert tasks.amsterdam_today() == datetime.date(2025, 6, 1)


@pytest.mark.django_db
def test_run_national_check_stores_findings_and_is_idempotent():
    c = compliant_region()
    c.company.memberships.all().delete()

    first = tasks.run_national_check.apply(kwargs={"today": DAY.isoformat()}).get()
    assert first == {
        "today": "2025-03-01",
        "results": 1,
        "opened": 1,
        "changed": 0,
        "seen": 0,
        "resolved": 0,
        "unchanged": 0,
    }
    rows = list(Finding.objects.values())
    again = tasks.run_national_check.apply(kwargs={"today": DAY.isoformat()}).get()
    assert (again["opened"], again["unchanged"]) == (0, 1)
    assert list(Finding.objects.values()) == rows
    assert rows[0]["rule"] == "min_company" and rows[0]["region_id"] == c.region.pk


@pytest.mark.django_db
def test_run_national_check_defaults_to_today_in_amsterdam(monkeypatch):
    compliant_region().company.memberships.all().delete()
    monkeypatch.setattr(tasks, "amsterdam_today", lambda: datetime.date(2025, 4, 2))
    assert tasks.run_national_check.apply().get()["today"] == "2025-04-02"
    assert Finding.objects.get().first_seen == datetime.date(2025, 4, 2)


@pytest.mark.django_db
def test_send_reminders_twice_sends_one_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    c = compliant_region()
    c.company.memberships.all().delete()
    manager_of(c.region, username="anna")
    tasks.run_national_check.apply(kwargs={"today": DAY.isoformat()}).get()

    first = tasks.send_reminders.apply(kwargs={"today": DAY.isoformat()}).get()
    second = tasks.send_reminders.apply(kwargs={"today": DAY.isoformat()}).get()
    assert (first["sent"], second["sent"]) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert Reminder.objects.get().sent_at is not None
