"""Reading Online Retail order files: every kind of odd row and the file checks."""

from __future__ import annotations

import gzip
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.importers import (
    ImportFormatError,
    ImportSummary,
    OrderLineRecord,
    OrderRecord,
    read_online_retail_orders,
)
from app.importers import categories as c

HEADER = [
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
]


def row(invoice: str = "536365", sku: str = "85123A", **changes: str) -> list[str]:
    """Return one valid Online Retail row, with ``changes`` by lower-case column name."""
    values = {
        "description": "WHITE HANGING HEART T-LIGHT HOLDER",
        "quantity": "6",
        "date": "2010-12-01 08:26:00",
        "price": "2.55",
        "customer": "17850.0",
        "country": "United Kingdom",
    }
    values.update(changes)
    return [
        invoice,
        sku,
        values["description"],
        values["quantity"],
        values["date"],
        values["price"],
        values["customer"],
        values["country"],
    ]


def read(path: Path) -> tuple[list[OrderRecord], ImportSummary]:
    summary = ImportSummary()
    orders = list(read_online_retail_orders(path, summary))
    return orders, summary


def assert_outcomes_add_up(summary: ImportSummary) -> None:
    line_outcomes = sum(summary.count(category) for category in c.LINE_OUTCOMES)
    assert line_outcomes == summary.count(c.LINES_READ)
    orders = summary.count(c.ORDERS_IMPORTED) + summary.count(c.ORDERS_LEFT_OUT)
    assert orders == summary.count(c.ORDERS_READ)


def test_valid_order_becomes_record(write_csv):
    path = write_csv(
        "orders.csv",
        HEADER,
        [row(), row(sku="71053", description="WHITE METAL LANTERN", price="3.39")],
    )

    orders, summary = read(path)

    assert orders == [
        OrderRecord(
            reference="536365",
            order_date=datetime(2010, 12, 1, 8, 26),
            customer_code="17850",
            customer_name="Customer 17850",
            country="United Kingdom",
            lines=[
                OrderLineRecord(
                    "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, Decimal("2.55"), 2
                ),
                OrderLineRecord("71053", "WHITE METAL LANTERN", 6, Decimal("3.39"), 3),
            ],
        )
    ]
    assert summary.counts[c.ORDERS_IMPORTED] == 1
    assert summary.counts[c.LINES_IMPORTED] == 2
    assert_outcomes_add_up(summary)


# Odd rows that leave the whole order out: (rows, line category, example start).
WHOLE_ORDER_CASES = {
    "cancellation": (
        [row("C536379", quantity="-1"), row("C536379", sku="71053", quantity="-2")],
        c.CANCELLATION_LINES,
        "row 2: order C536379, 2 lines",
    ),
    "adjustment": (
        [row("A563185", sku="B", description="Adjust bad debt", customer="")],
        c.ADJUSTMENT_LINES,
        "row 2: order A563185, 1 line",
    ),
    "no customer": (
        [row(customer=""), row(sku="71053", customer="")],
        c.LINES_WITHOUT_CUSTOMER,
        "row 2: order 536365, 2 lines",
    ),
    "customers differ": (
        [row(), row(sku="71053", customer="12583.0")],
        c.LINES_OF_CONFLICTING_ORDERS,
        "row 3: order 536365, CustomerID '12583' differs from '17850' in row 2",
    ),
    "customer on some rows only": (
        [row(), row(sku="71053", customer="")],
        c.LINES_OF_CONFLICTING_ORDERS,
        "row 3: order 536365, CustomerID '' differs from '17850' in row 2",
    ),
    "countries differ": (
        [row(), row(sku="71053", country="France")],
        c.LINES_OF_CONFLICTING_ORDERS,
        "row 3: order 536365, Country 'France' differs",
    ),
    "bad quantity": (
        [row(), row(sku="71053", quantity="six")],
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order 536365, Quantity 'six' is not a whole number",
    ),
    "bad price": (
        [row(), row(sku="71053", price="2,55")],
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order 536365, UnitPrice '2,55' is not an amount",
    ),
    "bad date": (
        [row(date="1/12/2010 8:26"), row(sku="71053")],
        c.LINES_OF_INVALID_ORDERS,
        "row 2: order 536365, InvoiceDate '1/12/2010 8:26' is not a date and time",
    ),
    "bad customer": (
        [row(customer="17850.5"), row(sku="71053", customer="17850.5")],
        c.LINES_OF_INVALID_ORDERS,
        "row 2: order 536365, CustomerID '17850.5' is not a customer number",
    ),
    "missing stock code": (
        [row(), row(sku="")],
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order 536365, StockCode is missing",
    ),
    "missing column": (
        [row(), row()[:7]],
        c.LINES_OF_INVALID_ORDERS,
        "row 3: order 536365, expected 8 values, found 7",
    ),
    "extra column": (
        [[*row(), "note"], row(sku="71053")],
        c.LINES_OF_INVALID_ORDERS,
        "row 2: order 536365, expected 8 values, found 9",
    ),
}


@pytest.mark.parametrize("case", WHOLE_ORDER_CASES)
def test_odd_row_leaves_order_out(write_csv, case):
    rows, category, example = WHOLE_ORDER_CASES[case]
    good_order = row("536366", sku="22633", description="HAND WARMER UNION JACK", price="1.85")
    path = write_csv("orders.csv", HEADER, [*rows, good_order])

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["536366"]
    assert summary.count(category) == len(rows)
    assert summary.examples[category][0].startswith(example)
    assert summary.count(c.ORDERS_LEFT_OUT) == 1
    assert summary.count(c.LINES_IMPORTED) == 1
    assert_outcomes_add_up(summary)


# Odd lines left out of an order that imports: (odd row, line category, example).
LINE_CASES = {
    "negative quantity": (
        row(sku="22960", quantity="-12"),
        c.NEGATIVE_QUANTITY_LINES,
        "row 3: order 536365, 22960 × -12",
    ),
    "zero quantity": (
        row(sku="22960", quantity="0"),
        c.ZERO_QUANTITY_LINES,
        "row 3: order 536365, 22960",
    ),
    "zero price": (
        row(sku="22960", price="0.0"),
        c.NO_PRICE_LINES,
        "row 3: order 536365, 22960 @ 0.0",
    ),
    "negative price": (
        row(sku="22960", price="-11062.06"),
        c.NO_PRICE_LINES,
        "row 3: order 536365, 22960 @ -11062.06",
    ),
    "postage": (
        row(sku="POST", description="POSTAGE", price="18.00"),
        c.NON_GOODS_LINES,
        "POST: 1 line, first in row 3",
    ),
    "gift voucher": (
        row(sku="gift_0001_20", description="Dotcomgiftshop Gift Voucher £20.00"),
        c.NON_GOODS_LINES,
        "gift_…: 1 line, first in row 3",
    ),
}


@pytest.mark.parametrize("case", LINE_CASES)
def test_odd_line_left_out(write_csv, case):
    odd_row, category, example = LINE_CASES[case]
    path = write_csv("orders.csv", HEADER, [row(), odd_row])

    orders, summary = read(path)

    assert [line.sku for line in orders[0].lines] == ["85123A"]
    assert summary.count(category) == 1
    assert summary.examples[category] == [example]
    assert_outcomes_add_up(summary)


@pytest.mark.parametrize(
    "sku",
    ["POST", "D", "DOT", "M", "m", "S", "BANK CHARGES", "AMAZONFEE", "B", "CRUK", "PADS",
     "DCGSSBOY", "DCGSSGIRL", "C2", "gift_0001_10"],
)
def test_non_goods_code_left_out(write_csv, sku):
    path = write_csv("orders.csv", HEADER, [row(), row(sku=sku)])

    orders, summary = read(path)

    assert [line.sku for line in orders[0].lines] == ["85123A"]
    assert summary.count(c.NON_GOODS_LINES) == 1


def test_goods_codes_resembling_charges_kept(write_csv):
    rows = [row(sku="DCGS0076"), row(sku="85123a"), row(sku="MM1")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert [line.sku for line in orders[0].lines] == ["DCGS0076", "85123a", "MM1"]
    assert summary.count(c.NON_GOODS_LINES) == 0


def test_non_goods_examples_count_per_code(write_csv):
    codes = ["POST"] * 4 + ["M"] * 3 + ["DOT"] * 2 + ["C2", "CRUK", "S", "AMAZONFEE"]
    path = write_csv("orders.csv", HEADER, [row(), *(row(sku=sku) for sku in codes)])

    _orders, summary = read(path)

    assert summary.count(c.NON_GOODS_LINES) == 13
    assert summary.examples[c.NON_GOODS_LINES] == [
        "POST: 4 lines, first in row 3",
        "M: 3 lines, first in row 7",
        "DOT: 2 lines, first in row 10",
        "C2: 1 line, first in row 12",
        "3 other codes (CRUK, S, AMAZONFEE): 3 lines",
    ]


def test_order_of_charges_only_left_out(write_csv):
    rows = [row("536779", sku="BANK CHARGES", price="15.00"), row("536780")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["536780"]
    assert summary.count(c.ORDERS_WITHOUT_GOODS) == 1
    assert summary.examples[c.ORDERS_WITHOUT_GOODS] == ["row 2: order 536779, 1 line"]
    assert summary.count(c.ORDERS_LEFT_OUT) == 1
    assert_outcomes_add_up(summary)


def test_non_ascii_description_kept(write_csv):
    path = write_csv("orders.csv", HEADER, [row(description="CRÈME BRÛLÉE SET £5")])

    orders, summary = read(path)

    assert orders[0].lines[0].description == "CRÈME BRÛLÉE SET £5"
    assert summary.count(c.NON_ASCII_LINES) == 1


def test_description_spaces_stripped(write_csv):
    path = write_csv("orders.csv", HEADER, [row(description=" ALARM CLOCK BAKELIKE RED  ")])

    orders, summary = read(path)

    assert orders[0].lines[0].description == "ALARM CLOCK BAKELIKE RED"
    assert summary.count(c.STRIPPED_LINES) == 1


@pytest.mark.parametrize("customer", ["17850.0", "17850", " 17850.0 "])
def test_customer_id_becomes_code(write_csv, customer):
    path = write_csv("orders.csv", HEADER, [row(customer=customer)])

    orders, _summary = read(path)

    assert orders[0].customer_code == "17850"
    assert orders[0].customer_name == "Customer 17850"


def test_order_date_is_earliest_row(write_csv):
    rows = [row(date="2011-02-01 11:20:00"), row(sku="71053", date="2011-02-01 11:19:00")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert orders[0].order_date == datetime(2011, 2, 1, 11, 19)
    assert summary.count(c.MIXED_TIME_ORDERS) == 1


def test_repeated_stock_code_kept_as_lines(write_csv):
    path = write_csv("orders.csv", HEADER, [row(quantity="6"), row(quantity="2")])

    orders, summary = read(path)

    assert [line.quantity for line in orders[0].lines] == [6, 2]
    assert summary.count(c.REPEATED_SKU_LINES) == 1


def test_repeated_invoice_joined(write_csv):
    rows = [
        row("542806", sku="48194"),
        row("542806", sku="21524"),
        row("C542805", sku="22156", quantity="-1", customer="14606.0"),
        row("542806", sku="22692"),
        row("542807", sku="22788"),
    ]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["542806", "542807"]
    assert [line.sku for line in orders[0].lines] == ["48194", "21524", "22692"]
    assert [line.source_row for line in orders[0].lines] == [2, 3, 5]
    assert summary.count(c.ORDERS_READ) == 3
    assert summary.count(c.SPLIT_ORDERS) == 1
    assert summary.examples[c.SPLIT_ORDERS] == ["order 542806, parts starting in rows 2, 5"]
    assert_outcomes_add_up(summary)


def test_repeated_invoice_with_bad_later_row_left_out(write_csv):
    rows = [row("542806"), row("542807"), row("542806", sku="22692", quantity="x")]
    path = write_csv("orders.csv", HEADER, rows)

    orders, summary = read(path)

    assert [order.reference for order in orders] == ["542807"]
    assert summary.count(c.LINES_OF_INVALID_ORDERS) == 2
    assert_outcomes_add_up(summary)


def test_gzip_detected_by_content(write_csv):
    path = write_csv("orders.csv", HEADER, [row()], compress=True)

    orders, _summary = read(path)

    assert [order.reference for order in orders] == ["536365"]


def test_plain_file_named_gz_read(write_csv):
    path = write_csv("orders.csv.gz", HEADER, [row()])

    orders, _summary = read(path)

    assert [order.reference for order in orders] == ["536365"]


def test_byte_order_mark_accepted(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(row()) + "\n", encoding="utf-8-sig")

    orders, _summary = read(path)

    assert [order.reference for order in orders] == ["536365"]


def test_blank_rows_ignored(tmp_path):
    lines = [",".join(HEADER), ",".join(row()), "", ",,,,,,,", ",".join(row(sku="71053")), ""]
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(lines), encoding="utf-8")

    orders, summary = read(path)

    assert [line.source_row for line in orders[0].lines] == [2, 5]
    assert summary.count(c.BLANK_ROWS) == 2
    assert summary.examples[c.BLANK_ROWS] == ["row 3", "row 4"]


def test_wrong_header_names_file_and_columns(write_csv):
    header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price",
              "Customer ID", "Country"]
    path = write_csv("export.csv", header, [row()])

    with pytest.raises(ImportFormatError) as raised:
        read_online_retail_orders(path, ImportSummary())

    message = str(raised.value)
    assert str(path) in message
    expected = "InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID"
    assert f"expected the columns {expected}, Country" in message
    assert "found Invoice, StockCode, Description, Quantity, InvoiceDate, Price" in message
    assert "missing InvoiceNo, UnitPrice, CustomerID" in message
    assert "unexpected Invoice, Price, Customer ID" in message


def test_empty_file_rejected(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(b"")

    with pytest.raises(ImportFormatError, match="is empty"):
        read_online_retail_orders(path, ImportSummary())


def test_zip_file_rejected(tmp_path):
    path = tmp_path / "Online Retail.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("sheet.xml", "<sheet/>")

    with pytest.raises(ImportFormatError, match="ZIP archive"):
        read_online_retail_orders(path, ImportSummary())


def test_non_utf8_file_rejected(tmp_path):
    path = tmp_path / "orders.csv"
    text = ",".join(HEADER) + "\n" + ",".join(row(description="VOUCHER £20")) + "\n"
    path.write_bytes(text.encode("cp1252"))

    with pytest.raises(ImportFormatError, match="not UTF-8"):
        read(path)


def test_truncated_gzip_rejected(tmp_path):
    text = ",".join(HEADER) + "\n" + "\n".join(",".join(row(str(n))) for n in range(5000))
    data = gzip.compress(text.encode("utf-8"))
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(data[: len(data) // 2])

    with pytest.raises(ImportFormatError, match="cannot be read near row"):
        read(path)


def test_progress_reports_bytes_up_to_size(write_csv):
    rows = [row(str(536365 + n // 3), sku=f"2{n:04d}") for n in range(3000)]
    path = write_csv("orders.csv.gz", HEADER, rows, compress=True)
    reported: list[int] = []

    orders = list(read_online_retail_orders(path, ImportSummary(), progress=reported.append))

    assert len(orders) == 1000
    assert len(reported) >= 3
    assert reported == sorted(reported)
    assert reported[-1] == path.stat().st_size


def test_early_stop_counts_orders_read(write_csv):
    path = write_csv("orders.csv", HEADER, [row("536365"), row("536366")])
    summary = ImportSummary()

    orders = read_online_retail_orders(path, summary)
    first = next(orders)
    orders.close()

    assert first.reference == "536365"
    assert summary.count(c.ORDERS_READ) == 1
