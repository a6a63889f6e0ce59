"""One sales order: header, attention, per-line quantities, its POs, shipments and history."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from app.domain.allocation import Sourcing
from app.domain.listing import Column
from app.domain.states import SO_STATUS_LABELS, SOStatus
from app.persistence.database import Database
from app.reports.formatting import (
    format_date,
    format_money_with_currency,
    format_unit_cost,
)
from app.services import shipping
from app.services.queries import get_sales_order, sales_order_history
from app.services.views import HistoryEntry, SalesOrderLineView, SalesOrderView
from app.ui.operations import run_action
from app.ui.pages.sales_actions import SalesOrderActions
from app.ui.printing import PackingSlipActions
from app.ui.views.order_view import OrderView, boxed, fill_links, link_list, link_number
from app.ui.widgets.attention_panel import AttentionPanel
from app.ui.workstation import Workstation


def _translate(text: str) -> str:
    return QCoreApplication.translate("SalesOrderDetail", text)


def _supply_label(sourcing: str) -> str:
    """Return the short name of a line's sourcing choice for the lines table."""
    labels = {
        Sourcing.AUTO.value: _translate("Stock, then buy"),
        Sourcing.STOCK.value: _translate("Stock only"),
        Sourcing.BACK_TO_BACK.value: _translate("Back-to-back"),
    }
    return labels.get(sourcing, sourcing)


def line_columns() -> list[Column]:
    """Columns of the line table; the quantities are those of ``so show``."""
    return [
        Column("line", _translate("Line"), "right"),
        Column("sku", _translate("SKU")),
        Column("description", _translate("Description")),
        Column("sourcing", _translate("Supply")),
        Column("ordered", _translate("Ordered"), "right"),
        Column("from_stock", _translate("From stock"), "right"),
        Column("on_order", _translate("On order"), "right"),
        Column("confirmed", _translate("Confirmed"), "right"),
        Column("received", _translate("Received"), "right"),
        Column("shipped", _translate("Shipped"), "right"),
        Column("still_to_source", _translate("To source"), "right"),
        Column("cancelled", _translate("Cancelled"), "right"),
        Column("ready", _translate("Ready"), "right"),
        Column("expected", _translate("Expected")),
        Column("unit_price", _translate("Price"), "right"),
        Column("discount", _translate("Discount"), "right"),
        Column("amount", _translate("Amount"), "right"),
    ]


def line_row(line: SalesOrderLineView) -> tuple[object, ...]:
    return (line.line, line.sku, line.description, _supply_label(line.sourcing),
            line.ordered, line.from_stock,
            line.on_order, line.confirmed, line.received, line.shipped, line.still_to_source,
            line.cancelled, line.ready_to_ship, line.expected_date,
            format_unit_cost(line.unit_price), format_percent(line.discount_percent), line.amount)


def format_percent(percent: Decimal) -> str:
    """Return a discount as "10 %" or "12.5 %", and "" for none."""
    if not percent:
        return ""
    return f"{percent.normalize():f} %"


@dataclass(frozen=True)
class _Loaded:
    order: SalesOrderView
    history: list[HistoryEntry]


def _read(db: Database, number: str) -> _Loaded:
    return _Loaded(get_sales_order(db, number), sales_order_history(db, number))


class SalesOrderDetail(OrderView):
    """A sales order with its actions; its POs open on a click, its shipments reprint.

    Print Packing Slips (Ctrl+P) offers every shipment of the order; Enter
    on one shipment in the list reprints that one slip at once.

    The line table shows per line what was ordered, reserved from stock, put
    on purchase orders, confirmed, received, shipped and what is still to
    source, with the latest date a supplier gave for it.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(workstation, line_columns(), "description", parent)
        self.setObjectName("salesOrderView")
        self.order: SalesOrderView | None = None
        self.order_actions = SalesOrderActions(workstation, self, self.current_number,
                                               self.current_line)
        for action in (self.order_actions.draft, self.order_actions.ship,
                       self.order_actions.payment, self.order_actions.deliver,
                       self.order_actions.change_quantity, self.order_actions.sourcing,
                       self.order_actions.resolve, self.order_actions.copy,
                       self.order_actions.cancel):
            self.add_action(action)
        self.slip_actions = PackingSlipActions(
            workstation, self, lambda: [self.number] if self.number else [],
            self.tr("&Print Packing Slips…"))
        self.add_action(self.slip_actions.print_slips)
        self.purchase_orders = link_list("purchaseOrderLinks")
        self.purchase_orders.setToolTip(self.tr("Click or press Enter to open the PO"))
        self.purchase_orders.itemActivated.connect(self._open_purchase_order)
        self.purchase_orders.itemClicked.connect(self._open_purchase_order)
        self.shipments = link_list("shipmentLinks")
        self.shipments.setToolTip(self.tr("Press Enter or double-click to reprint the "
                                          "packing slip"))
        self.shipments.itemActivated.connect(self._reprint)
        self.lay_out([boxed(self.tr("Purchase orders"), self.purchase_orders),
                      boxed(self.tr("Shipments"), self.shipments)])
        # Open reasons show with a Resolve button each, where the plain banner would be.
        self.attention = AttentionPanel()
        self.attention.resolve_requested.connect(self.order_actions.resolve_attention)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.banner) + 1, self.attention)

    def load(self, number: str) -> bool:
        loaded = run_action(self, self.tr("Open {so}").format(so=number),
                            lambda: _read(self.workstation.db, number))
        if loaded is None:
            return False
        order = loaded.order
        self.number = order.number
        self.order = order
        self.title.setText(self.tr("{so} · {customer}").format(so=order.number,
                                                              customer=order.customer))
        self.attention.show_reasons(order.reasons)
        self._fill_fields(order)
        self.set_lines([line_row(line) for line in order.lines], hide_when_zero=["cancelled"])
        fill_links(self.purchase_orders, order.purchase_orders, self.tr("None yet"))
        fill_links(self.shipments, order.shipments, self.tr("None yet"))
        self.set_history(loaded.history)
        self.order_actions.follow_state(order)
        return True

    def _fill_fields(self, order: SalesOrderView) -> None:
        def money(amount: Decimal) -> str:
            return format_money_with_currency(amount, order.currency)

        policy = (self.tr("Partial shipments allowed") if order.allow_partial_shipment
                  else self.tr("Ships complete only"))
        promised = format_date(order.promised_date) if order.promised_date else self.tr("not set")
        self.fields.set_fields([
            (self.tr("Reference:"), order.reference or "-", "referenceValue"),
            (self.tr("Customer:"), f"{order.customer} ({order.customer_code})", "customerValue"),
            (self.tr("Shipping:"), policy, "policyValue"),
            (self.tr("Status:"), SO_STATUS_LABELS[SOStatus(order.status)], "statusValue"),
            (self.tr("Ordered:"), format_date(order.order_date), "orderDateValue"),
            (self.tr("Promised:"), promised, "promisedValue"),
            (self.tr("Total:"), money(order.total), "totalValue"),
            (self.tr("Paid:"), money(order.paid), "paidValue"),
            (self.tr("Balance due:"), money(order.balance_due), "balanceValue"),
            (self.tr("Terms:"), order.terms or "-", "termsValue"),
        ], bold=["statusValue", "balanceValue"])

    def _open_purchase_order(self, item: QListWidgetItem) -> None:
        number = link_number(item)
        if number is not None:
            self.workstation.show_purchase_order(number)

    def _reprint(self, item: QListWidgetItem) -> None:
        number = link_number(item)
        if number is None:
            return
        title = self.tr("Print Packing Slip {shipment}").format(shipment=number)
        path = run_action(self, title, lambda: shipping.write_packing_slip(
            self.workstation.db, number))
        if path is not None:
            self.workstation.open_document(path)
