"""Readers for the master files: suppliers, supplier catalog and stock on hand.

Each row is an independent record, so an invalid row is left out alone and
reported with its row number and value, and the other rows import.
A row whose key repeats an earlier row's key is left out too, because it is
unclear which of the two is right. The key is the supplier code in a
supplier file, the stock code and supplier code in a catalog, and the stock
code in a stock file.
Text values are stripped of surrounding spaces. Whether a catalog's supplier
code or a stock code is known is decided by the import service, which knows
the stored suppliers and products.

Supplier file columns: ``supplier_code, name, email, country,
lead_time_days, currency``. The e-mail may be empty. Lead time is a whole
number of days, 0 or more. Currency is an ISO 4217 code such as ``GBP``.

Catalog file columns: ``sku, description, supplier_code, supplier_sku,
unit_cost, min_order_qty, pack_size``. A stock code may appear once per
supplier. Unit cost is above 0. Minimum order quantity and pack size are
whole numbers of at least 1. Description and supplier SKU may be empty.

Stock file columns: ``sku, on_hand``, with on_hand a whole number, 0 or more.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TypeVar

from app.i18n import _
from app.importers import categories as c
from app.importers.csvfile import CsvLayout, Progress, open_csv
from app.importers.records import CatalogRecord, StockRecord, SupplierRecord
from app.importers.summary import ImportSummary
from app.importers.values import (
    InvalidRow,
    InvalidValue,
    check_width,
    field,
    parse_decimal,
    parse_int,
)

SUPPLIER_LAYOUT = CsvLayout(
    title="a supplier file",
    required=("supplier_code", "name", "email", "country", "lead_time_days", "currency"),
)
CATALOG_LAYOUT = CsvLayout(
    title="a supplier catalog file",
    required=(
        "sku",
        "description",
        "supplier_code",
        "supplier_sku",
        "unit_cost",
        "min_order_qty",
        "pack_size",
    ),
)
STOCK_LAYOUT = CsvLayout(title="a stock-on-hand file", required=("sku", "on_hand"))

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CURRENCY = re.compile(r"[A-Z]{3}")

RecordT = TypeVar("RecordT")
Parser = Callable[[list[str], dict[str, int]], tuple[Hashable, RecordT]]


def read_suppliers(
    path: str | os.PathLike[str],
    summary: ImportSummary,
    progress: Progress | None = None,
) -> Iterator[SupplierRecord]:
    """Check the header of ``path`` and return an iterator over its valid suppliers.

    Raises:
        ImportFormatError: as for ``read_stock``.
    """
    return _read_master(Path(path), SUPPLIER_LAYOUT, _parse_supplier, summary, progress)


def read_catalog(
    path: str | os.PathLike[str],
    summary: ImportSummary,
    progress: Progress | None = None,
) -> Iterator[CatalogRecord]:
    """Check the header of ``path`` and return an iterator over its valid catalog rows.

    Raises:
        ImportFormatError: as for ``read_stock``.
    """
    return _read_master(Path(path), CATALOG_LAYOUT, _parse_catalog_row, summary, progress)


def read_stock(
    path: str | os.PathLike[str],
    summary: ImportSummary,
    progress: Progress | None = None,
) -> Iterator[StockRecord]:
    """Check the header of ``path`` and return an iterator over its valid stock counts.

    ``progress`` receives the bytes read, as for the order readers.

    Raises:
        ImportFormatError: at once for a wrong header, or while iterating
            when the file turns out not to be UTF-8 text or is damaged.
    """
    return _read_master(Path(path), STOCK_LAYOUT, _parse_stock_row, summary, progress)


def _read_master(
    path: Path,
    layout: CsvLayout,
    parse: Parser[RecordT],
    summary: ImportSummary,
    progress: Progress | None,
) -> Iterator[RecordT]:
    with open_csv(path, layout):
        pass
    return _read_records(path, layout, parse, summary, progress)


def _read_records(
    path: Path,
    layout: CsvLayout,
    parse: Parser[RecordT],
    summary: ImportSummary,
    progress: Progress | None,
) -> Iterator[RecordT]:
    first_rows: dict[Hashable, int] = {}
    with open_csv(path, layout, summary, progress) as rows:
        for row_number, values in rows:
            summary.add(c.ROWS_READ)
            try:
                check_width(values, rows.columns)
                key, record = parse(values, rows.columns)
            except InvalidRow as problem:
                example = _("row {row}: {problem}").format(row=row_number, problem=problem)
                summary.add(c.INVALID_ROWS, example)
                continue

            if key in first_rows:
                example = _("row {row}: {key} is already in row {first}").format(
                    row=row_number, key=_key_text(key), first=first_rows[key]
                )
                summary.add(c.DUPLICATE_ROWS, example)
                continue
            first_rows[key] = row_number

            summary.add(c.ROWS_IMPORTED)
            if any(value != value.strip() for value in values):
                summary.add(c.STRIPPED_ROWS, _("row {row}").format(row=row_number))
            yield record


def _key_text(key: Hashable) -> str:
    if isinstance(key, tuple):
        return " / ".join(str(part) for part in key)
    return str(key)


def _required(values: list[str], columns: dict[str, int], column: str) -> str:
    text = field(values, columns, column)
    if not text:
        raise InvalidValue(column, "", "")
    return text


def _at_least(column: str, text: str, minimum: int) -> int:
    number = parse_int(column, text)
    if number < minimum:
        raise InvalidValue(
            column, text, _("a whole number of at least {minimum}").format(minimum=minimum)
        )
    return number


def _parse_supplier(values: list[str], columns: dict[str, int]) -> tuple[str, SupplierRecord]:
    email = field(values, columns, "email")
    if email and not _EMAIL.fullmatch(email):
        raise InvalidValue("email", email, _("an e-mail address such as orders@example.com"))
    currency = field(values, columns, "currency")
    if not _CURRENCY.fullmatch(currency):
        raise InvalidValue("currency", currency, _("a three-letter currency code such as GBP"))
    record = SupplierRecord(
        code=_required(values, columns, "supplier_code"),
        name=_required(values, columns, "name"),
        email=email,
        country=field(values, columns, "country"),
        lead_time_days=_at_least("lead_time_days", field(values, columns, "lead_time_days"), 0),
        currency=currency,
    )
    return record.code, record


def _parse_catalog_row(
    values: list[str], columns: dict[str, int]
) -> tuple[tuple[str, str], CatalogRecord]:
    unit_cost = parse_decimal("unit_cost", field(values, columns, "unit_cost"))
    if unit_cost <= 0:
        raise InvalidValue("unit_cost", str(unit_cost), _("an amount above 0"))
    record = CatalogRecord(
        sku=_required(values, columns, "sku"),
        description=field(values, columns, "description"),
        supplier_code=_required(values, columns, "supplier_code"),
        supplier_sku=field(values, columns, "supplier_sku"),
        unit_cost=unit_cost,
        min_order_qty=_at_least("min_order_qty", field(values, columns, "min_order_qty"), 1),
        pack_size=_at_least("pack_size", field(values, columns, "pack_size"), 1),
    )
    return (record.sku, record.supplier_code), record


def _parse_stock_row(values: list[str], columns: dict[str, int]) -> tuple[str, StockRecord]:
    record = StockRecord(
        sku=_required(values, columns, "sku"),
        on_hand=_at_least("on_hand", field(values, columns, "on_hand"), 0),
    )
    return record.sku, record
