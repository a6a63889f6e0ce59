"""What every screen of the main window shares: database, acting user, document opener."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

if TYPE_CHECKING:
    from app.persistence.database import Database

log = logging.getLogger(__name__)

OpenDocument = Callable[[Path], None]


def open_with_system_viewer(path: Path) -> None:
    """Open a file (a PDF) or a folder with the application the desktop associates with it."""
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        log.warning("No application opened %s", path)


class Workstation(QObject):
    """The database, the acting user and the document opener of one main window.

    Screens announce changed data with :meth:`notify_changed` and requests to
    show an order with :meth:`show_sales_order` and :meth:`show_purchase_order`;
    the main window listens and refreshes or navigates. No session is held:
    every read and every action opens its own.
    """

    user_changed = Signal(str)
    data_changed = Signal()
    bulk_data_changed = Signal()
    message = Signal(str)
    sales_order_requested = Signal(str)
    purchase_order_requested = Signal(str)

    def __init__(self, db: Database, user: str, open_document: OpenDocument,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.open_document = open_document
        self._user = user
        self._role = self._role_of(user)

    @property
    def user(self) -> str:
        """Name of the user every action is recorded for."""
        return self._user

    @property
    def role(self) -> str:
        """Role of the acting user: clerk, manager or admin; empty for an unknown name."""
        return self._role

    def set_user(self, name: str) -> None:
        """Act as ``name`` from now on."""
        if name == self._user:
            return
        self._user = name
        self._role = self._role_of(name)
        log.info("Acting user is now %r (%s)", name, self._role)
        self.user_changed.emit(name)

    def reload_role(self) -> None:
        """Read the acting user's role again, which an administrator may have changed.

        A changed role is announced through :attr:`user_changed`, so what the
        window enables follows it.
        """
        role = self._role_of(self._user)
        if role == self._role:
            return
        log.info("Role of %r is now %s (was %s)", self._user, role, self._role)
        self._role = role
        self.user_changed.emit(self._user)

    def notify_changed(self) -> None:
        """Announce that an action changed data, so every list and view reloads."""
        self.data_changed.emit()

    def notify_bulk_changed(self) -> None:
        """Announce that a job (an import) changed many records.

        Every list and view reloads as for :meth:`notify_changed`, but one
        list per event-loop turn, because the first queries after a large
        write are slower and together would stall the window.
        """
        self.bulk_data_changed.emit()

    def show_message(self, text: str) -> None:
        """Show a short confirmation of what an action did in the status bar."""
        self.message.emit(text)

    def show_sales_order(self, number: str) -> None:
        self.sales_order_requested.emit(number)

    def show_purchase_order(self, number: str) -> None:
        self.purchase_order_requested.emit(number)

    def _role_of(self, name: str) -> str:
        from app.services.users import list_users

        for person in list_users(self.db):
            if person.name == name:
                return person.role
        return ""
