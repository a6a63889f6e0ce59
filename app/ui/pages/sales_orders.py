"""The list of every sales order, with the actions on the selected one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.numbers import SO_PREFIX
from app.domain.states import SO_STATUS_LABELS, SOStatus
from app.services import attention
from app.services.lists import ATTENTION_FILTER, SalesOrderSource
from app.ui.pages.list_page import ListPage, PageSetup, StatusChoice
from app.ui.pages.sales_actions import SalesOrderActions
from app.ui.printing import PackingSlipActions
from app.ui.workstation import Workstation

# The kinds of attention reason the status filter offers, each with its reason codes.
_REASON_KINDS = (
    (str(QT_TRANSLATE_NOOP("SalesOrdersPage", "Attention: PO rejected or cancelled")),
     (attention.PO_REJECTED, attention.PO_CANCELLED)),
    (str(QT_TRANSLATE_NOOP("SalesOrdersPage", "Attention: supplier short or late")),
     (attention.SHORT_CONFIRMATION, attention.LATE_CONFIRMATION,
      attention.REFUSED_BY_SUPPLIER)),
    (str(QT_TRANSLATE_NOOP("SalesOrdersPage", "Attention: changed after the PO")),
     (attention.CHANGED_AFTER_SENT, attention.PO_CHANGED)),
    (str(QT_TRANSLATE_NOOP("SalesOrdersPage", "Attention: no supplier")),
     (attention.NO_SUPPLIER,)),
)


def _statuses() -> list[StatusChoice]:
    translate = QCoreApplication.translate
    choices = [StatusChoice(translate("SalesOrdersPage", "All statuses")),
               StatusChoice(translate("SalesOrdersPage", "Needs attention"),
                            extra={ATTENTION_FILTER: True})]
    choices += [StatusChoice(translate("SalesOrdersPage", label), extra={ATTENTION_FILTER: codes})
                for label, codes in _REASON_KINDS]
    choices += [StatusChoice(SO_STATUS_LABELS[state], state.value) for state in SOStatus]
    return choices


class SalesOrdersPage(ListPage):
    """Every sales order, newest first; flagged orders show in amber.

    Several orders can be selected, such as every shipped order filtered by
    status, and Print Packing Slips (Ctrl+P) prints the slips of their shipments.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        setup = PageSetup(
            source=SalesOrderSource(workstation.db),
            prefix=SO_PREFIX,
            filter_hint=QCoreApplication.translate(
                "SalesOrdersPage", "Number, reference, customer or SKU"),
            sort_key="number",
            descending=True,
            stretch_key="attention",
            statuses=_statuses(),
            multi_select=True,
        )
        super().__init__(workstation, setup, parent)
        self.setObjectName("salesOrdersPage")
        self.order_actions = SalesOrderActions(workstation, self, self.current_number)
        self.set_open_action(self.order_actions.open)
        self.add_separator()
        actions = self.order_actions
        for action in (actions.draft, actions.ship, actions.payment, actions.deliver):
            self.add_action(action)
        self.slip_actions = PackingSlipActions(workstation, self, self.selected_numbers)
        self.add_action(self.slip_actions.print_slips)
        self.add_separator()
        self.add_action(self.order_actions.change_quantity)
        self.add_action(self.order_actions.resolve)
        self.add_action(self.order_actions.sourcing)
        self.add_action(self.order_actions.copy)
        self.add_action(self.order_actions.cancel)
