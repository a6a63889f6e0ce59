"""Resolving one attention reason of a sales order, with an optional note for its history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.persistence.database import Database
from app.services import so_changes
from app.services.queries import get_sales_order
from app.services.views import SalesOrderView
from app.ui.operations import run_action

# Item data role that stores the reason's id.
REASON_ID_ROLE = Qt.ItemDataRole.UserRole


class ResolveAttentionDialog(QDialog):
    """Pick one open reason of an SO and resolve it, with a note for the SO's history.

    The reason ``reason_id`` is picked when the dialog opens, or the first one
    when it is None. After a save, :attr:`resolved` is the reason's text.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str, reason_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self._view = get_sales_order(db, so_number)
        self.resolved = ""
        self.setObjectName("resolveAttentionDialog")
        self.setWindowTitle(self.tr("Resolve Attention on {so}").format(so=self._view.number))

        self.reason_list = QListWidget()
        self.reason_list.setObjectName("reasonList")
        self.reason_list.setWordWrap(True)
        self.reason_list.setSpacing(2)
        self.reason_list.setMinimumWidth(460)
        for reason in self._view.reasons:
            item = QListWidgetItem(reason.message)
            item.setData(REASON_ID_ROLE, reason.id)
            self.reason_list.addItem(item)
            if reason.id == reason_id:
                self.reason_list.setCurrentItem(item)
        if self.reason_list.currentRow() < 0 and self.reason_list.count():
            self.reason_list.setCurrentRow(0)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("resolveNote")
        self.note_edit.setPlaceholderText(self.tr("Optional: what was decided, for the history"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.resolve_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.resolve_button.setObjectName("resolveButton")
        self.resolve_button.setText(self.tr("&Resolve"))
        self.resolve_button.setEnabled(self.reason_list.count() > 0)

        heading = self.tr("{so} · {customer}: pick the reason that is dealt with.")
        if not self._view.reasons:
            heading = self.tr("{so} · {customer} has no open attention reasons.")
        self.heading = QLabel(heading.format(so=self._view.number, customer=self._view.customer))
        self.heading.setObjectName("resolveHeading")
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reason_list, 1)
        layout.addWidget(QLabel(self.tr("Resolving records that the reason was dealt with. It "
                                        "changes no order.")))
        form = QFormLayout()
        form.addRow(self.tr("&Note:"), self.note_edit)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._resolve)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.setFocus()

    @property
    def view(self) -> SalesOrderView:
        """The SO as it was read when the dialog opened."""
        return self._view

    def _resolve(self) -> None:
        item = self.reason_list.currentItem()
        if item is None:
            return
        reason_id = int(item.data(REASON_ID_ROLE))
        note = self.note_edit.text().strip()
        db, user, number = self._db, self._user, self._view.number

        def resolve() -> bool:
            so_changes.resolve_attention(db, user, number, reason_id, note)
            return True

        if run_action(self, self.windowTitle(), resolve):
            self.resolved = item.text()
            self.accept()
