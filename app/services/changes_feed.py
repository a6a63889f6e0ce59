"""The newest change in the database, for screens that follow other workstations.

Every action writes an audit event in its own transaction, so the highest
audit event id rises with every committed change, from any workstation.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.persistence.database import Database
from app.persistence.models import AuditEvent


def latest_change(db: Database) -> int:
    """Return the id of the newest audit event, 0 in an empty database."""
    with db.read() as session:
        return session.scalar(select(func.max(AuditEvent.id))) or 0
