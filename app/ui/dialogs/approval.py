"""The manager's review of a submitted purchase order: approve it or reject it with a reason.

Besides the PO's lines and margins, the dialog shows what changed since the
PO was last approved, the payments received on the sales orders it buys for,
and the supplier's record of late deliveries, all read by
:func:`app.services.approval_view.get_approval_review`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.approval import within_limit
from app.domain.states import PO_STATUS_LABELS, POStatus
from app.persistence.database import Database
from app.reports.formatting import format_money, format_unit_cost
from app.services import purchasing
from app.services.approval_view import ApprovalReview, get_approval_review, margin_percent
from app.services.users import approval_limit
from app.services.views import PurchaseOrderLineView, PurchaseOrderView
from app.ui.dialogs.approval_parts import (
    changes_box,
    deposits_table,
    format_percent,
    supplier_record_text,
)
from app.ui.dialogs.grid import (
    RIGHT,
    EnterSafeDialog,
    button_row,
    fit_table,
    line_table,
    local_time,
    message_label,
    plain_button,
    set_cell,
    set_tab_order,
    show_message,
    user_role,
)
from app.ui.dialogs.po_change import reject_impact
from app.ui.operations import run_action

__all__ = ["ApprovalDialog", "format_percent", "margin_percent"]

_APPROVERS = frozenset({"manager", "admin"})
# Rows of the served SO lines shown before the table scrolls.
_SERVED_ROWS = 6


class ApprovalDialog(EnterSafeDialog):
    """Show a submitted PO with the sales it serves, and approve or reject it.

    The PO is read once when the dialog opens. Approve and Reject pass the
    version that was read, so a PO changed meanwhile by someone else is
    refused with a message instead of being approved unseen. The dialog is
    accepted only after the PO was approved or rejected.

    Raises:
        TandemError: from the constructor when the PO does not exist.
    """

    def __init__(self, db: Database, user: str, po_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._review = get_approval_review(db, po_number)
        self._view = self._review.po
        self._role = user_role(db, user)
        self._limit = approval_limit(db, user)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Approve {po}").format(po=self._view.number))

        self.lines_table = self._lines_table()
        self.served_table = self._served_table()
        self.comment_edit = QLineEdit()
        self.comment_edit.setObjectName("approvalComment")
        self.comment_edit.setPlaceholderText(self.tr("Optional note for the purchase history"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("rejectionReason")
        self.reason_edit.setPlaceholderText(self.tr("Required to reject: what must change"))
        self.deposits_table = deposits_table(self._review)
        self.changes_box = (changes_box(self._review.changes, self._view.currency)
                            if self._review.changes is not None else None)
        self.explanation = message_label("approvalExplanation", note=True)
        self.reject_impact = message_label("rejectImpact", note=True)
        self.message = message_label("approvalMessage")
        self.approve_button = plain_button(self.tr("&Approve"), "approveButton")
        self.reject_button = plain_button(self.tr("&Reject"), "rejectButton")
        self.cancel_button = plain_button(self.tr("Cancel"), "cancelButton")

        self._lay_out()
        self._apply_permissions()
        self.approve_button.clicked.connect(self._approve)
        self.reject_button.clicked.connect(self._reject_po)
        self.cancel_button.clicked.connect(self.reject)
        self.comment_edit.returnPressed.connect(self.approve_button.click)
        self.reason_edit.returnPressed.connect(self.reject_button.click)
        self.reason_edit.textChanged.connect(self._reason_typed)

    @property
    def view(self) -> PurchaseOrderView:
        """The PO as it was read when the dialog opened."""
        return self._view

    @property
    def review(self) -> ApprovalReview:
        """Everything the dialog shows, as read when it opened."""
        return self._review

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        if self.changes_box is not None:
            layout.addWidget(self.changes_box)
        lines_box = QGroupBox(self.tr("Lines"))
        QVBoxLayout(lines_box).addWidget(self.lines_table)
        layout.addWidget(lines_box, 3)
        side_by_side = QHBoxLayout()
        served_box = _box(self.tr("Sales Order Lines Served"), self.served_table)
        deposits_box = _box(self.tr("Deposits Received"), self.deposits_table)
        side_by_side.addWidget(served_box, 3)
        side_by_side.addWidget(deposits_box, 2)
        layout.addLayout(side_by_side, 2)
        layout.addLayout(self._totals())
        layout.addWidget(self.explanation)
        decision = QFormLayout()
        decision.addRow(self.tr("Approval &comment:"), self.comment_edit)
        decision.addRow(self.tr("Rejection r&eason:"), self.reason_edit)
        layout.addLayout(decision)
        layout.addWidget(self.reject_impact)
        layout.addWidget(self.message)
        layout.addLayout(button_row(self.approve_button, self.reject_button, self.cancel_button))
        set_tab_order([self.comment_edit, self.approve_button, self.reason_edit,
                       self.reject_button, self.cancel_button, self.lines_table,
                       self.served_table, self.deposits_table])
        self.comment_edit.setFocus()

    def _header(self) -> QGridLayout:
        view = self._view
        supplier = self.tr("{name} ({code})").format(name=view.supplier, code=view.supplier_code)
        submitted = self.tr("not submitted")
        if view.submitted_by:
            submitted = self.tr("{user} on {when}").format(
                user=view.submitted_by, when=local_time(view.submitted_at))
        status = PO_STATUS_LABELS[POStatus(view.status)]
        fields = [
            (self.tr("Supplier:"), supplier, "supplierLabel"),
            (self.tr("Terms:"), view.terms or self.tr("none recorded"), "termsLabel"),
            (self.tr("Submitted by:"), submitted, "submittedLabel"),
            (self.tr("Status:"), self.tr("{status}, revision {revision}").format(
                status=status, revision=view.revision), "statusLabel"),
        ]
        fields.append((self.tr("Supplier record:"),
                       supplier_record_text(self._review.supplier_record), "supplierRecord"))
        if view.rejection_reason:
            fields.append((self.tr("Last rejection:"), view.rejection_reason, "lastRejection"))
        grid = QGridLayout()
        for index, (caption, text, name) in enumerate(fields):
            value = QLabel(text)
            value.setObjectName(name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(QLabel(caption), index // 2, (index % 2) * 2)
            grid.addWidget(value, index // 2, (index % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _lines_table(self) -> QTableWidget:
        headers = [self.tr("Line"), self.tr("SKU"), self.tr("Description"), self.tr("Qty"),
                   self.tr("For stock"), self.tr("Unit cost"), self.tr("Amount"),
                   self.tr("Sales value"), self.tr("Margin"), self.tr("Margin %")]
        table = line_table(headers, right_aligned=[0, 3, 4, 5, 6, 7, 8, 9], stretch=2)
        table.setObjectName("approvalLines")
        table.setRowCount(len(self._view.lines))
        for row, line in enumerate(self._view.lines):
            self._fill_line(table, row, line)
        fit_table(table)
        return table

    def _fill_line(self, table: QTableWidget, row: int, line: PurchaseOrderLineView) -> None:
        percent = self._review.line_margin_percent[line.line]
        stock_tip = self.tr("Units bought beyond what the sales orders need (minimum order or "
                            "pack size); they go to free stock and are not in the margin.")
        cells: list[tuple[object, bool, str]] = [
            (line.line, True, ""),
            (line.sku, False, line.supplier_sku),
            (line.description, False, line.description),
            (line.ordered, True, ""),
            self._for_stock_cell(line, stock_tip),
            (format_unit_cost(line.unit_cost), True, ""),
            (format_money(line.amount), True, ""),
            (format_money(line.sales_value), True, ""),
            (format_money(line.margin), True, ""),
            (format_percent(percent), True, ""),
        ]
        for column, (value, right, tip) in enumerate(cells):
            set_cell(table, row, column, value, right, tip)

    def _for_stock_cell(self, line: PurchaseOrderLineView,
                        stock_tip: str) -> tuple[object, bool, str]:
        """Show the units for stock, or that the line orders nothing more."""
        if line.refused:
            return (self.tr("Refused"), True, self.tr(
                "The supplier refused this line: it orders nothing more, and its sales "
                "order units are back to still to source."))
        if line.ordered == 0:
            return (self.tr("Closed"), True, self.tr("This line was set to 0 and orders "
                                                      "nothing more."))
        return (line.for_stock, True, stock_tip)

    def _served_table(self) -> QTableWidget:
        headers = [self.tr("PO line"), self.tr("SKU"), self.tr("Sales order"), self.tr("SO line"),
                   self.tr("Customer"), self.tr("Qty"), self.tr("Unit price"),
                   self.tr("Sales value")]
        table = line_table(headers, right_aligned=[0, 3, 5, 6, 7], stretch=4)
        table.setObjectName("approvalServed")
        rows = [(line, serve) for line in self._view.lines for serve in line.serves]
        table.setRowCount(len(rows))
        for row, (line, serve) in enumerate(rows):
            cells: list[tuple[object, bool]] = [
                (line.line, True), (line.sku, False), (serve.so, False), (serve.line, True),
                (serve.customer, False), (serve.qty, True),
                (format_unit_cost(serve.unit_price), True),
                (format_money(serve.sales_amount), True),
            ]
            for column, (value, right) in enumerate(cells):
                set_cell(table, row, column, value, right)
        fit_table(table, _SERVED_ROWS)
        return table

    def _totals(self) -> QGridLayout:
        view = self._view
        percent = format_percent(self._review.margin_percent)
        figures = [
            (self.tr("PO total:"), f"{format_money(view.total)} {view.currency}", "poTotal"),
            (self.tr("Sales value:"), f"{format_money(view.sales_value)} {view.currency}",
             "salesValue"),
            (self.tr("Margin:"), f"{format_money(view.margin)} {view.currency} ({percent})",
             "totalMargin"),
        ]
        if view.for_stock_cost:
            figures.append((self.tr("Bought for stock:"),
                            f"{format_money(view.for_stock_cost)} {view.currency}",
                            "forStockCost"))
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        for row, (caption, text, name) in enumerate(figures):
            value = QLabel(text)
            value.setObjectName(name)
            value.setAlignment(RIGHT)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            grid.addWidget(QLabel(caption), row, 1, alignment=RIGHT)
            grid.addWidget(value, row, 2)
        if any(line.for_stock for line in view.lines):
            note = QLabel(self.tr("The margin counts the units bought for the sales orders. "
                                  "Units bought for stock go to free stock on arrival."))
            note.setObjectName("stockCostNote")
            note.setWordWrap(True)
            grid.addWidget(note, len(figures), 0, 1, 3)
        return grid

    def _apply_permissions(self) -> None:
        """Disable what the acting user may not do, and show why. The service checks too."""
        number = self._view.number
        reason = ""
        if self._view.status != POStatus.AWAITING_APPROVAL:
            status = PO_STATUS_LABELS[POStatus(self._view.status)].lower()
            reason = self.tr("{po} is {status}: only a PO awaiting approval can be approved or "
                             "rejected.").format(po=number, status=status)
            self.reject_button.setEnabled(False)
            self.reason_edit.setEnabled(False)
        elif self._role not in _APPROVERS:
            reason = self.tr("Only a manager can approve or reject {po}. Ask a manager to "
                             "review it.").format(po=number)
            self.reject_button.setEnabled(False)
            self.reason_edit.setEnabled(False)
        elif self._view.submitted_by == self._user:
            reason = self.tr("You submitted {po}; another manager must approve it.").format(
                po=number)
        elif self._limit is not None and not within_limit(self._view.total, self._limit):
            # Rejecting spends nothing, so a manager above the limit may still reject.
            reason = self.tr("{po} totals {total} {currency}, above your approval limit of "
                             "{limit}. Ask a manager whose limit covers it.").format(
                po=number, total=format_money(self._view.total), currency=self._view.currency,
                limit=format_money(self._limit))
        if reason:
            self.approve_button.setEnabled(False)
            self.comment_edit.setEnabled(False)
            self.approve_button.setToolTip(reason)
            show_message(self.explanation, reason)
            self.cancel_button.setFocus()

    def _reason_typed(self, text: str) -> None:
        """Clear the last message; list what a rejection flags once a reason is typed."""
        show_message(self.message, "")
        impact = reject_impact(self._view) if text.strip() else []
        show_message(self.reject_impact, "\n".join(
            [self.tr("Rejecting returns {po} to draft and:").format(po=self._view.number),
             *[f"• {item}" for item in impact]]) if impact else "")

    def _approve(self) -> None:
        number = self._view.number
        done = run_action(self, self.tr("Approve {po}").format(po=number), lambda: (
            purchasing.approve(self._db, self._user, number, self.comment_edit.text().strip(),
                               expected_version=self._view.version)))
        if done is not None:
            self.accept()

    def _reject_po(self) -> None:
        number = self._view.number
        reason = self.reason_edit.text().strip()
        if not reason:
            show_message(self.message, self.tr(
                "Type a rejection reason to reject {po}, so the clerk knows what to change."
            ).format(po=number))
            self.reason_edit.setFocus()
            return
        done = run_action(self, self.tr("Reject {po}").format(po=number), lambda: (
            purchasing.reject(self._db, self._user, number, reason,
                              expected_version=self._view.version)))
        if done is not None:
            self.accept()


def _box(title: str, table: QTableWidget) -> QGroupBox:
    """Put a table at the top of a titled box, so boxes side by side start level."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    layout.addStretch(1)
    return box
