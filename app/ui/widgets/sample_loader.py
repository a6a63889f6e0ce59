"""Loading the sample warehouse on a worker thread, with a progress dialog that can cancel."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _
from app.ui.jobs import JobControl, JobProgress, JobRunner
from app.ui.operations import show_error
from app.ui.widgets.job_progress import JobProgressDialog
from app.ui.widgets.notices import show_notice

if TYPE_CHECKING:
    from app.importers import ImportSummary
    from app.persistence.database import Database

log = logging.getLogger(__name__)


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
        self._runner: JobRunner | None = None
        self.progress: JobProgressDialog | None = None
        self.notice: QMessageBox | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None and self._runner.running

    def start(self) -> None:
        """Start loading on a worker thread and show the progress dialog."""
        if self.running:
            return
        from app.services.imports import ImportCancelled

        runner = JobRunner(self.tr("Loading the sample warehouse"), self._load, self,
                           cancel_errors=(ImportCancelled,))
        self.progress = JobProgressDialog(
            self.tr("Load Sample Warehouse"), self.tr("Loading the sample warehouse…"),
            self.tr("orders stored"), self._parent,
            waiting_text=self.tr("Reading the suppliers, catalog and stock…"),
            cancelling_text=self.tr("Cancelling after the current batch of orders…"))
        self.progress.setObjectName("sampleProgress")
        self.progress.cancel_requested.connect(runner.cancel)
        runner.progressed.connect(self._progressed)
        runner.succeeded.connect(self._loaded)
        runner.stopped.connect(self._stopped)
        runner.failed.connect(self._failed)
        self._runner = runner
        log.info("Loading the sample warehouse as %s", self._user)
        self.progress.show()
        runner.start()

    def _load(self, control: JobControl) -> ImportSummary:
        from app.services.sample import load_sample

        return load_sample(self._db, self._user, progress=control.report,
                           cancelled=control.cancelled)

    def cancel(self) -> None:
        """Stop after the batch of orders in progress; none of the orders are stored."""
        if self._runner is not None:
            self._runner.cancel()

    def wait(self) -> None:
        """Stop the import and wait for the worker thread, before the window closes."""
        if self._runner is not None:
            self._runner.wait()

    def _progressed(self, progress: JobProgress) -> None:
        if self.progress is not None:
            self.progress.show_progress(progress)

    def _loaded(self, summary: ImportSummary) -> None:
        from app.services.imports import ORDERS_STORED

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
            self.progress.done_and_close()
            self.progress = None
        self._runner = None
        self.finished.emit()
