"""Loading the sample warehouse on a worker thread, with a progress dialog that can cancel."""

from __future__ import annotations

import logging
import threading
from typing import Final

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.domain.errors import TandemError
from app.i18n import _
from app.importers import ImportSummary
from app.persistence.database import Database
from app.services.imports import ORDERS_STORED, ImportCancelled
from app.services.sample import load_sample
from app.ui.operations import show_error
from app.ui.widgets.notices import show_notice

log = logging.getLogger(__name__)

# How long the worker thread may take to stop when the window closes.
_STOP_WAIT_MS: Final = 30_000


class _Worker(QObject):
    """Runs :func:`load_sample` on the worker thread and reports through signals."""

    progressed = Signal(int)
    loaded = Signal(object)
    stopped = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, user: str, stop: threading.Event) -> None:
        super().__init__()
        self._db = db
        self._user = user
        self._stop = stop

    def run(self) -> None:
        try:
            summary = load_sample(self._db, self._user, progress=self.progressed.emit,
                                  cancelled=self._stop.is_set)
        except ImportCancelled:
            self.stopped.emit()
        except TandemError as error:
            self.failed.emit(str(error))
        except Exception as error:
            # A bug: logged with its traceback, and the window must not wait forever.
            log.exception("Loading the sample warehouse failed")
            self.failed.emit(self.tr("Loading stopped by an unexpected error: {error}. "
                                     "The log has the details.").format(error=error))
        else:
            self.loaded.emit(summary)


class SampleLoader(QObject):
    """Loads the sample suppliers, catalog, stock and one week of orders without blocking.

    :meth:`start` shows a progress dialog whose Cancel stops the import after
    the batch of orders in progress. The orders are imported in one
    transaction, so a cancelled load stores none of them; the suppliers,
    catalog and stock loaded before stay, and loading again adds the orders.
    ``finished`` is emitted once the worker is done, whatever the outcome.
    """

    finished = Signal()

    def __init__(self, db: Database, user: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db = db
        self._user = user
        self._stop = threading.Event()
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.progress: QProgressDialog | None = None
        self.notice: QMessageBox | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start loading on a worker thread and show the progress dialog."""
        if self._thread is not None:
            return
        self.progress = self._progress_dialog()
        worker = _Worker(self._db, self._user, self._stop)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._progressed)
        worker.loaded.connect(self._loaded)
        worker.stopped.connect(self._stopped)
        worker.failed.connect(self._failed)
        self._worker, self._thread = worker, thread
        log.info("Loading the sample warehouse as %s", self._user)
        thread.start()

    def cancel(self) -> None:
        """Stop after the batch of orders in progress; none of the orders are stored."""
        self._stop.set()

    def wait(self) -> None:
        """Stop the import and wait for the worker thread, before the window closes."""
        self._stop.set()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(_STOP_WAIT_MS)

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self.tr("Loading the sample warehouse…"), self.tr("Cancel"),
                                 0, 0, self._parent)
        dialog.setObjectName("sampleProgress")
        dialog.setWindowTitle(self.tr("Load Sample Warehouse"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        return dialog

    def _progressed(self, stored: int) -> None:
        if self.progress is not None and not self.progress.wasCanceled():
            self.progress.setLabelText(self.tr("Loading the sample warehouse… {n} orders "
                                               "read so far.").format(n=stored))

    def _loaded(self, summary: ImportSummary) -> None:
        self._finish()
        details = [f"{_(category)}: {summary.count(category):,}"
                   for category in summary.categories()]
        self.notice = show_notice(self._parent, self.tr("Load Sample Warehouse"), self.tr(
            "The sample warehouse is loaded: {n} orders stored.").format(
            n=summary.count(ORDERS_STORED)), details)

    def _stopped(self) -> None:
        self._finish()
        self.notice = show_notice(self._parent, self.tr("Load Sample Warehouse"), self.tr(
            "Loading stopped: no orders were stored. The suppliers, catalog and stock are "
            "loaded; load the sample again to add the orders."))

    def _failed(self, message: str) -> None:
        self._finish()
        show_error(self._parent, self.tr("Load Sample Warehouse"), message)

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = None
        self._worker = None
        self.finished.emit()
