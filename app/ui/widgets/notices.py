"""Dialogs the main window opens without blocking: action dialogs and result notices."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.ui.operations import run_action

D = TypeVar("D", bound=QDialog)


def open_dialog(parent: QWidget, title: str, create: Callable[[], D],
                on_accepted: Callable[[D], None]) -> D | None:
    """Create an action dialog and open it window-modal without blocking.

    ``create`` may raise an expected error (the order no longer exists); it
    is shown in a box titled ``title`` and None is returned. ``on_accepted``
    runs after the dialog was accepted, which means it changed data. The
    dialog deletes itself once closed.
    """
    dialog = run_action(parent, title, create)
    if dialog is None:
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            on_accepted(dialog)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def show_notice(parent: QWidget, title: str, text: str,
                details: Sequence[str] = ()) -> QMessageBox:
    """Show what an action did in a window-modal box that does not block; return the box.

    ``details`` are listed one per line under ``text``.
    """
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("actionNotice")
    if details:
        box.setInformativeText("\n".join(f"• {item}" for item in details))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
