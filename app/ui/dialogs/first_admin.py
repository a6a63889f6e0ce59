"""The dialog that creates a database's first administrator, which turns on passwords.

At start-up a database without users asks the first person for it, and the
File menu offers it while the database has no administrator with a
password. Once it exists, everyone signs in with a password. Users without
one (such as the starter users ``clerk`` and ``manager``) cannot sign in
until the administrator sets one in *Users…*.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
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
from app.services.users import UserView
from app.ui.dialogs.grid import button_row, message_label, show_message


class FirstAdminDialog(QDialog):
    """Ask for the administrator's name and password twice, then create the administrator.

    An empty name, a short password or two passwords that differ are shown
    in the dialog, which stays open. ``skip_text`` labels the button that
    goes on without an administrator: "Continue Without Passwords" at
    start-up, "Cancel" from the menu. :attr:`admin` is the new administrator
    once the dialog is accepted.
    """

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 skip_text: str = "") -> None:
        super().__init__(parent)
        self._db = db
        self.admin: UserView | None = None
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("Create the Administrator"))

        intro = QLabel(self.tr(
            "Nobody signs in to this database yet. Create the administrator, who adds the "
            "other users and sets their passwords. From then on everyone signs in with a "
            "password."))
        intro.setObjectName("firstAdminIntro")
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("adminName")
        self.name_edit.setMaxLength(80)
        self.password_edit = _password_edit("adminPassword")
        self.password_edit.setPlaceholderText(self.tr("At least {n} characters").format(
            n=auth.MIN_PASSWORD_LENGTH))
        self.repeat_edit = _password_edit("adminPasswordRepeat")
        self.message = message_label("firstAdminMessage")
        self.create_button = QPushButton(self.tr("C&reate Administrator"))
        self.create_button.setObjectName("createAdminButton")
        self.create_button.setDefault(True)
        self.skip_button = QPushButton(skip_text or self.tr("Cancel"))
        self.skip_button.setObjectName("skipButton")
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip(self.tr(
            "Without an administrator nobody signs in: anyone at a workstation can act as "
            "any user."))

        form = QFormLayout()
        form.addRow(self.tr("Administrator's &name:"), self.name_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("Repeat p&assword:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(button_row(self.create_button, self.skip_button))
        self.setMinimumWidth(460)

        self.create_button.clicked.connect(self._create)
        self.skip_button.clicked.connect(self.reject)
        self.name_edit.setFocus()

    def _create(self) -> None:
        name = self.name_edit.text().strip()
        password = self.password_edit.text()
        if not name:
            self._show(self.tr("Type the administrator's name."), self.name_edit)
            return
        if not password:
            self._show(self.tr("Type a password of at least {n} characters.").format(
                n=auth.MIN_PASSWORD_LENGTH), self.password_edit)
            return
        if len(password) < auth.MIN_PASSWORD_LENGTH:
            self._show(self.tr("The password needs at least {n} characters; it has {m}.").format(
                n=auth.MIN_PASSWORD_LENGTH, m=len(password)), self.password_edit)
            return
        if self.repeat_edit.text() != password:
            self.repeat_edit.clear()
            self._show(self.tr("The two passwords differ. Type the same password twice."),
                       self.repeat_edit)
            return
        # Hashing the password takes up to a second on purpose.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.admin = auth.create_first_admin(self._db, name, password)
        except TandemError as error:
            self._show(str(error), self.name_edit)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def _show(self, text: str, field: QLineEdit) -> None:
        show_message(self.message, text)
        # Grow to the wrapped message's height instead of squeezing it.
        self.adjustSize()
        field.setFocus()


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
