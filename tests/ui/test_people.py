"""People in the window: the first administrator, signing in, the users dialog, role gating."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.errors import PermissionDenied
from app.persistence.database import Database
from app.services import auth, passwords
from app.services.approval_settings import auto_approval_threshold
from app.services.queries import get_purchase_order
from app.services.users import list_users
from app.ui.app import EXIT_AFTER_SHOW_ENV, Startup
from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.first_admin import FirstAdminDialog
from app.ui.dialogs.login import LoginDialog
from app.ui.dialogs.users import UserForm, UsersDialog
from app.ui.main_window import MainWindow
from app.ui.permissions import Permission, denial_reason
from tests.conftest import CLERK, MANAGER, MANAGER_2, REPO
from tests.ui.dialog_support import draft_orders
from tests.ui.modal import ModalAnswer

D = TypeVar("D", LoginDialog, FirstAdminDialog)
ADMIN = "ada"
SECRET = "correct horse"
START_TIMEOUT_MS = 60_000
WRONG = "The user name or password is wrong. Check both and try again."


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the scrypt cost so the tests stay quick; the format stays the same."""
    monkeypatch.setattr(passwords, "_N", 2**10)


@pytest.fixture
def secured(people: Database) -> Database:
    """The clerk and two managers, none with a password, and the administrator ADMIN."""
    auth.create_first_admin(people, ADMIN, SECRET)
    return people


def _start(qtbot: QtBot, path: Path, user: str | None = None) -> Startup:
    startup = Startup(str(path), user, open_document=lambda _path: None)
    qtbot.addWidget(startup.start())
    return startup


def _startup_dialog(qtbot: QtBot, startup: Startup, kind: type[D]) -> D:
    qtbot.waitUntil(lambda: isinstance(startup.dialog, kind), timeout=START_TIMEOUT_MS)
    dialog = startup.dialog
    assert isinstance(dialog, kind)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _window(qtbot: QtBot, db: Database, user: str) -> MainWindow:
    window = MainWindow(db, user, lambda _path: None)
    qtbot.addWidget(window)
    window.show()
    return window


def _log_in(dialog: LoginDialog, name: str, password: str) -> None:
    dialog.name_edit.setText(name)
    dialog.password_edit.setText(password)
    dialog.sign_in_button.click()


# The first administrator and signing in at start-up


def test_first_admin_messages(db: Database, qtbot: QtBot) -> None:
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.create_button.click()
    assert dialog.message.text() == "Type the administrator's name."
    dialog.name_edit.setText(ADMIN)
    dialog.create_button.click()
    assert dialog.message.text() == "Type a password of at least 8 characters."
    dialog.password_edit.setText("short")
    dialog.create_button.click()
    assert dialog.message.text() == "The password needs at least 8 characters; it has 5."
    dialog.password_edit.setText(SECRET)
    dialog.repeat_edit.setText(SECRET + "!")
    dialog.create_button.click()
    assert dialog.message.text() == "The two passwords differ. Type the same password twice."
    assert dialog.isVisible()
    assert not auth.passwords_required(db)


def test_first_admin_then_login(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    startup = _start(qtbot, path)
    first = _startup_dialog(qtbot, startup, FirstAdminDialog)
    assert not startup.window.attached
    assert startup.window.opening_label.text() == (
        "Create the administrator, or continue without passwords.")
    first.name_edit.setText(ADMIN)
    first.password_edit.setText(SECRET)
    first.repeat_edit.setText(SECRET)
    first.create_button.click()
    answer = ModalAnswer("No")
    qtbot.waitUntil(lambda: answer.answered, timeout=START_TIMEOUT_MS)
    window = startup.window
    assert window.workstation.user == ADMIN
    assert window.workstation.role == "admin"
    assert window.user_label.text() == f"Signed in as {ADMIN}"
    assert window.users_action.isEnabled()
    startup.finish()
    window.close()

    again = _start(qtbot, path, ADMIN)
    login = _startup_dialog(qtbot, again, LoginDialog)
    assert login.name_edit.text() == ADMIN
    assert not again.window.attached
    login.password_edit.setText("not the secret")
    login.sign_in_button.click()
    assert login.message.text() == WRONG
    assert login.password_edit.text() == ""
    assert login.isVisible()
    login.password_edit.setText(SECRET)
    answer = ModalAnswer("No")
    login.sign_in_button.click()
    qtbot.waitUntil(lambda: answer.answered, timeout=START_TIMEOUT_MS)
    assert again.window.attached
    assert again.window.workstation.user == ADMIN
    assert again.dialog is None
    again.finish()


def test_new_database_has_no_starters(qtbot: QtBot, tmp_path: Path) -> None:
    """An administrator created at the first start is the only user; they add the others."""
    path = tmp_path / "new.sqlite"
    startup = _start(qtbot, path)
    first = _startup_dialog(qtbot, startup, FirstAdminDialog)
    first.name_edit.setText(ADMIN)
    first.password_edit.setText(SECRET)
    first.repeat_edit.setText(SECRET)
    first.create_button.click()
    answer = ModalAnswer("No")
    qtbot.waitUntil(lambda: answer.answered, timeout=START_TIMEOUT_MS)
    assert startup.db is not None
    assert [person.name for person in list_users(startup.db)] == [ADMIN]
    startup.finish()


def test_login_cancel_quits(qtbot: QtBot, secured: Database) -> None:
    assert secured.path is not None
    startup = _start(qtbot, secured.path)
    login = _startup_dialog(qtbot, startup, LoginDialog)
    assert login.cancel_button.text() == "Quit"
    login.cancel_button.click()
    qtbot.waitUntil(lambda: not startup.window.isVisible())
    assert not startup.window.attached
    assert startup.exit_code == 0
    startup.finish()


def test_login_messages_identical(qtbot: QtBot, secured: Database) -> None:
    dialog = LoginDialog(secured)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {}
    for case, name, password in [("wrong password", ADMIN, "not the secret"),
                                 ("unknown user", "nobody", "not the secret"),
                                 ("no password yet", CLERK, "")]:
        _log_in(dialog, name, password)
        texts[case] = dialog.message.text()
        assert dialog.user is None
        assert dialog.isVisible()
    assert texts["wrong password"] == WRONG
    assert texts["unknown user"] == WRONG
    assert texts["no password yet"] == WRONG


def test_login_enter_signs_in(qtbot: QtBot, secured: Database) -> None:
    dialog = LoginDialog(secured, ADMIN)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    assert dialog.password_edit.hasFocus()
    qtbot.keyClicks(dialog.password_edit, SECRET)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None
    assert dialog.user.name == ADMIN


def test_exit_after_show_needs_person(secured: Database, tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in ("TANDEM_DB", "TANDEM_USER")}
    env.update({"QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOW_ENV: "ready",
                "TANDEM_DB": str(secured.path), "XDG_STATE_HOME": str(tmp_path / "state")})

    result = subprocess.run([sys.executable, "main.py"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 1
    assert "pages-filled" not in result.stdout
    assert "nobody is there to sign in" in result.stderr


# Signing in as another user, and the administrator's first creation from the menu


def test_sign_in_as_another(qtbot: QtBot, secured: Database) -> None:
    auth.set_password(secured, ADMIN, MANAGER, "manager password")
    window = _window(qtbot, secured, ADMIN)
    assert window.user_label.text() == f"Signed in as {ADMIN}"

    window.sign_in_action.trigger()
    dialog = window.sign_in_dialog
    assert isinstance(dialog, LoginDialog)
    assert dialog.name_edit.text() == ""
    _log_in(dialog, MANAGER, "wrong password")
    assert dialog.message.text() == WRONG
    assert window.workstation.user == ADMIN
    _log_in(dialog, MANAGER, "manager password")
    assert window.sign_in_dialog is None
    assert window.workstation.user == MANAGER
    assert window.role_label.text() == "(manager)"
    assert not window.users_action.isEnabled()


def test_create_admin_from_menu(qtbot: QtBot, people: Database) -> None:
    window = _window(qtbot, people, CLERK)
    assert window.first_admin_action.isVisible()
    assert window.user_label.text() == f"Acting as {CLERK}"

    window.first_admin_action.trigger()
    dialog = window.first_admin_dialog
    assert isinstance(dialog, FirstAdminDialog)
    assert dialog.skip_button.text() == "Cancel"
    dialog.name_edit.setText(ADMIN)
    dialog.password_edit.setText(SECRET)
    dialog.repeat_edit.setText(SECRET)
    dialog.create_button.click()

    assert auth.passwords_required(people)
    assert window.workstation.user == ADMIN
    assert window.user_label.text() == f"Signed in as {ADMIN}"
    assert not window.first_admin_action.isVisible()
    assert window.users_action.isEnabled()


# Role gating


def test_clerk_enter_explains_refusal(qtbot: QtBot, people: Database) -> None:
    draft_orders(people)
    window = _window(qtbot, people, CLERK)
    window.show_page(2)
    page = window.approvals_page
    page.view.setFocus()
    shown: list[str] = []
    window.workstation.message.connect(shown.append)

    qtbot.keyClick(page.view, Qt.Key.Key_Return)

    assert shown == [denial_reason(Permission.REVIEW_PURCHASE_ORDERS)]
    assert page.order_actions.dialog is None


def test_promotion_enables_approve(qtbot: QtBot, secured: Database) -> None:
    draft_orders(secured)
    window = _window(qtbot, secured, CLERK)
    review = window.approvals_page.order_actions.review
    window.show_page(2)
    assert not review.isEnabled()

    # Another workstation's administrator promotes the clerk; the next refresh shows it.
    auth.set_role(secured, ADMIN, CLERK, "manager")
    window.refresh()

    assert window.workstation.role == "manager"
    assert review.isEnabled()
    assert "manager" in window.role_label.text()


def test_clerk_sees_approve_disabled(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    window = _window(qtbot, people, CLERK)
    reason = denial_reason(Permission.REVIEW_PURCHASE_ORDERS)
    assert reason == ("Only managers approve or reject purchase orders. Sign in as a manager "
                      "to review one.")
    page = window.approvals_page
    window.show_page(2)
    assert page.current_number() == orders.po
    review = page.order_actions.review
    assert not review.isEnabled()
    assert review.statusTip() == reason
    assert reason in review.toolTip()
    review.trigger()
    assert page.order_actions.dialog is None
    window.workstation.show_purchase_order(orders.po)
    view_review = window.purchase_view.order_actions.review
    assert not view_review.isEnabled()
    assert reason in view_review.toolTip()

    window.switch_user(MANAGER)
    window.show_page(2)
    assert review.isEnabled()
    assert reason not in review.toolTip()
    assert review.statusTip() == ""
    review.trigger()
    dialog = page.order_actions.dialog
    assert isinstance(dialog, ApprovalDialog)
    dialog.reject()


def test_selection_keeps_gate(qtbot: QtBot, people: Database) -> None:
    """A page that enables its actions on selection leaves a forbidden one disabled."""
    orders = draft_orders(people)
    window = _window(qtbot, people, CLERK)
    page = window.purchase_page
    window.show_page(1)
    page.select_row(0)
    page.update_actions()
    assert page.current_number() == orders.po
    assert page.order_actions.submit.isEnabled()
    assert not page.order_actions.review.isEnabled()


def test_service_refuses_demoted(qtbot: QtBot, secured: Database) -> None:
    """The window lets a manager approve, but the service checks the role stored now."""
    orders = draft_orders(secured)
    window = _window(qtbot, secured, MANAGER_2)
    window.show_page(2)
    window.approvals_page.order_actions.review.trigger()
    dialog = window.approvals_page.order_actions.dialog
    assert isinstance(dialog, ApprovalDialog)
    assert dialog.approve_button.isEnabled()
    auth.set_role(secured, ADMIN, MANAGER_2, "clerk")

    answer = ModalAnswer("OK")
    dialog.approve_button.click()

    assert answer.answered
    assert answer.text == (f"{MANAGER_2} cannot approve {orders.po}: only a manager can. "
                           "Ask a manager.")
    assert get_purchase_order(secured, orders.po).status == "awaiting_approval"
    dialog.reject()


def test_clerk_cannot_manage_users(qtbot: QtBot, secured: Database) -> None:
    auth.set_password(secured, ADMIN, CLERK, "clerk password")
    window = _window(qtbot, secured, CLERK)
    reason = denial_reason(Permission.MANAGE_USERS)
    assert not window.users_action.isEnabled()
    assert window.users_action.statusTip() == reason
    window.users_action.trigger()
    assert window.users_dialog is None
    with pytest.raises(PermissionDenied, match="only an administrator"):
        UsersDialog(secured, CLERK)


# The users dialog


def _open_users(qtbot: QtBot, db: Database) -> tuple[MainWindow, UsersDialog]:
    window = _window(qtbot, db, ADMIN)
    window.users_action.trigger()
    dialog = window.users_dialog
    assert isinstance(dialog, UsersDialog)
    qtbot.waitUntil(dialog.isVisible)
    return window, dialog


def _row(dialog: UsersDialog, name: str) -> list[str]:
    [row] = [index for index, account in enumerate(dialog.accounts) if account.name == name]
    table = dialog.table
    return [table.item(row, column).text() for column in range(table.columnCount())]


def _form(dialog: UsersDialog, button_name: str) -> UserForm:
    button = {"add": dialog.add_button, "role": dialog.role_button,
              "password": dialog.password_button, "limit": dialog.limit_button}[button_name]
    button.click()
    form = dialog.form
    assert isinstance(form, UserForm)
    return form


def _fill(form: UserForm, **fields: str) -> None:
    for name, text in fields.items():
        edit = form.findChild(QLineEdit, name)
        assert isinstance(edit, QLineEdit), name
        edit.setText(text)


def _choose_role(form: UserForm, role: str) -> None:
    combo = form.findChild(QComboBox, "roleChoice")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(role))


def test_users_listed(qtbot: QtBot, secured: Database) -> None:
    _window, dialog = _open_users(qtbot, secured)
    assert [account.name for account in dialog.accounts] == sorted(
        [ADMIN, CLERK, MANAGER, MANAGER_2])
    assert _row(dialog, ADMIN) == [f"{ADMIN} (you)", "Administrator", "Active", "Set",
                                   "No limit"]
    assert _row(dialog, CLERK) == [CLERK, "Clerk", "Active", "Not set", "No limit"]
    dialog.select(ADMIN)
    assert not dialog.active_button.isEnabled()
    dialog.accept()


def test_admin_adds_user(qtbot: QtBot, secured: Database) -> None:
    _window, dialog = _open_users(qtbot, secured)
    form = _form(dialog, "add")
    _fill(form, userName="nora")
    form.save_button.click()
    assert form.message.text() == "Type a password of at least 8 characters."
    _fill(form, newPassword="nora pass", repeatPassword="nora pass!")
    _choose_role(form, "manager")
    form.save_button.click()
    assert form.message.text() == "The two passwords differ. Type the same password twice."
    _fill(form, repeatPassword="nora pass", userName=CLERK)
    form.save_button.click()
    assert form.message.text() == f"User '{CLERK}' already exists. Choose another name."
    _fill(form, userName="nora")
    form.save_button.click()

    assert dialog.form is None
    assert _row(dialog, "nora") == ["nora", "Manager", "Active", "Set", "No limit"]
    assert dialog.selected() is not None
    assert dialog.selected().name == "nora"  # type: ignore[union-attr]
    assert dialog.status.text() == "nora added as manager."
    assert auth.sign_in(secured, "nora", "nora pass").role == "manager"
    dialog.accept()


def test_admin_resets_password(qtbot: QtBot, secured: Database) -> None:
    _window, dialog = _open_users(qtbot, secured)
    dialog.select(CLERK)
    form = _form(dialog, "password")
    _fill(form, newPassword="short", repeatPassword="short")
    form.save_button.click()
    assert form.message.text() == "A password needs at least 8 characters; this one has 5."
    _fill(form, newPassword="clerk password", repeatPassword="clerk password")
    form.save_button.click()

    assert dialog.form is None
    assert _row(dialog, CLERK)[3] == "Set"
    assert dialog.status.text() == f"Password of {CLERK} set."
    assert auth.sign_in(secured, CLERK, "clerk password").name == CLERK
    dialog.accept()


def test_admin_sets_role_and_limit(qtbot: QtBot, secured: Database) -> None:
    _window, dialog = _open_users(qtbot, secured)
    dialog.select(CLERK)
    form = _form(dialog, "role")
    _choose_role(form, "manager")
    form.save_button.click()
    assert _row(dialog, CLERK)[1] == "Manager"
    assert dialog.status.text() == f"{CLERK} is now manager."

    dialog.select(MANAGER)
    form = _form(dialog, "limit")
    _fill(form, approvalLimit="12,50")
    form.save_button.click()
    assert form.message.text() == ("'12,50' is not an amount. Use a point for decimals, "
                                   "such as 12.50.")
    _fill(form, approvalLimit="1,500.00")
    form.save_button.click()
    assert _row(dialog, MANAGER)[4] == "1500.00"
    assert dialog.status.text() == f"{MANAGER} may approve purchase orders up to 1500.00."
    dialog.accept()


def test_deactivated_cannot_sign_in(qtbot: QtBot, secured: Database) -> None:
    auth.set_password(secured, ADMIN, CLERK, "clerk password")
    _window, dialog = _open_users(qtbot, secured)
    dialog.select(CLERK)
    assert dialog.active_button.text() == "&Deactivate…"

    answer = ModalAnswer("Deactivate")
    dialog.active_button.click()

    assert answer.answered
    assert answer.text == f"Deactivate {CLERK}?"
    assert "Their name stays on the orders and history they recorded." in answer.informative
    assert _row(dialog, CLERK)[2] == "Deactivated"
    assert dialog.active_button.text() == "Re&activate"
    login = LoginDialog(secured)
    qtbot.addWidget(login)
    login.show()
    _log_in(login, CLERK, "clerk password")
    assert login.message.text() == WRONG
    assert login.user is None
    assert [person.name for person in list_users(secured)].count(CLERK) == 1

    dialog.active_button.click()
    assert _row(dialog, CLERK)[2] == "Active"
    assert auth.sign_in(secured, CLERK, "clerk password").name == CLERK
    dialog.accept()


def test_auto_approval_from_menu(qtbot: QtBot, people: Database) -> None:
    window = _window(qtbot, people, CLERK)
    assert not window.auto_approval_action.isEnabled()
    assert window.auto_approval_action.statusTip() == denial_reason(
        Permission.SET_APPROVAL_RULES)

    window.switch_user(MANAGER)
    assert window.auto_approval_action.isEnabled()
    shown: list[str] = []
    window.workstation.message.connect(shown.append)
    assert window.set_auto_approval("150.00")

    assert auto_approval_threshold(people) == Decimal("150.00")
    assert shown == ["POs totalling less than 150.00 are now approved without a manager."]
    assert window.set_auto_approval("")
    assert auto_approval_threshold(people) is None
