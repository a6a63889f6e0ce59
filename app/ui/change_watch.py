"""Noticing changes made in other windows and at other workstations."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import TandemError
from app.persistence.database import Database
from app.services.changes_feed import latest_change

log = logging.getLogger(__name__)

# Another workstation's change shows within this time plus one refresh.
POLL_INTERVAL_MS = 1500


class ChangeWatch(QObject):
    """Emits ``changed`` when the database has a change this window has not shown yet.

    It polls one cheap query (the highest audit event id) on a timer, so a
    change made in another window or at another workstation reaches open
    screens without a manual refresh.
    """

    changed = Signal()

    def __init__(self, db: Database, parent: QObject | None = None,
                 interval_ms: int = POLL_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._db = db
        self._seen = latest_change(db)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Look for a newer change now; emit ``changed`` when there is one."""
        try:
            newest = latest_change(self._db)
        except TandemError as error:
            # A busy database is normal between workstations; the next poll tries again.
            log.warning("Could not check for changes: %s", error)
            return
        if newest != self._seen:
            self._seen = newest
            self.changed.emit()

    def mark_seen(self) -> None:
        """Take the current state as shown, after this window refreshed itself."""
        self._seen = latest_change(self._db)

    def stop(self) -> None:
        self._timer.stop()
