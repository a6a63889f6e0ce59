"""Widgets and helpers shared by the action dialogs: line tables, spin boxes, messages.

Numbers are right-aligned and formatted by :mod:`app.reports.formatting`, the
code that prints them on documents, so a number on screen matches the printed one.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.persistence.database import Database
from app.reports.formatting import format_datetime
from app.services.users import list_users

RIGHT: Final = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT: Final = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# Rows a line table shows before it scrolls.
VISIBLE_ROWS: Final = 12
# Pixels added to each column's content width, so that numbers do not touch the grid.
COLUMN_PADDING: Final = 14
# Widest start of the column that stretches (descriptions); the tooltip has the full text.
MAX_STRETCH_WIDTH: Final = 340
# Upper bound of quantity spin boxes whose range the service checks.
QUANTITY_CEILING: Final = 1_000_000

_MESSAGE_STYLE: Final = "QLabel { color: #842029; background: #f8d7da; padding: 4px; }"
_NOTE_STYLE: Final = "QLabel { color: #664d03; background: #fff3cd; padding: 4px; }"


def line_table(headers: Sequence[str], right_aligned: Sequence[int],
               stretch: int | None = None, selectable: bool = True) -> QTableWidget:
    """Create a read-only table whose ``stretch`` column takes the width left over.

    A table whose rows hold editors is made not ``selectable``, so the row of
    the focused editor is not painted as a selection.
    """
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if selectable
                           else QAbstractItemView.SelectionMode.NoSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    for column in right_aligned:
        item = table.horizontalHeaderItem(column)
        if item is not None:
            item.setTextAlignment(RIGHT)
    header.setStretchLastSection(False)
    table.setProperty("stretchColumn", stretch)
    return table


def set_cell(table: QTableWidget, row: int, column: int, value: object,
             align_right: bool = False, tooltip: str = "") -> QTableWidgetItem:
    """Put ``value`` as read-only text into a cell, right-aligned for ints and amounts."""
    item = QTableWidgetItem("" if value is None else str(value))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setTextAlignment(RIGHT if align_right or isinstance(value, int) else LEFT)
    if tooltip:
        item.setToolTip(tooltip)
    table.setItem(row, column, item)
    return item


def fit_table(table: QTableWidget, max_rows: int = VISIBLE_ROWS) -> None:
    """Size columns to their contents and make the table just tall enough for its rows.

    The stretch column (see :func:`line_table`) starts at its content width,
    at most :data:`MAX_STRETCH_WIDTH`, and takes the width left over when the
    dialog grows. Up to ``max_rows`` rows show without scrolling, and a longer
    table scrolls and grows with the dialog.
    """
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    header = table.horizontalHeader()
    stretch = table.property("stretchColumn")
    for column in range(table.columnCount()):
        width = table.columnWidth(column) + COLUMN_PADDING
        if column == stretch:
            width = min(width, MAX_STRETCH_WIDTH)
        table.setColumnWidth(column, width)
    frame = 2 * table.frameWidth()
    width = sum(table.columnWidth(column) for column in range(table.columnCount()))
    scrolls = table.rowCount() > max_rows
    scroll_width = table.verticalScrollBar().sizeHint().width() if scrolls else 0
    table.setMinimumWidth(width + frame + scroll_width)
    if isinstance(stretch, int):
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    shown = min(table.rowCount(), max_rows)
    rows_height = sum(table.rowHeight(row) for row in range(shown))
    if shown == 0:
        rows_height = table.verticalHeader().defaultSectionSize()
    height = header.sizeHint().height() + rows_height + frame
    if scrolls:
        table.setMinimumHeight(height)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    else:
        table.setFixedHeight(height)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def quantity_spin(maximum: int, value: int, name: str) -> QSpinBox:
    """Create a right-aligned spin box for 0 to ``maximum`` units."""
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setValue(min(value, maximum))
    spin.setAlignment(RIGHT)
    spin.setAccelerated(True)
    spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
    spin.setObjectName(name)
    spin.setMinimumWidth(80)
    return spin


def message_label(name: str, note: bool = False) -> QLabel:
    """Create a hidden label for inline messages, which :func:`show_message` fills."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(_NOTE_STYLE if note else _MESSAGE_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str) -> None:
    """Show ``text`` in an inline message label, or hide the label when ``text`` is empty."""
    label.setText(text)
    label.setVisible(bool(text))


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Lay out buttons right-aligned, in the order given."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


class EnterSafeDialog(QDialog):
    """Dialog in which Enter in a field never clicks a button.

    A focused button still takes Enter, and Escape still cancels. Barcode
    scanners end each scan with Enter, so in a plain QDialog a scan into a
    text field would click the default button, which QDialog picks by itself
    when none is set.
    """

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible:
            # QDialog has just made its first auto-default button the default, whose
            # highlight would promise that Enter clicks it.
            for button in self.findChildren(QPushButton):
                if not button.hasFocus():
                    button.setDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Only Enter that no child widget accepted reaches the dialog.
            event.accept()
            return
        super().keyPressEvent(event)

    def add_save_shortcut(self, button: QPushButton) -> None:
        """Make Ctrl+Enter click ``button`` from anywhere in the dialog."""
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(button.click)
        button.setToolTip(self.tr("Ctrl+Enter"))


def plain_button(text: str, name: str) -> QPushButton:
    """Create a push button for an :class:`EnterSafeDialog`: Enter clicks it while it has focus."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(True)
    return button


def local_time(value: datetime | None) -> str:
    """Format a stored UTC timestamp in the workstation's time zone, or "" for None."""
    if value is None:
        return ""
    return format_datetime(value.astimezone())


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    """Chain the focus from each widget to the next, in the order given."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def user_role(db: Database, user: str) -> str:
    """Return the role of ``user`` ("clerk", "manager" or "admin"), or "" for an unknown user."""
    for person in list_users(db):
        if person.name == user:
            return person.role
    return ""
