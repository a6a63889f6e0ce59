"""Printing packing slips in a batch: one PDF per shipment, written off the GUI thread.

Each slip is written to the documents folder under its shipment number by
:func:`app.services.shipping.write_packing_slip`, the same file that
shipping wrote and that a reprint replaces. One slip is opened in the PDF
viewer when done; several are listed in a box that opens their folder.
Cancel stops after the slip in progress, and the slips written by then stay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.domain.errors import TandemError
from app.ui.jobs import JobControl, JobProgress, JobRunner
from app.ui.operations import run_action, show_error
from app.ui.widgets.job_progress import JobProgressDialog
from app.ui.widgets.notices import show_notice
from app.ui.widgets.print_slips_dialog import PrintSlipsDialog, SlipChoice
from app.ui.widgets.result_box import ResultBox

if TYPE_CHECKING:
    from app.persistence.database import Database
    from app.ui.workstation import Workstation

log = logging.getLogger(__name__)

# More selected orders than this are rejected, because their shipments are read on the GUI
# thread, at about 2 ms an order with the full year loaded (2-core VM).
MAX_ORDERS: Final = 100


@dataclass
class PrintResult:
    """A batch's outcome: the files written, out of how many, and why it ended early."""

    written: list[Path] = field(default_factory=list)
    total: int = 0
    cancelled: bool = False
    error: str = ""


def shipment_choices(db: Database, orders: Sequence[str]) -> list[SlipChoice]:
    """Return every shipment of ``orders``, order by order, oldest shipment first."""
    from app.services.queries import get_sales_order

    choices = []
    for number in orders:
        order = get_sales_order(db, number)
        choices += [SlipChoice(shipment, order.number, order.customer)
                    for shipment in order.shipments]
    return choices


def write_slips(db: Database, shipments: Sequence[str], control: JobControl) -> PrintResult:
    """Write the packing slip of each shipment; stop early on cancel or an expected error."""
    from app.services.shipping import write_packing_slip

    result = PrintResult(total=len(shipments))
    for index, number in enumerate(shipments):
        if control.cancelled():
            result.cancelled = True
            break
        try:
            result.written.append(write_packing_slip(db, number))
        except TandemError as error:
            result.error = str(error)
            break
        control.report(index + 1, len(shipments), number)
    log.info("Packing slips written: %d of %d", len(result.written), result.total)
    return result


class PackingSlipPrinter(QObject):
    """Writes a batch of packing slips on a worker thread behind a progress dialog.

    The progress dialog, runner and result box stay in attributes while
    open, so tests can drive them. ``finished`` is emitted after the outcome
    is shown.
    """

    finished = Signal()

    def __init__(self, workstation: Workstation, parent: QWidget) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._parent = parent
        self.progress: JobProgressDialog | None = None
        self.runner: JobRunner | None = None
        self.result_box: ResultBox | None = None

    @property
    def running(self) -> bool:
        return self.runner is not None and self.runner.running

    def start(self, shipments: Sequence[str]) -> None:
        """Write the slips of ``shipments`` in the order given."""
        if self.running or not shipments:
            return
        db = self._workstation.db
        numbers = list(shipments)
        runner = JobRunner("Printing packing slips",
                           lambda control: write_slips(db, numbers, control), self)
        dialog = JobProgressDialog(
            self.tr("Print Packing Slips"),
            self.tr("Writing {n} packing slips…").format(n=len(numbers)),
            self.tr("packing slips"), self._parent,
            waiting_text=self.tr("Writing {first}…").format(first=numbers[0]),
            cancelling_text=self.tr("Cancelling after the packing slip in progress…"))
        dialog.setObjectName("printProgress")
        dialog.cancel_requested.connect(runner.cancel)
        runner.progressed.connect(self._progressed)
        runner.succeeded.connect(self._done)
        runner.failed.connect(self._failed)
        self.runner, self.progress = runner, dialog
        dialog.show()
        runner.start()

    def cancel(self) -> None:
        """Stop after the packing slip in progress."""
        if self.progress is not None:
            self.progress.request_cancel()

    def wait(self) -> None:
        """Cancel and wait for the worker thread, before the window closes."""
        if self.runner is not None:
            self.runner.wait()

    def _progressed(self, progress: JobProgress) -> None:
        if self.progress is not None:
            self.progress.show_progress(progress)

    def _done(self, result: PrintResult) -> None:
        self._end()
        written = result.written
        if result.error:
            show_error(self._parent, self.tr("Print Packing Slips"), self.tr(
                "{error} {n} of {total} packing slips were written before.").format(
                error=result.error, n=len(written), total=result.total))
        elif len(written) == 1 and not result.cancelled:
            self._workstation.open_document(written[0])
            self._workstation.show_message(self.tr("Packing slip written to {path}.").format(
                path=written[0]))
        elif written:
            self._show_written(result)
        elif result.cancelled:
            self._workstation.show_message(self.tr("Printing cancelled: no packing slip "
                                                   "was written."))
        self.finished.emit()

    def _show_written(self, result: PrintResult) -> None:
        folder = result.written[0].parent
        if result.cancelled:
            headline = self.tr("Printing stopped after {n} of {total} packing slips. The "
                               "slips written are in {folder}.").format(
                n=len(result.written), total=result.total, folder=folder)
        else:
            headline = self.tr("{n} packing slips written to {folder}.").format(
                n=len(result.written), folder=folder)
        report = "\n".join(path.name for path in result.written)
        box = ResultBox(self.tr("Print Packing Slips"), headline, report, self._parent)
        box.setObjectName("printResult")
        open_folder = box.add_button(self.tr("Open &Folder"), "openFolder")
        open_folder.clicked.connect(lambda: self._workstation.open_document(folder))
        box.finished.connect(self._forget_result_box)
        self.result_box = box
        self._workstation.show_message(headline)
        box.open()

    def _failed(self, message: str) -> None:
        self._end()
        show_error(self._parent, self.tr("Print Packing Slips"), message)
        self.finished.emit()

    def _end(self) -> None:
        if self.progress is not None:
            self.progress.done_and_close()
            self.progress = None
        self.runner = None

    def _forget_result_box(self) -> None:
        self.result_box = None


class PackingSlipActions(QObject):
    """The Print Packing Slips… action (Ctrl+P) for the orders a screen has selected.

    ``orders`` returns the selected SO numbers. The action offers every
    shipment of those orders, ticked, in :class:`PrintSlipsDialog`, and
    prints the ticked ones with :class:`PackingSlipPrinter`. The open dialog
    stays in :attr:`dialog` and a notice in :attr:`notice`, for tests.
    """

    def __init__(self, workstation: Workstation, owner: QWidget,
                 orders: Callable[[], list[str]], text: str | None = None) -> None:
        super().__init__(owner)
        self._workstation = workstation
        self._owner = owner
        self._orders = orders
        self.dialog: PrintSlipsDialog | None = None
        self.notice: QMessageBox | None = None
        self.printer = PackingSlipPrinter(workstation, owner)
        self.print_slips = QAction(text or self.tr("Print Packing &Slips…"), self)
        self.print_slips.setObjectName("printPackingSlips")
        self.print_slips.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_slips.triggered.connect(lambda _checked=False: self.choose())

    def choose(self) -> None:
        """Offer the shipments of the selected orders, then print the ticked ones."""
        if self.printer.running:
            return
        orders = self._orders()
        if not orders:
            return
        title = self.tr("Print Packing Slips")
        if len(orders) > MAX_ORDERS:
            show_error(self._owner, title, self.tr(
                "{n} orders are selected. Select at most {limit} orders to print their "
                "packing slips at once.").format(n=len(orders), limit=MAX_ORDERS))
            return
        db = self._workstation.db
        choices = run_action(self._owner, title, lambda: shipment_choices(db, orders))
        if choices is None:
            return
        if not choices:
            self.notice = show_notice(self._owner, title, self.tr(
                "{orders} has no shipments yet, so there is no packing slip to print. Each "
                "shipment writes its slip when it is recorded.").format(
                orders=", ".join(orders)) if len(orders) == 1 else self.tr(
                "The {n} selected orders have no shipments yet, so there is no packing slip "
                "to print.").format(n=len(orders)))
            self.notice.finished.connect(self._forget_notice)
            return
        dialog = PrintSlipsDialog(choices, self._owner)
        dialog.finished.connect(self._chosen)
        self.dialog = dialog
        dialog.open()

    def _chosen(self, result: int) -> None:
        dialog = self.dialog
        self.dialog = None
        if dialog is None:
            return
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self.printer.start(dialog.selected_shipments())

    def _forget_notice(self) -> None:
        self.notice = None
