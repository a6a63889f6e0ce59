"""Choosing how an SO line is supplied, with what the choice would change shown before saving."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.allocation import Sourcing
from app.persistence.database import Database
from app.services import so_changes
from app.services.queries import get_sales_order
from app.ui.dialogs.grid import show_message
from app.ui.dialogs.impact_dialog import Change, ImpactDialog

# The choices in the order the combo lists them, with the words a clerk uses.
SOURCING_LABELS: dict[Sourcing, str] = {
    Sourcing.AUTO: str(QT_TRANSLATE_NOOP("SourcingDialog", "Reserve free stock, buy the rest")),
    Sourcing.STOCK: str(QT_TRANSLATE_NOOP("SourcingDialog", "From stock only")),
    Sourcing.BACK_TO_BACK: str(QT_TRANSLATE_NOOP("SourcingDialog",
                                                 "Buy back-to-back for this order")),
}


class SourcingDialog(ImpactDialog):
    """Pick an SO line and how it is supplied; the list shows the reservations that change.

    The choice governs the units still to source: units already on a
    purchase order stay there, whatever is chosen. Back-to-back gives the
    line's reserved stock back to free stock; the other two reserve free
    stock for the units still to source.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str, line_no: int = 1,
                 parent: QWidget | None = None) -> None:
        view = get_sales_order(db, so_number)
        super().__init__(db, user, parent=parent)
        self._view = view
        self.setObjectName("sourcingDialog")
        self.setWindowTitle(self.tr("Change Sourcing on {so}").format(so=view.number))

        self.line_combo = QComboBox()
        self.line_combo.setObjectName("lineCombo")
        for line in view.lines:
            self.line_combo.addItem(
                self.tr("Line {n}: {sku} {description} ({qty}, {to_source} to source)").format(
                    n=line.line, sku=line.sku, description=line.description, qty=line.ordered,
                    to_source=line.still_to_source),
                line.line)
        self.sourcing_combo = QComboBox()
        self.sourcing_combo.setObjectName("sourcingCombo")
        for choice, label in SOURCING_LABELS.items():
            self.sourcing_combo.addItem(self.tr(label), choice.value)
        self.form.addRow(self.tr("&Line:"), self.line_combo)
        self.form.addRow(self.tr("&Supply:"), self.sourcing_combo)
        show_message(self.note, self.tr("Units already on a purchase order stay on it. Draft "
                                        "purchase orders afterwards to buy what is still to "
                                        "source."))
        self.lay_out()

        index = max(0, self.line_combo.findData(line_no))
        self.line_combo.setCurrentIndex(index)
        self._line_chosen()
        self.line_combo.currentIndexChanged.connect(self._line_chosen)
        self.sourcing_combo.currentIndexChanged.connect(self.update_impact)
        self.sourcing_combo.setFocus()

    def _line_chosen(self) -> None:
        line = self._view.lines[self.line_combo.currentIndex()]
        self.sourcing_combo.blockSignals(True)
        self.sourcing_combo.setCurrentIndex(max(0, self.sourcing_combo.findData(line.sourcing)))
        self.sourcing_combo.blockSignals(False)
        self.update_impact()

    def change(self) -> Change | None:
        line_no = int(self.line_combo.currentData())
        sourcing = str(self.sourcing_combo.currentData())
        if sourcing == self._view.lines[self.line_combo.currentIndex()].sourcing:
            return None
        db, user, view = self._db, self._user, self._view
        return lambda: so_changes.set_line_sourcing(db, user, view.number, line_no, sourcing,
                                                    expected_version=view.version)

    def no_impact_text(self) -> str:
        return self.tr("Change no reservation: only what drafting buys for this line.")
