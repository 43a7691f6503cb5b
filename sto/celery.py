"""The Celery application of STO-beheer.

With no broker configured (``CELERY_BROKER_URL``/``REDIS_URL`` empty) the settings switch tasks to
eager mode, so the embedded demo runs without Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sto.settings")

app = Celery("sto")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
