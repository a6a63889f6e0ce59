"""Reader and writer for Tandem order files, one row per order line.

Columns, named in the header row in any order:

``reference, order_date, customer_code, customer_name, country, sku,
description, quantity, unit_price`` and, optionally, ``promised_date``,
``discount_percent`` (the customer's percent off the line) and ``terms``
(the order's payment terms).

The rows of one order repeat its reference and its details (order date,
customer, country, promised date, terms), and the details must agree on
every row. Rows of one order normally follow each other. When a reference comes
back later, its rows are joined into one order. See docs/import-formats.md for the
value formats and an example.

A Tandem file is written on purpose, so any invalid row leaves its whole
order out: a missing value, a quantity below 1, a negative price, a date
that cannot be read, a promised date before the order date, a discount
below 0 or above 100 or written with a decimal comma. An order
without a customer code is left out, like an Online Retail order without
one. An empty customer name becomes "Customer" and the code.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.i18n import _
from app.importers import categories as c
from app.importers.csvfile import CsvLayout, Progress, open_csv
from app.importers.grouping import RowGroup
from app.importers.orders import (
    count_imported_order,
    find_disagreement,
    read_groups,
    whole_order_example,
)
from app.importers.records import OrderLineRecord, OrderRecord
from app.importers.summary import ImportSummary
from app.importers.values import (
    InvalidRow,
    InvalidValue,
    check_width,
    field,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
)

LAYOUT = CsvLayout(
    title="a Tandem order file",
    required=(
        "reference",
        "order_date",
        "customer_code",
        "customer_name",
        "country",
        "sku",
        "description",
        "quantity",
        "unit_price",
    ),
    optional=("promised_date", "discount_percent", "terms"),
)
COLUMNS = LAYOUT.required + LAYOUT.optional
ORDER_DETAILS = ("order_date", "customer_code", "customer_name", "country", "promised_date",
                 "terms")
# A percent: digits, decimals after a dot, and an optional "%" sign after them.
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*%?")


@dataclass(frozen=True)
class _Row:
    row_number: int
    details: dict[str, str]
    line: OrderLineRecord
    stripped: bool


def read_tandem_orders(
    path: str | os.PathLike[str],
    summary: ImportSummary,
    progress: Progress | None = None,
) -> Iterator[OrderRecord]:
    """Check the header of ``path`` and return an iterator over its valid orders.

    Every row is counted in ``summary``, and the module docstring lists what
    is left out. ``progress`` receives the bytes read, as for the Online
    Retail reader.

    Raises:
        ImportFormatError: at once for a wrong header, or while iterating
            when the file turns out not to be UTF-8 text or is damaged.
    """
    path = Path(path)
    with open_csv(path, LAYOUT):
        pass
    return _read_orders(path, summary, progress)


def write_tandem_orders(path: str | os.PathLike[str], orders: Iterable[OrderRecord]) -> int:
    """Write ``orders`` to ``path`` as a Tandem order file and return the number of lines.

    The file is UTF-8 with a header row, and reads back into equal records
    except for ``source_row``, which then contains the row numbers in this file.
    """
    written = 0
    with Path(path).open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(COLUMNS)
        for order in orders:
            promised = order.promised_date.isoformat() if order.promised_date else ""
            for line in order.lines:
                writer.writerow(
                    (
                        order.reference,
                        order.order_date.isoformat(sep=" "),
                        order.customer_code,
                        order.customer_name,
                        order.country,
                        line.sku,
                        line.description,
                        line.quantity,
                        line.unit_price,
                        promised,
                        line.discount_percent or "",
                        order.terms,
                    )
                )
                written += 1
    return written


def _read_orders(
    path: Path, summary: ImportSummary, progress: Progress | None
) -> Iterator[OrderRecord]:
    for group, columns in read_groups(path, LAYOUT, "reference", summary, progress):
        order = _build_order(group, columns, summary)
        if order is not None:
            yield order


def _build_order(
    group: RowGroup, columns: dict[str, int], summary: ImportSummary
) -> OrderRecord | None:
    line_count = len(group.rows)
    summary.add(c.ORDERS_READ)
    summary.add(c.LINES_READ, count=line_count)

    rows_or_problem = _read_order_rows(group, columns)
    if isinstance(rows_or_problem, tuple):
        category, example = rows_or_problem
        summary.add(category, example, count=line_count)
        summary.add(c.ORDERS_LEFT_OUT)
        return None

    rows = rows_or_problem
    details = rows[0].details
    customer_code = details["customer_code"]
    customer_name = details["customer_name"]
    if not customer_name:
        customer_name = _("Customer {code}").format(code=customer_code)
        summary.add(c.UNNAMED_CUSTOMER_ORDERS, whole_order_example(group))
    lines = [row.line for row in rows]
    count_imported_order(group, lines, {row.row_number for row in rows if row.stripped}, summary)
    return OrderRecord(
        reference=group.reference,
        order_date=parse_datetime("order_date", details["order_date"]),
        customer_code=customer_code,
        customer_name=customer_name,
        country=details["country"],
        lines=lines,
        promised_date=_promised_date(details),
        terms=details["terms"],
    )


def _read_order_rows(group: RowGroup, columns: dict[str, int]) -> list[_Row] | tuple[str, str]:
    """Parse the rows of an order, or return the category and example that leave it out."""
    try:
        rows = [_parse_row(row_number, values, columns) for row_number, values in group.rows]
    except _RowError as error:
        example = _("row {row}: order {reference}, {problem}").format(
            row=error.row_number, reference=group.reference or "?", problem=error.problem
        )
        return c.LINES_OF_INVALID_ORDERS, example

    details = ((row.row_number, row.details) for row in rows)
    disagreement = find_disagreement(group.reference, details)
    if disagreement is not None:
        return c.LINES_OF_CONFLICTING_ORDERS, disagreement
    if not rows[0].details["customer_code"]:
        return c.LINES_WITHOUT_CUSTOMER, whole_order_example(group)
    return rows


class _RowError(Exception):
    def __init__(self, row_number: int, problem: InvalidRow) -> None:
        super().__init__(row_number, problem)
        self.row_number = row_number
        self.problem = problem


def _parse_row(row_number: int, values: list[str], columns: dict[str, int]) -> _Row:
    try:
        check_width(values, columns)
        details = {column: field(values, columns, column) for column in ORDER_DETAILS}
        for column in ("reference", "sku"):
            if not field(values, columns, column):
                raise InvalidValue(column, "", "")
        order_date = parse_datetime("order_date", details["order_date"])
        promised = _promised_date(details)
        # Compare dates by value, so that 2024-03-05 and 2024-03-05 00:00 agree.
        details["order_date"] = order_date.isoformat(sep=" ")
        details["promised_date"] = promised.isoformat() if promised else ""
        if promised is not None and promised < order_date.date():
            raise InvalidValue(
                "promised_date",
                details["promised_date"],
                _("on or after the order date {date}").format(date=order_date.date()),
            )
        quantity = parse_int("quantity", field(values, columns, "quantity"))
        if quantity < 1:
            raise InvalidValue("quantity", str(quantity), _("a whole number of at least 1"))
        unit_price = parse_decimal("unit_price", field(values, columns, "unit_price"))
        if unit_price < 0:
            raise InvalidValue("unit_price", str(unit_price), _("an amount of 0 or more"))
        discount = _discount(field(values, columns, "discount_percent"))
    except InvalidRow as problem:
        raise _RowError(row_number, problem) from problem

    raw_description = values[columns["description"]]
    line = OrderLineRecord(
        sku=field(values, columns, "sku"),
        description=raw_description.strip(),
        quantity=quantity,
        unit_price=unit_price,
        source_row=row_number,
        discount_percent=discount,
    )
    return _Row(row_number, details, line, stripped=line.description != raw_description)


def _discount(text: str) -> Decimal:
    """Return the percent written in ``text``, 0 when it is empty, or raise InvalidValue."""
    if not text:
        return Decimal("0")
    match = _PERCENT.fullmatch(text)
    if match is None:
        if re.fullmatch(r"-?[0-9]+,[0-9]+\s*%?", text):
            raise InvalidValue("discount_percent", text,
                               _("a percent with a dot before the decimals, such as 12.50"))
        raise InvalidValue("discount_percent", text, _("a percent from 0 to 100, such as 12.50"))
    percent = Decimal(match.group(1))
    if percent > 100:
        raise InvalidValue("discount_percent", text, _("a percent from 0 to 100"))
    if percent != percent.quantize(Decimal("0.01")):
        raise InvalidValue("discount_percent", text, _("a percent with at most two decimals"))
    return percent


def _promised_date(details: dict[str, str]) -> date | None:
    text = details["promised_date"]
    return parse_date("promised_date", text) if text else None
