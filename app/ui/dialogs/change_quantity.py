"""Changing an SO line's quantity, with what the change would touch shown before saving."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget

from app.persistence.database import Database
from app.services import sales
from app.ui.dialogs.impact_dialog import Change, SalesLineDialog

# Large enough for any real order line; the service checks the rules.
_MAX_QUANTITY = 10_000_000


class ChangeQuantityDialog(SalesLineDialog):
    """Pick an SO line and its new quantity; the impact list updates as the value changes.

    The impact comes from running the real change and rolling it back, so it
    names every PO, line and quantity the change would touch. A change the
    rules forbid shows the reason instead, and Save stays disabled.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str, line_no: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, user, so_number, parent)
        self.setObjectName("changeQuantityDialog")
        self.setWindowTitle(self.tr("Change Quantity on {so}").format(so=self._view.number))

        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("quantitySpin")
        self.quantity_spin.setRange(1, _MAX_QUANTITY)
        self.form.addRow(self.tr("New &quantity:"), self.quantity_spin)
        self.start(line_no)
        self.quantity_spin.valueChanged.connect(self.update_impact)
        self.quantity_spin.setFocus()

    def line_chosen(self) -> None:
        self.quantity_spin.blockSignals(True)
        self.quantity_spin.setValue(self.line.ordered)
        self.quantity_spin.blockSignals(False)

    def change(self) -> Change | None:
        line_no = int(self.line_combo.currentData())
        quantity = self.quantity_spin.value()
        if quantity == self.line.ordered:
            return None
        db, user, view = self._db, self._user, self._view
        return lambda: sales.set_line_quantity(db, user, view.number, line_no, quantity,
                                               expected_version=view.version)

    def no_impact_text(self) -> str:
        return self.tr("Change only this line.")
