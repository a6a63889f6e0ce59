"""The actions on one sales order, shared by the order list, the shipping queue and the order view.

Each action maps the screen's selection to an SO number first, calls one
service (directly or through its dialog), then announces the change so every
list reloads. Errors the services raise are shown by :mod:`app.ui.operations`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.states import SO_FINAL_STATES, SO_STATUS_LABELS, SOStatus
from app.reports.formatting import format_money
from app.services import drafting, sales, so_changes
from app.services.impact import preview
from app.services.queries import get_sales_order
from app.services.views import DraftResult, SalesOrderView
from app.ui.dialogs.change_quantity import ChangeQuantityDialog
from app.ui.dialogs.draft import DraftDialog, needs_choice
from app.ui.dialogs.payment import PaymentDialog
from app.ui.dialogs.resolve_attention import ResolveAttentionDialog
from app.ui.dialogs.ship import ShipDialog
from app.ui.dialogs.sourcing import SourcingDialog
from app.ui.operations import confirm, run_action
from app.ui.pages.order_actions import OrderActions, make_action
from app.ui.widgets.notices import open_dialog, show_notice
from app.ui.workstation import Workstation

# States in which cancelling can go ahead, so the consequences are worth listing first.
_CANCELLABLE = frozenset(SOStatus) - {SOStatus.SHIPPED, SOStatus.PARTLY_SHIPPED,
                                      SOStatus.DELIVERED, SOStatus.COMPLETED,
                                      SOStatus.CANCELLED}


_READY = frozenset({SOStatus.PARTLY_READY, SOStatus.READY_TO_SHIP, SOStatus.PARTLY_SHIPPED})
_ALL_SHIPPED = frozenset({SOStatus.SHIPPED, SOStatus.DELIVERED, SOStatus.COMPLETED})


class SalesOrderActions(OrderActions):
    """Open, draft purchase orders, ship, record a payment, mark delivered, cancel.

    ``number`` returns the SO the screen has selected, or None. The last
    dialog and notice opened stay in :attr:`dialog` and :attr:`notice` until
    they close, so tests can drive them.
    """

    def __init__(self, workstation: Workstation, owner: QWidget,
                 number: Callable[[], str | None],
                 line: Callable[[], int | None] | None = None) -> None:
        super().__init__(workstation, owner, number, line)
        self.notice: QMessageBox | None = None
        self.open = make_action(self, self.tr("&Open"), "Ctrl+O", self.open_order, "openOrder")
        self.draft = make_action(self, self.tr("&Draft Purchase Orders"), "Ctrl+D",
                                 self.draft_purchase_orders, "draftPurchaseOrders")
        self.ship = make_action(self, self.tr("&Ship…"), "Ctrl+Shift+S", self.ship_order,
                                "shipOrder")
        self.payment = make_action(self, self.tr("Record &Payment…"), "Ctrl+Shift+P",
                                   self.record_payment, "recordPayment")
        self.deliver = make_action(self, self.tr("Mark De&livered"), "Ctrl+Shift+L",
                                   self.mark_delivered, "markDelivered")
        self.cancel = make_action(self, self.tr("&Cancel Order…"), "Ctrl+Del",
                                  self.cancel_order, "cancelOrder")
        self.change_quantity = make_action(self, self.tr("Change &Quantity…"), "Ctrl+Shift+Q",
                                           self.change_line_quantity, "changeQuantity")
        self.resolve = make_action(self, self.tr("Resol&ve Attention…"), "Ctrl+Shift+R",
                                   self.resolve_attention, "resolveAttention")
        self.sourcing = make_action(self, self.tr("Change &Sourcing…"), "Ctrl+Shift+U",
                                    self.change_sourcing, "changeSourcing")
        self.copy = make_action(self, self.tr("Cop&y Order"), "Ctrl+Shift+Y",
                                self.copy_order, "copyOrder")

    def follow_state(self, order: SalesOrderView) -> None:
        """Enable each action only where the order's state allows it; the others show why."""
        reasons = self._rejections(order)
        self.follow_reasons({action: reasons.get(action.objectName()) for action in (
            self.draft, self.ship, self.payment, self.deliver, self.change_quantity,
            self.sourcing, self.resolve, self.cancel)})

    def _rejections(self, order: SalesOrderView) -> dict[str, str]:
        """Return why each action that the order's state forbids cannot run, by action name."""
        status = SOStatus(order.status)
        state = SO_STATUS_LABELS[status].lower()
        number = order.number
        closed = self.tr("{so} is {state}: it cannot change.").format(so=number, state=state)

        reasons: dict[str, str] = {}
        if status in SO_FINAL_STATES or status in _ALL_SHIPPED:
            for name in ("draftPurchaseOrders", "changeQuantity", "changeSourcing"):
                reasons[name] = closed
        if status not in _CANCELLABLE:
            reasons["cancelOrder"] = self.tr("{so} is {state}: only an order with nothing "
                                             "shipped can be cancelled.").format(
                so=number, state=state)

        if status in _ALL_SHIPPED:
            reasons["shipOrder"] = self.tr("{so} has shipped everything already.").format(
                so=number)
        elif status not in _READY:
            reasons["shipOrder"] = self.tr("{so} has nothing ready to ship. Receive its goods "
                                           "first.").format(so=number)

        if status in (SOStatus.DELIVERED, SOStatus.COMPLETED):
            reasons["markDelivered"] = self.tr("{so} is already marked delivered.").format(
                so=number)
        elif status is not SOStatus.SHIPPED:
            reasons["markDelivered"] = self.tr("{so} is {state}: only an order that has "
                                               "shipped in full can be marked delivered.").format(
                so=number, state=state)

        if status is SOStatus.CANCELLED:
            reasons["recordPayment"] = closed
        elif order.balance_due <= 0:
            reasons["recordPayment"] = self.tr("{so} is fully paid: nothing is left to pay."
                                               ).format(so=number)

        if not order.reasons:
            reasons["resolveAttention"] = self.tr("{so} needs no attention.").format(so=number)
        return reasons

    def open_order(self) -> None:
        number = self._number()
        if number is not None:
            self._workstation.show_sales_order(number)

    def draft_purchase_orders(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Draft Purchase Orders for {so}").format(so=number)
        options = run_action(self._owner, title, lambda: drafting.supplier_options(
            workstation.db, number))
        if options is None:
            return
        if needs_choice(options):
            # The clerk picks a supplier for each line that several suppliers sell.
            self.dialog = open_dialog(self._owner, title, lambda: DraftDialog(
                workstation.db, workstation.user, number, options, self._owner),
                lambda dialog: self._drafted(title, dialog.drafted))
            if self.dialog is not None:
                self.dialog.finished.connect(self._forget_dialog)
            return
        result = run_action(self._owner, title, lambda: drafting.draft_purchase_orders(
            workstation.db, workstation.user, number))
        self._drafted(title, result)

    def _drafted(self, title: str, result: DraftResult | None) -> None:
        if result is None:
            return
        self._workstation.notify_changed()
        self.notice = show_notice(self._owner, title, self._draft_summary(result),
                                  result.messages)
        self.notice.finished.connect(self._forget_notice)

    def _draft_summary(self, result: DraftResult) -> str:
        parts = []
        if result.created:
            parts.append(self.tr("Drafted {pos}.").format(pos=", ".join(result.created)))
        if result.extended:
            parts.append(self.tr("Added lines to {pos}.").format(pos=", ".join(result.extended)))
        if not parts:
            return self.tr("No purchase order was drafted for {so}.").format(
                so=result.sales_order)
        parts.append(self.tr("Submit them for approval on the Purchase orders page."))
        return " ".join(parts)

    def ship_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        self._open(self.tr("Ship {so}").format(so=number), lambda: ShipDialog(
            workstation.db, workstation.user, number, workstation.open_document, self._owner),
            self._shipped_message)

    def record_payment(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        self._open(self.tr("Record Payment on {so}").format(so=number), lambda: PaymentDialog(
            workstation.db, workstation.user, number, self._owner),
            self._paid_message)

    def _shipped_message(self, dialog: ShipDialog) -> str:
        result = dialog.shipment
        if result is None:
            return ""
        return self.tr("{so} shipped on {shipment}: {units} units.").format(
            so=result.sales_order, shipment=result.number, units=result.units)

    def _paid_message(self, dialog: PaymentDialog) -> str:
        if dialog.balance_due is None:
            return ""
        return self.tr("Payment recorded on {so}; {due} still due.").format(
            so=dialog.view.number, due=format_money(dialog.balance_due))

    def change_line_quantity(self, line_no: int | None = None) -> None:
        number = self._number()
        if number is None:
            return
        line_no = self.line_to_open(line_no)
        workstation = self._workstation
        self._open(self.tr("Change Quantity on {so}").format(so=number),
                   lambda: ChangeQuantityDialog(workstation.db, workstation.user, number,
                                                line_no, self._owner),
                   lambda dialog: self.tr("{so}: {done}").format(
                       so=number, done=" ".join(dialog.done_lines)))

    def change_sourcing(self, line_no: int | None = None) -> None:
        number = self._number()
        if number is None:
            return
        line_no = self.line_to_open(line_no)
        workstation = self._workstation
        self._open(self.tr("Change Sourcing on {so}").format(so=number),
                   lambda: SourcingDialog(workstation.db, workstation.user, number, line_no,
                                          self._owner),
                   lambda dialog: self.tr("{so}: sourcing changed. {done}").format(
                       so=number, done=" ".join(dialog.done_lines)).strip())

    def copy_order(self) -> None:
        """Start a new SO with the selected one's customer, terms and lines, then open it."""
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Copy {so}").format(so=number)
        copy = run_action(self._owner, title, lambda: so_changes.copy_sales_order(
            workstation.db, workstation.user, number))
        if copy is None:
            return
        workstation.notify_changed()
        workstation.show_message(self.tr("{copy} copied from {so}: nothing is ordered yet.")
                                 .format(copy=copy, so=number))
        workstation.show_sales_order(copy)

    def resolve_attention(self, reason_id: int | None = None) -> None:
        """Resolve the open reason ``reason_id`` of the SO, or one picked in the dialog."""
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        self._open(self.tr("Resolve Attention on {so}").format(so=number),
                   lambda: ResolveAttentionDialog(workstation.db, workstation.user, number,
                                                  reason_id, self._owner),
                   lambda dialog: self.tr("{so}: resolved \"{reason}\"").format(
                       so=number, reason=dialog.resolved))

    def mark_delivered(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Mark {so} Delivered").format(so=number)
        status = run_action(self._owner, title, lambda: sales.deliver_sales_order(
            workstation.db, workstation.user, number))
        if status is None:
            return
        workstation.notify_changed()
        workstation.show_message(self.tr("{so} is now {status}.").format(
            so=number, status=SO_STATUS_LABELS[SOStatus(status)].lower()))

    def cancel_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Cancel {so}").format(so=number)
        view = run_action(self._owner, title, lambda: get_sales_order(workstation.db, number))
        if view is None:
            return
        if SOStatus(view.status) in _CANCELLABLE:
            question = self.tr("Cancel {so} of {customer}? This cannot be undone.").format(
                so=number, customer=view.customer)
            if not confirm(self._owner, title, question, self._cancel_consequences(view),
                           self.tr("Cancel Order")):
                return
        # An order the service rejects gets no question first; its error message gives the reason.
        done = run_action(self._owner, title, lambda: sales.cancel_sales_order(
            workstation.db, workstation.user, number, expected_version=view.version))
        if done is None:
            return
        workstation.notify_changed()
        self.notice = show_notice(self._owner, title,
                                  self.tr("{so} is cancelled.").format(so=number), done)
        self.notice.finished.connect(self._forget_notice)

    def _cancel_consequences(self, view: SalesOrderView) -> list[str]:
        # The service's own account of the cancellation, rolled back: every PO it touches.
        workstation = self._workstation
        touched = run_action(self._owner, self.tr("Cancel {so}").format(so=view.number),
                             lambda: preview(workstation.db, lambda: sales.cancel_sales_order(
                                 workstation.db, workstation.user, view.number)))
        lines = list(touched or [])
        reserved = sum(line.from_stock - line.shipped for line in view.lines)
        if reserved > 0:
            lines.append(self.tr("{n} units reserved from stock go back to free stock.").format(
                n=reserved))
        lines.append(self.tr("No goods or payments can be recorded on {so} afterwards.").format(
            so=view.number))
        return lines

    def _forget_notice(self) -> None:
        self.notice = None
