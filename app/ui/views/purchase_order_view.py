"""One purchase order: supplier, status and approvals, lines with the sales orders they serve."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidgetItem, QWidget

from app.domain.listing import Column
from app.domain.states import PO_STATUS_LABELS, POStatus
from app.persistence.database import Database
from app.reports.formatting import (
    format_datetime,
    format_money_with_currency,
    format_unit_cost,
)
from app.services.queries import get_purchase_order, purchase_order_history
from app.services.views import HistoryEntry, PurchaseOrderLineView, PurchaseOrderView
from app.ui.operations import run_action
from app.ui.pages.purchase_actions import PurchaseOrderActions
from app.ui.views.order_view import OrderView, boxed, fill_links, link_list, link_number
from app.ui.workstation import Workstation


def _translate(text: str) -> str:
    return QCoreApplication.translate("PurchaseOrderDetail", text)


def line_columns() -> list[Column]:
    """Columns of the line table; the description comes last and takes the width left."""
    return [
        Column("line", _translate("Line"), "right"),
        Column("sku", _translate("SKU")),
        Column("supplier_sku", _translate("Supplier SKU")),
        Column("ordered", _translate("Ordered"), "right"),
        Column("confirmed", _translate("Confirmed"), "right"),
        Column("expected", _translate("Expected")),
        Column("received", _translate("Received"), "right"),
        Column("rejected", _translate("Rejected"), "right"),
        Column("open", _translate("Open"), "right"),
        Column("for_stock", _translate("For stock"), "right"),
        Column("unit_cost", _translate("Unit cost"), "right"),
        Column("amount", _translate("Amount"), "right"),
        Column("serves", _translate("Serves")),
        Column("description", _translate("Description")),
    ]


def serves_text(line: PurchaseOrderLineView) -> str:
    """Name the SO lines a PO line buys for, such as ``SO-000012/2 × 5``.

    A line that buys for no SO line is named refused or closed when it orders
    nothing more. Otherwise it buys for stock and the text is empty.
    """
    serves = ", ".join(f"{serve.so}/{serve.line} × {serve.qty}" for serve in line.serves)
    if serves:
        return serves
    if line.refused:
        return _translate("Refused by supplier")
    if line.ordered == 0:
        return _translate("Closed")
    return ""


def line_row(line: PurchaseOrderLineView) -> tuple[object, ...]:
    # The unit cost keeps up to four places, as the PO document prints it.
    return (line.line, line.sku, line.supplier_sku, line.ordered, line.confirmed,
            line.expected_date, line.received, line.rejected, line.open, line.for_stock,
            format_unit_cost(line.unit_cost), line.amount, serves_text(line), line.description)


@dataclass(frozen=True)
class _Loaded:
    order: PurchaseOrderView
    history: list[HistoryEntry]


def _read(db: Database, number: str) -> _Loaded:
    return _Loaded(get_purchase_order(db, number), purchase_order_history(db, number))


def _when(user: str | None, at: datetime | None) -> str:
    if not user:
        return "-"
    if at is None:
        return user
    return f"{user}, {format_datetime(at.astimezone())}"


class PurchaseOrderDetail(OrderView):
    """A purchase order with its actions; the sales orders it serves open on a click."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(workstation, line_columns(), "description", parent)
        self.setObjectName("purchaseOrderView")
        self.order: PurchaseOrderView | None = None
        self.order_actions = PurchaseOrderActions(workstation, self, self.current_number,
                                                  self.current_line)
        for action in (self.order_actions.submit, self.order_actions.review,
                       self.order_actions.send, self.order_actions.confirmation,
                       self.order_actions.receive, self.order_actions.change_line,
                       self.order_actions.remove_line, self.order_actions.cancel):
            self.add_action(action)
        self.sales_orders = link_list("salesOrderLinks")
        self.sales_orders.setToolTip(self.tr("Click or press Enter to open the sales order"))
        self.sales_orders.itemActivated.connect(self._open_sales_order)
        self.sales_orders.itemClicked.connect(self._open_sales_order)
        self.lay_out([boxed(self.tr("Sales orders served"), self.sales_orders)])

    def load(self, number: str) -> bool:
        loaded = run_action(self, self.tr("Open {po}").format(po=number),
                            lambda: _read(self.workstation.db, number))
        if loaded is None:
            return False
        order = loaded.order
        self.number = order.number
        self.order = order
        self.title.setText(self.tr("{po} · {supplier}").format(po=order.number,
                                                              supplier=order.supplier))
        notes = []
        if order.rejection_reason and order.status == POStatus.DRAFT.value:
            notes.append(self.tr("Rejected: {reason}. Change it, then submit it again.").format(
                reason=order.rejection_reason))
        self.banner.show_lines(self.tr("Needs attention:"), notes)
        self._fill_fields(order)
        self.set_lines([line_row(line) for line in order.lines], hide_when_zero=["rejected"])
        fill_links(self.sales_orders, order.sales_orders, self.tr("Bought for stock only"))
        self.set_history(loaded.history)
        self.order_actions.follow_state(order.number, order.status)
        return True

    def _fill_fields(self, order: PurchaseOrderView) -> None:
        def money(amount: Decimal) -> str:
            return format_money_with_currency(amount, order.currency)

        status = self.tr("{status}, revision {revision}").format(
            status=PO_STATUS_LABELS[POStatus(order.status)], revision=order.revision)
        supplier = f"{order.supplier} ({order.supplier_code})"
        self.fields.set_fields([
            (self.tr("Supplier:"), supplier, "supplierValue"),
            (self.tr("E-mail:"), order.supplier_email or "-", "emailValue"),
            (self.tr("Their reference:"), order.supplier_reference or "-", "referenceValue"),
            (self.tr("Status:"), status, "statusValue"),
            (self.tr("Submitted by:"), _when(order.submitted_by, order.submitted_at),
             "submittedValue"),
            (self.tr("Approved by:"), _when(order.approved_by, order.approved_at),
             "approvedValue"),
            (self.tr("Total:"), money(order.total), "totalValue"),
            (self.tr("Sales value:"), money(order.sales_value), "salesValue"),
            (self.tr("Sent:"), format_datetime(order.sent_at.astimezone()) if order.sent_at
             else "-", "sentValue"),
        ], bold=["statusValue", "totalValue"])

    def _open_sales_order(self, item: QListWidgetItem) -> None:
        number = link_number(item)
        if number is not None:
            self.workstation.show_sales_order(number)
