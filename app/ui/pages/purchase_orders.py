"""The list of every purchase order, with the actions on the selected one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.numbers import PO_PREFIX
from app.domain.states import PO_STATUS_LABELS, POStatus
from app.services.lists import PurchaseOrderSource
from app.ui.pages.list_page import ListPage, PageSetup, StatusChoice
from app.ui.pages.purchase_actions import PurchaseOrderActions
from app.ui.workstation import Workstation


class PurchaseOrdersPage(ListPage):
    """Every purchase order, newest first."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        statuses = [StatusChoice(QCoreApplication.translate("PurchaseOrdersPage",
                                                            "All statuses"))]
        statuses += [StatusChoice(PO_STATUS_LABELS[state], state.value) for state in POStatus]
        setup = PageSetup(
            source=PurchaseOrderSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=QCoreApplication.translate(
                "PurchaseOrdersPage", "Number, supplier, supplier reference or SKU"),
            sort_key="number",
            descending=True,
            stretch_key="supplier",
            statuses=statuses,
        )
        super().__init__(workstation, setup, parent)
        self.setObjectName("purchaseOrdersPage")
        self.order_actions = PurchaseOrderActions(workstation, self, self.current_number)
        self.set_open_action(self.order_actions.open)
        self.add_separator()
        actions = self.order_actions
        for action in (actions.submit, actions.review, actions.send, actions.confirmation,
                       actions.receive):
            self.add_action(action)
        self.add_separator()
        for action in (actions.change_line, actions.remove_line, actions.cancel):
            self.add_action(action)
