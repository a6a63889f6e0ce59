"""Importing order and master files from the File menu, off the GUI thread.

The person chooses a file in a file dialog whose file type list also picks
the order format. Its first entry detects the format from the header row.
The import runs on a worker thread behind a progress dialog. The services import
a file in one transaction, so Cancel (for order files) leaves the database
as it was. Afterwards the import summary is shown and every list reloads.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.errors import InvalidInput
from app.ui.jobs import JobCancelled, JobControl, JobProgress, JobRunner
from app.ui.operations import show_error
from app.ui.widgets.job_progress import JobProgressDialog
from app.ui.widgets.notices import show_notice
from app.ui.widgets.result_box import ResultBox

if TYPE_CHECKING:
    from app.importers import ImportSummary
    from app.persistence.database import Database
    from app.ui.workstation import Workstation

log = logging.getLogger(__name__)

ONLINE_RETAIL: Final = "online-retail"
TANDEM: Final = "tandem"
_CSV_PATTERNS: Final = "(*.csv *.csv.gz *.gz *.txt)"
_GZIP_MAGIC: Final = b"\x1f\x8b"
_COUNT_CHUNK: Final = 1 << 20


def detect_order_format(path: Path) -> str:
    """Return the order format whose header row ``path`` has: "online-retail" or "tandem".

    Raises:
        ImportFormatError: the file is a ZIP archive, not UTF-8 text, or empty.
        InvalidInput: the header matches neither format; the message lists both.
    """
    from app.importers import online_retail, tandem
    from app.importers.csvfile import open_csv
    from app.importers.errors import ImportFormatError

    errors: list[ImportFormatError] = []
    for fmt, layout in ((ONLINE_RETAIL, online_retail.LAYOUT), (TANDEM, tandem.LAYOUT)):
        try:
            with open_csv(path, layout):
                return fmt
        except ImportFormatError as error:
            errors.append(error)
    if str(errors[0]) == str(errors[1]):
        # The file could not be read as CSV at all, so both layouts raised the same error.
        raise errors[0]
    raise InvalidInput(_translate(
        "{name} is neither an Online Retail export nor a Tandem order file. As an Online "
        "Retail export: {first} As a Tandem order file: {second}").format(
        name=path.name, first=errors[0], second=errors[1]))


def count_lines(path: Path, cancelled: Callable[[], bool] | None = None) -> int:
    """Count the data lines of a plain or gzip CSV file: its line breaks less the header.

    A quoted value that spans several lines counts once per line here, so the
    count can exceed the rows the readers see. It only sizes a progress bar.
    """
    with path.open("rb") as raw:
        compressed = raw.peek(len(_GZIP_MAGIC))[: len(_GZIP_MAGIC)] == _GZIP_MAGIC
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        breaks = 0
        last = b""
        while chunk := stream.read(_COUNT_CHUNK):
            if cancelled is not None and cancelled():
                raise JobCancelled
            breaks += chunk.count(b"\n")
            last = chunk
    if last and not last.endswith(b"\n"):
        breaks += 1
    return max(0, breaks - 1)


def summary_report(summary: ImportSummary) -> str:
    """Return the import summary as text: one line per category, then its examples indented.

    It contains what :meth:`ImportSummary.format_text` does, with each example
    on a line of its own so that a long example list stays readable.
    """
    from app.i18n import _

    lines = []
    for category in summary.categories():
        count = f"{_(category)}: {summary.count(category):,}"
        examples = summary.examples.get(category)
        if not examples:
            lines.append(count)
            continue
        lines.append(count + ", " + _translate("for example:"))
        lines += [f"    {example}" for example in examples]
    return "\n".join(lines)


def _translate(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ImportActions", text)


@dataclass(frozen=True)
class _MasterKind:
    """One kind of master file: the title of its dialogs and its file type."""

    title: str
    file_type: str


def _master_service(kind: str) -> Callable[[Database, str, Path], ImportSummary]:
    from app.services import imports

    services = {"suppliers": imports.import_suppliers, "catalog": imports.import_catalog,
                "stock": imports.import_stock}
    return services[kind]


class _OrderProgress:
    """Turns the service's byte and order counts into reports of lines done, on the worker."""

    def __init__(self, control: JobControl, total_lines: int) -> None:
        self._control = control
        self._total_lines = total_lines
        self._lines = 0
        self._stored = 0

    def bytes_read(self, done: int, total: int) -> None:
        if total > 0:
            self._lines = min(self._total_lines, self._total_lines * done // total)
        self._send()

    def orders_stored(self, stored: int) -> None:
        self._stored = stored
        self._send()

    def _send(self) -> None:
        if self._stored == 1:
            detail = _translate("1 order stored so far")
        else:
            detail = _translate("{n} orders stored so far").format(n=f"{self._stored:,}")
        self._control.report(self._lines, self._total_lines, detail)


class ImportActions(QObject):
    """Import Orders…, Import Suppliers…, Import Catalog… and Import Stock… of one window.

    One import runs at a time, and ``busy_changed`` is emitted when one starts
    or ends, so that the window disables or enables the menu entries. The
    last file dialog, progress dialog, runner and result box stay in
    attributes while open, so tests can drive them.
    """

    busy_changed = Signal(bool)

    def __init__(self, workstation: Workstation, parent: QWidget) -> None:
        super().__init__(parent)
        self._workstation = workstation
        self._parent = parent
        self._folder = ""
        self.file_dialog: QFileDialog | None = None
        self.progress: JobProgressDialog | None = None
        self.runner: JobRunner | None = None
        self.result_box: ResultBox | None = None
        self.notice: QMessageBox | None = None
        self._masters = {
            "suppliers": _MasterKind(self.tr("Import Suppliers"),
                                     self.tr("Supplier files {patterns}")),
            "catalog": _MasterKind(self.tr("Import Catalog"),
                                   self.tr("Supplier catalog files {patterns}")),
            "stock": _MasterKind(self.tr("Import Stock"),
                                 self.tr("Stock-on-hand files {patterns}")),
        }

    @property
    def running(self) -> bool:
        return self.runner is not None and self.runner.running

    # Choosing the file

    def order_file_types(self) -> list[str]:
        """File types of the order dialog; the chosen one sets the format."""
        return [self.tr("Order files, format from the header row {patterns}"),
                self.tr("Online Retail export {patterns}"),
                self.tr("Tandem order file {patterns}"),
                self.tr("All files (*)")]

    def choose_orders(self) -> None:
        """Ask for an order file, then import it."""
        types = [text.format(patterns=_CSV_PATTERNS) for text in self.order_file_types()]
        formats = {types[1]: ONLINE_RETAIL, types[2]: TANDEM}

        def chosen(dialog: QFileDialog, path: Path) -> None:
            self.import_orders(path, formats.get(dialog.selectedNameFilter()))

        self._choose(self.tr("Import Orders"), types, chosen)

    def choose_master(self, kind: str) -> None:
        """Ask for a master file ("suppliers", "catalog" or "stock"), then import it."""
        master = self._masters[kind]
        types = [master.file_type.format(patterns=_CSV_PATTERNS), self.tr("All files (*)")]
        self._choose(master.title, types, lambda _dialog, path: self.import_master(kind, path))

    def _choose(self, title: str, types: list[str],
                chosen: Callable[[QFileDialog, Path], None]) -> None:
        if self.running:
            return
        dialog = QFileDialog(self._parent, title, self._folder)
        dialog.setObjectName("importFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setNameFilters(types)

        def selected(name: str) -> None:
            path = Path(name)
            self._folder = str(path.parent)
            chosen(dialog, path)

        dialog.fileSelected.connect(selected)
        dialog.finished.connect(self._forget_file_dialog)
        self.file_dialog = dialog
        dialog.open()

    def _forget_file_dialog(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
        self.file_dialog = None

    # Running the import

    def import_orders(self, path: Path, fmt: str | None = None) -> None:
        """Import an order file in ``fmt``, or in the format its header row shows when None."""
        from app.services.imports import ImportCancelled

        db, user = self._workstation.db, self._workstation.user

        def work(control: JobControl) -> ImportSummary:
            from app.services import imports

            chosen = fmt or detect_order_format(path)
            progress = _OrderProgress(control, count_lines(path, control.cancelled))
            return imports.import_orders(db, user, path, chosen,
                                         progress=progress.orders_stored,
                                         cancelled=control.cancelled,
                                         byte_progress=progress.bytes_read)

        dialog = JobProgressDialog(
            self.tr("Import Orders"), self.tr("Importing {name}…").format(name=path.name),
            self.tr("lines"), self._parent, approximate=True,
            waiting_text=self.tr("Checking the file…"),
            cancelling_text=self.tr("Cancelling after the current batch of orders; nothing "
                                    "will be stored…"))
        self._run(self.tr("Import Orders"), path, work, dialog, (ImportCancelled, JobCancelled))

    def import_master(self, kind: str, path: Path) -> None:
        """Import a suppliers, catalog or stock file; these short imports cannot be cancelled."""
        master = self._masters[kind]
        db, user = self._workstation.db, self._workstation.user

        def work(_control: JobControl) -> ImportSummary:
            return _master_service(kind)(db, user, path)

        dialog = JobProgressDialog(
            master.title, self.tr("Importing {name}…").format(name=path.name),
            self.tr("rows"), self._parent, can_cancel=False,
            waiting_text=self.tr("Reading and storing the rows…"))
        self._run(master.title, path, work, dialog, (JobCancelled,))

    def _run(self, title: str, path: Path, work: Callable[[JobControl], ImportSummary],
             dialog: JobProgressDialog,
             cancel_errors: tuple[type[BaseException], ...]) -> None:
        if self.running:
            return
        runner = JobRunner(f"Import of {path}", work, self, cancel_errors)
        dialog.cancel_requested.connect(runner.cancel)
        runner.progressed.connect(self._progressed)
        runner.succeeded.connect(lambda summary: self._imported(title, path, summary))
        runner.stopped.connect(lambda: self._stopped(title, path))
        runner.failed.connect(lambda message: self._failed(title, message))
        runner.finished.connect(self._finished)
        self.runner, self.progress = runner, dialog
        self.busy_changed.emit(True)
        dialog.show()
        runner.start()

    def cancel(self) -> None:
        """Stop the running import after its current batch; nothing of it is stored."""
        if self.progress is not None:
            self.progress.request_cancel()

    def wait(self) -> None:
        """Cancel the running import and wait for its thread, before the window closes."""
        if self.runner is not None:
            self.runner.wait()

    def _progressed(self, progress: JobProgress) -> None:
        if self.progress is not None:
            self.progress.show_progress(progress)

    def _imported(self, title: str, path: Path, summary: ImportSummary) -> None:
        from app.importers import categories

        self._close_progress()
        if summary.count(categories.ORDERS_READ):
            headline = self.tr("{name} is imported: {n} orders stored.").format(
                name=path.name, n=f"{summary.count(categories.ORDERS_IMPORTED):,}")
        else:
            headline = self.tr("{name} is imported: {n} rows stored.").format(
                name=path.name, n=f"{summary.count(categories.ROWS_IMPORTED):,}")
        report = summary_report(summary) or self.tr("The file has no rows to import.")
        self._workstation.show_message(headline)
        self.result_box = ResultBox(title, headline, report, self._parent)
        self.result_box.finished.connect(self._forget_result_box)
        self.result_box.open()
        self._workstation.notify_bulk_changed()

    def _stopped(self, title: str, path: Path) -> None:
        self._close_progress()
        self.notice = show_notice(self._parent, title, self.tr(
            "Import cancelled: nothing from {name} was stored.").format(name=path.name))
        self.notice.finished.connect(self._forget_notice)

    def _failed(self, title: str, message: str) -> None:
        self._close_progress()
        show_error(self._parent, title, message)

    def _finished(self) -> None:
        self.runner = None
        self.busy_changed.emit(False)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.done_and_close()
            self.progress = None

    def _forget_result_box(self) -> None:
        self.result_box = None

    def _forget_notice(self) -> None:
        self.notice = None
