"""Time the five lists of the main window on the full year with purchase orders in every state.

Each figure is the time from asking for a list (a new model, a new sort
order or a new filter) to the data of its first row through
``LazyTableModel``, offscreen: the count and the first page, both in SQL.
The receiving queue's first page is also compared with a hand-written
sqlite3 query that returns the same rows.

Usage: ``python benchmarks/bench_lists.py [--runs N] [--db FILE]``
(``--db`` measures a copy of another Tandem database instead of the cached year.)
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.listing import ListQuery, Row, RowSource
from app.persistence.database import Database
from app.services.lists import (
    ApprovalQueueSource,
    ApprovedQueueSource,
    LateQueueSource,
    PurchaseOrderSource,
    ReceivingQueueSource,
    SalesOrderSource,
    ShippingQueueSource,
    UnconfirmedQueueSource,
)
from app.ui.lazy_model import LazyTableModel
from benchmarks.common import (
    Figure,
    configure_logging,
    emit,
    full_year_with_pos_db,
    open_db,
    skip_without_data,
    table_counts,
    time_runs,
    working_copy,
)

SO_FIRST_PAINT_S = 0.050
OTHER_FIRST_PAINT_S = 0.100
SORT_FILTER_S = 0.100
RAW_RATIO_LIMIT = 3.0

RAW_RECEIVING_SQL = """
SELECT po.id, po.number, s.name, po.status,
       min(CASE WHEN l.quantity > l.received THEN l.expected_date END) AS expected,
       coalesce(sum(max(l.quantity - l.received, 0)), 0) AS open_units,
       po.sent_at
FROM purchase_order AS po
JOIN supplier AS s ON s.id = po.supplier_id
LEFT JOIN purchase_order_line AS l ON l.purchase_order_id = po.id
WHERE po.status IN ('sent', 'confirmed', 'partly_received')
GROUP BY po.id
ORDER BY {order}
LIMIT 200
"""
RAW_ORDERS = {
    "": "po.id",
    "expected_date": "expected IS NULL, expected, po.id",
}


@dataclass(frozen=True)
class ListCase:
    """One list to measure, with the filter texts to try on it."""

    name: str
    source: RowSource
    first_paint_s: float
    filters: dict[str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure (default 7)")
    parser.add_argument("--db", type=Path, help="a Tandem database to measure a copy of")
    options = parser.parse_args()
    configure_logging()
    if options.db is None:
        skip_without_data()
    cached = options.db or full_year_with_pos_db()
    application = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="tandem-bench-lists-") as folder:
        db = open_db(working_copy(cached, Path(folder)))
        try:
            figures = measure(db, options.runs)
        finally:
            db.dispose()
    del application
    emit(figures)


def measure(db: Database, runs: int) -> list[Figure]:
    """Measure every list case and the receiving queue against raw SQL."""
    assert db.path is not None
    figures: list[Figure] = []
    for case in _cases(db, _popular_skus(db.path)):
        figures += _measure_list(case, runs)
    figures += _measure_raw_receiving(db, runs)
    figures[0].note = f"{figures[0].note} Data: {_describe(db.path)}."
    return figures


def _describe(path: Path) -> str:
    """Count what the measured database contains, for the notes."""
    counts = table_counts(path, ("sales_order", "sales_order_line", "purchase_order",
                                 "purchase_order_line", "stock_reservation", "shipment"))
    return (f"{counts['sales_order']} sales orders with {counts['sales_order_line']} lines, "
            f"{counts['purchase_order']} purchase orders with "
            f"{counts['purchase_order_line']} lines in every state, "
            f"{counts['stock_reservation']} stock reservations, {counts['shipment']} shipments")


def _cases(db: Database, skus: dict[str, str]) -> list[ListCase]:
    cases = []
    for name, source, first_paint_s in (
        ("sales orders", SalesOrderSource(db), SO_FIRST_PAINT_S),
        ("purchase orders", PurchaseOrderSource(db), OTHER_FIRST_PAINT_S),
        ("approval queue", ApprovalQueueSource(db), OTHER_FIRST_PAINT_S),
        ("to-send queue", ApprovedQueueSource(db), OTHER_FIRST_PAINT_S),
        ("to-confirm queue", UnconfirmedQueueSource(db), OTHER_FIRST_PAINT_S),
        ("late queue", LateQueueSource(db), OTHER_FIRST_PAINT_S),
        ("receiving queue", ReceivingQueueSource(db), OTHER_FIRST_PAINT_S),
        ("shipping queue", ShippingQueueSource(db), OTHER_FIRST_PAINT_S),
    ):
        is_sales = isinstance(source, SalesOrderSource | ShippingQueueSource)
        filters = _row_samples(source, is_sales)
        filters["SKU"] = skus["sales" if is_sales else "purchase"]
        if is_sales:
            filters["one character"] = "2"
        cases.append(ListCase(name, source, first_paint_s, filters))
    return cases


def _row_samples(source: RowSource, is_sales: bool) -> dict[str, str]:
    """Take the number, reference and customer or supplier of the list's middle row."""
    count = source.count(ListQuery())
    if count == 0:
        return {}
    row = source.fetch(ListQuery(), count // 2, 1)[0]
    if is_sales:
        return {"number": str(row.values[0]), "reference": str(row.values[1]),
                "customer": str(row.values[2])}
    return {"number": str(row.values[0]), "supplier": str(row.values[1])}


def _popular_skus(path: Path) -> dict[str, str]:
    """Return the SKU on the most sales order lines and the one on the most PO lines."""
    queries = {
        "sales": "SELECT p.sku FROM sales_order_line l JOIN product p ON p.id = l.product_id "
                 "GROUP BY p.id ORDER BY count(*) DESC LIMIT 1",
        "purchase": "SELECT p.sku FROM purchase_order_line l JOIN product p "
                    "ON p.id = l.product_id GROUP BY p.id ORDER BY count(*) DESC LIMIT 1",
    }
    with sqlite3.connect(path) as connection:
        skus = {key: str((connection.execute(sql).fetchone() or [""])[0])
                for key, sql in queries.items()}
    connection.close()
    return skus


def _first_row(model: LazyTableModel) -> object:
    return model.data(model.index(0, 0))


def _measure_list(case: ListCase, runs: int) -> list[Figure]:
    figures: list[Figure] = []
    model = LazyTableModel(case.source)
    count = model.rowCount()

    def open_list() -> None:
        _first_row(LazyTableModel(case.source))

    figures.append(_figure(f"{case.name}: open, query to first paint ({count} rows)",
                           time_runs(open_list, runs), case.first_paint_s,
                           note="A new model counts the rows and fetches the first page of 200."))

    for column, spec in enumerate(case.source.columns):
        for order, word in ((Qt.SortOrder.AscendingOrder, "up"),
                            (Qt.SortOrder.DescendingOrder, "down")):
            figures.append(_figure(
                f"{case.name}: sort by {spec.key} {word}",
                time_runs(_sorting(model, column, order), runs, setup=lambda: model.sort(-1)),
                SORT_FILTER_S))

    for kind, text in case.filters.items():
        figures.append(_figure(
            f"{case.name}: filter by {kind} '{text}'",
            time_runs(_filtering(model, text), runs,
                      setup=lambda: model.set_query(ListQuery())),
            SORT_FILTER_S,
            note=f"{case.source.count(ListQuery(text=text))} rows match."))

    if count > 1000:
        figures += _measure_deep(case, model, runs)
    return figures


def _measure_deep(case: ListCase, model: LazyTableModel, runs: int) -> list[Figure]:
    """Time the page of the last row, in the natural order and sorted by customer or supplier."""
    figures = []
    party = next(column.key for column in case.source.columns
                 if column.key in ("customer", "supplier"))
    for sort_key in (None, party):
        query = ListQuery(sort_key=sort_key)
        model.set_query(query)
        last = model.rowCount() - 1

        def last_page(model: LazyTableModel = model, last: int = last) -> None:
            model.row_at(last)

        def forget(model: LazyTableModel = model, query: ListQuery = query) -> None:
            model.set_query(replace(query, descending=True))
            model.set_query(query)

        label = "natural order" if sort_key is None else f"sorted by {sort_key}"
        figures.append(_figure(f"{case.name}: page of the last row, {label}",
                               time_runs(last_page, runs, setup=forget), SORT_FILTER_S,
                               note="One page fetched with a large OFFSET, without counting."))
    return figures


def _sorting(model: LazyTableModel, column: int, order: Qt.SortOrder) -> Callable[[], None]:
    def sort() -> None:
        model.sort(column, order)
        _first_row(model)

    return sort


def _filtering(model: LazyTableModel, text: str) -> Callable[[], None]:
    def apply() -> None:
        model.set_query(replace(model.query, text=text))
        _first_row(model)

    return apply


def _figure(name: str, runs: list[float], target_s: float, note: str | None = None) -> Figure:
    return Figure(name=name, runs=runs, target=f"≤ {target_s * 1000:.0f} ms",
                  target_s=target_s, note=note)


def _measure_raw_receiving(db: Database, runs: int) -> list[Figure]:
    """Compare the receiving queue's first page with a hand-written query for the same rows."""
    assert db.path is not None
    source = ReceivingQueueSource(db)
    connection = sqlite3.connect(db.path)
    figures = []
    try:
        for sort_key, order in RAW_ORDERS.items():
            query = ListQuery(sort_key=sort_key or None)
            sql = RAW_RECEIVING_SQL.format(order=order)
            _check_same_rows(source.fetch(query, 0, 200), connection.execute(sql).fetchall())
            ours = time_runs(lambda query=query: source.fetch(query, 0, 200), runs)
            raw = time_runs(lambda sql=sql: connection.execute(sql).fetchall(), runs)
            label = "natural order" if not sort_key else f"sorted by {sort_key}"
            figures.append(Figure(
                name=f"receiving queue: first page of 200, {label}, vs raw SQL",
                runs=ours, target=f"≤ {RAW_RATIO_LIMIT:g}× a hand-written sqlite3 query",
                baseline_name="sqlite3 query", baseline_s=statistics.median(raw),
                baseline_runs=raw, ratio_limit=RAW_RATIO_LIMIT,
                note="Both return the same 200 rows; the source also turns them into "
                     "Row objects with dates, labels and local times."))
    finally:
        connection.close()
    return figures


def _check_same_rows(rows: list[Row], raw: list[tuple[object, ...]]) -> None:
    ours = [(row.id, row.values[0], row.values[1], row.values[4]) for row in rows]
    theirs = [(record[0], record[1], record[2], record[5]) for record in raw]
    if ours != theirs:
        raise SystemExit("The receiving queue and the raw query return different rows.")


if __name__ == "__main__":
    main()
