"""Changes on the PO side, each listing the SO lines it touches before anything is saved.

Changing a line's quantity, removing a line and cancelling the PO are
dialogs on :class:`~app.ui.dialogs.impact_dialog.ImpactDialog`.
:func:`reject_impact` lists what a rejection flags, for the approval dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QTableWidget, QWidget

from app.domain.states import PO_SENT_STATES, PO_STATUS_LABELS, POStatus
from app.persistence.database import Database
from app.reports.formatting import format_money_with_currency
from app.services import po_changes, purchasing
from app.services.queries import get_purchase_order
from app.services.views import PurchaseOrderLineView, PurchaseOrderView
from app.ui.dialogs.grid import (
    QUANTITY_CEILING,
    fit_table,
    line_table,
    set_cell,
    show_message,
)
from app.ui.dialogs.impact_dialog import Change, ImpactDialog

# Rows of the "this line buys for" table shown before it scrolls.
_SERVED_ROWS = 6


def _translate(text: str) -> str:
    return QCoreApplication.translate("POChange", text)


def _status_label(view: PurchaseOrderView) -> str:
    return PO_STATUS_LABELS[POStatus(view.status)].lower()


def _is_revised_by_change(view: PurchaseOrderView) -> bool:
    """Return True when a line change makes a new revision, because the supplier has the PO."""
    status = POStatus(view.status)
    return status in PO_SENT_STATES and status is not POStatus.RECEIVED


def reject_impact(view: PurchaseOrderView) -> list[str]:
    """List the SOs a rejection of ``view`` flags, each with the SO lines that stay on the PO.

    A rejected PO returns to draft and keeps its links, so these SO lines wait
    for it until it is submitted again or cancelled.
    """
    lines_by_order: dict[str, list[str]] = {}
    customers: dict[str, str] = {}
    for line in view.lines:
        for serve in line.serves:
            customers[serve.so] = serve.customer
            lines_by_order.setdefault(serve.so, []).append(
                _translate("line {n} ({qty} x {sku})").format(n=serve.line, qty=serve.qty,
                                                              sku=line.sku))
    return [_translate("{so} ({customer}) is flagged until {po} is submitted again or "
                       "cancelled. Lines waiting for it: {lines}.").format(
        so=so, customer=customers[so], po=view.number, lines=", ".join(lines))
        for so, lines in lines_by_order.items()]


def served_table() -> QTableWidget:
    """Create the table of the SO lines one PO line buys for."""
    headers = [_translate("Sales order"), _translate("SO line"), _translate("Customer"),
               _translate("Units"), _translate("Received")]
    table = line_table(headers, right_aligned=[1, 3, 4], stretch=2, selectable=False)
    table.setObjectName("servedTable")
    return table


def fill_served(table: QTableWidget, line: PurchaseOrderLineView) -> None:
    """Show the SO lines ``line`` buys for, and the units it buys for stock."""
    rows: list[tuple[object, ...]] = [(serve.so, serve.line, serve.customer, serve.qty,
                                       serve.received) for serve in line.serves]
    if line.for_stock > 0:
        rows.append((_translate("Free stock"), "", "", line.for_stock, ""))
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            set_cell(table, row, column, value, align_right=column in (1, 3, 4))
    fit_table(table, _SERVED_ROWS)


class _POLineDialog(ImpactDialog):
    """Pick a line of one PO, with the SO lines it buys for listed above the impact."""

    def __init__(self, db: Database, user: str, po_number: str, line_no: int,
                 destructive: bool, parent: QWidget | None) -> None:
        view = get_purchase_order(db, po_number)
        super().__init__(db, user, destructive=destructive, parent=parent)
        self._view = view
        self.line_combo = QComboBox()
        self.line_combo.setObjectName("lineCombo")
        for line in view.lines:
            self.line_combo.addItem(self.tr("Line {n}: {sku} {description} ({qty} ordered, "
                                            "{received} received)").format(
                n=line.line, sku=line.sku, description=line.description, qty=line.ordered,
                received=line.received), line.line)
        self.line_combo.setCurrentIndex(max(0, self.line_combo.findData(line_no)))
        self.form.addRow(self.tr("&Line:"), self.line_combo)
        self.served_caption = QLabel(self.tr("This line buys for:"))
        self.impact_caption.setText(self.tr("After saving:"))
        self.served = served_table()

    @property
    def view(self) -> PurchaseOrderView:
        """The PO as it was read when the dialog opened."""
        return self._view

    def line(self) -> PurchaseOrderLineView | None:
        """Return the PO line picked, or None for a PO without lines."""
        index = self.line_combo.currentIndex()
        return self._view.lines[index] if index >= 0 else None

    def _show_line(self) -> None:
        line = self.line()
        if line is not None:
            fill_served(self.served, line)

    def choices_text(self, touched: Sequence[str]) -> str:
        line = self.line()
        if line is None or not line.serves:
            return ""
        return self.tr("Each sales order named in the list is flagged for attention. Draft "
                       "purchase orders from it again to buy the units back to still to "
                       "source, or lower the quantity on its line.")


class POLineQuantityDialog(_POLineDialog):
    """Pick a PO line and its new quantity, and list the impact as the value changes.

    On a sent PO the change makes a new revision that needs approval and
    sending again, which a note states before anything is typed. Units cut come
    off the SO lines newest first, and the list names each one.

    Raises:
        TandemError: from the constructor when the PO does not exist.
    """

    def __init__(self, db: Database, user: str, po_number: str, line_no: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, user, po_number, line_no, False, parent)
        self.setObjectName("poLineQuantityDialog")
        self.setWindowTitle(self.tr("Change Line Quantity on {po}").format(po=self._view.number))
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("quantitySpin")
        # 0 closes a line of a PO the supplier has seen. An unsent PO's line is removed instead.
        lowest = 0 if self._view.sent_at is not None else 1
        self.quantity_spin.setRange(lowest, QUANTITY_CEILING)
        self.form.addRow(self.tr("New &quantity:"), self.quantity_spin)
        if _is_revised_by_change(self._view):
            show_message(self.note, self.tr(
                "{po} is {status} (revision {revision}): a change makes it revision {next}, "
                "which needs approval and sending to {supplier} again.").format(
                po=self._view.number, status=_status_label(self._view),
                revision=self._view.revision, next=self._view.revision + 1,
                supplier=self._view.supplier))
            self.label_buttons(self.tr("&Save as Revision {next}").format(
                next=self._view.revision + 1))
        self.lay_out([self.served_caption, self.served])

        self._line_chosen()
        self.line_combo.currentIndexChanged.connect(self._line_chosen)
        self.quantity_spin.valueChanged.connect(self.update_impact)
        self.quantity_spin.setFocus()

    def _line_chosen(self) -> None:
        line = self.line()
        self.quantity_spin.blockSignals(True)
        self.quantity_spin.setValue(line.ordered if line is not None else 1)
        self.quantity_spin.blockSignals(False)
        self._show_line()
        self.update_impact()

    def change(self) -> Change | None:
        line = self.line()
        quantity = self.quantity_spin.value()
        if line is None or quantity == line.ordered:
            return None
        db, user, view, line_no = self._db, self._user, self._view, line.line
        return lambda: po_changes.set_po_line_quantity(db, user, view.number, line_no, quantity,
                                                       expected_version=view.version)

    def choices_text(self, touched: Sequence[str]) -> str:
        line = self.line()
        if line is None:
            return ""
        quantity = self.quantity_spin.value()
        for_orders = sum(serve.qty for serve in line.serves)
        if quantity < for_orders:
            return super().choices_text(touched)
        if quantity - for_orders > 0:
            return self.tr("{stock} of the {qty} units are for no sales order: they go to free "
                           "stock on arrival.").format(stock=quantity - for_orders, qty=quantity)
        return ""


class RemovePOLineDialog(_POLineDialog):
    """Pick a line to delete from a PO the supplier has not seen, sending its SO lines back.

    Raises:
        TandemError: from the constructor when the PO does not exist.
    """

    def __init__(self, db: Database, user: str, po_number: str, line_no: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, user, po_number, line_no, True, parent)
        self.setObjectName("removePOLineDialog")
        self.setWindowTitle(self.tr("Remove Line from {po}").format(po=self._view.number))
        self.label_buttons(self.tr("&Remove Line"), self.tr("&Keep Line"))
        self.impact_caption.setText(self.tr("After removing the line:"))
        self.lay_out([self.served_caption, self.served])
        self._line_chosen()
        self.line_combo.currentIndexChanged.connect(self._line_chosen)
        self.line_combo.setFocus()

    def _line_chosen(self) -> None:
        self._show_line()
        self.update_impact()

    def change(self) -> Change | None:
        line = self.line()
        if line is None:
            return None
        db, user, view, line_no = self._db, self._user, self._view, line.line
        return lambda: po_changes.remove_po_line(db, user, view.number, line_no,
                                                 expected_version=view.version)


class CancelPODialog(ImpactDialog):
    """Name every SO line a cancellation sends back to still to source, then cancel the PO.

    A PO on which goods have arrived is closed instead: the received units
    stay, and only what is still open goes back. After a save, :attr:`status`
    is the PO's new status.

    Raises:
        TandemError: from the constructor when the PO does not exist.
    """

    def __init__(self, db: Database, user: str, po_number: str,
                 parent: QWidget | None = None) -> None:
        view = get_purchase_order(db, po_number)
        super().__init__(db, user, destructive=True, parent=parent)
        self._view = view
        self.status = ""
        self.setObjectName("cancelPODialog")
        received = sum(line.received for line in view.lines)
        self.setWindowTitle(self.tr("Cancel {po}").format(po=view.number))
        if received:
            self.label_buttons(self.tr("C&lose PO"), self.tr("&Keep PO Open"))
        else:
            self.label_buttons(self.tr("&Cancel PO"), self.tr("&Keep PO"))
        self.impact_caption.setText(self.tr("After cancelling {po}:").format(po=view.number))
        summary = QLabel(self.tr("{po} to {supplier}, {status}, revision {revision}, "
                                 "{total}").format(
            po=view.number, supplier=view.supplier, status=_status_label(view),
            revision=view.revision, total=format_money_with_currency(view.total,
                                                                     view.currency)))
        summary.setObjectName("poSummary")
        self.form.addRow(self.tr("Purchase order:"), summary)
        self.lay_out()
        self.update_impact()
        self.keep_button.setFocus()

    @property
    def view(self) -> PurchaseOrderView:
        """The PO as it was read when the dialog opened."""
        return self._view

    def change(self) -> Change | None:
        db, user, view = self._db, self._user, self._view

        def cancel() -> list[str]:
            self.status = purchasing.cancel(db, user, view.number,
                                            expected_version=view.version)
            return self.items()

        return cancel

    def impact(self, change: Change) -> list[str]:
        view = self._view
        touched = po_changes.cancel_impact(self._db, view.number)
        if view.sales_orders:
            touched.append(self.tr("{sos} flagged for attention: {po} cancelled.").format(
                sos=", ".join(view.sales_orders), po=view.number))
        received = sum(line.received for line in view.lines)
        if received:
            touched.append(self.tr("The {n} units already received stay in the warehouse, "
                                   "and what has not arrived is closed.").format(n=received))
        if view.sent_at is not None:
            touched.append(self.tr("{supplier} already has this order: tell them it is "
                                   "cancelled.").format(supplier=view.supplier))
        return touched

    def no_impact_text(self) -> str:
        return self.tr("{po} buys nothing for a sales order, so no order changes.").format(
            po=self._view.number)

    def choices_text(self, touched: Sequence[str]) -> str:
        if not self._view.sales_orders:
            return ""
        return self.tr("Afterwards, draft purchase orders from {sos} again to buy these units "
                       "from another supplier, or change the quantities on those lines.").format(
            sos=", ".join(self._view.sales_orders))
