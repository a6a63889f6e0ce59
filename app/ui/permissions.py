"""Which role may do what in the window, and the disabling of actions a role may not use.

The services check every role again, so this table only spares people a
refusal: an action the acting user may not use is disabled, and its tooltip
and status tip give the reason. This module imports only Qt, because the main
window imports it before the database is open.
"""

from __future__ import annotations

import enum
from typing import Final

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup

from app.ui.workstation import Workstation


class Permission(enum.Enum):
    """Something only some roles may do."""

    REVIEW_PURCHASE_ORDERS = "review purchase orders"
    SET_APPROVAL_RULES = "set approval rules"
    MANAGE_USERS = "manage users"


# The roles of app.persistence.models.Role, by value, so that SQLAlchemy need not load.
_ALLOWED_ROLES: Final = {
    Permission.REVIEW_PURCHASE_ORDERS: frozenset({"manager", "admin"}),
    Permission.SET_APPROVAL_RULES: frozenset({"manager", "admin"}),
    Permission.MANAGE_USERS: frozenset({"admin"}),
}
def allows(role: str, permission: Permission) -> bool:
    """Return True when ``role`` ("clerk", "manager", "admin"; "" if unknown) may do it."""
    return role in _ALLOWED_ROLES[permission]


def denial_reason(permission: Permission) -> str:
    """Return the sentence shown on an action that the acting user's role may not use."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("permissions", text)

    reasons = {
        Permission.REVIEW_PURCHASE_ORDERS: tr(
            "Only managers approve or reject purchase orders. Sign in as a manager to review "
            "one."),
        Permission.SET_APPROVAL_RULES: tr(
            "Only managers set the amount below which a PO needs no approval. Sign in as a "
            "manager to change it."),
        Permission.MANAGE_USERS: tr(
            "Only administrators manage users. Sign in as an administrator to add users or "
            "reset passwords."),
    }
    return reasons[permission]


class RoleGate(QObject):
    """Keeps one action disabled, with the reason, while the acting user's role may not use it.

    The action goes into a QActionGroup of its own, and the gate enables or
    disables the group. Qt shows an action as enabled only when both the
    action and its group are enabled, so a page that enables its actions on
    selection cannot enable a forbidden one. The gate follows
    :attr:`Workstation.user_changed`; call :meth:`apply` after the acting
    user's role changes under the same name.
    """

    def __init__(self, action: QAction, permission: Permission,
                 workstation: Workstation) -> None:
        super().__init__(action)
        self.action = action
        self.permission = permission
        self._workstation = workstation
        self._tooltip = action.toolTip()
        self._status_tip = action.statusTip()
        self._group = QActionGroup(self)
        self._group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        self._group.addAction(action)
        workstation.user_changed.connect(self.apply)
        self.apply()

    @property
    def allowed(self) -> bool:
        """True when the acting user's role may use the action."""
        return allows(self._workstation.role, self.permission)

    def apply(self) -> None:
        """Enable or disable the action for the acting user's role, and set its tips."""
        allowed = self.allowed
        self._group.setEnabled(allowed)
        if allowed:
            self.action.setToolTip(self._tooltip)
            self.action.setStatusTip(self._status_tip)
            return
        reason = denial_reason(self.permission)
        self.action.setToolTip(f"{self._tooltip}\n{reason}" if self._tooltip else reason)
        self.action.setStatusTip(reason)


def restrict(action: QAction, permission: Permission, workstation: Workstation) -> RoleGate:
    """Disable ``action`` whenever the acting user's role lacks ``permission``; return the gate."""
    return RoleGate(action, permission, workstation)
