"""Reading the supplier, catalog and stock master files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.importers import (
    CatalogRecord,
    ImportFormatError,
    ImportSummary,
    StockRecord,
    SupplierRecord,
    read_catalog,
    read_stock,
    read_suppliers,
)
from app.importers import categories as c

SUPPLIER_HEADER = ["supplier_code", "name", "email", "country", "lead_time_days", "currency"]
CATALOG_HEADER = [
    "sku",
    "description",
    "supplier_code",
    "supplier_sku",
    "unit_cost",
    "min_order_qty",
    "pack_size",
]
STOCK_HEADER = ["sku", "on_hand"]

SUPPLIER = ["SUP001", "Harbour Lane Homewares", "orders@harbourlane.example", "United Kingdom",
            "5", "GBP"]
CATALOG_ROW = ["10002", "INFLATABLE POLITICAL GLOBE ", "SUP009", "009-10002", "0.47", "12", "6"]


def test_suppliers_read(write_csv):
    path = write_csv("suppliers.csv", SUPPLIER_HEADER, [SUPPLIER])
    summary = ImportSummary()

    suppliers = list(read_suppliers(path, summary))

    assert suppliers == [
        SupplierRecord("SUP001", "Harbour Lane Homewares", "orders@harbourlane.example",
                       "United Kingdom", 5, "GBP")
    ]
    assert summary.counts == {c.ROWS_READ: 1, c.ROWS_IMPORTED: 1}


def test_catalog_read_and_stripped(write_csv):
    second_supplier = ["10002", "INFLATABLE POLITICAL GLOBE", "SUP013", "", "0.52", "1", "1"]
    path = write_csv("catalog.csv", CATALOG_HEADER, [CATALOG_ROW, second_supplier])
    summary = ImportSummary()

    catalog = list(read_catalog(path, summary))

    assert catalog == [
        CatalogRecord("10002", "INFLATABLE POLITICAL GLOBE", "SUP009", "009-10002",
                      Decimal("0.47"), 12, 6),
        CatalogRecord("10002", "INFLATABLE POLITICAL GLOBE", "SUP013", "", Decimal("0.52"), 1, 1),
    ]
    assert summary.count(c.STRIPPED_ROWS) == 1
    assert summary.examples[c.STRIPPED_ROWS] == ["row 2"]


def test_stock_read(write_csv):
    path = write_csv("stock.csv", STOCK_HEADER, [["10002", "0"], ["85123a", "24"]])

    stock = list(read_stock(path, ImportSummary()))

    assert stock == [StockRecord("10002", 0), StockRecord("85123a", 24)]


def replace(values: list[str], header: list[str], column: str, value: str) -> list[str]:
    changed = list(values)
    changed[header.index(column)] = value
    return changed


SUPPLIER_CASES = {
    "missing code": ("supplier_code", "", "supplier_code is missing"),
    "missing name": ("name", " ", "name is missing"),
    "bad email": ("email", "orders at example", "email 'orders at example' is not an e-mail"),
    "negative lead time": ("lead_time_days", "-1", "lead_time_days '-1' is not a whole number"),
    "lead time in weeks": ("lead_time_days", "2w", "lead_time_days '2w' is not a whole number"),
    "currency symbol": ("currency", "£", "currency '£' is not a three-letter currency code"),
}


@pytest.mark.parametrize("case", SUPPLIER_CASES)
def test_invalid_supplier_row_left_out(write_csv, case):
    column, value, example = SUPPLIER_CASES[case]
    other = replace(SUPPLIER, SUPPLIER_HEADER, "supplier_code", "SUP002")
    bad = replace(SUPPLIER, SUPPLIER_HEADER, column, value)
    path = write_csv("suppliers.csv", SUPPLIER_HEADER, [other, bad])
    summary = ImportSummary()

    suppliers = list(read_suppliers(path, summary))

    assert [supplier.code for supplier in suppliers] == ["SUP002"]
    assert summary.count(c.INVALID_ROWS) == 1
    assert summary.examples[c.INVALID_ROWS][0].startswith(f"row 3: {example}")


def test_supplier_without_email_kept(write_csv):
    no_email = replace(SUPPLIER, SUPPLIER_HEADER, "email", "")
    path = write_csv("suppliers.csv", SUPPLIER_HEADER, [no_email])

    suppliers = list(read_suppliers(path, ImportSummary()))

    assert suppliers[0].email == ""


CATALOG_CASES = {
    "zero cost": ("unit_cost", "0.00", "unit_cost '0.00' is not an amount above 0"),
    "cost with comma": ("unit_cost", "0,47", "unit_cost '0,47' is not an amount such as 12.50"),
    "zero minimum": ("min_order_qty", "0", "min_order_qty '0' is not a whole number of at least 1"),
    "zero pack": ("pack_size", "0", "pack_size '0' is not a whole number of at least 1"),
    "missing supplier": ("supplier_code", "", "supplier_code is missing"),
    "missing sku": ("sku", "", "sku is missing"),
}


@pytest.mark.parametrize("case", CATALOG_CASES)
def test_invalid_catalog_row_left_out(write_csv, case):
    column, value, example = CATALOG_CASES[case]
    bad = replace(CATALOG_ROW, CATALOG_HEADER, column, value)
    path = write_csv("catalog.csv", CATALOG_HEADER, [bad])
    summary = ImportSummary()

    catalog = list(read_catalog(path, summary))

    assert catalog == []
    assert summary.examples[c.INVALID_ROWS] == [f"row 2: {example}"]


@pytest.mark.parametrize("on_hand", ["-3", "2.5", ""])
def test_invalid_stock_row_left_out(write_csv, on_hand):
    path = write_csv("stock.csv", STOCK_HEADER, [["10002", on_hand], ["10080", "6"]])
    summary = ImportSummary()

    stock = list(read_stock(path, summary))

    assert stock == [StockRecord("10080", 6)]
    assert summary.count(c.INVALID_ROWS) == 1


def test_short_row_left_out(write_csv):
    path = write_csv("stock.csv", STOCK_HEADER, [["10002"], ["10080", "6"]])
    summary = ImportSummary()

    stock = list(read_stock(path, summary))

    assert stock == [StockRecord("10080", 6)]
    assert summary.examples[c.INVALID_ROWS] == ["row 2: expected 2 values, found 1"]


def test_repeated_supplier_code_left_out(write_csv):
    renamed = replace(SUPPLIER, SUPPLIER_HEADER, "name", "Harbour Lane Ltd")
    path = write_csv("suppliers.csv", SUPPLIER_HEADER, [SUPPLIER, renamed])
    summary = ImportSummary()

    suppliers = list(read_suppliers(path, summary))

    assert [supplier.name for supplier in suppliers] == ["Harbour Lane Homewares"]
    assert summary.examples[c.DUPLICATE_ROWS] == ["row 3: SUP001 is already in row 2"]


def test_repeated_catalog_pair_left_out(write_csv):
    path = write_csv("catalog.csv", CATALOG_HEADER, [CATALOG_ROW, CATALOG_ROW])
    summary = ImportSummary()

    catalog = list(read_catalog(path, summary))

    assert len(catalog) == 1
    assert summary.examples[c.DUPLICATE_ROWS] == ["row 3: 10002 / SUP009 is already in row 2"]


def test_repeated_stock_code_left_out(write_csv):
    path = write_csv("stock.csv", STOCK_HEADER, [["10002", "5"], ["10002", "7"]])
    summary = ImportSummary()

    stock = list(read_stock(path, summary))

    assert stock == [StockRecord("10002", 5)]
    assert summary.count(c.DUPLICATE_ROWS) == 1


def test_stock_code_case_kept_apart(write_csv):
    path = write_csv("stock.csv", STOCK_HEADER, [["85123A", "5"], ["85123a", "7"]])

    stock = list(read_stock(path, ImportSummary()))

    assert [record.sku for record in stock] == ["85123A", "85123a"]


def test_catalog_header_for_stock_file_rejected(write_csv):
    path = write_csv("stock.csv", STOCK_HEADER, [["10002", "5"]])

    with pytest.raises(ImportFormatError) as raised:
        read_catalog(path, ImportSummary())

    message = str(raised.value)
    assert "is not a supplier catalog file" in message
    assert "expected the columns sku, description, supplier_code" in message
    assert "but found sku, on_hand" in message
