"""The Celery application of STO-beheer.

With no broker configured (``CELERY_BROKER_URL``/``REDIS_URL`` empty) the settings switch tasks to
eager mode, so the embedded demo runs without Redis.
"""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

from sto.startup import require_production_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sto.settings")

app = Celery("sto")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_a_local_secret_key(**kwargs) -> None:
    """The worker and beat start only with production settings outside DEBUG."""
    require_production_settings()
