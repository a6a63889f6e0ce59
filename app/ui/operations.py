"""The one place where the user interface runs a service action and shows its outcome.

A screen calls :func:`run_action` with a service call. An expected failure
(:class:`~app.domain.errors.TandemError`: invalid input, a rule, a
permission, a stale edit, a busy database) becomes a short titled message
box whose text is the error's own message. Any other exception is a bug, so
it propagates to the crash handler with its traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import TandemError

log = logging.getLogger(__name__)

T = TypeVar("T")


def run_action(parent: QWidget | None, title: str, action: Callable[[], T]) -> T | None:
    """Call ``action`` and return its result, or show its expected error and return None.

    Args:
        parent: the window that owns the message box.
        title: the action in Title Case, such as "Approve PO-000045"; it titles the box.
        action: a call of one service function, usually a lambda.
    """
    try:
        return action()
    except TandemError as error:
        log.info("%s abandoned: %s", title, error)
        show_error(parent, title, error)
        return None


def show_error(parent: QWidget | None, title: str, error: TandemError | str) -> None:
    """Show an expected error in a modal warning box titled ``title``."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(error),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("operationError")
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, consequences: Sequence[str],
            action: str | None = None) -> bool:
    """Ask before a destructive choice and return True when the user goes ahead.

    The box lists ``consequences`` below ``text`` so that they are read
    before the choice. The safe button is the default, so Enter and Escape
    both cancel.

    Args:
        action: the label of the button that goes ahead, such as "Cancel PO";
            "Continue" when None.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("operationConfirm")
    if consequences:
        box.setInformativeText("\n".join(f"• {item}" for item in consequences))
    label = action or QCoreApplication.translate("operations", "Continue")
    proceed = box.addButton(label, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is proceed
