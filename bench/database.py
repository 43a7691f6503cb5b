"""The benchmark's own database: it never drops or writes to the one ``DATABASE_URL`` names.

A benchmark run migrates, seeds, imports and clones: writes that must never reach a real
database, whatever settings happen to be in the shell. So ``python -m bench`` always runs in a
database of its own:

- PostgreSQL (``DATABASE_URL`` is ``postgres://…`` or ``postgresql://…``): on the server that URL
  points at it creates ``sto_bench_<12 random hex digits>`` (connected to the server's
  maintenance database ``postgres``, never to the database named in the URL), runs in it, and
  drops it at the end, also when the run fails or is interrupted. It drops only the database it
  created in this run. If it cannot create its own database it stops and says why; a name that
  exists already is not its own, so it is refused and left as it is. A run killed outright
  (SIGKILL) leaves its database behind, with a comment that says so.
- No ``DATABASE_URL``, or a SQLite one: a SQLite file in the run's temporary folder.
- Any other database: refused.
"""

import os
import re
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import psycopg
from psycopg import sql

PREFIX = "sto_bench_"
NAME_PATTERN = re.compile(r"sto_bench_[0-9a-f]{12}")
MAINTENANCE_DATABASE = "postgres"
POSTGRES_SCHEMES = {"postgres", "postgresql"}


class BenchDatabaseError(Exception):
    """The benchmark cannot, or will not, use a database; the message says which and why."""


def choose_name() -> str:
    """A database name of the benchmark's own: ``sto_bench_`` and 12 random hex digits."""
    return PREFIX + secrets.token_hex(6)


def with_database(url: str, name: str) -> str:
    """``url`` naming database ``name`` instead: user, password, host, port and options stay as
    they are; a ``dbname`` option, which would name the database after all, is left out."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dbname"]
    return parts._replace(path="/" + name, query=urlencode(query)).geturl()


def describe_server(url: str) -> str:
    """``user@host:port`` for messages (never the password)."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    return f"{user}{parts.hostname or 'localhost'}:{parts.port or 5432}"


class ScratchDatabase:
    """A PostgreSQL database the benchmark creates, uses and drops on the server of
    ``server_url`` (the ``DATABASE_URL`` of the shell; the database named there is never used)."""

    def __init__(self, server_url: str):
        self.server_url = server_url
        self.server = describe_server(server_url)
        self.name = choose_name()
        self.url = with_database(server_url, self.name)
        self.created = False
        # A label for whoever finds it on the server, e.g. after the run was killed (SIGKILL).
        self.comment = f"scratch database of python -m bench (process {os.getpid()})"

    def _connect(self) -> psycopg.Connection:
        # libpq knows postgresql:// and postgres://, connected to the maintenance database.
        maintenance = with_database(self.server_url, MAINTENANCE_DATABASE)
        return psycopg.connect(maintenance, autocommit=True)

    def create(self) -> None:
        if not NAME_PATTERN.fullmatch(self.name):
            raise BenchDatabaseError(f"{self.name!r} is not a name the benchmark chose; refused.")
        try:
            with self._connect() as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
                self.created = True
                conn.execute(
                    sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                        sql.Identifier(self.name), sql.Literal(self.comment)
                    )
                )
        except psycopg.errors.DuplicateDatabase:
            raise BenchDatabaseError(
                f"a database {self.name} exists already on {self.server}; this run did not "
                "create it, so it will neither use nor drop it. Run the benchmark again."
            ) from None
        except psycopg.Error as exc:
            if self.created:
                self.drop()
            raise BenchDatabaseError(
                f"cannot create a database of its own on {self.server}: {_first_line(exc)}. "
                "The benchmark runs only in a database it creates itself (the user needs the "
                "CREATEDB privilege and access to the maintenance database "
                f"'{MAINTENANCE_DATABASE}'); it never uses the database named in DATABASE_URL. "
                "Without DATABASE_URL it runs on SQLite."
            ) from None

    def drop(self) -> None:
        """Drop the database this run created; any other database is refused."""
        if not self.created or not NAME_PATTERN.fullmatch(self.name):
            raise BenchDatabaseError(
                f"refuses to drop {self.name} on {self.server}: this run did not create it."
            )
        try:
            with self._connect() as conn:
                # FORCE (PostgreSQL 13+) ends connections a failed run may have left open.
                force = " WITH (FORCE)" if conn.info.server_version >= 130000 else ""
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {}" + force).format(sql.Identifier(self.name))
                )
        except psycopg.Error as exc:
            raise BenchDatabaseError(
                f"could not drop its database {self.name} on {self.server}: {_first_line(exc)}. "
                f'Drop it by hand: DROP DATABASE "{self.name}";'
            ) from None
        self.created = False


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


@contextmanager
def bench_database(tmp: Path) -> Iterator[str]:
    """Point ``DATABASE_URL`` at a database of the benchmark's own while the block runs; yields
    ``"postgresql"`` or ``"sqlite"``. ``DATABASE_URL`` is restored afterwards, and a PostgreSQL
    database is dropped, also when the block fails. Close Django's connections to it before the
    block ends."""
    configured = os.environ.get("DATABASE_URL", "")
    scheme = urlsplit(configured).scheme if configured else "sqlite"
    if scheme in POSTGRES_SCHEMES:
        database = ScratchDatabase(configured)
        engine, url = "postgresql", database.url
    elif scheme == "sqlite":
        database, engine, url = None, "sqlite", f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        raise BenchDatabaseError(
            f"runs on PostgreSQL or SQLite; DATABASE_URL names a {scheme!r} database. "
            "Unset DATABASE_URL to run on SQLite."
        )
    if database is not None:
        database.create()
    os.environ["DATABASE_URL"] = url
    try:
        yield engine
    except BaseException:
        _restore(configured)
        if database is not None:
            try:
                database.drop()
            except BenchDatabaseError as exc:  # report it, but keep the run's own error
                print(f"python -m bench: {exc}", file=sys.stderr)
        raise
    _restore(configured)
    if database is not None:
        database.drop()


def _restore(configured: str) -> None:
    if configured:
        os.environ["DATABASE_URL"] = configured
    else:
        os.environ.pop("DATABASE_URL", None)
