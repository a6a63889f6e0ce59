"""The title bar and the grid of captioned values at the top of an order view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

# Caption, value and object name of one field.
Field = tuple[str, str, str]


class FieldGrid(QWidget):
    """Captioned values in columns of ``rows`` fields each; values are selectable."""

    def __init__(self, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._values: dict[str, QLabel] = {}

    def set_fields(self, fields: Sequence[Field], bold: Sequence[str] = ()) -> None:
        """Show ``fields`` column by column; names in ``bold`` are printed bold."""
        for index, (caption, text, name) in enumerate(fields):
            value = self._values.get(name)
            if value is None:
                value = self._add(index, caption, name)
            value.setText(text)
            font = value.font()
            font.setBold(name in bold)
            value.setFont(font)

    def value(self, name: str) -> str:
        """Return the text shown for the field called ``name``."""
        return self._values[name].text()

    def _add(self, index: int, caption: str, name: str) -> QLabel:
        column, row = divmod(index, self._rows)
        label = QLabel(caption)
        value = QLabel()
        value.setObjectName(name)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._grid.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignRight)
        self._grid.addWidget(value, row, column * 2 + 1)
        self._grid.setColumnStretch(column * 2 + 1, 1)
        self._values[name] = value
        return value
