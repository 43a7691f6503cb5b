"""Celery tasks of the compliance app: thin wrappers around ``compliance.rules`` and
``compliance.reminders`` (scheduled in ``settings.CELERY_BEAT_SCHEDULE``).

Both are idempotent: a second run on the same day changes nothing and sends nothing, so
``acks_late`` redelivery after a worker died is safe. They take the day as an ISO string (so a
message is plain JSON) and default to today in Europe/Amsterdam.
"""

import datetime
from zoneinfo import ZoneInfo

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .reminders import reminders_send
from .rules import evaluate_all, findings_sync

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# The national check takes seconds; these limits only stop a task that hangs.
CHECK_SOFT_TIME_LIMIT = 10 * 60
CHECK_TIME_LIMIT = 11 * 60
REMINDERS_SOFT_TIME_LIMIT = 15 * 60
REMINDERS_TIME_LIMIT = 16 * 60
RELEASED_RETRY_DELAY = 15 * 60


def amsterdam_today() -> datetime.date:
    return timezone.localdate(timezone=AMSTERDAM)


def _day(today: str | None) -> datetime.date:
    return datetime.date.fromisoformat(today) if today else amsterdam_today()


@shared_task(
    name="compliance.tasks.run_national_check",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=CHECK_SOFT_TIME_LIMIT,
    time_limit=CHECK_TIME_LIMIT,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def run_national_check(today: str | None = None) -> dict:
    """Nightly: every rule for every region as of ``today``; stores the findings."""
    day = _day(today)
    results = evaluate_all(day)
    summary = findings_sync(today=day, results=results, by=None)
    return {"today": day.isoformat(), "results": len(results), **summary.as_dict()}


@shared_task(
    bind=True,
    name="compliance.tasks.send_reminders",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=REMINDERS_SOFT_TIME_LIMIT,
    time_limit=REMINDERS_TIME_LIMIT,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def send_reminders(self, today: str | None = None) -> dict:
    """Daily: reminder mails for new findings and coming deadlines, each at most once."""
    day = _day(today)
    summary = reminders_send(today=day, by=None)
    if summary.released:  # the mail server refused: try those again later the same day
        raise self.retry(countdown=RELEASED_RETRY_DELAY, kwargs={"today": day.isoformat()})
    return {"today": day.isoformat(), **summary.as_dict()}
