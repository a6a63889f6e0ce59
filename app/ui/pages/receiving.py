"""The queue of purchase orders whose goods can arrive, and a field for scanned PO numbers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.domain.numbers import PO_PREFIX
from app.domain.states import PO_STATUS_LABELS
from app.services.lists import RECEIVING_STATES, ReceivingQueueSource
from app.ui.pages.list_page import ListPage, PageSetup, StatusChoice
from app.ui.pages.purchase_actions import PurchaseOrderActions
from app.ui.workstation import Workstation


class ReceivingPage(ListPage):
    """Sent, confirmed and partly received POs, the earliest expected first.

    A barcode scanner types the PO number into the scan field and presses
    Enter, which opens the receiving dialog for that PO.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        statuses = [StatusChoice(translate("ReceivingPage", "All open"))]
        statuses += [StatusChoice(PO_STATUS_LABELS[state], state.value)
                     for state in RECEIVING_STATES]
        setup = PageSetup(
            source=ReceivingQueueSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=translate("ReceivingPage", "Number, supplier or SKU"),
            sort_key="expected_date",
            stretch_key="supplier",
            statuses=statuses,
        )
        super().__init__(workstation, setup, parent)
        self.setObjectName("receivingPage")
        self.order_actions = PurchaseOrderActions(workstation, self, self.current_number)
        self.set_open_action(self.order_actions.receive)
        self.add_action(self.order_actions.confirmation)
        self.add_action(self.order_actions.open)

        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("scanEdit")
        self.scan_edit.setPlaceholderText(self.tr("Scan or type a PO number, then Enter"))
        self.scan_edit.returnPressed.connect(self.receive_scanned)
        scan_label = QLabel(self.tr("&Scan:"))
        scan_label.setBuddy(self.scan_edit)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scan_label)
        layout.addWidget(self.scan_edit, 1)
        self.add_filter_widget(row)

    def receive_scanned(self) -> None:
        """Open the receiving dialog for the PO number in the scan field, then clear it."""
        text = self.scan_edit.text().strip()
        self.scan_edit.clear()
        if text:
            self.order_actions.receive_order(text)
        self.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)
