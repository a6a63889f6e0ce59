"""The actions on one purchase order, shared by the PO list, the PO queues and the PO view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.domain.errors import RuleViolation
from app.domain.states import PO_STATUS_LABELS, POAction, POStatus, po_target
from app.services import po_changes, purchasing
from app.services.queries import get_purchase_order
from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.confirm import ConfirmDialog
from app.ui.dialogs.po_change import CancelPODialog, POLineQuantityDialog, RemovePOLineDialog
from app.ui.dialogs.receive import ReceiveDialog
from app.ui.operations import run_action
from app.ui.pages.order_actions import OrderActions, make_action
from app.ui.permissions import Permission
from app.ui.workstation import Workstation


def _rejection(number: str, status: POStatus, step: POAction) -> str | None:
    """Return why ``step`` cannot start from ``status``, or None when it can."""
    try:
        po_target(number, step, status)
    except RuleViolation as error:
        return str(error)
    return None


class PurchaseOrderActions(OrderActions):
    """Open, submit, approve or reject, send, record the confirmation, receive, cancel.

    ``number`` returns the PO the screen has selected, or None. The last
    dialog opened stays in :attr:`dialog` until it closes, so tests can drive it.
    """

    def __init__(self, workstation: Workstation, owner: QWidget,
                 number: Callable[[], str | None],
                 line: Callable[[], int | None] | None = None) -> None:
        super().__init__(workstation, owner, number, line)
        self.open = make_action(self, self.tr("&Open"), "Ctrl+O", self.open_order,
                                "openPurchaseOrder")
        self.submit = make_action(self, self.tr("Su&bmit for Approval"), "Ctrl+Shift+M",
                                  self.submit_order, "submitOrder")
        self.review = self.restrict(make_action(
            self, self.tr("&Approve or Reject…"), "Ctrl+Shift+A", self.review_order,
            "reviewOrder"), Permission.REVIEW_PURCHASE_ORDERS)
        self.send = make_action(self, self.tr("S&end to Supplier"), "Ctrl+Shift+E",
                                self.send_order, "sendOrder")
        self.confirmation = make_action(self, self.tr("Record &Confirmation…"), "Ctrl+Shift+C",
                                        self.record_confirmation, "recordConfirmation")
        self.receive = make_action(self, self.tr("&Receive…"), "Ctrl+R", self.receive_goods,
                                   "receiveGoods")
        self.change_line = make_action(self, self.tr("Change Line &Quantity…"), "Ctrl+Shift+Q",
                                       self.change_line_quantity, "changeLineQuantity")
        self.remove_line = make_action(self, self.tr("Remove &Line…"), "Ctrl+Shift+Del",
                                       self.remove_order_line, "removeLine")
        self.cancel = make_action(self, self.tr("Cancel &PO…"), "Ctrl+Del", self.cancel_order,
                                  "cancelPurchaseOrder")
        # The steps that only some states allow, with the transitions that allow them.
        self._steps: list[tuple[QAction, POAction]] = [
            (self.submit, POAction.SUBMIT),
            (self.send, POAction.SEND),
            (self.confirmation, POAction.CONFIRM),
            (self.receive, POAction.RECEIVE),
            (self.cancel, POAction.CANCEL),
        ]

    def follow_state(self, number: str, status: str) -> None:
        """Enable each step only in the states it can start from; the others show why.

        Approve or Reject is left to its role gate and to the approval dialog,
        which explains a PO in the wrong state.
        """
        current = POStatus(status)
        reasons = {action: _rejection(number, current, step) for action, step in self._steps}
        # A sent PO's lines change as a new revision; only an unsent PO's lines are deleted.
        edit_rejection = _rejection(number, current, POAction.EDIT)
        sent = current in po_changes.REVISABLE_STATES
        reasons[self.change_line] = None if sent else edit_rejection
        reasons[self.remove_line] = (
            self.tr("{po} was sent: its lines cannot be deleted. Set the line's quantity to 0 "
                    "instead, or cancel the PO.").format(po=number) if sent else edit_rejection)
        self.follow_reasons(reasons)

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

    def change_line_quantity(self, line_no: int | None = None) -> None:
        number = self._number()
        if number is None:
            return
        line_no = self.line_to_open(line_no)
        workstation = self._workstation
        self._open(self.tr("Change Line Quantity on {po}").format(po=number),
                   lambda: POLineQuantityDialog(workstation.db, workstation.user, number,
                                                line_no, self._owner),
                   self._done_message)

    def remove_order_line(self, line_no: int | None = None) -> None:
        number = self._number()
        if number is None:
            return
        line_no = self.line_to_open(line_no)
        workstation = self._workstation
        self._open(self.tr("Remove Line from {po}").format(po=number),
                   lambda: RemovePOLineDialog(workstation.db, workstation.user, number,
                                              line_no, self._owner),
                   self._done_message)

    def cancel_order(self) -> None:
        number = self._number()
        if number is None:
            return
        workstation = self._workstation
        self._open(self.tr("Cancel {po}").format(po=number),
                   lambda: CancelPODialog(workstation.db, workstation.user, number, self._owner),
                   lambda dialog: self.tr("{po} is now {status}.").format(
                       po=number, status=_label(dialog.status)))

    def _done_message(self, dialog: POLineQuantityDialog | RemovePOLineDialog) -> str:
        return " ".join(dialog.done_lines)

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
