"""ImportSummary: counting, examples, JSON and text."""

from __future__ import annotations

import json

from app.importers import ImportSummary
from app.importers import categories as c


def test_add_counts_and_keeps_examples():
    summary = ImportSummary()

    summary.add(c.LINES_READ, count=7)
    summary.add(c.CANCELLATION_LINES, "row 143: order C536379, 1 line")
    summary.add(c.CANCELLATION_LINES, "row 156: order C536383, 2 lines", count=2)

    assert summary.counts == {c.LINES_READ: 7, c.CANCELLATION_LINES: 3}
    assert summary.examples == {
        c.CANCELLATION_LINES: ["row 143: order C536379, 1 line", "row 156: order C536383, 2 lines"]
    }


def test_examples_capped_at_five():
    summary = ImportSummary()

    for row in range(2, 12):
        summary.add(c.NO_PRICE_LINES, f"row {row}")

    assert summary.count(c.NO_PRICE_LINES) == 10
    assert summary.examples[c.NO_PRICE_LINES] == ["row 2", "row 3", "row 4", "row 5", "row 6"]


def test_count_of_absent_category_zero():
    assert ImportSummary().count(c.BLANK_ROWS) == 0


def test_to_dict_is_json_in_display_order():
    summary = ImportSummary()
    summary.add("custom category")
    summary.add(c.LINES_IMPORTED, count=2)
    summary.add(c.ORDERS_READ, "row 2: order 536365, 2 lines")

    data = json.loads(json.dumps(summary.to_dict()))

    assert list(data["counts"]) == [c.ORDERS_READ, c.LINES_IMPORTED, "custom category"]
    assert data["examples"] == {c.ORDERS_READ: ["row 2: order 536365, 2 lines"]}


def test_format_text_one_line_per_category():
    summary = ImportSummary()
    summary.add(c.LINES_READ, count=541909)
    summary.add(c.CANCELLATION_LINES, "row 143: order C536379, 1 line")
    summary.add(c.CANCELLATION_LINES, "row 156: order C536383, 1 line")

    assert summary.format_text().splitlines() == [
        "lines read: 541,909",
        "lines of cancellation invoices: 2 (for example row 143: order C536379, 1 line; "
        "row 156: order C536383, 1 line)",
    ]
