"""Recording a deposit or payment against a sales order."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.states import SO_STATUS_LABELS, SOStatus
from app.persistence.database import Database
from app.reports.formatting import format_money
from app.services import sales
from app.services.queries import get_sales_order
from app.services.views import SalesOrderView
from app.ui.dialogs.grid import RIGHT, message_label, set_tab_order, show_message
from app.ui.operations import run_action

# Digits with an optional point and up to two decimals. A comma is not accepted
# because the service reads it as a thousands separator, so "12,50" would be 1250.
AMOUNT_PATTERN = r"^\d{1,12}(\.\d{0,2})?$"


class PaymentDialog(QDialog):
    """Show what an SO costs and what is paid, and record one more payment.

    The amount starts at the balance due. The text typed is passed to the
    service as it is, so the amount is exact: it never goes through a float.
    The dialog is accepted once the payment is recorded, and :attr:`balance_due`
    then contains the balance that remains.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._view = get_sales_order(db, so_number)
        self.balance_due: Decimal | None = None
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Record Payment for {so}").format(so=self._view.number))

        self.amount_edit = QLineEdit(format_money(self._view.balance_due))
        self.amount_edit.setObjectName("amountEdit")
        self.amount_edit.setValidator(QRegularExpressionValidator(
            QRegularExpression(AMOUNT_PATTERN), self.amount_edit))
        self.amount_edit.setAlignment(RIGHT)
        self.amount_edit.setPlaceholderText("0.00")
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        self.method_combo.setEditable(True)
        self.method_combo.addItems([self.tr("bank transfer"), self.tr("card"), self.tr("cash"),
                                    self.tr("cheque")])
        self.message = message_label("paymentMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)

        self._lay_out()
        self._check_state()
        self.amount_edit.textChanged.connect(lambda _text: show_message(self.message, ""))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    @property
    def view(self) -> SalesOrderView:
        """The SO as it was read when the dialog opened."""
        return self._view

    def _lay_out(self) -> None:
        view = self._view
        layout = QVBoxLayout(self)
        self.setMinimumWidth(380)
        form = QFormLayout()
        form.addRow(self.tr("Customer:"), QLabel(view.customer))
        form.addRow(self.tr("Status:"), QLabel(SO_STATUS_LABELS[SOStatus(view.status)]))
        figures = [(self.tr("Order total:"), view.total, "totalLabel"),
                   (self.tr("Paid so far:"), view.paid, "paidLabel"),
                   (self.tr("Balance due:"), view.balance_due, "balanceLabel")]
        for caption, amount, name in figures:
            label = QLabel(f"{format_money(amount)} {view.currency}")
            label.setObjectName(name)
            label.setAlignment(RIGHT)
            if name == "balanceLabel":
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            form.addRow(caption, label)
        form.addRow(self.tr("&Amount ({currency}):").format(currency=view.currency),
                    self.amount_edit)
        form.addRow(self.tr("&Method:"), self.method_combo)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        set_tab_order([self.amount_edit, self.method_combo, self.buttons])
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def _check_state(self) -> None:
        view = self._view
        status = SOStatus(view.status)
        reason = ""
        if status is SOStatus.CANCELLED:
            reason = self.tr("{so} is cancelled: no payment can be recorded on it.")
        elif view.balance_due <= 0:
            reason = self.tr("{so} is paid in full: there is no balance due.")
        if reason:
            show_message(self.message, reason.format(so=view.number))
            self.save_button.setEnabled(False)

    def _save(self) -> None:
        text = self.amount_edit.text().strip()
        if not self.amount_edit.hasAcceptableInput():
            show_message(self.message, self.tr(
                "Type the amount received, such as {due}.").format(
                due=format_money(self._view.balance_due)))
            self.amount_edit.setFocus()
            return
        number = self._view.number
        method = self.method_combo.currentText().strip()
        balance = run_action(self, self.tr("Record Payment for {so}").format(so=number),
                             lambda: sales.record_payment(self._db, self._user, number, text,
                                                          method))
        if balance is not None:
            self.balance_due = balance
            self.accept()
