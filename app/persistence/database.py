"""Engine and session set-up, and the database location.

SQLite is the embedded default: WAL mode, foreign keys on, a busy timeout,
and write transactions that take the write lock up front (``BEGIN
IMMEDIATE``), so that two workstations do not deadlock half-way through an
action. The second one waits up to the busy timeout, then gets a "busy"
message. PostgreSQL is used as given by its URL.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.domain.errors import DatabaseBusy
from app.i18n import _

log = logging.getLogger(__name__)

_DRY_RUN: ContextVar[bool] = ContextVar("tandem_dry_run", default=False)

DB_ENV = "TANDEM_DB"
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 32 * 1024  # page cache per connection, at most
MMAP_BYTES = 256 * 1024 * 1024  # how much of the file reads may map


def default_database_path() -> Path:
    """Return the SQLite file in the user's data folder."""
    return Path(user_data_dir("Tandem", appauthor=False)) / "tandem.sqlite"


def resolve_url(value: str | None) -> URL:
    """Turn ``--db`` or ``TANDEM_DB`` (a URL or a file path) into a database URL."""
    text = value or os.environ.get(DB_ENV) or str(default_database_path())
    if "://" in text:
        return make_url(text)
    path = Path(text).expanduser().resolve()
    return make_url(f"sqlite:///{path}")


def _sqlite_connect_listener(begin: str) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level; the "begin" listener issues BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # A year of orders spans more pages than the default 2 MiB cache. Sorts and
        # GROUP BY temporaries stay in memory, and reads map the file.
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        cursor.close()

    return on_connect


def _make_engine(url: URL, begin: str) -> Engine:
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_connect_listener(begin))

        @event.listens_for(engine, "begin")
        def on_begin(connection: Any) -> None:
            connection.exec_driver_sql(f"BEGIN {begin}")

    return engine


class Database:
    """The engines and session factories of one database.

    ``write()`` opens one short transaction for a user action and commits it;
    ``read()`` opens a read-only unit of work. Windows never hold a session.
    """

    def __init__(self, url: URL) -> None:
        self.url = url
        self.is_sqlite = url.get_backend_name() == "sqlite"
        if self.is_sqlite and url.database not in (None, "", ":memory:"):
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        self.write_engine = _make_engine(url, "IMMEDIATE")
        self.read_engine = _make_engine(url, "DEFERRED") if self.is_sqlite else self.write_engine
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        """Return the SQLite file, or None for a server database."""
        if not self.is_sqlite or not self.url.database:
            return None
        return Path(self.url.database)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """Yield a session in a write transaction; commit on success, roll back on error.

        Inside :meth:`dry_run` the transaction is rolled back even on success.
        """
        with _translate_lock_errors(), self._write() as session:
            transaction = session.begin()
            try:
                yield session
            except BaseException:
                transaction.rollback()
                raise
            if _DRY_RUN.get():
                transaction.rollback()
            else:
                transaction.commit()

    @contextmanager
    def dry_run(self) -> Iterator[None]:
        """Run the writes inside the block for real, then roll every one of them back.

        Services run unchanged inside it, so a preview of what an action would
        touch comes from the same code as the action itself. Files a service
        writes (PDFs) are not undone, so previews must not call those services.
        """
        token = _DRY_RUN.set(True)
        try:
            yield
        finally:
            _DRY_RUN.reset(token)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Yield a session for reading; nothing it does is committed."""
        with _translate_lock_errors(), self._read() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()


@contextmanager
def _translate_lock_errors() -> Iterator[None]:
    try:
        yield
    except OperationalError as error:
        text = str(error.orig).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseBusy(
                _("The database is busy with another workstation's change. Try again in a moment.")
            ) from error
        if "readonly" in text or "read-only" in text:
            raise DatabaseBusy(
                _("The database file is read-only. Ask for write access to it, then try again.")
            ) from error
        raise
