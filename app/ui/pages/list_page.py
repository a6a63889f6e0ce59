"""A page of the main window: filter, status choice, a lazily fetched table and its actions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.listing import ListQuery, RowSource
from app.domain.numbers import format_number
from app.ui.lazy_model import LazyTableModel
from app.ui.widgets.record_table import compact_rows
from app.ui.workstation import Workstation

# Pause after the last key press in the filter before the list is fetched again.
FILTER_DELAY_MS: Final = 250
# Rows whose text sizes the columns: one page at most, so sizing fetches no more.
_SIZING_ROWS: Final = 100
# Pixels added to each column's fitted width, and the width of a header's sort arrow.
_EXTRA_COLUMN_WIDTH: Final = 16
_SORT_ARROW_WIDTH: Final = 14


@dataclass(frozen=True)
class StatusChoice:
    """One entry of a page's status combo: its label and the query parts it sets."""

    label: str
    status: str | None = None
    extra: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PageSetup:
    """Source, record prefix and defaults of one list page.

    ``prefix`` turns a row's record id into the number the services take
    (SO or PO). ``sort_key`` and ``descending`` give the first order, and
    ``stretch_key`` names the column that takes the width left over. With
    ``multi_select`` several rows can be selected (Shift and Ctrl click,
    Ctrl+A); single-record actions then act on the current row.
    """

    source: RowSource
    prefix: str
    filter_hint: str
    sort_key: str
    descending: bool = False
    stretch_key: str = ""
    statuses: Sequence[StatusChoice] = ()
    multi_select: bool = False


class ListPage(QWidget):
    """A list of records with a text filter (Ctrl+F), an optional status combo and actions.

    Actions are QActions added with :meth:`add_action`. They show on the
    page's toolbar and in the window's Actions menu, and their shortcuts work
    while the page is visible. The main action, which Enter and a double-click
    trigger, is set with :meth:`set_open_action`.
    """

    def __init__(self, workstation: Workstation, setup: PageSetup,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workstation = workstation
        self._setup = setup
        self._actions: list[QAction] = []
        self._selection_actions: list[QAction] = []
        self._open_action: QAction | None = None
        self._columns_fitted = False
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(setup.filter_hint)
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for choice in setup.statuses:
            self.status_combo.addItem(choice.label)
        self.status_combo.setVisible(bool(setup.statuses))
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("pageToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.model = LazyTableModel(setup.source, self._first_query(), parent=self)
        self.view = self._make_view()
        self._lay_out()

        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self._filter_and_go_to_list)
        self.status_combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.model.modelReset.connect(self.update_actions)

    def _first_query(self) -> ListQuery:
        return ListQuery(sort_key=self._setup.sort_key, descending=self._setup.descending)

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("listView")
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection
                              if self._setup.multi_select
                              else QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().setVisible(False)
        compact_rows(view)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(_SIZING_ROWS)
        keys = [column.key for column in self._setup.source.columns]
        order = (Qt.SortOrder.DescendingOrder if self._setup.descending
                 else Qt.SortOrder.AscendingOrder)
        header.setSortIndicator(keys.index(self._setup.sort_key), order)
        view.setSortingEnabled(True)
        view.doubleClicked.connect(self._open_clicked)
        # Enter reaches the view only when the open action is disabled and so took no shortcut.
        view.activated.connect(self._explain_disabled)
        return view

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        find_label = QLabel(self.tr("&Find:"))
        find_label.setBuddy(self.filter_edit)
        filters.addWidget(find_label)
        filters.addWidget(self.filter_edit, 3)
        if self._setup.statuses:
            status_label = QLabel(self.tr("S&tatus:"))
            status_label.setBuddy(self.status_combo)
            filters.addWidget(status_label)
            filters.addWidget(self.status_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

    def add_filter_widget(self, widget: QWidget) -> None:
        """Put an extra widget (a scan field) on the line above the list."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, widget)

    def add_action(self, action: QAction, needs_record: bool = True) -> QAction:
        """Show ``action`` on the toolbar and enable its shortcut while the page is visible.

        An action with ``needs_record`` is enabled only while a row is selected.
        """
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)
        self.toolbar.addAction(action)
        self._actions.append(action)
        if needs_record:
            self._selection_actions.append(action)
        self.update_actions()
        return action

    def set_open_action(self, action: QAction) -> None:
        """Make ``action`` the one Enter (in the list) and a double-click trigger."""
        action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter),
                             *action.shortcuts()])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(action)
        self.toolbar.addAction(action)
        self._actions.append(action)
        self._selection_actions.append(action)
        self._open_action = action
        self.update_actions()

    @property
    def page_actions(self) -> list[QAction]:
        """The page's actions, in toolbar order, for the window's Actions menu."""
        return list(self._actions)

    def add_separator(self) -> None:
        self.toolbar.addSeparator()

    def column_index(self, key: str) -> int:
        """Return the position of the column whose :attr:`Column.key` is ``key``."""
        return [column.key for column in self._setup.source.columns].index(key)

    def total_count(self) -> int:
        """Count every record of the page's list, whatever the filter."""
        return self._setup.source.count(ListQuery())

    def current_row(self) -> int | None:
        """Return the current row if it is selected, else the first selected row, or None."""
        selection = self.view.selectionModel()
        rows = sorted(index.row() for index in selection.selectedRows())
        if not rows:
            return None
        current = selection.currentIndex()
        if current.isValid() and current.row() in rows:
            return current.row()
        return rows[0]

    def selected_numbers(self) -> list[str]:
        """Return the numbers of every selected record, in list order."""
        numbers = []
        for index in sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row()):
            try:
                record_id = self.model.record_id(index.row())
            except IndexError:
                continue
            numbers.append(format_number(self._setup.prefix, record_id))
        return numbers

    def current_id(self) -> int | None:
        """Return the database id of the selected record, or None."""
        row = self.current_row()
        if row is None:
            return None
        try:
            return self.model.record_id(row)
        except IndexError:
            return None

    def current_number(self) -> str | None:
        """Return the number (SO-000123, PO-000045) of the selected record, or None."""
        record_id = self.current_id()
        return None if record_id is None else format_number(self._setup.prefix, record_id)

    def select_row(self, row: int) -> None:
        """Select ``row``, or the last row when the list got shorter; nothing when empty."""
        count = self.model.rowCount()
        if count == 0:
            return
        row = max(0, min(row, count - 1))
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(self.model.index(row, 0))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def focus_list(self) -> None:
        """Give the list the focus and select its first row when none is selected."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_row() is None:
            self.select_row(0)

    def apply_filter(self) -> None:
        """Fetch the list again with the text and status the user set."""
        self._filter_timer.stop()
        query = replace(self.model.query, text=self.filter_edit.text().strip(),
                        status=None, extra={})
        index = self.status_combo.currentIndex()
        if 0 <= index < len(self._setup.statuses):
            choice = self._setup.statuses[index]
            query = replace(query, status=choice.status, extra=dict(choice.extra))
        self.model.set_query(query)
        self._fit_columns()

    def refresh(self) -> None:
        """Count and fetch the list again after data changed; the selected row stays."""
        row = self.current_row()
        self.model.refresh()
        self._fit_columns()
        if row is not None:
            self.select_row(row)
        self.update_actions()

    def update_actions(self) -> None:
        selected = self.current_row() is not None
        for action in self._selection_actions:
            action.setEnabled(selected)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_columns()
        super().showEvent(event)

    def _fit_columns(self) -> None:
        """Size columns to the first rows' text once the list has rows; the user may resize."""
        if self._columns_fitted or self.model.rowCount() == 0:
            return
        self._columns_fitted = True
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        keys = [column.key for column in self._setup.source.columns]
        for column in range(len(keys)):
            # Room for the sort arrow, which the header's size hint leaves out.
            width = max(self.view.columnWidth(column),
                        header.sectionSizeHint(column) + _SORT_ARROW_WIDTH)
            self.view.setColumnWidth(column, width + _EXTRA_COLUMN_WIDTH)
        if self._setup.stretch_key in keys:
            header.setSectionResizeMode(keys.index(self._setup.stretch_key),
                                        QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)

    def _filter_and_go_to_list(self) -> None:
        self.apply_filter()
        self.focus_list()

    def _open_clicked(self, index: QModelIndex) -> None:
        action = self._open_action
        if index.isValid() and action is not None and action.isEnabled():
            action.trigger()

    def _explain_disabled(self, index: QModelIndex) -> None:
        # A role that may not take the open action learns why, instead of nothing happening.
        action = self._open_action
        if action is None or action.isEnabled() or not index.isValid():
            return
        if action.statusTip():
            self.workstation.show_message(action.statusTip())
