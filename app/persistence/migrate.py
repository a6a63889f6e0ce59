"""Apply the Alembic migrations at start-up, after a backup of a SQLite file."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.persistence.database import Database

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.write_engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database) -> Path | None:
    """Bring the schema to the newest revision; return the backup made, if any.

    A SQLite file that already holds data is copied beside itself (with the
    SQLite backup API, which is safe in WAL mode) before any change.
    """
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return None
    backup = _backup(db) if current is not None else None
    log.info("Migrating database %s from %s to %s", db.url, current, head)
    config = _config()
    with db.write_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def _backup(db: Database) -> Path | None:
    path = db.path
    if path is None or not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    log.info("Backed up %s to %s before migrating", path, target)
    return target
