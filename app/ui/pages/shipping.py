"""The queue of sales orders with goods ready to leave."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.numbers import SO_PREFIX
from app.domain.states import SO_STATUS_LABELS
from app.services.lists import SHIPPING_STATES, ShippingQueueSource
from app.ui.pages.list_page import ListPage, PageSetup, StatusChoice
from app.ui.pages.sales_actions import SalesOrderActions
from app.ui.printing import PackingSlipActions
from app.ui.workstation import Workstation


class ShippingPage(ListPage):
    """Orders that can ship now, the earliest promised first; Enter opens the ship dialog.

    Several orders can be selected, and Print Packing Slips (Ctrl+P) prints
    the slips of their shipments so far.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        statuses = [StatusChoice(translate("ShippingPage", "All ready"))]
        statuses += [StatusChoice(SO_STATUS_LABELS[state], state.value)
                     for state in SHIPPING_STATES]
        setup = PageSetup(
            source=ShippingQueueSource(workstation.db),
            prefix=SO_PREFIX,
            filter_hint=translate("ShippingPage", "Number, reference, customer or SKU"),
            sort_key="promised_date",
            stretch_key="customer",
            statuses=statuses,
            multi_select=True,
        )
        super().__init__(workstation, setup, parent)
        self.setObjectName("shippingPage")
        self.order_actions = SalesOrderActions(workstation, self, self.current_number)
        self.set_open_action(self.order_actions.ship)
        self.add_action(self.order_actions.open)
        self.slip_actions = PackingSlipActions(workstation, self, self.selected_numbers)
        self.add_action(self.slip_actions.print_slips)
