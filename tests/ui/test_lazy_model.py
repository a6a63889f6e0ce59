"""LazyTableModel over a real SQLite file: counts, SQL sorting and filtering, bounded paging."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.listing import Column, ListQuery, Row
from app.ui.lazy_model import ATTENTION_BACKGROUND, ATTENTION_FOREGROUND, LazyTableModel
from app.ui.roles import RecordIdRole

ORDER_COUNT = 100_000
PAGE_SIZE = 200
MAX_PAGES = 16
STATUSES = ("draft", "open", "on_order", "ready_to_ship", "shipped", "completed")
COLUMNS = (
    Column("number", "Number"),
    Column("customer", "Customer"),
    Column("status", "Status"),
    Column("ordered_on", "Ordered"),
    Column("total", "Total", align="right"),
)
# Position of each column's value in the tuples that _load_orders returns.
_TUPLE_POSITION = {"number": 1, "customer": 2, "status": 3, "ordered_on": 4, "total": 5}
_SQL_COLUMN = {
    "number": "number",
    "customer": "customer",
    "status": "status",
    "ordered_on": "ordered_on",
    "total": "total_cents",
}
_Order = tuple[int, str, str, str, str, int, int]
_Display = Qt.ItemDataRole.DisplayRole


class SqliteOrders:
    """RowSource over an orders table in a SQLite file that records each fetch."""

    def __init__(self, path: Path, columns: Sequence[Column] = COLUMNS) -> None:
        self.columns = columns
        self.fetches: list[tuple[int, int]] = []
        self._connection = sqlite3.connect(path)

    def close(self) -> None:
        self._connection.close()

    def count(self, query: ListQuery) -> int:
        where, parameters = _where(query)
        cursor = self._connection.execute(f"SELECT count(*) FROM orders{where}", parameters)
        total: int = cursor.fetchone()[0]
        return total

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        self.fetches.append((offset, limit))
        where, parameters = _where(query)
        sql = (
            "SELECT id, number, customer, status, ordered_on, total_cents, attention"
            f" FROM orders{where} ORDER BY {_order_by(query)} LIMIT ? OFFSET ?"
        )
        cursor = self._connection.execute(sql, [*parameters, limit, offset])
        return [_row(record) for record in cursor]


def _row(record: _Order) -> Row:
    record_id, number, customer, status, ordered_on, total_cents, attention = record
    total = Decimal(total_cents).scaleb(-2)
    values = (number, customer, status, date.fromisoformat(ordered_on), total)
    return Row(record_id, values, bool(attention))


def _where(query: ListQuery) -> tuple[str, list[object]]:
    clauses: list[str] = []
    parameters: list[object] = []
    if query.text:
        clauses.append("(number LIKE ? OR customer LIKE ?)")
        parameters += [f"%{query.text}%"] * 2
    if query.status is not None:
        clauses.append("status = ?")
        parameters.append(query.status)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def _order_by(query: ListQuery) -> str:
    direction = "DESC" if query.descending else "ASC"
    if query.sort_key is None:
        return f"id {direction}"
    return f"{_SQL_COLUMN[query.sort_key]} {direction}, id {direction}"


def _create_orders(path: Path, count: int) -> None:
    """Write ``count`` orders with shuffled numbers and seeded random values."""
    generator = random.Random(20240531)
    numbers = list(range(1, count + 1))
    generator.shuffle(numbers)
    first_day = date(2024, 1, 1)
    records = [
        (
            record_id,
            f"SO-{numbers[record_id - 1]:06d}",
            f"Customer {generator.randrange(500):03d}",
            generator.choice(STATUSES),
            (first_day + timedelta(days=generator.randrange(366))).isoformat(),
            generator.randrange(1_000_000),
            int(record_id == 1 or generator.random() < 0.05),
        )
        for record_id in range(1, count + 1)
    ]
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, number TEXT NOT NULL,"
            " customer TEXT NOT NULL, status TEXT NOT NULL, ordered_on TEXT NOT NULL,"
            " total_cents INTEGER NOT NULL, attention INTEGER NOT NULL)"
        )
        connection.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)", records)
    connection.close()


def _load_orders(path: Path) -> list[_Order]:
    with sqlite3.connect(path) as connection:
        orders = list(connection.execute("SELECT * FROM orders"))
    connection.close()
    return orders


def _execute(path: Path, sql: str, parameters: Sequence[object] = ()) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(sql, parameters)
    connection.close()


@pytest.fixture(scope="module")
def orders_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("orders") / "orders.sqlite"
    _create_orders(path, ORDER_COUNT)
    return path


@pytest.fixture(scope="module")
def all_orders(orders_path: Path) -> list[_Order]:
    return _load_orders(orders_path)


@pytest.fixture
def source(orders_path: Path) -> Iterator[SqliteOrders]:
    orders = SqliteOrders(orders_path)
    yield orders
    orders.close()


@pytest.fixture
def small_path(tmp_path: Path) -> Path:
    path = tmp_path / "small.sqlite"
    _create_orders(path, 1_000)
    return path


@pytest.fixture
def small_source(small_path: Path) -> Iterator[SqliteOrders]:
    orders = SqliteOrders(small_path)
    yield orders
    orders.close()


def _model(source: SqliteOrders) -> LazyTableModel:
    return LazyTableModel(source, page_size=PAGE_SIZE, max_pages=MAX_PAGES)


def _ids(model: LazyTableModel, rows: Sequence[int]) -> list[int]:
    return [model.record_id(row) for row in rows]


def _show(qtbot: QtBot, model: LazyTableModel) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_model_passes_modeltester(
    qtmodeltester: ModelTester, small_source: SqliteOrders, small_path: Path
) -> None:
    model = LazyTableModel(small_source, page_size=50, max_pages=4)
    qtmodeltester.check(model)

    model.sort(4, Qt.SortOrder.DescendingOrder)
    model.set_query(ListQuery(text="Customer 01"))
    # Deleting the first row shifts every row up, so stale pages would show.
    _execute(small_path, "DELETE FROM orders WHERE id = ?", [model.record_id(0)])
    model.refresh()
    _execute(small_path, "INSERT INTO orders SELECT id + 5000, number || 'X', customer,"
             " status, ordered_on, total_cents + 1, attention FROM orders")
    model.refresh()
    model.sort(-1)

    assert model.rowCount() == small_source.count(model.query)


def test_row_count_equals_sql_count(source: SqliteOrders, orders_path: Path) -> None:
    model = _model(source)

    with sqlite3.connect(orders_path) as connection:
        (expected,) = connection.execute("SELECT count(*) FROM orders").fetchone()
    connection.close()
    assert model.rowCount() == expected
    assert model.rowCount() == ORDER_COUNT


@pytest.mark.parametrize("column", range(len(COLUMNS)), ids=[c.key for c in COLUMNS])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sort_matches_sql_order(
    source: SqliteOrders, all_orders: list[_Order], column: int, order: Qt.SortOrder
) -> None:
    model = _model(source)
    position = _TUPLE_POSITION[COLUMNS[column].key]
    descending = order == Qt.SortOrder.DescendingOrder
    expected = sorted(all_orders, key=lambda o: (o[position], o[0]), reverse=descending)
    expected_ids = [o[0] for o in expected]

    model.sort(column, order)

    assert model.query.sort_key == COLUMNS[column].key
    assert _ids(model, range(5)) == expected_ids[:5]
    assert _ids(model, range(ORDER_COUNT - 5, ORDER_COUNT)) == expected_ids[-5:]


def test_sort_minus_one_restores_id_order(source: SqliteOrders) -> None:
    model = _model(source)
    model.sort(1, Qt.SortOrder.DescendingOrder)

    model.sort(-1)

    assert model.query.sort_key is None
    assert _ids(model, range(3)) == [1, 2, 3]


def test_sort_unsortable_column_ignored(orders_path: Path) -> None:
    columns = [replace(c, sortable=c.key != "status") for c in COLUMNS]
    orders = SqliteOrders(orders_path, columns)
    model = _model(orders)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    model.sort(2, Qt.SortOrder.AscendingOrder)
    orders.close()

    assert model.query.sort_key is None
    assert resets == []


def test_filter_text_reduces_count(source: SqliteOrders, all_orders: list[_Order]) -> None:
    model = _model(source)
    expected = sum(1 for o in all_orders if "Customer 042" in o[2])

    model.set_query(ListQuery(text="Customer 042"))

    assert 0 < model.rowCount() < ORDER_COUNT
    assert model.rowCount() == expected
    assert model.data(model.index(0, 1), _Display) == "Customer 042"


def test_filter_status_counts_in_sql(source: SqliteOrders, all_orders: list[_Order]) -> None:
    model = _model(source)
    expected = sum(1 for o in all_orders if o[3] == "shipped")

    model.set_query(ListQuery(status="shipped"))

    assert model.rowCount() == expected
    assert {model.data(model.index(row, 2), _Display) for row in range(50)} == {"shipped"}


def test_view_opens_with_one_page(qtbot: QtBot, source: SqliteOrders) -> None:
    model = _model(source)

    view = _show(qtbot, model)
    view.grab()

    assert source.fetches == [(0, PAGE_SIZE)]


def test_scroll_fetches_bounded_pages(qtbot: QtBot, source: SqliteOrders) -> None:
    model = _model(source)
    view = _show(qtbot, model)
    scroll_bar = view.verticalScrollBar()
    steps = 100
    source.fetches.clear()

    view.scrollToBottom()
    view.grab()
    bottom_fetches = len(source.fetches)
    for step in range(steps + 1):
        scroll_bar.setValue(scroll_bar.maximum() * step // steps)
        view.grab()

    assert bottom_fetches <= 2
    assert len(source.fetches) <= 2 * (steps + 1) + bottom_fetches
    assert model.cached_page_count <= MAX_PAGES
    last_visible = view.rowAt(view.viewport().height() - 1)
    assert last_visible in (-1, ORDER_COUNT - 1)
    assert view.rowAt(0) > ORDER_COUNT - 100


def test_record_id_role_returns_id(source: SqliteOrders, orders_path: Path) -> None:
    model = _model(source)

    with sqlite3.connect(orders_path) as connection:
        for row in (0, 12_345, ORDER_COUNT - 1):
            (expected,) = connection.execute(
                "SELECT id FROM orders ORDER BY id LIMIT 1 OFFSET ?", (row,)
            ).fetchone()
            for column in range(len(COLUMNS)):
                assert model.data(model.index(row, column), RecordIdRole) == expected
            assert model.record_id(row) == expected
    connection.close()


def test_record_id_outside_list_raises(source: SqliteOrders) -> None:
    model = _model(source)

    with pytest.raises(IndexError, match="Row 100000 is not in the list"):
        model.record_id(ORDER_COUNT)


def test_page_cache_bounded_after_all_rows(source: SqliteOrders) -> None:
    model = _model(source)

    for row in range(ORDER_COUNT):
        model.data(model.index(row, 0), _Display)

    assert len(source.fetches) == ORDER_COUNT // PAGE_SIZE
    assert model.cached_page_count == MAX_PAGES


def test_display_formats_values(small_source: SqliteOrders, small_path: Path) -> None:
    model = _model(small_source)
    _execute(small_path, "UPDATE orders SET total_cents = 123450, ordered_on = '2024-02-29'"
             " WHERE id = 1")
    number, customer = _load_orders(small_path)[0][1:3]

    texts = [model.data(model.index(0, column), _Display) for column in range(len(COLUMNS))]

    assert texts == [number, customer, texts[2], "2024-02-29", "1234.50"]
    assert texts[2] in STATUSES


def test_alignment_follows_column(small_source: SqliteOrders) -> None:
    model = _model(small_source)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    assert model.data(model.index(0, 4), Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == left
    header = model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
    assert header == Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


def test_header_shows_titles(small_source: SqliteOrders) -> None:
    model = _model(small_source)

    titles = [model.headerData(c, Qt.Orientation.Horizontal, _Display) for c in range(5)]

    assert titles == [c.title for c in COLUMNS]
    assert model.headerData(5, Qt.Orientation.Horizontal, _Display) is None


def test_attention_rows_highlighted(small_source: SqliteOrders, small_path: Path) -> None:
    model = _model(small_source)
    attention = {o[0] for o in _load_orders(small_path) if o[6]}
    plain_row = next(row for row in range(1_000) if model.record_id(row) not in attention)
    background, foreground = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole

    assert model.record_id(0) in attention
    assert model.data(model.index(0, 0), background) == ATTENTION_BACKGROUND
    assert model.data(model.index(0, 0), foreground) == ATTENTION_FOREGROUND
    assert model.data(model.index(plain_row, 0), background) is None
    assert model.data(model.index(plain_row, 0), foreground) is None


def test_unhandled_role_returns_none(small_source: SqliteOrders) -> None:
    model = _model(small_source)

    assert model.data(model.index(0, 0), Qt.ItemDataRole.WhatsThisRole) is None
    assert small_source.fetches == []


def test_short_cell_has_no_tooltip(small_source: SqliteOrders) -> None:
    model = _model(small_source)

    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None


def test_refresh_same_count_keeps_selection(
    qtbot: QtBot, small_source: SqliteOrders, small_path: Path
) -> None:
    model = _model(small_source)
    view = _show(qtbot, model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.selectRow(5)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    _execute(small_path, "UPDATE orders SET customer = 'Renamed Ltd' WHERE id = 6")

    with qtbot.waitSignal(model.dataChanged, timeout=1_000):
        model.refresh()

    assert resets == []
    assert [index.row() for index in view.selectionModel().selectedRows()] == [5]
    assert model.data(model.index(5, 1), _Display) == "Renamed Ltd"


def test_refresh_after_delete_removes_rows(
    qtbot: QtBot, small_source: SqliteOrders, small_path: Path
) -> None:
    model = _model(small_source)
    _execute(small_path, "DELETE FROM orders WHERE id > 990")

    with qtbot.waitSignal(model.rowsRemoved, timeout=1_000) as removed:
        model.refresh()

    assert model.rowCount() == 990
    assert removed.args is not None
    assert removed.args[1:] == [990, 999]


def test_refresh_after_insert_adds_rows(
    qtbot: QtBot, small_source: SqliteOrders, small_path: Path
) -> None:
    model = _model(small_source)
    _execute(small_path, "INSERT INTO orders VALUES (5000, 'SO-999999', 'New Customer',"
             " 'open', '2024-12-31', 100, 0)")

    with qtbot.waitSignal(model.rowsInserted, timeout=1_000):
        model.refresh()

    assert model.rowCount() == 1_001
    assert model.record_id(1_000) == 5000


def test_set_query_same_query_keeps_cache(small_source: SqliteOrders) -> None:
    model = _model(small_source)
    model.data(model.index(0, 0), _Display)

    model.set_query(ListQuery())
    model.data(model.index(0, 0), _Display)

    assert small_source.fetches == [(0, PAGE_SIZE)]


@pytest.mark.parametrize(("page_size", "max_pages"), [(0, 4), (200, 0)])
def test_invalid_cache_size_raises(
    small_source: SqliteOrders, page_size: int, max_pages: int
) -> None:
    with pytest.raises(ValueError, match="Invalid page cache size"):
        LazyTableModel(small_source, page_size=page_size, max_pages=max_pages)
