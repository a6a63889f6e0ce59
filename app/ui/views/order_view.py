"""Layout, loading and links shared by the sales order view and the purchase order view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.listing import Column
from app.services.views import HistoryEntry
from app.ui.views.header import FieldGrid
from app.ui.views.history import history_columns, history_rows
from app.ui.widgets.banner import Banner
from app.ui.widgets.record_table import RecordTableModel, fit_columns, record_table_view
from app.ui.workstation import Workstation

# Rows of captioned values in each column of the header grid.
HEADER_ROWS = 3
# The line table is sized to show up to this many rows, in at most this share of the
# height and never in fewer than this many pixels. The history gets the rest.
_MAX_LINE_ROWS = 30
_MAX_LINES_SHARE = 0.7
_MIN_LINES_HEIGHT = 120
# Pixels of the group box and the scroll bar around the line table.
_LINES_CHROME = 60


class OrderView(QWidget):
    """One order on a page of its own: title, actions, banner, header, lines, links, history.

    Subclasses fill the parts in :meth:`load`. The view keeps only the
    order's number between loads and reads everything again on :meth:`reload`.
    """

    back_requested = Signal()

    def __init__(self, workstation: Workstation, line_columns: Sequence[Column],
                 text_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workstation = workstation
        self._line_keys = [column.key for column in line_columns]
        self._text_column = self._line_keys.index(text_key)
        self._split = QSplitter(Qt.Orientation.Vertical)
        self.number: str | None = None
        self._actions: list[QAction] = []

        self.back_button = QPushButton(self.tr("← &Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setObjectName("orderTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.banner = Banner("attentionBanner")
        self.fields = FieldGrid(HEADER_ROWS)
        self.lines_model = RecordTableModel(line_columns, self)
        self.lines_view = record_table_view(self.lines_model, "linesView")
        self.history_model = RecordTableModel(history_columns(), self)
        self.history_view = record_table_view(self.history_model, "historyView")

    def lay_out(self, link_boxes: Sequence[QGroupBox]) -> None:
        """Arrange the parts, with ``link_boxes`` left of the history."""
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        for box in link_boxes:
            bottom.addWidget(box)
        bottom.addWidget(boxed(self.tr("History"), self.history_view))
        bottom.setStretchFactor(len(link_boxes), 1)
        self._split.addWidget(boxed(self.tr("Lines"), self.lines_view))
        self._split.addWidget(bottom)
        self._split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.fields)
        layout.addWidget(self._split, 1)

    def add_action(self, action: QAction) -> None:
        """Show ``action`` on the toolbar; its shortcut works while the view is visible."""
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)
        self.toolbar.addAction(action)
        self._actions.append(action)

    @property
    def page_actions(self) -> list[QAction]:
        return list(self._actions)

    def current_number(self) -> str | None:
        return self.number

    def current_line(self) -> int | None:
        """Return the number of the line selected in the lines table, or None."""
        index = self.lines_view.currentIndex()
        if not index.isValid():
            return None
        line_no = self.lines_model.row_values(index.row())[0]
        return line_no if isinstance(line_no, int) else None

    def reload(self) -> None:
        """Read the shown order again, after an action changed it."""
        if self.number is not None:
            self.load(self.number)

    def load(self, number: str) -> bool:
        """Show the order ``number``; return False (after saying why) if it cannot be read."""
        raise NotImplementedError

    def focus_filter(self) -> None:
        self.lines_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_history(self, entries: Sequence[HistoryEntry]) -> None:
        self.history_model.set_rows(history_rows(entries))
        fit_columns(self.history_view)

    def set_lines(self, rows: Sequence[tuple[object, ...]],
                  hide_when_zero: Sequence[str] = ()) -> None:
        """Show the line rows; columns named in ``hide_when_zero`` hide while all are 0."""
        self.lines_model.set_rows(rows)
        for key in hide_when_zero:
            column = self._line_keys.index(key)
            self.lines_view.setColumnHidden(column, not any(row[column] for row in rows))
        fit_columns(self.lines_view, self._text_column)
        self._balance_split()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._balance_split()

    def _balance_split(self) -> None:
        """Give the line table the height of its rows (within limits), the rest to history."""
        total = sum(self._split.sizes())
        if total <= 0:
            return
        view = self.lines_view
        rows = min(self.lines_model.rowCount(), _MAX_LINE_ROWS)
        wanted = (view.horizontalHeader().height() + rows * view.verticalHeader().
                  defaultSectionSize() + _LINES_CHROME)
        lines = max(_MIN_LINES_HEIGHT, min(wanted, int(total * _MAX_LINES_SHARE)))
        self._split.setSizes([lines, total - lines])


def link_list(name: str) -> QListWidget:
    """Create a list of order numbers that open on a click or Enter."""
    links = QListWidget()
    links.setObjectName(name)
    links.setMaximumWidth(170)
    return links


def fill_links(links: QListWidget, numbers: Sequence[str], empty_text: str) -> None:
    """List ``numbers``, or one disabled line saying there are none."""
    links.clear()
    for number in numbers:
        links.addItem(number)
    if not numbers:
        item = QListWidgetItem(empty_text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        links.addItem(item)


def link_number(item: QListWidgetItem) -> str | None:
    """Return the number an item of a link list shows, or None for the "none" line."""
    if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
        return None
    return item.text()


def boxed(title: str, widget: QWidget) -> QGroupBox:
    """Put ``widget`` in a titled group box."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return box
