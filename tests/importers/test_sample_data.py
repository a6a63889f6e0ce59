"""The shipped sample files, checked against counts made here with the csv module."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from decimal import Decimal

from app.importers import (
    ImportSummary,
    read_catalog,
    read_online_retail_orders,
    read_stock,
    read_suppliers,
    sample_files,
)
from app.importers import categories as c
from app.importers.online_retail import GIFT_VOUCHER_PREFIX, NON_GOODS_CODES


def classify(row: dict[str, str]) -> str:
    """Return the line category of a sample row whose invoice rows all agree on the customer."""
    invoice = row["InvoiceNo"]
    if invoice.startswith("C"):
        return c.CANCELLATION_LINES
    if invoice.startswith("A"):
        return c.ADJUSTMENT_LINES
    if not row["CustomerID"]:
        return c.LINES_WITHOUT_CUSTOMER
    sku = row["StockCode"]
    if sku in NON_GOODS_CODES or sku.startswith(GIFT_VOUCHER_PREFIX):
        return c.NON_GOODS_LINES
    if int(row["Quantity"]) < 0:
        return c.NEGATIVE_QUANTITY_LINES
    if int(row["Quantity"]) == 0:
        return c.ZERO_QUANTITY_LINES
    if Decimal(row["UnitPrice"]) <= 0:
        return c.NO_PRICE_LINES
    return c.LINES_IMPORTED


def test_sample_files_exist_and_are_small():
    files = sample_files()

    sizes = [path.stat().st_size for path in files]

    assert sum(sizes) < 1_000_000


def test_sample_orders_match_csv_counts():
    with gzip.open(sample_files().orders, "rt", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    expected = Counter(classify(row) for row in rows)
    invoices = {row["InvoiceNo"] for row in rows}
    imported_invoices = {row["InvoiceNo"] for row in rows if classify(row) == c.LINES_IMPORTED}
    summary = ImportSummary()

    orders = list(read_online_retail_orders(sample_files().orders, summary))

    assert min(row["InvoiceDate"] for row in rows).startswith("2010-12-01")
    assert max(row["InvoiceDate"] for row in rows).startswith("2010-12-07")
    assert summary.count(c.LINES_READ) == len(rows)
    assert summary.count(c.ORDERS_READ) == len(invoices)
    assert len(orders) == len(imported_invoices)
    assert sum(len(order.lines) for order in orders) == expected[c.LINES_IMPORTED]
    for category in c.LINE_OUTCOMES:
        assert summary.count(category) == expected[category], category
    assert summary.count(c.LINES_OF_INVALID_ORDERS) == 0


def test_sample_catalog_covers_imported_lines():
    summary = ImportSummary()
    orders = read_online_retail_orders(sample_files().orders, ImportSummary())
    skus = {line.sku for order in orders for line in order.lines}

    catalog = list(read_catalog(sample_files().catalog, summary))
    stock = list(read_stock(sample_files().stock, summary))
    suppliers = list(read_suppliers(sample_files().suppliers, summary))

    assert skus <= {record.sku for record in catalog}
    assert skus <= {record.sku for record in stock}
    assert {record.supplier_code for record in catalog} <= {record.code for record in suppliers}
    assert summary.count(c.INVALID_ROWS) == 0
    assert summary.count(c.DUPLICATE_ROWS) == 0
