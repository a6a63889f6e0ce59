"""A read-only table of a few rows held in memory, for the lines and history of one order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.listing import Alignment, Column
from app.ui.lazy_model import display_text

_ROOT = QModelIndex()
# Pixels added to the text height of a row and to the content width of a column.
_ROW_MARGIN: Final = 8
_COLUMN_MARGIN: Final = 8
# Widest a long text column is sized to, in pixels.
TEXT_COLUMN_CAP: Final = 240
_ItemRole = Qt.ItemDataRole
_ALIGNMENT: Final[dict[Alignment, Qt.AlignmentFlag]] = {
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
}


class RecordTableModel(QAbstractTableModel):
    """Rows of values under fixed columns, formatted like the lazy lists.

    It is meant for what belongs to one order (its lines, shipments and
    history), which is short, so every row is held in memory.
    """

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[tuple[object, ...]] = []

    def set_rows(self, rows: Sequence[tuple[object, ...]]) -> None:
        """Replace every row; each tuple has one value per column."""
        for row in rows:
            if len(row) != len(self._columns):
                raise ValueError(f"Row {row!r} has {len(row)} values for "
                                 f"{len(self._columns)} columns.")
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_values(self, row: int) -> tuple[object, ...]:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = _ItemRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == _ItemRole.DisplayRole:
            return display_text(self._rows[index.row()][index.column()])
        column = self._columns[index.column()]
        if role == _ItemRole.TextAlignmentRole:
            return _ALIGNMENT[column.align]
        if role == _ItemRole.ToolTipRole and column.align == "left":
            # Text columns may be cut off; the tooltip shows the whole text.
            return display_text(self._rows[index.row()][index.column()]) or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _ItemRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        if not 0 <= section < len(self._columns):
            return None
        if role == _ItemRole.DisplayRole:
            return self._columns[section].title
        if role == _ItemRole.TextAlignmentRole:
            return _ALIGNMENT[self._columns[section].align]
        return None


def record_table_view(model: QAbstractTableModel, name: str,
                      parent: QWidget | None = None) -> QTableView:
    """Create a read-only, row-selecting, compact table view for ``model``."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    compact_rows(view)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def compact_rows(view: QTableView) -> None:
    """Make rows one line of text high plus a small margin, so more of them fit."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + _ROW_MARGIN)


def fit_columns(view: QTableView, capped: int | None = None,
                cap_width: int = TEXT_COLUMN_CAP) -> None:
    """Size every column to its header and contents; the last one takes the width left over.

    The ``capped`` column (a long description) gets at most ``cap_width``
    pixels, so the figures beside it stay in view; its tooltip shows the
    whole text. When the columns are wider than the view, it scrolls.
    """
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
    for column in range(header.count()):
        width = view.columnWidth(column) + _COLUMN_MARGIN
        if column == capped:
            width = min(width, cap_width)
        view.setColumnWidth(column, width)
