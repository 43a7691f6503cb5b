"""The rule tasks through a real Redis broker and a real ``celery worker`` process.

Needs ``STO_TEST_REDIS_URL`` (scripts/test.sh sets it when Redis runs on 127.0.0.1:6379); without
it the tests are skipped, unless ``STO_REQUIRE_SERVICES=1`` (CI), where that is a failure.

The worker must see the test's data, so the tests use ``transactional_db`` (data is committed)
and hand the worker the test database: on PostgreSQL its name; on SQLite, whose test database
lives in this process's memory, a file copy made with SQLite's backup API that is copied back
after the worker is done.

This module is also imported by the worker (for ``CrashOnceEmailBackend``), so its top level
must not touch Django models.
"""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("STO_TEST_REDIS_URL", "")
OVERALL_TIMEOUT = 60  # seconds, per test
KILL_TEST_TIMEOUT = 120  # two worker start-ups

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


class CrashOnceEmailBackend(FileEmailBackend):
    """Used by the worker in the kill test: writes the mail to a file, then kills its own
    worker process (SIGKILL: no clean-up, no ack) — once, guarded by a marker file."""

    def __init__(self, **kwargs):
        super().__init__(file_path=os.environ["STO_TEST_MAIL_DIR"], **kwargs)

    def send_messages(self, email_messages):
        count = super().send_messages(email_messages)
        marker = Path(os.environ["STO_TEST_CRASH_MARKER"])
        if not marker.exists():
            marker.write_text("crashed")
            os.kill(os.getpid(), signal.SIGKILL)
        return count


def _skip_or_fail(reason: str):
    if os.environ.get("STO_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (STO_REQUIRE_SERVICES=1: the worker test must run)")
    pytest.skip(reason)


@pytest.fixture
def broker_url():
    if not REDIS_URL:
        _skip_or_fail(
            "No Redis broker: set STO_TEST_REDIS_URL (scripts/test.sh does when Redis runs on "
            "127.0.0.1:6379)"
        )
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        _skip_or_fail(f"Redis at {REDIS_URL} is not reachable: {exc}")
    return REDIS_URL


@pytest.fixture
def overall_timeout():
    """Fail instead of hanging, whatever part gets stuck."""

    def expired(signum, frame):
        raise TimeoutError("the Celery worker test took too long")

    def arm(seconds: int):
        signal.signal(signal.SIGALRM, expired)
        signal.alarm(seconds)

    previous = signal.getsignal(signal.SIGALRM)
    yield arm
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def queue(broker_url):
    """A queue of our own, so no other worker or test takes our messages."""
    import redis

    name = f"sto-test-{uuid.uuid4().hex[:12]}"
    yield name
    redis.Redis.from_url(broker_url).delete(
        name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}"
    )


class WorkerDatabase:
    """The test database as the worker process sees it."""

    def __init__(self, tmp_path: Path):
        from django.db import connection

        self.connection = connection
        self.copy = tmp_path / "worker.sqlite3"

    @property
    def is_sqlite(self) -> bool:
        return self.connection.vendor == "sqlite"

    def url(self) -> str:
        if self.is_sqlite:
            return f"sqlite:///{self.copy}"
        s = self.connection.settings_dict
        auth = quote(s["USER"] or "", safe="")
        if s.get("PASSWORD"):
            auth += ":" + quote(s["PASSWORD"], safe="")
        host = s["HOST"] or "127.0.0.1"
        return f"postgres://{auth}@{host}:{s['PORT'] or 5432}/{s['NAME']}"

    @contextmanager
    def shared(self):
        """Hand the test's data to the worker and take the worker's writes back (SQLite only;
        PostgreSQL is shared as it is)."""
        if self.is_sqlite:
            self.connection.ensure_connection()
            target = sqlite3.connect(self.copy)
            self.connection.connection.backup(target)
            target.close()
        yield
        if self.is_sqlite:
            source = sqlite3.connect(self.copy)
            source.backup(self.connection.connection)
            source.close()


class Worker:
    def __init__(
        self, *, broker: str, queue: str, database_url: str, tmp_path: Path, extra_env=None
    ):
        self.log_path = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sto.settings",
            "CELERY_BROKER_URL": broker,
            "CELERY_RESULT_BACKEND": broker,
            "DATABASE_URL": database_url,
            "STO_VAR_DIR": str(tmp_path / "var"),
            "PYTHONUNBUFFERED": "1",
            "SECRET_KEY": "worker-test-" + "x" * 50,  # a worker refuses the local key
            **(extra_env or {}),
        }
        env.pop("STO_SQLITE_TEST_NAME", None)
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sto",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "-n",
                f"{queue}-{uuid.uuid4().hex[:4]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text()

    def wait_for_log(self, text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    def wait_for_exit(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(
                f"the worker did not exit\n--- worker log ---\n{self.output()}"
            ) from exc

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def start_worker(broker_url, queue, tmp_path):
    """Start worker processes; every one is stopped at the end, whatever happens."""
    workers: list[Worker] = []
    database = WorkerDatabase(tmp_path)

    def start(extra_env=None) -> Worker:
        worker = Worker(
            broker=broker_url,
            queue=queue,
            database_url=database.url(),
            tmp_path=tmp_path,
            extra_env=extra_env,
        )
        workers.append(worker)
        return worker

    start.database = database
    yield start
    for worker in workers:
        worker.stop()


def _sender(broker_url: str):
    """A Celery app of the test process that really uses the broker (the project's app runs
    eagerly in tests)."""
    from celery import Celery

    return Celery("sto-test-sender", broker=broker_url, backend=broker_url)


def _get(result, worker: Worker, timeout: float):
    try:
        return result.get(timeout=timeout)
    except Exception as exc:  # show what the worker said
        raise AssertionError(
            f"task failed or timed out: {exc!r}\n--- worker log ---\n{worker.output()}"
        ) from exc


def test_run_national_check_through_redis_and_a_worker(
    broker_url, queue, start_worker, overall_timeout
):
    from compliance.tasks import run_national_check
    from regions.models import Finding
    from tests.compliance.test_rules import compliant_region

    overall_timeout(OVERALL_TIMEOUT)
    c = compliant_region()
    c.company.memberships.all().delete()
    c.mbo.memberships.all().delete()

    with start_worker.database.shared():
        worker = start_worker()
        result = _sender(broker_url).send_task(
            run_national_check.name, kwargs={"today": "2025-03-01"}, queue=queue
        )
        summary = _get(result, worker, timeout=OVERALL_TIMEOUT - 5)
    assert summary["opened"] == 2 and summary["today"] == "2025-03-01"
    # Written by the worker process, read here from the database.
    assert sorted(Finding.objects.filter(region=c.region).values_list("rule", "first_seen")) == [
        ("min_company", datetime.date(2025, 3, 1)),
        ("min_mbo", datetime.date(2025, 3, 1)),
    ]
    # It ran in the worker process (the worker logs success just after storing the result).
    assert worker.wait_for_log(f"Task {run_national_check.name}[{result.id}] succeeded", timeout=10)


def _restore_unacked(broker_url: str, queue: str) -> int:
    """Put our queue's delivered-but-unacknowledged messages back, as Redis does once the
    visibility timeout has passed (one hour by default: too long for a test). Only messages of
    ``queue`` are touched, so other users of this Redis database are not disturbed."""
    from kombu import Connection

    restored = 0
    with Connection(broker_url) as conn:
        channel = conn.default_channel
        client = channel.client
        for tag, payload in client.hgetall(channel.unacked_key).items():
            _message, _exchange, routing_key = json.loads(payload)
            if routing_key == queue:
                channel.qos.restore_by_tag(tag, client)
                restored += 1
    return restored


def test_a_worker_killed_after_sending_a_reminder_does_not_send_it_again(
    broker_url, queue, start_worker, overall_timeout, tmp_path
):
    from compliance.rules import evaluate_all, findings_sync
    from compliance.tasks import send_reminders
    from regions.models import Reminder
    from tests.compliance.test_rules import DAY, compliant_region
    from tests.factories import manager_of

    overall_timeout(KILL_TEST_TIMEOUT)
    c = compliant_region()
    c.company.memberships.all().delete()
    findings_sync(today=DAY, results=evaluate_all(DAY), by=None)
    anna = manager_of(c.region, username="anna")
    mail_dir = tmp_path / "mail"
    mail_env = {
        "EMAIL_BACKEND": f"{__name__}.CrashOnceEmailBackend",
        "STO_TEST_MAIL_DIR": str(mail_dir),
        "STO_TEST_CRASH_MARKER": str(tmp_path / "crashed"),
    }
    sender = _sender(broker_url)

    with start_worker.database.shared():
        first = start_worker(mail_env)
        result = sender.send_task(
            send_reminders.name, kwargs={"today": DAY.isoformat()}, queue=queue
        )
        # The worker sends the mail, then dies mid-task (before sent_at is stored and before
        # the message is acknowledged).
        assert first.wait_for_exit(timeout=60) == -signal.SIGKILL, first.output()
        mails = list(mail_dir.iterdir())
        assert len(mails) == 1
        assert anna.email in mails[0].read_text()

        assert _restore_unacked(broker_url, queue) == 1
        second = start_worker(mail_env)  # the message is delivered again, to a new worker
        summary = _get(result, second, timeout=60)

    assert summary == {"today": "2025-03-01", "sent": 0, "skipped": 0, "released": 0, "failed": 0}
    assert len(list(mail_dir.iterdir())) == 1  # still one mail
    reminder = Reminder.objects.get()
    assert reminder.key == f"finding:{c.region.findings.get().pk}:{anna.pk}"
    assert reminder.sent_at is None  # claimed, sent, never confirmed: the at-most-once trace
