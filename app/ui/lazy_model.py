"""Table model that shows a list of any length by fetching pages of rows on demand."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.listing import Alignment, ListQuery, Row, RowSource
from app.reports.formatting import format_date, format_datetime, format_money
from app.ui.roles import RecordIdRole

_log = logging.getLogger(__name__)

_ROOT = QModelIndex()
_ItemRole = Qt.ItemDataRole

# Amber that stays readable in light and dark themes because both colors are set.
ATTENTION_BACKGROUND: Final = QBrush(QColor("#fff3cd"))
ATTENTION_FOREGROUND: Final = QBrush(QColor("#664d03"))

_ALIGNMENT: Final[dict[Alignment, Qt.AlignmentFlag]] = {
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
}
# Titles of number columns are centred: the header draws its sort arrow at the
# right edge, where it would cover the end of a right-aligned title.
_HEADER_ALIGNMENT: Final[dict[Alignment, Qt.AlignmentFlag]] = {
    "left": _ALIGNMENT["left"],
    "right": Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
}
# Cells with more characters than this repeat their text in a tooltip.
_TOOLTIP_MIN_CHARACTERS: Final = 30
# Roles whose data depends on the row's values, so returning it requires the row's page.
_ROW_ROLES: Final = frozenset(
    {_ItemRole.DisplayRole, _ItemRole.ToolTipRole, RecordIdRole, _ItemRole.BackgroundRole,
     _ItemRole.ForegroundRole}
)


def display_text(value: object) -> str:
    """Format one cell value for the screen the way documents print it.

    Decimals get two places, dates and timestamps are ISO 8601, None is empty
    and everything else, ints included, is ``str(value)``.
    """
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


class LazyTableModel(QAbstractTableModel):
    """Table model over a :class:`RowSource` that holds only a few pages of rows.

    ``rowCount()`` is the source's count, so a view's scroll bar is right from
    the start. ``data()`` fetches the page that contains a row the first time
    a view requests it. At most ``max_pages`` pages stay cached and the least
    recently used is dropped first, so memory stays bounded however far the
    user scrolls. Sorting and filtering go to the source as a new
    :class:`ListQuery`.

    If records disappear between counting and fetching (another workstation
    deleted them), the rows past the end show empty cells until
    :meth:`refresh` counts again.
    """

    def __init__(
        self,
        source: RowSource,
        query: ListQuery | None = None,
        *,
        page_size: int = 200,
        max_pages: int = 16,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1 or max_pages < 1:
            raise ValueError(
                f"Invalid page cache size: page_size={page_size}, max_pages={max_pages}. "
                "Both must be at least 1."
            )
        self._source = source
        self._columns = tuple(source.columns)
        self._query = query if query is not None else ListQuery()
        self._page_size = page_size
        self._max_pages = max_pages
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._count = source.count(self._query)

    @property
    def query(self) -> ListQuery:
        """The filter and sort order the rows are fetched with."""
        return self._query

    @property
    def cached_page_count(self) -> int:
        """Number of pages of rows currently held in memory."""
        return len(self._pages)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """Return the number of matching records, or 0 below the top level."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        """Return the number of the source's columns, or 0 below the top level."""
        return 0 if parent.isValid() else len(self._columns)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = _ItemRole.DisplayRole,
    ) -> object:
        """Return the cell's text, alignment, tooltip, record id or attention colors.

        Every other role gets None, which Qt reads as "no data".
        """
        if not index.isValid():
            return None
        if role == _ItemRole.TextAlignmentRole:
            return _ALIGNMENT[self._columns[index.column()].align]
        if role not in _ROW_ROLES:
            return None

        row = self.row_at(index.row())
        if row is None:
            return None
        if role == _ItemRole.DisplayRole:
            return display_text(row.values[index.column()])
        if role == _ItemRole.ToolTipRole:
            # Long text, such as an attention reason, is cut off in its column.
            text = display_text(row.values[index.column()])
            return text if len(text) > _TOOLTIP_MIN_CHARACTERS else None
        if role == RecordIdRole:
            return row.id
        if not row.attention:
            return None
        if role == _ItemRole.BackgroundRole:
            return ATTENTION_BACKGROUND
        return ATTENTION_FOREGROUND

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = _ItemRole.DisplayRole,
    ) -> object:
        """Return a column's title and alignment, and Qt's default row numbers."""
        if orientation != Qt.Orientation.Horizontal:
            return super().headerData(section, orientation, role)
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == _ItemRole.DisplayRole:
            return column.title
        if role == _ItemRole.TextAlignmentRole:
            return _HEADER_ALIGNMENT[column.align]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Fetch the rows again ordered by ``column``, or in the source's order for -1.

        A column that is not sortable leaves the order unchanged.
        """
        if column < 0:
            self.set_query(replace(self._query, sort_key=None, descending=False))
            return
        if column >= len(self._columns) or not self._columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = self._columns[column].key
        self.set_query(replace(self._query, sort_key=key, descending=descending))

    def set_query(self, query: ListQuery) -> None:
        """Show the records that match ``query``, counted and fetched afresh.

        Views lose their selection and scroll back to the top, as after any
        model reset. If counting fails, the model keeps its current rows.
        """
        if query == self._query:
            return
        count = self._source.count(query)
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self._count = count
        self.endResetModel()

    def refresh(self) -> None:
        """Count and fetch the current query again after records changed.

        Rows are added or removed at the end to match the new count, and every
        remaining row is reported changed. Views keep their selection and
        scroll position by row number, so the selected row may now show a
        different record. Map it to a record id again before acting on it.
        """
        count = self._source.count(self._query)
        self._pages.clear()
        self._resize(count)
        if count:
            last = self.index(count - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last, list(_ROW_ROLES))

    def record_id(self, row: int) -> int:
        """Return the database id of the record shown in ``row``.

        Raises:
            IndexError: ``row`` is outside the list, or its record was deleted
                since the list was counted.
        """
        found = self.row_at(row)
        if found is None:
            raise IndexError(
                f"Row {row} is not in the list of {self._count} records. "
                "Refresh the list and select the record again."
            )
        return found.id

    def row_at(self, row: int) -> Row | None:
        """Return the record shown in ``row``, fetching its page if needed.

        Returns None for a row outside the list or past the end of a short page.
        """
        if not 0 <= row < self._count:
            return None
        page_number, offset = divmod(row, self._page_size)
        page = self._page(page_number)
        return page[offset] if offset < len(page) else None

    def _page(self, number: int) -> list[Row]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page

        offset = number * self._page_size
        page = self._source.fetch(self._query, offset, self._page_size)
        _log.debug("Fetched %d rows from offset %d for %r", len(page), offset, self._query)
        self._pages[number] = page
        if len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        return page

    def _resize(self, count: int) -> None:
        if count < self._count:
            self.beginRemoveRows(_ROOT, count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        elif count > self._count:
            self.beginInsertRows(_ROOT, self._count, count - 1)
            self._count = count
            self.endInsertRows()
