"""Starting the desktop application: Qt, the database, the main window, the sample offer."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.bootstrap import open_database
from app.persistence.database import Database
from app.services.sample import ensure_starter_users
from app.services.users import list_users
from app.ui.main_window import MainWindow
from app.ui.workstation import OpenDocument

log = logging.getLogger(__name__)

# The acting user when none is given: the starter clerk, if present.
DEFAULT_USER = "clerk"


def choose_user(db: Database, requested: str | None) -> str:
    """Return ``requested``, or the starter clerk, or the first active user by name.

    A requested name that does not exist is kept, so that every action
    reports the unknown user with the way to add it.
    """
    if requested:
        return requested
    names = [person.name for person in list_users(db) if person.active]
    if DEFAULT_USER in names or not names:
        return DEFAULT_USER
    return names[0]


def start_window(db: Database, user: str | None,
                 open_document: OpenDocument | None = None) -> MainWindow:
    """Prepare the database's users, then create and show the main window.

    The window shows before anything slow runs. On an empty database the
    question about the sample warehouse follows once the event loop runs.
    """
    created = ensure_starter_users(db)
    if created:
        log.info("Starter users added: %s", ", ".join(created))
    window = MainWindow(db, choose_user(db, user), open_document)
    window.show()
    QTimer.singleShot(0, window.offer_sample)
    return window


def run_gui(db_url: str | None, user: str | None) -> int:
    """Run the desktop application until its window closes; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Tandem")
    app.setOrganizationName("Tandem")
    db = open_database(db_url)
    try:
        window = start_window(db, user)
        code = app.exec()
        window.deleteLater()
        return code
    finally:
        db.dispose()
