"""The sign-in dialog: a user name and a password, checked by the sign-in service.

Once a database has an administrator with a password, every user signs in.
A user whose password was never set (such as the starter users ``clerk``
and ``manager`` of a database that had no administrator before) cannot sign
in until an administrator sets one. A failed sign-in shows the service's
one message for an unknown name, a wrong password, a user without a
password and a deactivated user, so the dialog reveals no user names.

Without passwords (no administrator yet), the dialog lists the active users
to act as, and asks for no password.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import TandemError
from app.persistence.database import Database
from app.services import auth
from app.services.users import UserView, list_users
from app.ui.dialogs.grid import button_row, message_label, show_message
from app.ui.operations import show_error


class LoginDialog(QDialog):
    """Ask for a user name and password; accepted once :func:`auth.sign_in` returns the user.

    ``name`` is typed into the name field beforehand (``--user NAME``), and
    the password field then has the focus. ``cancel_text`` labels the button
    that gives up: "Quit" at start-up, "Cancel" when switching users.
    :attr:`user` is the signed-in user once the dialog is accepted.
    """

    def __init__(self, db: Database, name: str = "", parent: QWidget | None = None, *,
                 cancel_text: str = "") -> None:
        super().__init__(parent)
        self._db = db
        self.user: UserView | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Sign In to Tandem"))

        intro = QLabel(self.tr("Type your user name and password."))
        intro.setObjectName("loginIntro")
        self.name_edit = QLineEdit(name.strip())
        self.name_edit.setObjectName("loginName")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = message_label("loginMessage")
        hint = QLabel(self.tr("A user whose password was never set cannot sign in until an "
                              "administrator sets one."))
        hint.setObjectName("loginHint")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.sign_in_button = QPushButton(self.tr("&Sign In"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton(cancel_text or self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)

        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.name_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addLayout(button_row(self.sign_in_button, self.cancel_button))
        self.setMinimumWidth(380)

        self.sign_in_button.clicked.connect(self._sign_in)
        self.cancel_button.clicked.connect(self.reject)
        (self.password_edit if self.name_edit.text() else self.name_edit).setFocus()

    def _sign_in(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            show_message(self.message, self.tr("Type your user name."))
            self.name_edit.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.user = auth.sign_in(self._db, name, self.password_edit.text())
        except auth.SignInFailed as error:
            self._failed(str(error))
            return
        except TandemError as error:
            show_error(self, self.tr("Sign In"), error)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def _failed(self, message: str) -> None:
        show_message(self.message, message)
        # Grow to the wrapped message's height instead of squeezing it.
        self.adjustSize()
        self.password_edit.clear()
        self.password_edit.setFocus()


class ChooseUserDialog(QDialog):
    """Choose the user to act as, on a database without passwords.

    Lists the active users by name; :attr:`user` is the chosen one once the
    dialog is accepted.
    """

    def __init__(self, users: Sequence[UserView], current: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user: UserView | None = None
        self._users = [person for person in users if person.active]
        self.setObjectName("chooseUserDialog")
        self.setWindowTitle(self.tr("Sign In as Another User"))

        intro = QLabel(self.tr("This database asks for no passwords until an administrator "
                               "exists. Choose whom to act as."))
        intro.setWordWrap(True)
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("userChoice")
        for person in self._users:
            self.user_combo.addItem(self.tr("{name} ({role})").format(
                name=person.name, role=person.role), person.name)
        index = self.user_combo.findData(current)
        self.user_combo.setCurrentIndex(max(index, 0))
        self.ok_button = QPushButton(self.tr("&Act as This User"))
        self.ok_button.setObjectName("okButton")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)

        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(button_row(self.ok_button, self.cancel_button))
        self.setMinimumWidth(380)

        self.ok_button.clicked.connect(self._choose)
        self.cancel_button.clicked.connect(self.reject)
        self.user_combo.setFocus()

    def _choose(self) -> None:
        index = self.user_combo.currentIndex()
        if index < 0:
            return
        self.user = self._users[index]
        self.accept()


def sign_in_dialog(db: Database, current: str, parent: QWidget | None,
                   passwords: bool) -> LoginDialog | ChooseUserDialog:
    """Create the dialog that changes the acting user: a login with passwords, else a choice."""
    if passwords:
        return LoginDialog(db, "", parent)
    return ChooseUserDialog(list_users(db), current, parent)
