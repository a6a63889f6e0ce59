"""Shipping what is ready of a sales order, with carrier, tracking and a packing slip."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.states import SO_STATUS_LABELS, SOStatus
from app.persistence.database import Database
from app.services import shipping
from app.services.queries import get_sales_order
from app.services.views import SalesOrderLineView, SalesOrderView, ShipmentResult
from app.ui.dialogs.grid import (
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
)
from app.ui.operations import run_action

log = logging.getLogger(__name__)

_COLUMN_SHIP = 7


class ShipDialog(EnterSafeDialog):
    """Choose how many units of each SO line leave now, ship them and open the packing slip.

    "Ship now" starts at what is ready. Ship is disabled when nothing is
    ready. After the shipment is recorded, its packing slip is written to the
    documents folder and ``open_document`` is called with the file's path.
    Enter in the carrier or tracking field moves on instead of shipping, so a
    scanned tracking barcode cannot ship the order by itself.

    The dialog is accepted once the shipment is recorded; :attr:`shipment`
    and :attr:`packing_slip` then contain the result.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str,
                 open_document: Callable[[Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._open_document = open_document
        self._view = get_sales_order(db, so_number)
        self.shipment: ShipmentResult | None = None
        self.packing_slip: Path | None = None
        self.setObjectName("shipDialog")
        self.setWindowTitle(self.tr("Ship {so}").format(so=self._view.number))

        self.ship_spins: list[QSpinBox] = []
        self.table = self._lines_table()
        self.carrier_edit = QLineEdit()
        self.carrier_edit.setObjectName("carrierEdit")
        self.carrier_edit.setPlaceholderText(self.tr("For example DHL, UPS, own van"))
        self.tracking_edit = QLineEdit()
        self.tracking_edit.setObjectName("trackingEdit")
        self.tracking_edit.setPlaceholderText(self.tr("Type or scan the tracking number"))
        self.message = message_label("shipMessage")
        self.save_button = plain_button(self.tr("&Ship"), "saveButton")
        self.cancel_button = plain_button(self.tr("Cancel"), "cancelButton")

        self._lay_out()
        self._check_ready()
        self.carrier_edit.returnPressed.connect(self.tracking_edit.setFocus)
        self.tracking_edit.returnPressed.connect(self.save_button.setFocus)
        self.save_button.clicked.connect(self._save)
        self.add_save_shortcut(self.save_button)
        self.cancel_button.clicked.connect(self.reject)

    @property
    def view(self) -> SalesOrderView:
        """The SO as it was read when the dialog opened."""
        return self._view

    def _lay_out(self) -> None:
        view = self._view
        layout = QVBoxLayout(self)
        header = QFormLayout()
        customer = view.customer
        if view.reference:
            customer = self.tr("{customer}, reference {reference}").format(
                customer=view.customer, reference=view.reference)
        header.addRow(self.tr("Customer:"), QLabel(customer))
        policy = (self.tr("partial shipments allowed") if view.allow_partial_shipment
                  else self.tr("ships complete only"))
        header.addRow(self.tr("Status:"), QLabel(self.tr("{status}, {policy}").format(
            status=SO_STATUS_LABELS[SOStatus(view.status)], policy=policy)))
        layout.addLayout(header)
        box = QGroupBox(self.tr("Lines"))
        QVBoxLayout(box).addWidget(self.table)
        layout.addWidget(box, 1)
        form = QFormLayout()
        form.addRow(self.tr("&Carrier:"), self.carrier_edit)
        form.addRow(self.tr("&Tracking number:"), self.tracking_edit)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        set_tab_order([*self.ship_spins, self.carrier_edit, self.tracking_edit,
                       self.save_button, self.cancel_button])
        enabled = [spin for spin in self.ship_spins if spin.isEnabled()]
        (enabled[0] if enabled else self.carrier_edit).setFocus()

    def _lines_table(self) -> QTableWidget:
        headers = [self.tr("Line"), self.tr("SKU"), self.tr("Description"), self.tr("Ordered"),
                   self.tr("Shipped"), self.tr("Still to come"), self.tr("Ready"),
                   self.tr("Ship now")]
        table = line_table(headers, right_aligned=[0, 3, 4, 5, 6, _COLUMN_SHIP], stretch=2,
                       selectable=False)
        table.setObjectName("shipLines")
        table.setRowCount(len(self._view.lines))
        for row, line in enumerate(self._view.lines):
            self._fill_line(table, row, line)
        fit_table(table)
        return table

    def _fill_line(self, table: QTableWidget, row: int, line: SalesOrderLineView) -> None:
        needed = line.ordered - line.cancelled
        set_cell(table, row, 0, line.line)
        set_cell(table, row, 1, line.sku)
        set_cell(table, row, 2, line.description, tooltip=line.description)
        set_cell(table, row, 3, needed)
        set_cell(table, row, 4, line.shipped)
        set_cell(table, row, 5, max(0, needed - line.shipped))
        set_cell(table, row, 6, line.ready_to_ship)
        ready = max(0, line.ready_to_ship)
        spin = quantity_spin(ready, ready, f"ship_{line.line}")
        spin.setEnabled(ready > 0)
        table.setCellWidget(row, _COLUMN_SHIP, spin)
        self.ship_spins.append(spin)

    def _check_ready(self) -> None:
        if any(line.ready_to_ship > 0 for line in self._view.lines):
            return
        self.save_button.setEnabled(False)
        show_message(self.message, self.tr(
            "Nothing of {so} is ready to ship. Receive its goods first.").format(
            so=self._view.number))

    def quantities(self) -> dict[str, int]:
        """Return the units to ship per SKU, without zeros."""
        units: dict[str, int] = defaultdict(int)
        for line, spin in zip(self._view.lines, self.ship_spins, strict=True):
            units[line.sku] += spin.value()
        return {sku: count for sku, count in units.items() if count}

    def _save(self) -> None:
        quantities = self.quantities()
        number = self._view.number
        if not quantities:
            show_message(self.message, self.tr(
                "Every \"Ship now\" is 0. Type how many units leave now."))
            return
        title = self.tr("Ship {so}").format(so=number)
        result = run_action(self, title, lambda: shipping.ship(
            self._db, self._user, number, quantities, self.carrier_edit.text().strip(),
            self.tracking_edit.text().strip(), expected_version=self._view.version,
            write_slip=True))
        if result is None:
            return
        self.shipment = result
        self.packing_slip = Path(result.pdf) if result.pdf else None
        if self.packing_slip is not None:
            self._open_document(self.packing_slip)
        self.accept()

