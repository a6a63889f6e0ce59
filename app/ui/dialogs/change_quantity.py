"""Changing an SO line's quantity, with what the change would touch shown before saving."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from app.persistence.database import Database
from app.services import sales
from app.services.queries import get_sales_order
from app.ui.dialogs.impact_dialog import Change, ImpactDialog

# Large enough for any real order line; the service checks the rules.
_MAX_QUANTITY = 10_000_000


class ChangeQuantityDialog(ImpactDialog):
    """Pick an SO line and its new quantity; the impact list updates as the value changes.

    The impact comes from running the real change and rolling it back, so it
    names every PO, line and quantity the change would touch. A change the
    rules forbid shows the reason instead, and Save stays disabled.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str, line_no: int = 1,
                 parent: QWidget | None = None) -> None:
        view = get_sales_order(db, so_number)
        super().__init__(db, user, parent=parent)
        self._view = view
        self.setObjectName("changeQuantityDialog")
        self.setWindowTitle(self.tr("Change Quantity on {so}").format(so=view.number))

        self.line_combo = QComboBox()
        self.line_combo.setObjectName("lineCombo")
        for line in view.lines:
            self.line_combo.addItem(self.tr("Line {n}: {sku} {description} ({qty})").format(
                n=line.line, sku=line.sku, description=line.description, qty=line.ordered),
                line.line)
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("quantitySpin")
        self.quantity_spin.setRange(1, _MAX_QUANTITY)
        self.form.addRow(self.tr("&Line:"), self.line_combo)
        self.form.addRow(self.tr("New &quantity:"), self.quantity_spin)
        self.lay_out()

        index = max(0, self.line_combo.findData(line_no))
        self.line_combo.setCurrentIndex(index)
        self._line_chosen()
        self.line_combo.currentIndexChanged.connect(self._line_chosen)
        self.quantity_spin.valueChanged.connect(self.update_impact)
        self.quantity_spin.setFocus()

    def _line_chosen(self) -> None:
        line = self._view.lines[self.line_combo.currentIndex()]
        self.quantity_spin.blockSignals(True)
        self.quantity_spin.setValue(line.ordered)
        self.quantity_spin.blockSignals(False)
        self.update_impact()

    def change(self) -> Change | None:
        line_no = int(self.line_combo.currentData())
        quantity = self.quantity_spin.value()
        if quantity == self._view.lines[self.line_combo.currentIndex()].ordered:
            return None
        db, user, view = self._db, self._user, self._view
        return lambda: sales.set_line_quantity(db, user, view.number, line_no, quantity,
                                               expected_version=view.version)

    def no_impact_text(self) -> str:
        return self.tr("Change only this line.")
