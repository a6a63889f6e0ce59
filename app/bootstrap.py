"""Opening the database the application works on: location, migrations, start-up checks."""

from __future__ import annotations

import logging

from app.persistence import migrate
from app.persistence.database import Database, resolve_url

log = logging.getLogger(__name__)


def open_database(url_or_path: str | None) -> Database:
    """Open the database named by ``--db``, ``TANDEM_DB`` or the default, migrated to head."""
    db = Database(resolve_url(url_or_path))
    backup = migrate.upgrade(db)
    if backup is not None:
        log.info("Backup before migration: %s", backup)
    return db
