"""Starting Celery jobs.

With a broker, ``enqueue`` is ``task.delay``. Without one (the embedded demo) Celery runs tasks
eagerly, inside the request that starts them: a long job such as rendering 78 annual reports
would hold the page for a minute and its progress page could never be seen. There, with
``STO_EAGER_JOBS_IN_BACKGROUND`` on (the default when DEBUG is on), the job runs in a thread of
the same process instead.
"""

import threading

from django.conf import settings
from django.db import connections


def _run_and_close(task, args, kwargs) -> None:
    try:
        task.apply(args=args, kwargs=kwargs)
    finally:
        connections.close_all()  # the thread's own database connections


def enqueue(task, *args, **kwargs):
    """Start ``task`` with ``args``; call it from ``transaction.on_commit``."""
    if settings.CELERY_TASK_ALWAYS_EAGER and settings.STO_EAGER_JOBS_IN_BACKGROUND:
        thread = threading.Thread(
            target=_run_and_close, args=(task, args, kwargs), name=f"eager-{task.name}", daemon=True
        )
        thread.start()
        return thread
    return task.delay(*args, **kwargs)
