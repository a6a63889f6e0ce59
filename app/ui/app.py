"""Starting the desktop application: Qt, the window, the database, the pages, the sample offer.

:func:`run_gui` puts an empty main window on screen first. Once it has been
painted, a worker thread loads SQLAlchemy, the services and the other heavy
modules the pages need. Back on the GUI thread, the database is opened and
migrated, the user signs in, and the pages are built and filled. An empty
database is then offered the sample warehouse.

Who signs in depends on the database:

- With an administrator who has a password, everyone signs in with name and
  password; ``--user NAME`` fills in the name. Cancel quits. Users without a
  password, such as the starter users of a database that had no
  administrator before, cannot sign in until the administrator sets one.
- A database without users asks the first person to create the
  administrator. Whoever chooses to continue without passwords gets the
  starter users ``clerk`` and ``manager``, as before logins existed.
- A database with users but no administrator with a password (one made by
  scripts) asks for nothing: the window acts as ``--user``, or the starter clerk, or the
  first active user by name.

The environment variable ``TANDEM_EXIT_AFTER_SHOW`` is for start-up
benchmarks: ``1`` quits right after the window's first paint and ``ready``
quits once the pages are filled. Either way the program prints the
wall-clock time (``time.time()``) of each step to stdout, as lines such as
``tandem-startup window-shown 1718000000.123456``. Nobody is there to answer
a dialog then, so a database without users gets the starter users without
the administrator question, and a database that needs a password is not
opened at all (exit code 1).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.ui.jobs import JobControl, JobRunner
from app.ui.main_window import MainWindow
from app.ui.workstation import OpenDocument

if TYPE_CHECKING:
    from app.persistence.database import Database
    from app.ui.dialogs.first_admin import FirstAdminDialog
    from app.ui.dialogs.login import LoginDialog

log = logging.getLogger(__name__)

# The acting user when none is given: the starter clerk, if present.
DEFAULT_USER = "clerk"
EXIT_AFTER_SHOW_ENV: Final = "TANDEM_EXIT_AFTER_SHOW"
STARTUP_STAMP: Final = "tandem-startup"
# Non-Qt modules that the pages import, loaded on the worker thread at start-up.
# A module missing here still loads, on the GUI thread when the pages are built.
PRELOADED_MODULES: Final = (
    "app.bootstrap",
    "app.services.auth",
    "app.services.drafting",
    "app.services.imports",
    "app.services.lists",
    "app.services.purchasing",
    "app.services.queries",
    "app.services.receiving",
    "app.services.sales",
    "app.services.sample",
    "app.services.shipping",
    "app.services.users",
    "app.reports.formatting",
)
# Start loading even if no paint event arrives, as for a minimized window.
_FIRST_PAINT_WAIT_MS: Final = 500

OpenDatabase = Callable[[str | None], "Database"]


def choose_user(db: Database, requested: str | None) -> str:
    """Return ``requested``, or the starter clerk, or the first active user by name.

    A requested name that does not exist is kept, so that every action
    reports the unknown user with the way to add it.
    """
    from app.services.users import list_users

    if requested:
        return requested
    names = [person.name for person in list_users(db) if person.active]
    if DEFAULT_USER in names or not names:
        return DEFAULT_USER
    return names[0]


def _prepare_users(db: Database, user: str | None) -> str:
    """Add the starter users to a database without users; return the acting user."""
    from app.services.sample import ensure_starter_users

    created = ensure_starter_users(db)
    if created:
        log.info("Starter users added: %s", ", ".join(created))
    return choose_user(db, user)


def start_window(db: Database, user: str | None,
                 open_document: OpenDocument | None = None) -> MainWindow:
    """Prepare the database's users, then create and show the main window over ``db``.

    Nobody signs in here, as on a database without an administrator; the
    application itself starts through :class:`Startup`. On an empty database
    the question about the sample warehouse follows once the event loop runs.
    """
    window = MainWindow(db, _prepare_users(db, user), open_document)
    window.show()
    QTimer.singleShot(0, window.offer_sample)
    return window


def _preload(control: JobControl) -> None:
    for name in PRELOADED_MODULES:
        control.check()
        importlib.import_module(name)


class _FirstPaint(QObject):
    """Calls ``painted`` once, on the first paint event of the watched window."""

    def __init__(self, painted: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._painted: Callable[[], None] | None = painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._painted is not None:
            painted, self._painted = self._painted, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


class Startup(QObject):
    """Shows the main window at once and attaches it to the database afterwards.

    Steps, in order, each recorded in :attr:`milestones`: "window shown"
    (first paint), "modules loaded" (worker thread), "database opened",
    "pages filled", and "sample offered" when the database is empty. A
    database that cannot be opened is reported in a message box and the
    application quits with exit code 1. ``ready`` is emitted once the pages
    are filled.

    Between "database opened" and "pages filled" the sign-in dialog or the
    first-administrator dialog may be open (see the module's docstring); it
    is :attr:`dialog` meanwhile. Cancelling the sign-in closes the window.

    ``prepare`` runs on the worker thread before the modules load, such as
    the logging set-up of ``main.py``. ``open_database`` opens and migrates
    the database named by ``--db``; tests pass their own to watch the order.
    """

    ready = Signal()

    def __init__(self, db_value: str | None, user: str | None,
                 open_database: OpenDatabase | None = None,
                 open_document: OpenDocument | None = None,
                 prepare: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._db_value = db_value
        self._user = user
        self._open_database = open_database
        self._prepare = prepare
        self._exit_after = os.environ.get(EXIT_AFTER_SHOW_ENV, "")
        self.milestones: list[str] = []
        self.db: Database | None = None
        self.exit_code = 0
        self.window = MainWindow(open_document=open_document)
        self.dialog: LoginDialog | FirstAdminDialog | None = None
        self._runner: JobRunner | None = None

    def start(self) -> MainWindow:
        """Show the window; the rest follows from the event loop."""
        painted = _FirstPaint(self._shown, self.window)
        self.window.installEventFilter(painted)
        QTimer.singleShot(_FIRST_PAINT_WAIT_MS, self._load_modules)
        self.window.show()
        return self.window

    def _record(self, milestone: str) -> None:
        self.milestones.append(milestone)
        log.debug("Start-up: %s", milestone)
        if self._exit_after:
            step = milestone.replace(" ", "-")
            print(f"{STARTUP_STAMP} {step} {time.time():.6f}", flush=True)

    def _shown(self) -> None:
        self._record("window shown")
        if self._exit_after == "1":
            QApplication.quit()
            return
        self._load_modules()

    def _load_modules(self) -> None:
        if self._runner is not None or self.db is not None or self._exit_after == "1":
            return
        prepare = self._prepare

        def work(control: JobControl) -> None:
            if prepare is not None:
                prepare()
            _preload(control)

        runner = JobRunner("Loading modules", work, self)
        runner.succeeded.connect(lambda _result: self._modules_loaded())
        # The runner logs a module that fails to load. Opening the database on the
        # GUI thread then raises the same error, and a message box shows it.
        runner.failed.connect(lambda _message: self._modules_loaded())
        self._runner = runner
        self.window.statusBar().showMessage(self.window.tr("Opening the database…"))
        runner.start()

    def _modules_loaded(self) -> None:
        self._record("modules loaded")
        if not self.window.isVisible():
            # The person closed the window while the modules loaded.
            return
        if not self._open():
            return
        self._record("database opened")
        self._sign_in()

    def _sign_in(self, offer_first_admin: bool = True) -> None:
        """Ask for the password or the first administrator when needed, then attach."""
        from app.services.auth import passwords_required
        from app.services.users import list_users
        from app.ui.dialogs.first_admin import FirstAdminDialog
        from app.ui.dialogs.login import LoginDialog

        assert self.db is not None
        window = self.window
        if passwords_required(self.db):
            if self._exit_after:
                self._quit_without_sign_in()
                return
            login = LoginDialog(self.db, self._user or "", window, cancel_text=window.tr("Quit"))
            self._ask(login, window.tr("Sign in to open the database."))
        elif offer_first_admin and not self._exit_after and not list_users(self.db):
            first_admin = FirstAdminDialog(self.db, window, skip_text=window.tr(
                "Continue &Without Passwords"))
            self._ask(first_admin, window.tr("Create the administrator, or continue without "
                                             "passwords."))
        else:
            self._attach(_prepare_users(self.db, self._user))

    def _ask(self, dialog: LoginDialog | FirstAdminDialog, status: str) -> None:
        """Open ``dialog`` over the window without blocking; :meth:`_answered` takes the result."""
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(self._answered)
        self.window.statusBar().showMessage(status)
        # The database is open by now; building the pages waits for the dialog's result.
        self.window.opening_label.setText(status)
        dialog.open()

    def _answered(self, result: int) -> None:
        from app.ui.dialogs.first_admin import FirstAdminDialog

        dialog, self.dialog = self.dialog, None
        assert dialog is not None and self.db is not None
        dialog.deleteLater()
        accepted = result == QDialog.DialogCode.Accepted
        if isinstance(dialog, FirstAdminDialog):
            if accepted and dialog.admin is not None:
                self._attach(dialog.admin.name)
            else:
                # Another workstation may have created the administrator meanwhile.
                log.info("No administrator created on %s", self._db_value)
                self._sign_in(offer_first_admin=False)
        elif accepted and dialog.user is not None:
            log.info("%r signed in", dialog.user.name)
            self._attach(dialog.user.name)
        else:
            self.window.close()

    def _quit_without_sign_in(self) -> None:
        message = (f"{EXIT_AFTER_SHOW_ENV} cannot fill the pages of a database that asks for "
                   "a password, because nobody is there to sign in.")
        log.error("%s", message)
        print(message, file=sys.stderr, flush=True)
        self.exit_code = 1
        self.window.close()

    def _attach(self, user: str) -> None:
        assert self.db is not None
        self.window.attach(self.db, user)
        self.window.statusBar().clearMessage()
        self._record("pages filled")
        self.ready.emit()
        if self._exit_after == "ready":
            QApplication.quit()
            return
        QTimer.singleShot(0, self._offer_sample)

    def _open(self) -> bool:
        from sqlalchemy.exc import ArgumentError, DatabaseError

        from app.bootstrap import open_database

        opener = self._open_database or open_database
        try:
            self.db = opener(self._db_value)
        except (ArgumentError, DatabaseError, ImportError, OSError) as error:
            log.error("Cannot open the database %r", self._db_value, exc_info=True)
            QMessageBox.critical(
                self.window, self.window.tr("Cannot Open the Database"),
                self.window.tr("Cannot open the database {db}: {error}. Check --db or "
                               "TANDEM_DB, then start Tandem again.").format(
                    db=self._db_value or self.window.tr("in the user data folder"),
                    error=getattr(error, "orig", None) or error))
            self.exit_code = 1
            self.window.close()
            return False
        return True

    def _offer_sample(self) -> None:
        if self.window.offer_sample():
            self._record("sample offered")

    def finish(self) -> None:
        """Wait for the worker thread and close the database, after the event loop ended."""
        if self._runner is not None:
            self._runner.wait()
        if self.db is not None:
            self.db.dispose()


def run_gui(db_url: str | None, user: str | None,
            prepare: Callable[[], None] | None = None) -> int:
    """Run the desktop application until its window closes; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Tandem")
    app.setOrganizationName("Tandem")
    startup = Startup(db_url, user, prepare=prepare)
    window = startup.start()
    try:
        code = app.exec()
    finally:
        startup.finish()
    window.deleteLater()
    return code or startup.exit_code
