"""The open attention reasons of a sales order, each with a button that resolves it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.views import Reason

# The amber of the order banner and of flagged list rows. The buttons keep the platform style.
_STYLE: Final = ("QFrame#attentionPanel { background: #fff3cd; border: 1px solid #ffe69c; }"
                 " QFrame#attentionPanel QLabel { color: #664d03; }")


class AttentionPanel(QFrame):
    """An amber box that lists open reasons and hides while there are none.

    Each reason has a "Resolve…" button, whose click emits
    :attr:`resolve_requested` with the reason's id.
    """

    resolve_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionPanel")
        self.setStyleSheet(_STYLE)
        self.heading = QLabel(self.tr("Needs attention:"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self._rows = QGridLayout()
        self._rows.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addLayout(self._rows)
        self.reason_labels: list[QLabel] = []
        self.resolve_buttons: list[QPushButton] = []
        self.setVisible(False)

    def show_reasons(self, reasons: Sequence[Reason]) -> None:
        """List ``reasons`` with a button each, or hide the panel when there are none."""
        for widget in [*self.reason_labels, *self.resolve_buttons]:
            self._rows.removeWidget(widget)
            widget.deleteLater()
        self.reason_labels = []
        self.resolve_buttons = []
        for row, reason in enumerate(reasons):
            label = QLabel(f"• {reason.message}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(self.tr("Resolve…"))
            button.setObjectName(f"resolveReason{reason.id}")
            button.setToolTip(self.tr("Mark this reason as dealt with, with an optional note"))
            button.clicked.connect(lambda _checked=False, reason_id=reason.id:
                                   self.resolve_requested.emit(reason_id))
            self._rows.addWidget(label, row, 0)
            self._rows.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.reason_labels.append(label)
            self.resolve_buttons.append(button)
        self.setVisible(bool(reasons))

    def text(self) -> str:
        """Return the heading and the reasons shown, one per line."""
        return "\n".join([self.heading.text(), *(label.text() for label in self.reason_labels)])
