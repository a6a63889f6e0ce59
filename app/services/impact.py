"""Previews of what a change would touch, before anything is saved.

A preview runs the real service inside :meth:`Database.dry_run`, so the list
of touched POs, lines and quantities comes from the same code that makes the
change, and then every write is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.persistence.database import Database

T = TypeVar("T")


def preview(db: Database, action: Callable[[], T]) -> T:
    """Return what ``action`` would return, with none of its writes kept."""
    with db.dry_run():
        return action()
