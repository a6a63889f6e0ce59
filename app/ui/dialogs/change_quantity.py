"""Changing an SO line's quantity, with what the change would touch shown before saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import TandemError
from app.persistence.database import Database
from app.services import sales
from app.services.impact import preview
from app.services.queries import get_sales_order
from app.ui.dialogs.grid import message_label, show_message
from app.ui.operations import run_action

# Large enough for any real order line; the service checks the rules.
_MAX_QUANTITY = 10_000_000


class ChangeQuantityDialog(QDialog):
    """Pick an SO line and its new quantity; the impact list updates as the value changes.

    The impact comes from running the real change and rolling it back, so it
    names every PO, line and quantity the change would touch. A change the
    rules forbid shows the reason instead, and Save stays disabled.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str, line_no: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._view = get_sales_order(db, so_number)
        self.done_lines: list[str] = []
        self.setObjectName("changeQuantityDialog")
        self.setWindowTitle(self.tr("Change Quantity on {so}").format(so=self._view.number))

        self.line_combo = QComboBox()
        self.line_combo.setObjectName("lineCombo")
        for line in self._view.lines:
            self.line_combo.addItem(self.tr("Line {n}: {sku} {description} ({qty})").format(
                n=line.line, sku=line.sku, description=line.description, qty=line.ordered),
                line.line)
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("quantitySpin")
        self.quantity_spin.setRange(1, _MAX_QUANTITY)
        self.impact_list = QListWidget()
        self.impact_list.setObjectName("impactList")
        # Each sentence names a PO, a line and a quantity: wrap it rather than cut it off.
        self.impact_list.setWordWrap(True)
        self.impact_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.impact_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.impact_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message = message_label("changeMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")

        form = QFormLayout()
        form.addRow(self.tr("&Line:"), self.line_combo)
        form.addRow(self.tr("New &quantity:"), self.quantity_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Saving this change will:")))
        layout.addWidget(self.impact_list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        index = max(0, self.line_combo.findData(line_no))
        self.line_combo.setCurrentIndex(index)
        self._line_chosen()
        self.line_combo.currentIndexChanged.connect(self._line_chosen)
        self.quantity_spin.valueChanged.connect(self.update_impact)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.quantity_spin.setFocus()

    def _line_chosen(self) -> None:
        line = self._view.lines[self.line_combo.currentIndex()]
        self.quantity_spin.blockSignals(True)
        self.quantity_spin.setValue(line.ordered)
        self.quantity_spin.blockSignals(False)
        self.update_impact()

    def update_impact(self) -> None:
        """List what the quantity typed would change, or why it cannot."""
        line_no = int(self.line_combo.currentData())
        quantity = self.quantity_spin.value()
        self.impact_list.clear()
        show_message(self.message, "")
        current = self._view.lines[self.line_combo.currentIndex()].ordered
        if quantity == current:
            self.save_button.setEnabled(False)
            return
        try:
            touched = preview(self._db, lambda: sales.set_line_quantity(
                self._db, self._user, self._view.number, line_no, quantity,
                expected_version=self._view.version))
        except TandemError as error:
            show_message(self.message, str(error))
            self.save_button.setEnabled(False)
            return
        self.impact_list.addItems(touched or [self.tr("Change only this line.")])
        self.save_button.setEnabled(True)

    def _save(self) -> None:
        line_no = int(self.line_combo.currentData())
        quantity = self.quantity_spin.value()
        title = self.tr("Change Quantity on {so}").format(so=self._view.number)
        done = run_action(self, title, lambda: sales.set_line_quantity(
            self._db, self._user, self._view.number, line_no, quantity,
            expected_version=self._view.version))
        if done is not None:
            self.done_lines = done
            self.accept()
