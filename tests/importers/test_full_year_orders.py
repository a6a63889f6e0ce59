"""The full year of real Online Retail orders, when the shared data folder is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importers import ImportSummary, read_online_retail_orders
from app.importers import categories as c

ORDERS_FILE = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "online-retail"
    / "orders-2010-12-to-2011-12.csv.gz"
)


@pytest.mark.slow
@pytest.mark.skipif(not ORDERS_FILE.exists(), reason="the Online Retail data folder is absent")
def test_full_year_totals():
    summary = ImportSummary()

    orders = read_online_retail_orders(ORDERS_FILE, summary)
    imported_lines = sum(len(order.lines) for order in orders)

    # Figures published with the data set.
    assert summary.count(c.LINES_READ) == 541_909
    assert summary.count(c.ORDERS_READ) == 25_900
    assert summary.count(c.CANCELLATION_LINES) == 9_288
    # Every line and every order has exactly one outcome.
    assert imported_lines == summary.count(c.LINES_IMPORTED)
    assert sum(summary.count(category) for category in c.LINE_OUTCOMES) == 541_909
    assert summary.count(c.ORDERS_IMPORTED) + summary.count(c.ORDERS_LEFT_OUT) == 25_900
    # The file is clean enough that no order is left out for an unreadable row.
    assert summary.count(c.LINES_OF_INVALID_ORDERS) == 0
    assert summary.count(c.SPLIT_ORDERS) == 1
    assert summary.examples[c.SPLIT_ORDERS] == ["order 542806, parts starting in rows 78088, 78094"]
