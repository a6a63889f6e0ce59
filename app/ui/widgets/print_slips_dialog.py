"""The dialog that lists shipments and lets the clerk tick the packing slips to print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_DIALOG_WIDTH = 520
_DIALOG_HEIGHT = 400


@dataclass(frozen=True)
class SlipChoice:
    """One shipment offered for printing, with the order and customer it belongs to."""

    shipment: str
    sales_order: str
    customer: str


class PrintSlipsDialog(QDialog):
    """Every offered shipment as a ticked line; Print accepts with the ticked ones.

    Print is the default button and is disabled while nothing is ticked.
    """

    def __init__(self, choices: Sequence[SlipChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printSlipsDialog")
        self.setWindowTitle(self.tr("Print Packing Slips"))
        self.intro = QLabel(self.tr(
            "The packing slip of each ticked shipment is written as a PDF file named after "
            "the shipment into the documents folder. A reprint shows the figures of its own "
            "shipment, not today's."))
        self.intro.setWordWrap(True)
        self.shipments = QListWidget()
        self.shipments.setObjectName("shipmentList")
        for choice in choices:
            item = QListWidgetItem(self.tr("{shipment} · {so} · {customer}").format(
                shipment=choice.shipment, so=choice.sales_order, customer=choice.customer))
            item.setData(Qt.ItemDataRole.UserRole, choice.shipment)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.shipments.addItem(item)
        self.count_label = QLabel()
        self.count_label.setObjectName("tickedCount")
        self.tick_all = QPushButton(self.tr("Tick &All"))
        self.tick_none = QPushButton(self.tr("Tick &None"))
        self.buttons = QDialogButtonBox()
        self.print_button = self.buttons.addButton(self.tr("&Print"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("printButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()

        self.tick_all.clicked.connect(lambda: self._tick(Qt.CheckState.Checked))
        self.tick_none.clicked.connect(lambda: self._tick(Qt.CheckState.Unchecked))
        self.shipments.itemChanged.connect(lambda _item: self._update())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.print_button.setDefault(True)
        self.shipments.setCurrentRow(0)
        self._update()

    def _lay_out(self) -> None:
        ticks = QHBoxLayout()
        ticks.addWidget(self.count_label, 1)
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.tick_none)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.shipments, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.buttons)
        self.resize(_DIALOG_WIDTH, _DIALOG_HEIGHT)

    def selected_shipments(self) -> list[str]:
        """Return the ticked shipment numbers, in the order listed."""
        numbers = []
        for row in range(self.shipments.count()):
            item = self.shipments.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                numbers.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return numbers

    def _tick(self, state: Qt.CheckState) -> None:
        for row in range(self.shipments.count()):
            self.shipments.item(row).setCheckState(state)

    def _update(self) -> None:
        ticked = len(self.selected_shipments())
        self.count_label.setText(self.tr("{ticked} of {total} ticked").format(
            ticked=ticked, total=self.shipments.count()))
        self.print_button.setEnabled(ticked > 0)
