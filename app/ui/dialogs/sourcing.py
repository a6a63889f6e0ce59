"""Choosing how an SO line is supplied, with what the choice would change shown before saving."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.allocation import Sourcing
from app.persistence.database import Database
from app.services import so_changes
from app.services.views import SalesOrderLineView
from app.ui.dialogs.grid import show_message
from app.ui.dialogs.impact_dialog import Change, SalesLineDialog

# The choices in the order the combo lists them, with the words a clerk uses.
SOURCING_LABELS: dict[Sourcing, str] = {
    Sourcing.AUTO: str(QT_TRANSLATE_NOOP("SourcingDialog", "Reserve free stock, buy the rest")),
    Sourcing.STOCK: str(QT_TRANSLATE_NOOP("SourcingDialog", "From stock only")),
    Sourcing.BACK_TO_BACK: str(QT_TRANSLATE_NOOP("SourcingDialog",
                                                 "Buy back-to-back for this order")),
}


class SourcingDialog(SalesLineDialog):
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
        super().__init__(db, user, so_number, parent)
        self.setObjectName("sourcingDialog")
        self.setWindowTitle(self.tr("Change Sourcing on {so}").format(so=self._view.number))

        self.sourcing_combo = QComboBox()
        self.sourcing_combo.setObjectName("sourcingCombo")
        for choice, label in SOURCING_LABELS.items():
            self.sourcing_combo.addItem(self.tr(label), choice.value)
        self.form.addRow(self.tr("&Supply:"), self.sourcing_combo)
        show_message(self.note, self.tr("Units already on a purchase order stay on it. Draft "
                                        "purchase orders afterwards to buy what is still to "
                                        "source."))
        self.start(line_no)
        self.sourcing_combo.currentIndexChanged.connect(self.update_impact)
        self.sourcing_combo.setFocus()

    def line_text(self, line: SalesOrderLineView) -> str:
        return self.tr("Line {n}: {sku} {description} ({qty}, {to_source} to source)").format(
            n=line.line, sku=line.sku, description=line.description, qty=line.ordered,
            to_source=line.still_to_source)

    def line_chosen(self) -> None:
        self.sourcing_combo.blockSignals(True)
        self.sourcing_combo.setCurrentIndex(
            max(0, self.sourcing_combo.findData(self.line.sourcing)))
        self.sourcing_combo.blockSignals(False)

    def change(self) -> Change | None:
        line_no = int(self.line_combo.currentData())
        sourcing = str(self.sourcing_combo.currentData())
        if sourcing == self.line.sourcing:
            return None
        db, user, view = self._db, self._user, self._view
        return lambda: so_changes.set_line_sourcing(db, user, view.number, line_no, sourcing,
                                                    expected_version=view.version)

    def no_impact_text(self) -> str:
        return self.tr("Change no reservation: only what drafting buys for this line.")
