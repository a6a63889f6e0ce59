"""Reading and writing Tandem order files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.importers import (
    ImportFormatError,
    ImportSummary,
    OrderLineRecord,
    OrderRecord,
    read_tandem_orders,
    write_tandem_orders,
)
from app.importers import categories as c

HEADER = [
    "reference",
    "order_date",
    "customer_code",
    "customer_name",
    "country",
    "sku",
    "description",
    "quantity",
    "unit_price",
    "promised_date",
]


def row(reference: str = "WEB-1001", sku: str = "85123A", **changes: str) -> list[str]:
    """Return one valid Tandem row, with ``changes`` by column name."""
    values = dict(
        zip(
            HEADER,
            [
                reference,
                "2024-03-05 14:30",
                "K-0042",
                "Café Lumière",
                "France",
                sku,
                "WHITE HANGING HEART T-LIGHT HOLDER",
                "12",
                "2.55",
                "2024-03-20",
            ],
            strict=True,
        )
    )
    values.update(changes)
    return list(values.values())


def read(path: Path) -> tuple[list[OrderRecord], ImportSummary]:
    summary = ImportSummary()
    orders = list(read_tandem_orders(path, summary))
    return orders, summary


def test_round_trip_keeps_orders(tmp_path):
    orders = [
        OrderRecord(
            reference="WEB-1001",
            order_date=datetime(2024, 3, 5, 14, 30),
            customer_code="K-0042",
            customer_name="Café Lumière, Lyon",
            country="France",
            lines=[
                OrderLineRecord("85123A", 'HEART "T-LIGHT" HOLDER', 12, Decimal("2.55"), 2),
                OrderLineRecord("22423", "REGENCY CAKESTAND 3 TIER", 1, Decimal("10.95"), 3),
            ],
            promised_date=date(2024, 3, 20),
        ),
        OrderRecord(
            reference="WEB-1002",
            order_date=datetime(2024, 3, 6),
            customer_code="K-0007",
            customer_name="Harbour Gifts",
            country="United Kingdom",
            lines=[OrderLineRecord("22960", "JAM MAKING SET WITH JARS", 6, Decimal("0"), 4)],
        ),
    ]
    path = tmp_path / "orders.csv"

    written = write_tandem_orders(path, orders)
    read_back, summary = read(path)

    assert written == 3
    assert read_back == orders
    assert summary.count(c.LINES_IMPORTED) == 3


def test_promised_date_column_optional(write_csv):
    path = write_csv("orders.csv", HEADER[:-1], [row()[:-1]])

    orders, _summary = read(path)

    assert orders[0].promised_date is None


def test_columns_in_any_order(write_csv):
    header = list(reversed(HEADER))
    path = write_csv("orders.csv", header, [list(reversed(row()))])

    orders, _summary = read(path)

    assert orders[0].reference == "WEB-1001"
    assert orders[0].lines[0].quantity == 12


def test_date_without_time_is_midnight(write_csv):
    path = write_csv("orders.csv", HEADER, [row(order_date="2024-03-05")])

    orders, _summary = read(path)

    assert orders[0].order_date == datetime(2024, 3, 5)


def test_equal_dates_written_differently_agree(write_csv):
    rows = [row(order_date="2024-03-05"), row(sku="22423", order_date="2024-03-05 00:00:00")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert len(orders[0].lines) == 2
    assert summary.count(c.LINES_OF_CONFLICTING_ORDERS) == 0


def test_empty_customer_name_uses_code(write_csv):
    path = write_csv("orders.csv", HEADER, [row(customer_name="")])

    orders, summary = read(path)

    assert orders[0].customer_name == "Customer K-0042"
    assert summary.count(c.UNNAMED_CUSTOMER_ORDERS) == 1


# Rows that leave the whole order out: (second row, line category, example).
WHOLE_ORDER_CASES = {
    "quantity zero": (
        row(sku="22423", quantity="0"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, quantity '0' is not a whole number of at least 1",
    ),
    "negative quantity": (
        row(sku="22423", quantity="-2"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, quantity '-2' is not a whole number of at least 1",
    ),
    "fractional quantity": (
        row(sku="22423", quantity="1.5"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, quantity '1.5' is not a whole number",
    ),
    "negative price": (
        row(sku="22423", unit_price="-1.00"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, unit_price '-1.00' is not an amount of 0 or more",
    ),
    "missing sku": (
        row(sku=""),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, sku is missing",
    ),
    "bad order date": (
        row(sku="22423", order_date="05/03/2024"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, order_date '05/03/2024' is not a date and time",
    ),
    "order date with time zone": (
        row(sku="22423", order_date="2024-03-05 14:30+01:00"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, order_date '2024-03-05 14:30+01:00' is not a date and time",
    ),
    "promised before ordered": (
        row(sku="22423", promised_date="2024-03-01"),
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order WEB-1001, promised_date '2024-03-01' is not on or after the order date",
    ),
    "other customer": (
        row(sku="22423", customer_code="K-0043"),
        c.LINES_OF_CONFLICTING_ORDERS,
        "row 3: order WEB-1001, customer_code 'K-0043' differs from 'K-0042' in row 2",
    ),
    "other promised date": (
        row(sku="22423", promised_date="2024-03-21"),
        c.LINES_OF_CONFLICTING_ORDERS,
        "row 3: order WEB-1001, promised_date '2024-03-21' differs from '2024-03-20' in row 2",
    ),
}


@pytest.mark.parametrize("case", WHOLE_ORDER_CASES)
def test_invalid_row_leaves_order_out(write_csv, case):
    second_row, category, example = WHOLE_ORDER_CASES[case]
    path = write_csv("orders.csv", HEADER, [row(), second_row, row("WEB-1002")])

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["WEB-1002"]
    assert summary.count(category) == 2
    assert summary.examples[category][0].startswith(example)
    assert summary.count(c.ORDERS_LEFT_OUT) == 1


def test_order_without_customer_left_out(write_csv):
    rows = [row(customer_code="", customer_name=""), row("WEB-1002")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["WEB-1002"]
    assert summary.examples[c.LINES_WITHOUT_CUSTOMER] == ["row 2: order WEB-1001, 1 line"]


def test_repeated_reference_joined(write_csv):
    rows = [row(), row("WEB-1002"), row(sku="22423")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["WEB-1002", "WEB-1001"]
    assert [line.source_row for line in orders[1].lines] == [2, 4]
    assert summary.count(c.SPLIT_ORDERS) == 1


def test_unknown_column_rejected(write_csv):
    path = write_csv("orders.csv", [*HEADER, "discount"], [[*row(), "5%"]])

    with pytest.raises(ImportFormatError, match="unexpected discount"):
        read_tandem_orders(path, ImportSummary())


def test_missing_column_rejected(write_csv):
    header = [name for name in HEADER if name != "unit_price"]
    path = write_csv("orders.csv", header, [])

    with pytest.raises(ImportFormatError, match="missing unit_price"):
        read_tandem_orders(path, ImportSummary())


TERMS_HEADER = [*HEADER, "discount_percent", "terms"]


def terms_row(reference: str = "WEB-1001", sku: str = "85123A", discount: str = "",
              terms: str = "30 days net") -> list[str]:
    """Return a valid row with the discount and terms columns after the others."""
    return [*row(reference, sku), discount, terms]


def test_discount_and_terms_read(write_csv):
    rows = [terms_row(discount="10"), terms_row(sku="22423", discount="12.5 %"),
            terms_row(sku="22960")]
    path = write_csv("orders.csv", TERMS_HEADER, rows)

    orders, _summary = read(path)

    assert orders[0].terms == "30 days net"
    assert [line.discount_percent for line in orders[0].lines] == [
        Decimal("10"), Decimal("12.5"), Decimal("0")]


def test_round_trip_keeps_discount_and_terms(tmp_path):
    line = OrderLineRecord("85123A", "HEART", 12, Decimal("2.55"), 2, Decimal("7.50"))
    order = OrderRecord("WEB-1", datetime(2024, 3, 5), "K-1", "Kay", "France", [line],
                        terms="50 % deposit")
    path = tmp_path / "orders.csv"

    write_tandem_orders(path, [order])
    read_back, _summary = read(path)

    assert read_back == [order]


@pytest.mark.parametrize(("discount", "problem"), [
    ("-5", "discount_percent '-5' is not a percent from 0 to 100, such as 12.50"),
    ("100.5", "discount_percent '100.5' is not a percent from 0 to 100"),
    ("12,5", "discount_percent '12,5' is not a percent with a dot before the decimals"),
    ("12.345", "discount_percent '12.345' is not a percent with at most two decimals"),
    ("ten", "discount_percent 'ten' is not a percent from 0 to 100"),
])
def test_invalid_discount_leaves_order_out(write_csv, discount, problem):
    rows = [terms_row(), terms_row(sku="22423", discount=discount), terms_row("WEB-1002")]
    path = write_csv("orders.csv", TERMS_HEADER, rows)

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["WEB-1002"]
    [example] = summary.examples[c.LINES_OF_INVALID_ORDERS]
    assert example.startswith(f"row 3: order WEB-1001, {problem}")


def test_other_terms_conflict(write_csv):
    rows = [terms_row(), terms_row(sku="22423", terms="cash")]
    path = write_csv("orders.csv", TERMS_HEADER, rows)

    orders, summary = read(path)

    assert orders == []
    assert summary.examples[c.LINES_OF_CONFLICTING_ORDERS] == [
        "row 3: order WEB-1001, terms 'cash' differs from '30 days net' in row 2"]
