"""The administrator's users dialog: the list of users and the changes to one of them.

Every change calls one service of :mod:`app.services.accounts` or
:mod:`app.services.auth`, which checks again that the acting user is an
administrator. A rejected change shows the service's message in the form
that requested it. Users are deactivated, never deleted, so the history
keeps their names.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, TandemError
from app.persistence.database import Database
from app.reports.formatting import format_money
from app.services import auth
from app.services.accounts import AccountView, add_account, list_accounts
from app.services.context import parse_amount
from app.ui.dialogs.grid import (
    button_row,
    fit_table,
    line_table,
    message_label,
    set_cell,
    show_message,
)
from app.ui.operations import confirm, run_action
from app.ui.widgets.notices import open_dialog

# Rows the user list shows before it scrolls.
_VISIBLE_USERS = 14


def role_labels() -> dict[str, str]:
    """Return the role values with the names shown for them."""
    def tr(text: str) -> str:
        return QGuiApplication.translate("UsersDialog", text)

    return {"clerk": tr("Clerk"), "manager": tr("Manager"), "admin": tr("Administrator")}


class UserForm(QDialog):
    """A small form of the users dialog that saves through one service call.

    ``save`` reads the form's fields, calls the service and returns the
    confirmation to show. An expected error that it raises is shown in the
    form, which stays open.
    """

    def __init__(self, title: str, intro: str, save_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userForm")
        self.setWindowTitle(title)
        self.save: Callable[[], str] = lambda: ""
        self.done_message = ""
        self.fields = QFormLayout()
        self.message = message_label("userFormMessage")
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(self.fields)
        layout.addWidget(self.message)
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        self.setMinimumWidth(400)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)

    def add_line(self, label: str, name: str, text: str = "",
                 password: bool = False) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields.addRow(label, edit)
        return edit

    def add_role_choice(self, current: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("roleChoice")
        for value, text in role_labels().items():
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        self.fields.addRow(self.tr("&Role:"), combo)
        return combo

    def _save(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.done_message = self.save()
        except TandemError as error:
            show_message(self.message, str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


class UsersDialog(QDialog):
    """List every user with role, status, password and approval limit, and change them.

    ``acting`` is the signed-in administrator. The form opened last stays in
    :attr:`form` until it closes, so tests can fill it in.

    Raises:
        TandemError: from the constructor when ``acting`` is no administrator.
    """

    def __init__(self, db: Database, acting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._acting = acting
        self._accounts = list_accounts(db, acting)
        self.form: UserForm | None = None
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Users"))

        headers = [self.tr("Name"), self.tr("Role"), self.tr("Status"), self.tr("Password"),
                   self.tr("Approval limit")]
        self.table = line_table(headers, right_aligned=[4], stretch=0)
        self.table.setObjectName("usersTable")
        self.status = message_label("usersStatus", note=True)
        self.add_button = _button(self.tr("&Add User…"), "addUserButton")
        self.role_button = _button(self.tr("Change &Role…"), "changeRoleButton")
        self.password_button = _button(self.tr("Reset &Password…"), "resetPasswordButton")
        self.limit_button = _button(self.tr("Approval &Limit…"), "approvalLimitButton")
        self.active_button = _button(self.tr("&Deactivate…"), "activeButton")
        self.close_button = _button(self.tr("Close"), "closeButton")

        self._lay_out()
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.change_role)
        self.password_button.clicked.connect(self.reset_password)
        self.limit_button.clicked.connect(self.set_limit)
        self.active_button.clicked.connect(self.toggle_active)
        self.close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._fill(acting)

    def _lay_out(self) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button,
                       self.limit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        note = QLabel(self.tr("Users are never deleted, so that the history keeps their names: "
                              "deactivate a user who left."))
        note.setWordWrap(True)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self.close_button))
        self.setMinimumWidth(720)

    @property
    def accounts(self) -> list[AccountView]:
        """The users as read last, in the order of the table."""
        return list(self._accounts)

    def selected(self) -> AccountView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._accounts):
            return None
        return self._accounts[rows[0].row()]

    def select(self, name: str) -> None:
        """Select the row of user ``name``, if listed."""
        for row, account in enumerate(self._accounts):
            if account.name == name:
                self.table.selectRow(row)
                return

    # The actions

    def add_user(self) -> None:
        form = UserForm(self.tr("Add User"), self.tr(
            "The new user signs in with this name and password."), self.tr("&Add User"), self)
        name = form.add_line(self.tr("&Name:"), "userName")
        role = form.add_role_choice("clerk")
        password = form.add_line(self.tr("&Password:"), "newPassword", password=True)
        password.setPlaceholderText(self.tr("At least {n} characters").format(
            n=auth.MIN_PASSWORD_LENGTH))
        repeat = form.add_line(self.tr("Repeat p&assword:"), "repeatPassword", password=True)

        def save() -> str:
            _check_repeat(password.text(), repeat.text())
            account = add_account(self._db, self._acting, name.text(),
                                  str(role.currentData()), password.text())
            return self.tr("{name} added as {role}.").format(
                name=account.name, role=role.currentText().lower())

        self._open_form(form, save, lambda: name.text().strip())

    def change_role(self) -> None:
        account = self.selected()
        if account is None:
            return
        form = UserForm(self.tr("Change Role of {name}").format(name=account.name), self.tr(
            "Clerks enter and receive orders, managers also approve purchase orders, and "
            "administrators also manage users."), self.tr("&Change Role"), self)
        role = form.add_role_choice(account.role)

        def save() -> str:
            auth.set_role(self._db, self._acting, account.name, str(role.currentData()))
            return self.tr("{name} is now {role}.").format(
                name=account.name, role=role.currentText().lower())

        self._open_form(form, save, lambda: account.name)

    def reset_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        form = UserForm(self.tr("Reset Password of {name}").format(name=account.name), self.tr(
            "Tell {name} the new password; it works from their next sign-in.").format(
            name=account.name), self.tr("&Set Password"), self)
        password = form.add_line(self.tr("&New password:"), "newPassword", password=True)
        password.setPlaceholderText(self.tr("At least {n} characters").format(
            n=auth.MIN_PASSWORD_LENGTH))
        repeat = form.add_line(self.tr("Repeat p&assword:"), "repeatPassword", password=True)

        def save() -> str:
            _check_repeat(password.text(), repeat.text())
            auth.set_password(self._db, self._acting, account.name, password.text())
            return self.tr("Password of {name} set.").format(name=account.name)

        self._open_form(form, save, lambda: account.name)

    def set_limit(self) -> None:
        account = self.selected()
        if account is None:
            return
        current = "" if account.approval_limit is None else format_money(account.approval_limit)
        form = UserForm(self.tr("Approval Limit of {name}").format(name=account.name), self.tr(
            "The largest purchase order total {name} may approve. Leave it empty for no "
            "limit.").format(name=account.name), self.tr("&Set Limit"), self)
        limit = form.add_line(self.tr("&Limit:"), "approvalLimit", current)
        limit.setPlaceholderText(self.tr("No limit"))

        def save() -> str:
            text = limit.text().strip()
            auth.set_approval_limit(self._db, self._acting, account.name, text or None)
            if not text:
                return self.tr("{name} may approve purchase orders of any total.").format(
                    name=account.name)
            return self.tr("{name} may approve purchase orders up to {limit}.").format(
                name=account.name, limit=format_money(parse_amount(text)))

        self._open_form(form, save, lambda: account.name)

    def toggle_active(self) -> None:
        """Deactivate the selected user after asking, or reactivate a deactivated one."""
        account = self.selected()
        if account is None:
            return
        title = self.tr("Deactivate {name}").format(name=account.name)
        if account.active:
            consequences = [
                self.tr("{name} can no longer sign in or act in Tandem.").format(
                    name=account.name),
                self.tr("Their name stays on the orders and history they recorded."),
                self.tr("You can reactivate {name} later.").format(name=account.name),
            ]
            if not confirm(self, title, self.tr("Deactivate {name}?").format(name=account.name),
                           consequences, self.tr("Deactivate")):
                return
        else:
            title = self.tr("Reactivate {name}").format(name=account.name)
        def change() -> bool:
            auth.set_active(self._db, self._acting, account.name, not account.active)
            return True

        if run_action(self, title, change) is None:
            return
        text = (self.tr("{name} is deactivated.") if account.active
                else self.tr("{name} can sign in again."))
        self._reload(account.name, text.format(name=account.name))

    # Helpers

    def _open_form(self, form: UserForm, save: Callable[[], str],
                   selected_name: Callable[[], str]) -> None:
        form.save = save

        def saved(done: UserForm) -> None:
            self._reload(selected_name(), done.done_message)

        self.form = open_dialog(self, form.windowTitle(), lambda: form, saved)
        form.finished.connect(self._forget_form)

    def _forget_form(self) -> None:
        self.form = None

    def _reload(self, name: str, message: str = "") -> None:
        accounts = run_action(self, self.tr("Users"), lambda: list_accounts(
            self._db, self._acting))
        if accounts is not None:
            self._accounts = accounts
        self._fill(name)
        show_message(self.status, message)

    def _fill(self, selected: str) -> None:
        roles = role_labels()
        self.table.setRowCount(len(self._accounts))
        for row, account in enumerate(self._accounts):
            status = self.tr("Active") if account.active else self.tr("Deactivated")
            password = self.tr("Set") if account.has_password else self.tr("Not set")
            limit = approval_limit_text(account.approval_limit)
            name = account.name
            if name == self._acting:
                name = self.tr("{name} (you)").format(name=name)
            cells = [name, roles.get(account.role, account.role), status, password, limit]
            for column, text in enumerate(cells):
                item = set_cell(self.table, row, column, text, align_right=column == 4)
                if not account.active:
                    item.setForeground(self.palette().placeholderText())
        fit_table(self.table, max_rows=_VISIBLE_USERS)
        self.select(selected)
        if self.selected() is None and self._accounts:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.role_button, self.password_button, self.limit_button,
                       self.active_button):
            button.setEnabled(account is not None)
        if account is None:
            return
        yourself = account.name == self._acting
        self.active_button.setText(self.tr("&Deactivate…") if account.active
                                   else self.tr("Re&activate"))
        self.active_button.setEnabled(not (yourself and account.active))
        self.active_button.setToolTip(
            self.tr("You cannot deactivate yourself. Ask another administrator.")
            if yourself else "")
        self.limit_button.setToolTip(self.tr(
            "Approval limits matter for managers and administrators, who approve purchase "
            "orders."))


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


def _check_repeat(password: str, repeat: str) -> None:
    """Raise for an empty password or a repeat that differs; the service checks the length."""
    def tr(text: str) -> str:
        return QGuiApplication.translate("UsersDialog", text)

    if not password:
        raise InvalidInput(tr("Type a password of at least {n} characters.").format(
            n=auth.MIN_PASSWORD_LENGTH))
    if password != repeat:
        raise InvalidInput(tr("The two passwords differ. Type the same password twice."))


def approval_limit_text(limit: Decimal | None) -> str:
    """Format an approval limit for the list: the amount, or "No limit"."""
    if limit is None:
        return QGuiApplication.translate("UsersDialog", "No limit")
    return format_money(limit)
