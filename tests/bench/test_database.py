"""``python -m bench`` runs in a database of its own: it never drops or writes to the database
``DATABASE_URL`` names, whatever settings are in the shell (bench/database.py).

Most tests stand a recording fake in for the PostgreSQL server; one test runs against the real
server (``STO_TEST_POSTGRES_URL``, default 127.0.0.1:5432, as scripts/test.sh uses) and only
creates and drops databases with names of its own there.
"""

import os
import secrets
import signal
import sys
from contextlib import nullcontext
from types import SimpleNamespace
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql

import bench.__main__
from bench import database
from bench.database import (
    NAME_PATTERN,
    BenchDatabaseError,
    ScratchDatabase,
    bench_database,
    with_database,
)

PRODUCTION = "postgres://sto:geheim@db.example.nl:5433/sto?sslmode=require"


class FakeServer:
    """Stands in for ``psycopg.connect``: records where it connects and what it executes;
    ``errors`` maps the start of a statement (or ``"connect"``) to the error it raises."""

    def __init__(self, **errors: Exception):
        self.errors = errors
        self.connected_to: list[str] = []
        self.statements: list[str] = []

    def connect(self, url, autocommit=False):
        assert autocommit  # CREATE/DROP DATABASE cannot run inside a transaction
        self.connected_to.append(url)
        if "connect" in self.errors:
            raise self.errors["connect"]
        return FakeConnection(self)


class FakeConnection:
    info = SimpleNamespace(server_version=150004)

    def __init__(self, server: FakeServer):
        self.server = server

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, query, params=None):
        text = query.as_string(None) if isinstance(query, sql.Composable) else query
        self.server.statements.append(text)
        for start, error in self.server.errors.items():
            if text.startswith(start):
                raise error


@pytest.fixture
def server(monkeypatch):
    fake = FakeServer()
    monkeypatch.setattr(database.psycopg, "connect", fake.connect)
    return fake


@pytest.fixture
def production_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", PRODUCTION)
    return PRODUCTION


def test_its_database_has_a_name_of_its_own_on_the_same_server(server, production_url):
    db = ScratchDatabase(production_url)
    assert NAME_PATTERN.fullmatch(db.name) and db.name != "sto"
    assert db.url == f"postgres://sto:geheim@db.example.nl:5433/{db.name}?sslmode=require"
    assert ScratchDatabase(production_url).name != db.name  # chosen at random for each run


def test_a_dbname_option_cannot_bring_the_named_database_back():
    url = with_database("postgresql://u@h/?dbname=sto&sslmode=require", "sto_bench_0123456789ab")
    assert url == "postgresql://u@h/sto_bench_0123456789ab?sslmode=require"


def test_a_run_creates_uses_and_drops_its_own_database_only(server, production_url, tmp_path):
    with bench_database(tmp_path) as engine:
        assert engine == "postgresql"
        name = urlsplit(os.environ["DATABASE_URL"]).path[1:]
        assert NAME_PATTERN.fullmatch(name)
    assert os.environ["DATABASE_URL"] == production_url  # the shell's setting, restored
    assert server.statements == [
        f'CREATE DATABASE "{name}"',
        f'COMMENT ON DATABASE "{name}" IS \'scratch database of python -m bench (process '
        f"{os.getpid()})'",
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
    ]
    # Connected to the server's maintenance database, never to the database of DATABASE_URL.
    assert set(server.connected_to) == {
        "postgres://sto:geheim@db.example.nl:5433/postgres?sslmode=require"
    }


def test_a_failing_run_still_drops_its_database(server, production_url, tmp_path):
    with pytest.raises(RuntimeError, match="seed_demo failed"):
        with bench_database(tmp_path):
            name = urlsplit(os.environ["DATABASE_URL"]).path[1:]
            raise RuntimeError("seed_demo failed")
    assert server.statements[-1] == f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    assert os.environ["DATABASE_URL"] == production_url


def test_a_database_it_did_not_create_is_refused(server, production_url):
    db = ScratchDatabase(production_url)
    with pytest.raises(BenchDatabaseError) as refused:
        db.drop()
    assert str(refused.value) == (
        f"refuses to drop {db.name} on sto@db.example.nl:5433: this run did not create it."
    )
    assert server.connected_to == []  # not even a connection


def test_a_name_that_exists_already_is_refused_and_left_alone(
    server, production_url, tmp_path, monkeypatch
):
    monkeypatch.setattr(database, "choose_name", lambda: "sto_bench_0123456789ab")
    server.errors["CREATE DATABASE"] = psycopg.errors.DuplicateDatabase("exists")
    ran = False
    with pytest.raises(BenchDatabaseError) as refused:
        with bench_database(tmp_path):
            ran = True
    assert str(refused.value) == (
        "a database sto_bench_0123456789ab exists already on sto@db.example.nl:5433; this run "
        "did not create it, so it will neither use nor drop it. Run the benchmark again."
    )
    assert not ran
    assert server.statements == ['CREATE DATABASE "sto_bench_0123456789ab"']  # no DROP
    assert os.environ["DATABASE_URL"] == production_url


def test_without_its_own_database_the_benchmark_stops_with_a_clear_message(
    server, production_url, monkeypatch, tmp_path
):
    server.errors["CREATE DATABASE"] = psycopg.errors.InsufficientPrivilege(
        "permission denied to create database"
    )
    monkeypatch.setattr(sys, "argv", ["python -m bench"])
    folder = tmp_path / "sto-bench-run"
    folder.mkdir()
    monkeypatch.setattr(bench.__main__.tempfile, "mkdtemp", lambda prefix: str(folder))
    sigterm = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stopped:
        bench.__main__.main()
    assert signal.getsignal(signal.SIGTERM) == sigterm  # the process's handler, restored
    message = str(stopped.value.code)
    assert message.startswith(
        "python -m bench: cannot create a database of its own on sto@db.example.nl:5433: "
        "permission denied to create database. "
    )
    assert "never uses the database named in DATABASE_URL" in message
    assert "geheim" not in message  # no password in the message
    assert not any(s.startswith("DROP") for s in server.statements)
    assert os.environ["DATABASE_URL"] == production_url
    assert not folder.exists()  # no empty temporary folder left behind


def test_an_unreachable_server_stops_the_benchmark_before_anything_runs(
    server, production_url, tmp_path
):
    server.errors["connect"] = psycopg.OperationalError("connection refused\nIs the server up?")
    with pytest.raises(BenchDatabaseError, match="on sto@db.example.nl:5433: connection refused"):
        with bench_database(tmp_path):
            pytest.fail("the run must not start")


def test_another_kind_of_database_is_refused(monkeypatch, tmp_path, server):
    monkeypatch.setenv("DATABASE_URL", "mysql://sto@db.example.nl/sto")
    with pytest.raises(BenchDatabaseError, match="runs on PostgreSQL or SQLite; .*'mysql'"):
        with bench_database(tmp_path):
            pytest.fail("the run must not start")
    assert server.connected_to == []


@pytest.mark.parametrize("configured", ["", "sqlite:////srv/sto/var/sto.sqlite3"])
def test_on_sqlite_it_uses_a_file_in_its_own_folder(monkeypatch, tmp_path, configured):
    if configured:
        monkeypatch.setenv("DATABASE_URL", configured)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    with bench_database(tmp_path) as engine:
        assert engine == "sqlite"
        assert os.environ["DATABASE_URL"] == f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    assert os.environ.get("DATABASE_URL", "") == configured


# --- The real PostgreSQL server ----------------------------------------------------------------

POSTGRES_URL = os.environ.get("STO_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def _databases(admin) -> set[str]:
    return {row[0] for row in admin.execute("SELECT datname FROM pg_database")}


def test_on_postgresql_a_database_with_the_prefix_is_created_and_dropped(monkeypatch, tmp_path):
    try:
        admin = psycopg.connect(with_database(POSTGRES_URL, "postgres"), autocommit=True)
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL is not reachable at {urlsplit(POSTGRES_URL).netloc}: {exc}"
        if os.environ.get("STO_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} (STO_REQUIRE_SERVICES=1: this test must run)")
        pytest.skip(reason)
    # A stand-in for the database a shell's DATABASE_URL names, with data that must survive.
    named = f"sto_benchtest_named_{secrets.token_hex(6)}"
    seen: list[str] = []
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(named)))
    try:
        with psycopg.connect(with_database(POSTGRES_URL, named), autocommit=True) as conn:
            conn.execute("CREATE TABLE data (note text)")
            conn.execute("INSERT INTO data VALUES ('kept')")
        monkeypatch.setenv("DATABASE_URL", with_database(POSTGRES_URL, named))

        for fails in (False, True):
            with pytest.raises(RuntimeError) if fails else nullcontext():
                with bench_database(tmp_path):
                    url = os.environ["DATABASE_URL"]
                    name = urlsplit(url).path[1:]
                    seen.append(name)
                    assert NAME_PATTERN.fullmatch(name)
                    assert name in _databases(admin)
                    run = psycopg.connect(url, autocommit=True)  # the run writes to its own
                    run.execute("CREATE TABLE bench (n int)")
                    if fails:  # a failed run, its connection still open: dropped all the same
                        raise RuntimeError("the run failed")
                    run.close()
            run.close()
            assert name not in _databases(admin)

        assert len(set(seen)) == 2  # a new name for each run
        assert os.environ["DATABASE_URL"] == with_database(POSTGRES_URL, named)
        with psycopg.connect(with_database(POSTGRES_URL, named)) as conn:
            assert conn.execute("SELECT note FROM data").fetchall() == [("kept",)]
            tables = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
            assert tables == [("data",)]  # nothing of the benchmark's
    finally:  # whatever happened above, leave the server as it was
        for name in [named, *seen]:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        admin.close()
