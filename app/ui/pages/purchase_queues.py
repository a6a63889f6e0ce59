"""The purchasing work queues after approval: to send, to confirm, and late.

Each lists the POs that wait for one step, the longest waiting first, with
their age in days in the last column. Enter runs the step the queue waits
for where it is one dialog (recording a confirmation), and opens the PO
otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.domain.numbers import PO_PREFIX
from app.domain.states import PO_STATUS_LABELS
from app.services.lists import (
    RECEIVING_STATES,
    ApprovedQueueSource,
    LateQueueSource,
    UnconfirmedQueueSource,
)
from app.ui.pages.list_page import ListPage, PageSetup, StatusChoice
from app.ui.pages.purchase_actions import PurchaseOrderActions
from app.ui.workstation import Workstation


def _translate(text: str) -> str:
    return QCoreApplication.translate("PurchaseQueues", text)


class _QueuePage(ListPage):
    """A purchasing queue with the PO actions; :meth:`add_actions` sets the Enter action."""

    def __init__(self, workstation: Workstation, setup: PageSetup, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(workstation, setup, parent)
        self.setObjectName(name)
        self.order_actions = PurchaseOrderActions(workstation, self, self.current_number)

    def add_actions(self, open_action: QAction, *actions: QAction) -> None:
        self.set_open_action(open_action)
        for action in actions:
            self.add_action(action)


class ApprovedQueuePage(_QueuePage):
    """Approved POs not sent yet, the longest approved first; Enter opens the PO."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        setup = PageSetup(
            source=ApprovedQueueSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=_translate("Number, supplier or SKU"),
            sort_key="age",
            descending=True,
            stretch_key="supplier",
        )
        super().__init__(workstation, setup, "approvedQueuePage", parent)
        actions = self.order_actions
        self.add_actions(actions.open, actions.send)


class UnconfirmedQueuePage(_QueuePage):
    """Sent POs the supplier has not confirmed, the longest sent first.

    Enter opens the confirmation dialog of the selected PO.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        setup = PageSetup(
            source=UnconfirmedQueueSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=_translate("Number, supplier, supplier reference or SKU"),
            sort_key="age",
            descending=True,
            stretch_key="supplier",
        )
        super().__init__(workstation, setup, "unconfirmedQueuePage", parent)
        actions = self.order_actions
        self.add_actions(actions.confirmation, actions.open)


class LateQueuePage(_QueuePage):
    """POs with goods past their expected date, the latest first; Enter opens the PO."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        statuses = [StatusChoice(_translate("All late"))]
        statuses += [StatusChoice(PO_STATUS_LABELS[state], state.value)
                     for state in RECEIVING_STATES]
        setup = PageSetup(
            source=LateQueueSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=_translate("Number, supplier, supplier reference or SKU"),
            sort_key="age",
            descending=True,
            stretch_key="supplier",
            statuses=statuses,
        )
        super().__init__(workstation, setup, "lateQueuePage", parent)
        actions = self.order_actions
        self.add_actions(actions.open, actions.confirmation, actions.receive)
