"""Choosing a supplier for each SO line that several suppliers sell, then drafting POs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.persistence.database import Database
from app.reports.formatting import format_money, format_unit_cost
from app.services import drafting
from app.services.views import DraftResult, LineSuppliers, SupplierOption
from app.ui.dialogs.grid import EnterSafeDialog, fit_table, line_table, set_cell, set_tab_order
from app.ui.operations import run_action

_LINE, _SKU, _DESCRIPTION, _TO_BUY, _SUPPLIER = range(5)


def needs_choice(lines: Sequence[LineSuppliers]) -> bool:
    """Return True when some line can be bought from more than one supplier."""
    return any(len(line.suppliers) > 1 for line in lines)


class DraftDialog(EnterSafeDialog):
    """List the SO lines that several suppliers sell, each with a supplier combo box.

    Each combo box shows the suppliers cheapest first, with unit cost, lead
    time, minimum order quantity and pack size where they apply, and what
    the line would buy from them and at what cost. The cheapest by unit
    cost is selected at first. Lines with one supplier or none are not
    listed; drafting buys them as it does without the dialog. Draft calls the
    drafting service with the chosen supplier codes. The dialog is accepted
    once the service has run, and :attr:`drafted` then contains its result.
    """

    def __init__(self, db: Database, user: str, so_number: str,
                 lines: Sequence[LineSuppliers], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._number = so_number
        self.drafted: DraftResult | None = None
        self.setObjectName("draftDialog")
        self.setWindowTitle(self.tr("Draft Purchase Orders for {so}").format(so=so_number))

        self._choices = [line for line in lines if len(line.suppliers) > 1]
        self.combos: dict[int, QComboBox] = {}
        self.table = line_table(
            [self.tr("Line"), self.tr("SKU"), self.tr("Description"), self.tr("To buy"),
             self.tr("Supplier")], right_aligned=[_LINE, _TO_BUY], stretch=_DESCRIPTION,
            selectable=False)
        self.table.setObjectName("supplierTable")
        self._fill()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.draft_button = self.buttons.addButton(self.tr("&Draft"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.draft_button.setObjectName("draftButton")
        self.add_save_shortcut(self.draft_button)
        self.buttons.accepted.connect(self._draft)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._choices))
        for row, line in enumerate(self._choices):
            set_cell(self.table, row, _LINE, line.line)
            set_cell(self.table, row, _SKU, line.sku)
            set_cell(self.table, row, _DESCRIPTION, line.description, tooltip=line.description)
            set_cell(self.table, row, _TO_BUY, line.to_buy)
            combo = QComboBox()
            combo.setObjectName(f"supplierCombo{line.line}")
            for option in line.suppliers:
                combo.addItem(self._option_text(option), option.code)
            combo.setCurrentIndex(0)
            self.table.setCellWidget(row, _SUPPLIER, combo)
            self.combos[line.line] = combo
        fit_table(self.table)

    def _option_text(self, option: SupplierOption) -> str:
        text = self.tr("{code} {name}: {qty} for {amount} {currency} at {cost}, "
                       "{days} days").format(
            code=option.code, name=option.name, qty=option.quantity,
            amount=format_money(option.amount), currency=option.currency,
            cost=format_unit_cost(option.unit_cost), days=option.lead_time_days)
        if option.min_order_qty > 1:
            text += self.tr(", min. {qty}").format(qty=option.min_order_qty)
        if option.pack_size > 1:
            text += self.tr(", packs of {size}").format(size=option.pack_size)
        return text

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("These lines can be bought from more than one supplier, and "
                               "the one with the lowest unit cost is selected. A minimum order "
                               "or pack size can make another supplier cheaper for this order, "
                               "so compare the amounts. Other lines go to their only supplier."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        set_tab_order([*self.combos.values(), self.draft_button])
        if self.combos:
            next(iter(self.combos.values())).setFocus()

    def chosen(self) -> dict[int, str]:
        """Return the supplier code selected for each listed line, by SO line number."""
        return {line: str(combo.currentData()) for line, combo in self.combos.items()}

    def _draft(self) -> None:
        chosen = self.chosen()
        db, user, number = self._db, self._user, self._number
        result = run_action(self, self.windowTitle(), lambda: drafting.draft_purchase_orders(
            db, user, number, chosen))
        if result is not None:
            self.drafted = result
            self.accept()
