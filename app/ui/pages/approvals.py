"""The queue of purchase orders awaiting a manager's approval, oldest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.numbers import PO_PREFIX
from app.services.lists import ApprovalQueueSource
from app.ui.pages.list_page import ListPage, PageSetup
from app.ui.pages.purchase_actions import PurchaseOrderActions
from app.ui.workstation import Workstation


class ApprovalsPage(ListPage):
    """Enter opens the approval dialog on the selected PO.

    After a decision the PO leaves the queue and the row it was on, now the
    next PO, stays selected, so the manager goes on with Enter.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        setup = PageSetup(
            source=ApprovalQueueSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=QCoreApplication.translate(
                "ApprovalsPage", "Number, supplier or SKU"),
            sort_key="submitted_at",
            stretch_key="supplier",
        )
        super().__init__(workstation, setup, parent)
        self.setObjectName("approvalsPage")
        self.order_actions = PurchaseOrderActions(workstation, self, self.current_number)
        self.set_open_action(self.order_actions.review)
        self.add_action(self.order_actions.open)
