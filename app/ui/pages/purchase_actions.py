"""The actions on one purchase order, shared by the PO list, the two PO queues and the PO view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.domain.states import PO_STATUS_LABELS, PO_TRANSITIONS, POAction, POStatus
from app.services import purchasing
from app.services.queries import get_purchase_order
from app.services.views import PurchaseOrderView
from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.confirm import ConfirmDialog
from app.ui.dialogs.receive import ReceiveDialog
from app.ui.operations import confirm, run_action
from app.ui.pages.order_actions import OrderActions, make_action
from app.ui.workstation import Workstation

# States from which a PO can be cancelled (or closed, once goods arrived).
_CANCELLABLE = PO_TRANSITIONS[POAction.CANCEL][0]


class PurchaseOrderActions(OrderActions):
    """Open, submit, approve or reject, send, record the confirmation, receive, cancel.

    ``number`` returns the PO the screen has selected, or None. The last
    dialog opened stays in :attr:`dialog` until it closes, so tests can drive it.
    """

    def __init__(self, workstation: Workstation, owner: QWidget,
                 number: Callable[[], str | None]) -> None:
        super().__init__(workstation, owner, number)
        self.open = make_action(self, self.tr("&Open"), "Ctrl+O", self.open_order,
                                "openPurchaseOrder")
        self.submit = make_action(self, self.tr("Su&bmit for Approval"), "Ctrl+Shift+M",
                                  self.submit_order, "submitOrder")
        self.review = make_action(self, self.tr("&Approve or Reject…"), "Ctrl+Shift+A",
                                  self.review_order, "reviewOrder")
        self.send = make_action(self, self.tr("S&end to Supplier"), "Ctrl+Shift+E",
                                self.send_order, "sendOrder")
        self.confirmation = make_action(self, self.tr("Record &Confirmation…"), "Ctrl+Shift+C",
                                        self.record_confirmation, "recordConfirmation")
        self.receive = make_action(self, self.tr("&Receive…"), "Ctrl+R", self.receive_goods,
                                   "receiveGoods")
        self.cancel = make_action(self, self.tr("Cancel &PO…"), "Ctrl+Del", self.cancel_order,
                                  "cancelPurchaseOrder")

    def open_order(self) -> None:
        number = self._number()
        if number is not None:
            self._workstation.show_purchase_order(number)

    def submit_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Submit {po}").format(po=number)
        status = run_action(self._owner, title, lambda: purchasing.submit(
            workstation.db, workstation.user, number))
        if status is not None:
            self._changed(self.tr("{po} is now {status}.").format(
                po=number, status=_label(status)))

    def review_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        self._open(self.tr("Approve {po}").format(po=number), lambda: ApprovalDialog(
            workstation.db, workstation.user, number, self._owner), self._status_message)

    def send_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Send {po}").format(po=number)
        pdf = run_action(self._owner, title, lambda: purchasing.send(
            workstation.db, workstation.user, number))
        if pdf is None:
            return
        self._changed(self.tr("{po} is sent; its PDF is {path}.").format(po=number, path=pdf))
        draft = run_action(self._owner, title, lambda: purchasing.write_email_draft(
            workstation.db, workstation.user, number, pdf))
        # The mail program opens the draft with the PDF attached; a person presses Send.
        workstation.open_document(draft or pdf)

    def record_confirmation(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        self._open(self.tr("Record Confirmation of {po}").format(po=number),
                   lambda: ConfirmDialog(workstation.db, workstation.user, number, self._owner),
                   self._status_message)

    def receive_goods(self) -> None:
        number = self._number()
        if number is None:
            return
        self.receive_order(number)

    def receive_order(self, number: str) -> ReceiveDialog | None:
        """Open the receiving dialog for ``number``, typed or scanned; None if it is unknown."""
        workstation = self._workstation
        self._open(self.tr("Receive {po}").format(po=number), lambda: ReceiveDialog(
            workstation.db, workstation.user, number, self._owner), self._received_message)
        return self.dialog if isinstance(self.dialog, ReceiveDialog) else None

    def cancel_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        title = self.tr("Cancel {po}").format(po=number)
        view = run_action(self._owner, title, lambda: get_purchase_order(workstation.db, number))
        if view is None:
            return
        if POStatus(view.status) in _CANCELLABLE:
            question = self.tr("Cancel {po} to {supplier}?").format(po=number,
                                                                   supplier=view.supplier)
            if not confirm(self._owner, title, question, self._cancel_consequences(view),
                           self.tr("Cancel PO")):
                return
        status = run_action(self._owner, title, lambda: purchasing.cancel(
            workstation.db, workstation.user, number, expected_version=view.version))
        if status is not None:
            self._changed(self.tr("{po} is now {status}.").format(
                po=number, status=_label(status)))

    def _cancel_consequences(self, view: PurchaseOrderView) -> list[str]:
        lines = []
        received = sum(line.received for line in view.lines)
        if received:
            lines.append(self.tr("The {n} units already received stay in the warehouse; what "
                                 "has not arrived is closed.").format(n=received))
        if view.sales_orders:
            lines.append(self.tr("Units not received go back to \"still to source\" on {sos}, "
                                 "and those orders are flagged.").format(
                sos=", ".join(view.sales_orders)))
        if view.sent_at is not None:
            lines.append(self.tr("{supplier} already has this order: tell them it is "
                                 "cancelled.").format(supplier=view.supplier))
        return lines

    def _status_message(self, dialog: ApprovalDialog | ConfirmDialog) -> str:
        number = dialog.view.number
        view = run_action(self._owner, number, lambda: get_purchase_order(
            self._workstation.db, number))
        if view is None:
            return ""
        return self.tr("{po} is now {status}.").format(po=number, status=_label(view.status))

    def _received_message(self, dialog: ReceiveDialog) -> str:
        receipt = dialog.receipt
        if receipt is None:
            return ""
        return self.tr("{po}: {units} units received, {reserved} reserved for {sos}, "
                       "{stock} to free stock, {rejected} rejected.").format(
            po=receipt.purchase_order, units=receipt.received, reserved=receipt.reserved,
            sos=", ".join(receipt.sales_orders) or "-", stock=receipt.to_stock,
            rejected=receipt.rejected)


def _label(status: str) -> str:
    return PO_STATUS_LABELS[POStatus(status)].lower()
