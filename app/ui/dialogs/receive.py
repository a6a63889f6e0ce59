"""Receiving goods against a purchase order, by barcode scanner or by typing quantities."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.states import PO_STATUS_LABELS, PO_TRANSITIONS, POAction, POStatus
from app.persistence.database import Database
from app.services import receiving
from app.services.queries import get_purchase_order
from app.services.views import PurchaseOrderLineView, PurchaseOrderView, ReceiptResult
from app.ui.dialogs.grid import (
    QUANTITY_CEILING,
    EnterSafeDialog,
    button_row,
    fit_table,
    line_table,
    message_label,
    plain_button,
    quantity_spin,
    set_cell,
    set_tab_order,
    show_message,
    user_role,
)
from app.ui.operations import run_action

_COLUMN_RECEIVE = 6
_COLUMN_REJECTED = 7
_MANAGERS = frozenset({"manager", "admin"})


class ReceiveDialog(EnterSafeDialog):
    """Count the goods that arrived for a PO, line by line, and receive them.

    The scan field takes what a barcode scanner types: a SKU followed by
    Enter adds one unit to that SKU's "Receive now", on the first of its lines
    that still has open units. Enter in the scan field never saves, so a scan
    cannot receive goods before the count is finished.

    The service receives per SKU. Lines that share a SKU are added up, and
    the service shares the units over them by what each has open.

    The dialog is accepted once goods were received, and :attr:`receipt` then
    contains the service's ReceiptResult.

    Raises:
        TandemError: from the constructor when the PO does not exist.
    """

    def __init__(self, db: Database, user: str, po_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._view = get_purchase_order(db, po_number)
        self.receipt: ReceiptResult | None = None
        self.setObjectName("receiveDialog")
        self.setWindowTitle(self.tr("Receive {po}").format(po=self._view.number))

        self.receive_spins: list[QSpinBox] = []
        self.rejected_spins: list[QSpinBox] = []
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("scanEdit")
        self.scan_edit.setPlaceholderText(self.tr("Scan or type a SKU, then press Enter"))
        self.scan_edit.setClearButtonEnabled(True)
        self.scan_status = QLabel()
        self.scan_status.setObjectName("scanStatus")
        self.message = message_label("receiveMessage")
        self.over_note = message_label("overReceiptNote", note=True)
        self.table = self._lines_table()
        self.fill_button = plain_button(self.tr("Receive all &open"), "receiveAllOpen")
        self.allow_over = QCheckBox(self.tr("Allow &over-receipt"))
        self.allow_over.setObjectName("allowOverReceipt")
        self.save_button = plain_button(self.tr("&Receive"), "saveButton")
        self.cancel_button = plain_button(self.tr("Cancel"), "cancelButton")

        self._lay_out()
        self._apply_permissions(user_role(db, user))
        self.scan_edit.returnPressed.connect(self._scan)
        self.fill_button.clicked.connect(self.fill_open)
        self.save_button.clicked.connect(self._save)
        self.add_save_shortcut(self.save_button)
        self.cancel_button.clicked.connect(self.reject)

    @property
    def view(self) -> PurchaseOrderView:
        """The PO as it was read when the dialog opened."""
        return self._view

    def _lay_out(self) -> None:
        view = self._view
        layout = QVBoxLayout(self)
        header = QFormLayout()
        header.addRow(self.tr("Supplier:"), QLabel(self.tr("{name} ({code})").format(
            name=view.supplier, code=view.supplier_code)))
        header.addRow(self.tr("Status:"), QLabel(PO_STATUS_LABELS[POStatus(view.status)]))
        header.addRow(self.tr("&Scan:"), self.scan_edit)
        layout.addLayout(header)
        layout.addWidget(self.scan_status)
        layout.addWidget(self.message)
        box = QGroupBox(self.tr("Lines"))
        QVBoxLayout(box).addWidget(self.table)
        layout.addWidget(box, 1)
        layout.addWidget(self.over_note)
        tools = QHBoxLayout()
        tools.addWidget(self.fill_button)
        tools.addWidget(self.allow_over)
        tools.addStretch(1)
        layout.addLayout(tools)
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        editors: list[QWidget] = [self.scan_edit]
        for received, rejected in zip(self.receive_spins, self.rejected_spins, strict=True):
            editors += [received, rejected]
        set_tab_order([*editors, self.fill_button, self.allow_over, self.save_button,
                       self.cancel_button])
        self.scan_edit.setFocus()

    def _lines_table(self) -> QTableWidget:
        headers = [self.tr("Line"), self.tr("SKU"), self.tr("Description"), self.tr("Ordered"),
                   self.tr("Received"), self.tr("Open"), self.tr("Receive now"),
                   self.tr("Damaged"), self.tr("Reserved for")]
        table = line_table(headers, right_aligned=[0, 3, 4, 5, _COLUMN_RECEIVE,
                                                   _COLUMN_REJECTED], stretch=2)
        table.setObjectName("receiveLines")
        table.setRowCount(len(self._view.lines))
        for row, line in enumerate(self._view.lines):
            self._fill_line(table, row, line)
        fit_table(table)
        return table

    def _fill_line(self, table: QTableWidget, row: int, line: PurchaseOrderLineView) -> None:
        set_cell(table, row, 0, line.line)
        set_cell(table, row, 1, line.sku)
        set_cell(table, row, 2, line.description, tooltip=line.description)
        set_cell(table, row, 3, line.ordered)
        set_cell(table, row, 4, line.received)
        set_cell(table, row, 5, line.open)
        destinations = self._destinations(line)
        set_cell(table, row, 8, destinations, tooltip=destinations)

        received = quantity_spin(QUANTITY_CEILING, 0, f"receive_{line.line}")
        received.setToolTip(self.tr("Good units of {sku} received now").format(sku=line.sku))
        received.valueChanged.connect(self._show_over_receipt)
        table.setCellWidget(row, _COLUMN_RECEIVE, received)
        self.receive_spins.append(received)
        rejected = quantity_spin(QUANTITY_CEILING, 0, f"rejected_{line.line}")
        rejected.setToolTip(self.tr("Damaged units of {sku} refused; they are not put into "
                                    "stock").format(sku=line.sku))
        table.setCellWidget(row, _COLUMN_REJECTED, rejected)
        self.rejected_spins.append(rejected)

    def _destinations(self, line: PurchaseOrderLineView) -> str:
        """Describe whom the line's units are for, such as ``SO-000012 ×3, stock ×2``."""
        parts = [self.tr("{so} ×{qty}").format(so=serve.so, qty=serve.qty)
                 for serve in line.serves]
        if line.for_stock > 0:
            parts.append(self.tr("stock ×{qty}").format(qty=line.for_stock))
        return ", ".join(parts)

    def _apply_permissions(self, role: str) -> None:
        self._may_allow_over = role in _MANAGERS
        self.allow_over.setVisible(self._may_allow_over)
        allowed_from, _target = PO_TRANSITIONS[POAction.RECEIVE]
        status = POStatus(self._view.status)
        if status not in allowed_from:
            show_message(self.message, self.tr(
                "{po} is {status}: goods can be received only once it is sent."
            ).format(po=self._view.number, status=PO_STATUS_LABELS[status].lower()))
            for widget in (self.save_button, self.fill_button, self.scan_edit):
                widget.setEnabled(False)
        elif not any(line.open for line in self._view.lines):
            show_message(self.over_note, self.tr(
                "Every line of {po} has arrived in full; anything received now is an "
                "over-receipt.").format(po=self._view.number))

    def fill_open(self) -> None:
        """Set every line's "Receive now" to its open quantity."""
        for line, spin in zip(self._view.lines, self.receive_spins, strict=True):
            spin.setValue(line.open)
        self.scan_status.setText(self.tr("Every open unit is entered."))

    def scan(self, text: str) -> bool:
        """Add one unit of the SKU ``text`` to the count; return False when no line has it."""
        code = text.strip()
        if not code:
            return False
        rows = self._rows_of(code)
        if not rows:
            show_message(self.message, self.tr(
                "SKU '{sku}' is not on {po}. Check the label, or receive it against its own PO."
            ).format(sku=code, po=self._view.number))
            return False
        show_message(self.message, "")
        row = next((r for r in rows if self.receive_spins[r].value() < self._view.lines[r].open),
                   rows[-1])
        spin = self.receive_spins[row]
        spin.setValue(spin.value() + 1)
        line = self._view.lines[row]
        self.table.selectRow(row)
        self.scan_status.setText(self.tr("{sku}, line {n}: {now} of {open} open units "
                                         "counted.").format(sku=line.sku, n=line.line,
                                                            now=spin.value(), open=line.open))
        return True

    def _scan(self) -> None:
        self.scan(self.scan_edit.text())
        self.scan_edit.clear()

    def _rows_of(self, code: str) -> list[int]:
        rows = [row for row, line in enumerate(self._view.lines) if line.sku == code]
        if not rows:
            folded = code.casefold()
            rows = [row for row, line in enumerate(self._view.lines)
                    if line.sku.casefold() == folded]
        return rows

    def _show_over_receipt(self) -> None:
        over = [self.tr("line {n} ({sku}) {now} of {open} open").format(
            n=line.line, sku=line.sku, now=spin.value(), open=line.open)
            for line, spin in zip(self._view.lines, self.receive_spins, strict=True)
            if spin.value() > line.open]
        text = ""
        if over:
            text = self.tr("More than ordered: {lines}.").format(lines="; ".join(over))
        show_message(self.over_note, text)

    def quantities(self) -> tuple[dict[str, int], dict[str, int]]:
        """Return the units to receive and the damaged units per SKU, without zeros."""
        good: dict[str, int] = defaultdict(int)
        damaged: dict[str, int] = defaultdict(int)
        for line, received, rejected in zip(self._view.lines, self.receive_spins,
                                            self.rejected_spins, strict=True):
            good[line.sku] += received.value()
            damaged[line.sku] += rejected.value()
        return ({sku: units for sku, units in good.items() if units},
                {sku: units for sku, units in damaged.items() if units})

    def _save(self) -> None:
        good, damaged = self.quantities()
        if not good and not damaged:
            show_message(self.message, self.tr(
                "Nothing is counted yet. Scan the goods, type the quantities in \"Receive "
                "now\", or press \"Receive all open\"."))
            self.scan_edit.setFocus()
            return
        number = self._view.number
        allow = self._may_allow_over and self.allow_over.isChecked()
        result = run_action(self, self.tr("Receive {po}").format(po=number), lambda: (
            receiving.receive(self._db, self._user, number, good, damaged,
                              allow_over_receipt=allow, expected_version=self._view.version)))
        if result is not None:
            self.receipt = result
            self.accept()
