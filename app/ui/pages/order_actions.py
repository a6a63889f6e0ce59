"""The shared base of the actions on one sales or purchase order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.permissions import Permission, RoleGate, restrict
from app.ui.widgets.notices import open_dialog
from app.ui.workstation import Workstation

D = TypeVar("D", bound=QDialog)


def make_action(owner: QObject, text: str, shortcut: str | None, slot: Callable[[], None],
                name: str) -> QAction:
    """Create an action with an object name, a shortcut shown in its tooltip, and a slot."""
    action = QAction(text, owner)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{action.iconText()} ({shown})")
    action.triggered.connect(lambda _checked=False: slot())
    return action


class OrderActions(QObject):
    """Base of the action sets: the screen they work for and the dialog opened last.

    ``number`` returns the order the screen has selected, or None, and
    ``line`` the line number selected on an order view, or None. The last
    dialog opened stays in :attr:`dialog` until it closes, so tests can drive it.
    Actions that only some roles may use are registered with :meth:`restrict`.
    """

    def __init__(self, workstation: Workstation, owner: QWidget,
                 number: Callable[[], str | None],
                 line: Callable[[], int | None] | None = None) -> None:
        super().__init__(owner)
        self._workstation = workstation
        self._owner = owner
        self._number = number
        self._selected_line = line
        self.dialog: QDialog | None = None
        self.gates: list[RoleGate] = []
        # Each action's own tooltip, before a reason for disabling it was added.
        self._tooltips: dict[QAction, str] = {}

    def follow_reasons(self, reasons: Mapping[QAction, str | None]) -> None:
        """Enable each action whose reason is None; disable the others, with the reason in
        their tooltip and status tip."""
        for action, reason in reasons.items():
            tooltip = self._tooltips.setdefault(action, action.toolTip())
            action.setEnabled(reason is None)
            action.setToolTip(tooltip if reason is None else f"{tooltip}\n{reason}")
            action.setStatusTip(reason or "")

    def line_to_open(self, line_no: int | None) -> int:
        """Return ``line_no``, else the line selected on the screen, else the first line."""
        if line_no is not None:
            return line_no
        selected = self._selected_line() if self._selected_line is not None else None
        return selected if selected is not None else 1

    def restrict(self, action: QAction, permission: Permission) -> QAction:
        """Disable ``action``, with the reason in its tips, while the acting role lacks it."""
        self.gates.append(restrict(action, permission, self._workstation))
        return action

    def _open(self, title: str, create: Callable[[], D],
              done_message: Callable[[D], str]) -> None:
        """Open a dialog without blocking; when it saves, reload and show ``done_message``."""
        def accepted(dialog: D) -> None:
            self._changed(done_message(dialog))

        self.dialog = open_dialog(self._owner, title, create, accepted)
        if self.dialog is not None:
            self.dialog.finished.connect(self._forget_dialog)

    def _changed(self, message: str) -> None:
        self._workstation.notify_changed()
        if message:
            self._workstation.show_message(message)

    def _forget_dialog(self) -> None:
        self.dialog = None
