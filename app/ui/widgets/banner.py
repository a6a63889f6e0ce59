"""An amber banner that lists what needs a person on an order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# The same amber as flagged rows in the lists, both colors set for dark themes.
_STYLE: Final = ("QLabel { color: #664d03; background: #fff3cd; border: 1px solid #ffe69c;"
                 " padding: 6px; }")


class Banner(QLabel):
    """A label shown only while it has lines to show, one per line."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def show_lines(self, heading: str, lines: Sequence[str]) -> None:
        """Show ``heading`` and ``lines``, or hide the banner when there are no lines."""
        self.setText("\n".join([heading, *(f"• {line}" for line in lines)]) if lines else "")
        self.setVisible(bool(lines))
