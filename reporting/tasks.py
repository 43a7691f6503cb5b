"""Celery tasks of the reporting app: thin, idempotent, started after commit.

``generate_annual_reports`` takes a batch id and calls ``reporting.services.report_batch_run``;
running it twice does no harm (a finished batch is left alone, a half-finished one skips the
documents it already made). ``acks_late`` with ``reject_on_worker_lost`` (settings) hands the job
to another worker when one dies.
"""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from .services import report_batch_fail, report_batch_run

SOFT_TIME_LIMIT = 20 * 60  # 78 PDFs take a few minutes; this is a generous ceiling
TIME_LIMIT = SOFT_TIME_LIMIT + 60


@shared_task(
    name="reporting.generate_annual_reports",
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    ignore_result=True,
)
def generate_annual_reports(batch_id: int) -> None:
    try:
        report_batch_run(batch_id=batch_id)
    except SoftTimeLimitExceeded:
        report_batch_fail(batch_id=batch_id, message="De tijdslimiet van de taak is overschreden.")
