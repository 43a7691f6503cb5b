import threading

import pytest

from sto.jobs import enqueue


class RecordingTask:
    name = "recording"

    def __init__(self):
        self.calls = []
        self.thread_names = []

    def apply(self, args=(), kwargs=None):
        self.thread_names.append(threading.current_thread().name)
        self.calls.append(("apply", args, kwargs or {}))

    def delay(self, *args, **kwargs):
        self.calls.append(("delay", args, kwargs))
        return "queued"


def test_with_a_broker_a_job_is_queued(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.STO_EAGER_JOBS_IN_BACKGROUND = True
    task = RecordingTask()
    assert enqueue(task, 7, year=2025) == "queued"
    assert task.calls == [("delay", (7,), {"year": 2025})]


def test_eager_without_background_runs_in_the_request(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.STO_EAGER_JOBS_IN_BACKGROUND = False
    task = RecordingTask()
    enqueue(task, 7)
    assert task.calls == [("delay", (7,), {})]  # Celery's eager mode applies it inline


@pytest.mark.django_db(transaction=True)
def test_eager_in_background_runs_in_another_thread(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.STO_EAGER_JOBS_IN_BACKGROUND = True
    task = RecordingTask()
    thread = enqueue(task, 7)
    thread.join(timeout=10)
    assert task.calls == [("apply", (7,), {})]
    assert task.thread_names == ["eager-recording"]
    assert task.thread_names[0] != threading.current_thread().name
