"""Time the whole-year import and its peak memory against raw sqlite3 inserts of the same rows.

Each run imports suppliers, catalog, stock and orders through
``app.services.imports`` into a fresh, migrated SQLite file, in a child
process of its own, so that its max RSS is the import's alone. The baseline
inserts the rows that import stored (every table it fills, read back from the
last imported file) with ``sqlite3.executemany`` into a fresh file with the
same schema and connection settings, in one transaction.

Usage: ``python benchmarks/bench_import.py [--lines N] [--runs N]``
(``--lines`` imports only the first N order lines, for a quick check.)
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    Figure,
    configure_logging,
    emit,
    import_year,
    new_database,
    peak_rss_mb_of,
    skip_without_data,
    slice_orders,
    table_counts,
    time_call,
)

RATIO_LIMIT = 2.5
MEMORY_LIMIT_MB = 300.0
# Tables the import fills; users and settings exist before it in both runs.
IMPORTED_TABLES = ("supplier", "product", "catalog_entry", "customer", "sales_order",
                   "sales_order_line", "stock_reservation", "attention_reason", "audit_event")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, help="import only the first N order lines")
    parser.add_argument("--runs", type=int, default=5, help="imports to time (default 5)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "ORDERS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    configure_logging()
    if options.child:
        _import_in_child(Path(options.child[0]), Path(options.child[1]))
        return

    skip_without_data()
    with tempfile.TemporaryDirectory(prefix="tandem-bench-import-") as folder:
        emit(_measure(Path(folder), options.lines, options.runs))


def _import_in_child(path: Path, orders: Path) -> None:
    db = new_database(path)
    try:
        steps = import_year(db, orders)
    finally:
        db.dispose()
    print(json.dumps({"seconds": sum(steps.values()), "steps": steps}))


def _measure(folder: Path, lines: int | None, runs: int) -> list[Figure]:
    orders = slice_orders(lines, folder)
    seconds: list[float] = []
    memory: list[float] = []
    steps: list[dict[str, float]] = []
    imported = folder / "imported.sqlite"
    for run in range(runs):
        code, peak_mb, stdout, stderr = peak_rss_mb_of(
            [sys.executable, __file__, "--child", str(imported), str(orders)])
        if code != 0:
            sys.stderr.write(stderr)
            raise SystemExit(f"Import run {run + 1} failed with exit code {code}.")
        result = json.loads(stdout.strip().splitlines()[-1])
        seconds.append(result["seconds"])
        steps.append(result["steps"])
        memory.append(peak_mb)
        print(f"run {run + 1}: {result['seconds']:.2f} s, {peak_mb:.0f} MB", file=sys.stderr)

    counts = table_counts(imported, IMPORTED_TABLES)
    rows = _read_rows(imported)
    baseline = [_raw_insert(folder / f"raw-{run}.sqlite", rows) for run in range(runs)]
    scope = "full year" if lines is None else f"first {lines} order lines"
    step_medians = ", ".join(f"{name} {statistics.median(run[name] for run in steps):.2f} s"
                             for name in steps[0])
    return [
        Figure(
            name=f"import, {scope}: suppliers, catalog, stock, orders",
            runs=seconds,
            target=f"≤ {RATIO_LIMIT:g}× raw sqlite3 executemany of the same rows",
            baseline_name="sqlite3 executemany",
            baseline_s=statistics.median(baseline),
            baseline_runs=baseline,
            ratio_limit=RATIO_LIMIT,
            note=(f"Stored {counts['sales_order']} orders, {counts['sales_order_line']} lines, "
                  f"{counts['customer']} customers, {counts['product']} products, "
                  f"{counts['stock_reservation']} stock reservations. Per step: "
                  f"{step_medians}. The import also reads and checks the CSV files, which "
                  "the baseline does not."),
        ),
        Figure(
            name=f"import, {scope}: peak memory (max RSS of the importing process)",
            runs=memory,
            target=f"≤ {MEMORY_LIMIT_MB:g} MB",
            target_s=MEMORY_LIMIT_MB,
            unit="MB",
            note="Includes the Python interpreter, SQLAlchemy and the application's modules.",
        ),
    ]


def _read_rows(path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Read every row of the imported tables, in id order, with their column names."""
    rows: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}
    with sqlite3.connect(path) as connection:
        for table in IMPORTED_TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY 1")
            columns = [description[0] for description in cursor.description]
            rows[table] = (columns, cursor.fetchall())
    connection.close()
    return rows


def _raw_insert(path: Path, rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]
                ) -> float:
    """Insert ``rows`` into a fresh migrated file with executemany; return the seconds taken."""
    new_database(path).dispose()
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL"):
        connection.execute(f"PRAGMA {pragma}")
    # Adding the starter users wrote audit events, which the rows read back contain too.
    connection.execute("DELETE FROM audit_event")

    def insert() -> None:
        connection.execute("BEGIN IMMEDIATE")
        for table, (columns, values) in rows.items():
            marks = ", ".join("?" for _ in columns)
            connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
        connection.execute("COMMIT")

    try:
        return time_call(insert)
    finally:
        connection.close()


if __name__ == "__main__":
    main()
