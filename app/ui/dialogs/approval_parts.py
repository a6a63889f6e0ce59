"""Parts of the approval dialog beyond the PO's lines: changes, deposits, supplier record."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget, QVBoxLayout

from app.reports.formatting import format_money, format_unit_cost
from app.services.approval_view import ApprovalReview, LineChange, RevisionChanges, SupplierRecord
from app.ui.dialogs.grid import fit_table, line_table, local_time, set_cell

# Rows of the changes and deposits tables shown before they scroll.
_SIDE_ROWS = 5
# Background of a changed figure, the colour of the dialogs' notes.
_CHANGED = QColor("#fff3cd")


def _translate(text: str) -> str:
    return QCoreApplication.translate("ApprovalDialog", text)


def format_percent(value: Decimal | None) -> str:
    """Format a percentage as ``25.0 %``, or a dash for None."""
    return "–" if value is None else f"{value:f} %"


def supplier_record_text(record: SupplierRecord) -> str:
    """Describe the supplier's record in one sentence, naming the late POs."""
    if record.due == 0:
        return _translate("No PO had goods due in the last {days} days.").format(
            days=record.days)
    text = _translate("{late} of {due} POs with goods due in the last {days} days were "
                      "late").format(late=record.late, due=record.due, days=record.days)
    if record.late_numbers:
        return _translate("{text}: {numbers}.").format(
            text=text, numbers=", ".join(record.late_numbers))
    return text + "."


# --- changes since the last approval --------------------------------------------------------

def changes_box(changes: RevisionChanges, currency: str) -> QGroupBox:
    """Create the box that lists each line changed since the approved revision."""
    box = QGroupBox(_translate("Changes Since Approved Revision {revision}").format(
        revision=changes.approved_revision))
    box.setObjectName("changesBox")
    layout = QVBoxLayout(box)
    approved = _translate("Revision {revision} was approved by {user} on {when}.").format(
        revision=changes.approved_revision, user=changes.approved_by,
        when=local_time(changes.approved_at))
    summary = QLabel()
    summary.setObjectName("changesSummary")
    summary.setWordWrap(True)
    layout.addWidget(summary)
    if not changes.recorded:
        summary.setText(approved + " " + _translate(
            "The lines as approved were not recorded, so the changes cannot be listed."))
        return box
    if not changes.lines:
        summary.setText(approved + " " + _translate("No line has changed since."))
        return box
    summary.setText(approved + " " + _translate(
        "Total then {before}, now {after} {currency}.").format(
        before=format_money(changes.total_before), after=format_money(changes.total_after),
        currency=currency))
    layout.addWidget(changes_table(changes.lines))
    return box


def changes_table(changes: list[LineChange]) -> QTableWidget:
    """Create the table of changed lines, with the changed figures highlighted."""
    headers = [_translate("Line"), _translate("SKU"), _translate("Description"),
               _translate("Change"), _translate("Qty then"), _translate("Qty now"),
               _translate("Cost then"), _translate("Cost now"), _translate("Amount then"),
               _translate("Amount now")]
    table = line_table(headers, right_aligned=[0, 4, 5, 6, 7, 8, 9], stretch=2)
    table.setObjectName("approvalChanges")
    table.setRowCount(len(changes))
    kinds = {"added": _translate("added"), "removed": _translate("removed"),
             "changed": _translate("changed")}
    for row, change in enumerate(changes):
        cells: list[tuple[object, bool]] = [
            (change.line, True), (change.sku, False), (change.description, False),
            (kinds[change.kind], False),
            (_blank(change.quantity_before), True), (_blank(change.quantity_after), True),
            (_cost(change.cost_before), True), (_cost(change.cost_after), True),
            (format_money(change.amount_before), True), (format_money(change.amount_after), True),
        ]
        for column, (value, right) in enumerate(cells):
            set_cell(table, row, column, value, right)
        _highlight(table, row, change)
    fit_table(table, _SIDE_ROWS)
    return table


def _highlight(table: QTableWidget, row: int, change: LineChange) -> None:
    """Colour the figures that differ from the approved line (all of them for added or removed)."""
    columns: list[int] = []
    if change.kind != "changed" or change.quantity_before != change.quantity_after:
        columns += [4, 5]
    if change.kind != "changed" or change.cost_before != change.cost_after:
        columns += [6, 7]
    for column in [3, *columns, 8, 9]:
        item = table.item(row, column)
        if item is not None:
            item.setBackground(_CHANGED)


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def _cost(value: Decimal | None) -> str:
    return "" if value is None else format_unit_cost(value)


# --- deposits -------------------------------------------------------------------------------

def deposits_table(review: ApprovalReview) -> QTableWidget:
    """Create the table of payments received on each SO the PO serves, with a total row."""
    headers = [_translate("Sales order"), _translate("Customer"), _translate("Order total"),
               _translate("Paid"), _translate("Payments")]
    table = line_table(headers, right_aligned=[2, 3, 4], stretch=1)
    table.setObjectName("approvalDeposits")
    deposits = review.deposits
    table.setRowCount(len(deposits) + 1)
    for row, deposit in enumerate(deposits):
        cells: list[tuple[object, bool]] = [
            (deposit.so, False), (deposit.customer, False),
            (format_money(deposit.total), True), (format_money(deposit.paid), True),
            (deposit.payments, True)]
        for column, (value, right) in enumerate(cells):
            set_cell(table, row, column, value, right)
    total_row = len(deposits)
    set_cell(table, total_row, 0, _translate("Total"))
    set_cell(table, total_row, 2, format_money(sum((d.total for d in deposits),
                                                   start=Decimal(0))), True)
    set_cell(table, total_row, 3, format_money(review.deposits_total), True)
    set_cell(table, total_row, 4, sum(d.payments for d in deposits), True)
    for column in range(table.columnCount()):
        item = table.item(total_row, column)
        if item is not None:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
    fit_table(table, _SIDE_ROWS)
    return table
