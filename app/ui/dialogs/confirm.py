"""Recording a supplier's confirmation of a sent PO: quantity and expected date per line.

A line confirmed at less than ordered is a partial confirmation. A line
confirmed at 0 is a refusal, whose units go back to still to source on the
SO lines it served, and which then orders 0 and shows as refused. A line a
clerk set to 0 after sending shows as closed. Before saving, the Answer
column and the note under the table show which SOs the answer will flag.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.states import PO_STATUS_LABELS, POStatus
from app.persistence.database import Database
from app.services import purchasing
from app.services.confirmation_view import (
    IN_FULL,
    REFUSED,
    ConfirmationReview,
    LineEffect,
    confirmation_effects,
    get_confirmation_review,
)
from app.services.purchasing import Confirmation
from app.services.views import PurchaseOrderLineView, PurchaseOrderView
from app.ui.dialogs.grid import (
    RIGHT,
    fit_table,
    line_table,
    message_label,
    quantity_spin,
    set_cell,
    set_tab_order,
    show_message,
)
from app.ui.operations import run_action

_COLUMN_SERVES = 4
_COLUMN_CONFIRMED = 5
_COLUMN_EXPECTED = 6
_COLUMN_ANSWER = 7
# Backgrounds of the Answer cell: the colours of the dialogs' error and note labels.
_REFUSED_COLOUR = QColor("#f8d7da")
_FLAGGED_COLOUR = QColor("#fff3cd")


class ConfirmDialog(QDialog):
    """Record what the supplier confirmed for each line of a PO, and its order reference.

    Each line starts at its current confirmation, or at the ordered quantity
    when none is recorded, and at its current expected date, or today plus
    the supplier's lead time. Setting a line to 0 records a refusal and
    disables its date. The dialog is accepted once the confirmation is saved.

    Raises:
        TandemError: from the constructor when the PO does not exist.
    """

    def __init__(self, db: Database, user: str, po_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._review: ConfirmationReview = get_confirmation_review(db, po_number)
        self._view = self._review.po
        self._today = date.today()
        self.setObjectName("confirmDialog")
        self.setWindowTitle(self.tr("Confirm {po}").format(po=self._view.number))

        self.quantity_spins: list[QSpinBox] = []
        self.date_edits: list[QDateEdit] = []
        self.table = self._lines_table()
        self.reference_edit = QLineEdit(self._view.supplier_reference)
        self.reference_edit.setObjectName("supplierReference")
        self.reference_edit.setPlaceholderText(self.tr("The supplier's order or confirmation "
                                                       "number"))
        self.message = message_label("confirmMessage", note=True)
        self.preview = message_label("confirmPreview", note=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)

        self._lay_out()
        self._check_status()
        self.update_answers()
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    @property
    def view(self) -> PurchaseOrderView:
        """The PO as it was read when the dialog opened."""
        return self._view

    def _lay_out(self) -> None:
        view = self._view
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Supplier:"), QLabel(self.tr("{name} ({code})").format(
            name=view.supplier, code=view.supplier_code)))
        form.addRow(self.tr("Supplier &reference:"), self.reference_edit)
        layout.addLayout(form)
        box = QGroupBox(self.tr("Confirmed Quantities and Dates"))
        QVBoxLayout(box).addWidget(self.table)
        layout.addWidget(box, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        editors: list[QWidget] = [self.reference_edit]
        for spin, edit in zip(self.quantity_spins, self.date_edits, strict=True):
            editors += [spin, edit]
        set_tab_order([*editors, self.save_button])
        first = self.quantity_spins[0] if self.quantity_spins else self.reference_edit
        first.setFocus()

    def _lines_table(self) -> QTableWidget:
        headers = [self.tr("Line"), self.tr("SKU"), self.tr("Description"), self.tr("Ordered"),
                   self.tr("Serves"), self.tr("Confirmed"), self.tr("Expected"),
                   self.tr("Answer")]
        table = line_table(headers, right_aligned=[0, 3, _COLUMN_CONFIRMED], stretch=2,
                       selectable=False)
        table.setObjectName("confirmLines")
        table.setRowCount(len(self._view.lines))
        for row, line in enumerate(self._view.lines):
            self._fill_line(table, row, line)
        fit_table(table)
        return table

    def _fill_line(self, table: QTableWidget, row: int, line: PurchaseOrderLineView) -> None:
        serves = ", ".join(dict.fromkeys(serve.so for serve in line.serves))
        set_cell(table, row, 0, line.line)
        set_cell(table, row, 1, line.sku)
        set_cell(table, row, 2, line.description, tooltip=line.description)
        set_cell(table, row, 3, line.ordered)
        set_cell(table, row, _COLUMN_SERVES, serves or self._serves_nothing(line),
                 tooltip=self._promised_text(line))
        # The longest answer the line can get sizes the column; update_answers() replaces it.
        widest = self.tr("Partial, {n} short").format(n=line.ordered)
        served = ", ".join(dict.fromkeys(serve.so for serve in line.serves))
        if served:
            widest += ", " + self.tr("late for {sos}").format(sos=served)
        set_cell(table, row, _COLUMN_ANSWER, widest)

        current = line.ordered if line.confirmed is None else line.confirmed
        spin = quantity_spin(line.ordered, current, f"confirmed_{line.line}")
        spin.setToolTip(self.tr("Type 0 when the supplier refuses the line."))
        spin.valueChanged.connect(self.update_answers)
        table.setCellWidget(row, _COLUMN_CONFIRMED, spin)
        self.quantity_spins.append(spin)

        edit = self._date_edit(line)
        table.setCellWidget(row, _COLUMN_EXPECTED, edit)
        self.date_edits.append(edit)

    def _serves_nothing(self, line: PurchaseOrderLineView) -> str:
        """Name what a line that buys for no SO line is: refused, closed, or for stock."""
        if line.refused:
            return self.tr("refused")
        if line.ordered == 0:
            return self.tr("closed")
        return self.tr("stock")

    def _date_edit(self, line: PurchaseOrderLineView) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(f"expected_{line.line}")
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAlignment(RIGHT)
        default = self._today + timedelta(days=self._view.supplier_lead_time_days)
        edit.setDate(_qdate(line.expected_date or default))
        edit.setMinimumWidth(edit.sizeHint().width() + 16)
        edit.dateChanged.connect(self.update_answers)
        return edit

    def _promised_text(self, line: PurchaseOrderLineView) -> str:
        """List the SOs a line serves with the date promised on each, for a tooltip."""
        promised = self._review.promised
        texts = []
        for so in dict.fromkeys(serve.so for serve in line.serves):
            day = promised.get(so)
            texts.append(self.tr("{so}: promised {date}").format(so=so, date=day) if day
                         else self.tr("{so}: no date promised").format(so=so))
        return "\n".join(texts)

    def _check_status(self) -> None:
        status = POStatus(self._view.status)
        if status in (POStatus.SENT, POStatus.CONFIRMED):
            return
        show_message(self.message, self.tr(
            "{po} is {status}: a confirmation can be recorded only once it is sent."
        ).format(po=self._view.number, status=PO_STATUS_LABELS[status].lower()))
        self.save_button.setEnabled(False)

    def update_answers(self) -> None:
        """Show what each line's answer does, and which SOs saving will flag."""
        answers = {int(key): answer for key, answer in self.answers().items()}
        effects = confirmation_effects(self._review, answers)
        for row, (effect, edit) in enumerate(zip(effects, self.date_edits, strict=True)):
            edit.setEnabled(effect.kind != REFUSED)
            self._show_answer(row, effect)
        show_message(self.preview, "\n".join(self._preview_lines(effects)))

    def _show_answer(self, row: int, effect: LineEffect) -> None:
        parts = []
        line = self._view.lines[row]
        if line.ordered == 0 and line.confirmed != 0:
            parts.append(self.tr("Closed, orders nothing"))
        elif effect.kind == REFUSED:
            parts.append(self.tr("Refused"))
        elif effect.kind == IN_FULL:
            parts.append(self.tr("In full"))
        else:
            parts.append(self.tr("Partial, {n} short").format(
                n=line.ordered - self.quantity_spins[row].value()))
        if effect.late:
            parts.append(self.tr("late for {sos}").format(sos=", ".join(effect.late)))
        item = set_cell(self.table, row, _COLUMN_ANSWER, ", ".join(parts))
        flagged = effect.kind != IN_FULL or effect.late
        if effect.kind == REFUSED:
            item.setBackground(_REFUSED_COLOUR)
        elif flagged:
            item.setBackground(_FLAGGED_COLOUR)

    def _preview_lines(self, effects: list[LineEffect]) -> list[str]:
        """Return one sentence per line whose answer flags an SO or whose date has passed."""
        lines = []
        for row, (effect, line) in enumerate(zip(effects, self._view.lines, strict=True)):
            day = self.date_edits[row].date().toPython()
            if effect.kind != REFUSED and isinstance(day, date) and day < self._today:
                # A past date is allowed, for a confirmation recorded late, but is often a typo.
                lines.append(self.tr("{sku}: {day} has passed already. Check the date the "
                                     "supplier gave.").format(sku=line.sku, day=day))
            if effect.released:
                lines.append(self.tr("{sku} refused: {units} back to still to source. {flagged}")
                             .format(sku=line.sku, units=self._units(effect.released),
                                     flagged=self._flagged(effect.released)))
            elif effect.short:
                lines.append(self.tr("{sku} short by {units}. {flagged}").format(
                    sku=line.sku, units=self._units(effect.short),
                    flagged=self._flagged(effect.short)))
            if effect.late:
                sos = ", ".join(effect.late)
                text = (self.tr("{sku} arrives after the date promised on {so}, which is "
                                "flagged.") if len(effect.late) == 1
                        else self.tr("{sku} arrives after the dates promised on {so}, which "
                                     "are flagged."))
                lines.append(text.format(sku=line.sku, so=sos))
        return lines

    def _flagged(self, shares: list[tuple[str, int]]) -> str:
        """Return a sentence that names the SOs of (SO, units) pairs as flagged."""
        sos = list(dict.fromkeys(so for so, _units in shares))
        if len(sos) == 1:
            return self.tr("{so} is flagged.").format(so=sos[0])
        return self.tr("{sos} are flagged.").format(sos=", ".join(sos))

    def _units(self, shares: list[tuple[str, int]]) -> str:
        """Format (SO, units) pairs as ``3 for SO-000001, 2 for SO-000002``."""
        return ", ".join(self.tr("{units} for {so}").format(units=units, so=so)
                         for so, units in shares)

    def answers(self) -> dict[str | int, Confirmation]:
        """Return the confirmation per line number as the fields show it."""
        answers: dict[str | int, Confirmation] = {}
        for line, spin, edit in zip(self._view.lines, self.quantity_spins, self.date_edits,
                                    strict=True):
            chosen = edit.date().toPython()
            assert isinstance(chosen, date)
            answers[line.line] = Confirmation(quantity=spin.value(), expected_date=chosen)
        return answers

    def _save(self) -> None:
        number = self._view.number
        answers = self.answers()
        reference = self.reference_edit.text().strip()
        done = run_action(self, self.tr("Confirm {po}").format(po=number), lambda: (
            purchasing.confirm(self._db, self._user, number, answers, reference,
                               expected_version=self._view.version)))
        if done is not None:
            self.accept()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
