"""Reader for order files in the Online Retail format, a shop's export of invoice lines.

Columns: ``InvoiceNo, StockCode, Description, Quantity, InvoiceDate,
UnitPrice, CustomerID, Country``, one row per invoice line, prices in the
shop's currency. One invoice is one customer order.

What happens to each kind of row, in the order the checks run:

1. An invoice number starting with ``C`` is a cancellation of earlier goods,
   not a new order: the whole invoice is left out. A cancellation names no
   invoice, so it is not matched against the order it reverses, and the
   clerk cancels that order in Tandem.
2. An invoice number starting with ``A`` is an accounting adjustment (bad
   debt), not an order: left out.
3. A row that cannot be read (missing or extra value, bad number, bad date,
   bad customer number) leaves its whole order out, so that no order is
   imported with lines missing.
4. An order whose rows name different customers or countries is left out,
   because it is unclear where the goods go.
5. An order without a CustomerID is left out. A back-to-back order is bought
   for a customer and shipped to them, but without a customer there is no
   one to ship to or invoice. Sales without a customer are counter sales
   served from stock.
6. Lines whose stock code is a charge, not goods (postage, carriage, fees,
   discounts, manual entries, samples, donations, gift vouchers, see
   ``NON_GOODS_CODES``) are left out of the order.
7. Lines with a negative quantity outside cancellations (stock adjustments)
   and lines with quantity zero are left out.
8. Lines with a unit price of zero or below are left out: they are free
   samples or corrections, not sales to buy goods for.
9. An order with no goods line left is left out.

Every imported order keeps its invoice number as ``reference``. The order
date is the earliest InvoiceDate of its rows. The customer code is the
CustomerID without the ``.0`` that the export adds, and the customer name is
"Customer" and that code, because the export has no names. Descriptions are
stripped of surrounding spaces. Other text, such as ``£``, is kept as written.
An invoice number that comes back after other invoices is one order: its
parts are joined. Stock codes that the catalog does not list are imported,
and the import service decides about them.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.i18n import _
from app.importers import categories as c
from app.importers.csvfile import CsvLayout, Progress, open_csv
from app.importers.grouping import RowGroup
from app.importers.orders import (
    count_imported_order,
    find_disagreement,
    line_example,
    read_groups,
    whole_order_example,
)
from app.importers.records import OrderLineRecord, OrderRecord
from app.importers.summary import ImportSummary, lines_text
from app.importers.values import (
    InvalidRow,
    InvalidValue,
    check_width,
    parse_datetime,
    parse_decimal,
    parse_int,
)

LAYOUT = CsvLayout(
    title="an Online Retail order file",
    required=(
        "InvoiceNo",
        "StockCode",
        "Description",
        "Quantity",
        "InvoiceDate",
        "UnitPrice",
        "CustomerID",
        "Country",
    ),
)

# Stock codes of charges, bookings and bundles that no supplier sells. Case
# matters: ``M`` and ``m`` are both manual entries.
NON_GOODS_CODES = frozenset(
    {
        "POST",  # postage
        "C2",  # carriage
        "DOT",  # dotcom postage
        "D",  # discount
        "M",  # manual entry
        "m",  # manual entry
        "S",  # samples
        "B",  # bad debt adjustment
        "BANK CHARGES",
        "AMAZONFEE",
        "CRUK",  # commission for a charity
        "PADS",  # cushion pads added to cushion orders at 0.001 or 0
        "DCGSSBOY",  # boys' party bag, which no supplier catalog lists
        "DCGSSGIRL",  # girls' party bag, which no supplier catalog lists
    }
)
GIFT_VOUCHER_PREFIX = "gift_"
CANCELLATION_PREFIX = "C"
ADJUSTMENT_PREFIX = "A"

_CUSTOMER_ID = re.compile(r"([0-9]+)(?:\.0+)?")
_SHOWN_NON_GOODS_CODES = 4


@dataclass(frozen=True)
class _Row:
    row_number: int
    sku: str
    description: str
    stripped: bool
    quantity: int
    unit_price: Decimal
    invoice_date: datetime
    customer_code: str
    country: str


class _RowError(Exception):
    def __init__(self, row_number: int, problem: InvalidRow) -> None:
        super().__init__(row_number, problem)
        self.row_number = row_number
        self.problem = problem


def read_online_retail_orders(
    path: str | os.PathLike[str],
    summary: ImportSummary,
    progress: Progress | None = None,
) -> Iterator[OrderRecord]:
    """Check the header of ``path`` and return an iterator over its importable orders.

    The file is read in two passes while iterating: one over the invoice
    numbers to find invoices split across the file, then one that yields
    each order when its last row has been read. Every row is counted in
    ``summary``, and the module docstring lists what is left out and why.
    ``progress`` receives the bytes read during the second pass.

    Raises:
        ImportFormatError: at once for a wrong header, or while iterating
            when the file turns out not to be UTF-8 text or is damaged.
    """
    path = Path(path)
    with open_csv(path, LAYOUT):
        pass
    return _read_orders(path, summary, progress)


def _read_orders(
    path: Path, summary: ImportSummary, progress: Progress | None
) -> Iterator[OrderRecord]:
    non_goods = _NonGoodsTally()
    try:
        for group, columns in read_groups(path, LAYOUT, "InvoiceNo", summary, progress):
            order = _build_order(group, columns, summary, non_goods)
            if order is not None:
                yield order
    finally:
        non_goods.report(summary)


def _build_order(
    group: RowGroup,
    columns: dict[str, int],
    summary: ImportSummary,
    non_goods: _NonGoodsTally,
) -> OrderRecord | None:
    reference = group.reference
    line_count = len(group.rows)
    summary.add(c.ORDERS_READ)
    summary.add(c.LINES_READ, count=line_count)

    rows = _read_order_rows(group, columns)
    if isinstance(rows, _LeftOut):
        summary.add(rows.category, rows.example, count=line_count)
        summary.add(c.ORDERS_LEFT_OUT)
        return None

    goods = [row for row in rows if _is_goods_line(row, reference, summary, non_goods)]
    if not goods:
        summary.add(c.ORDERS_WITHOUT_GOODS, whole_order_example(group))
        summary.add(c.ORDERS_LEFT_OUT)
        return None

    lines = [
        OrderLineRecord(
            sku=row.sku,
            description=row.description,
            quantity=row.quantity,
            unit_price=row.unit_price,
            source_row=row.row_number,
        )
        for row in goods
    ]
    stripped_rows = {row.row_number for row in goods if row.stripped}
    count_imported_order(group, lines, stripped_rows, summary)
    if len({row.invoice_date for row in rows}) > 1:
        summary.add(c.MIXED_TIME_ORDERS, whole_order_example(group))

    customer_code = rows[0].customer_code
    return OrderRecord(
        reference=reference,
        order_date=min(row.invoice_date for row in rows),
        customer_code=customer_code,
        customer_name=_("Customer {code}").format(code=customer_code),
        country=rows[0].country,
        lines=lines,
    )


@dataclass(frozen=True)
class _LeftOut:
    """Why a whole order is left out: the line category and an example."""

    category: str
    example: str


def _read_order_rows(group: RowGroup, columns: dict[str, int]) -> list[_Row] | _LeftOut:
    """Parse the rows of an invoice, or return why the whole invoice is left out."""
    reference = group.reference
    if reference.startswith(CANCELLATION_PREFIX):
        return _LeftOut(c.CANCELLATION_LINES, whole_order_example(group))
    if reference.startswith(ADJUSTMENT_PREFIX):
        return _LeftOut(c.ADJUSTMENT_LINES, whole_order_example(group))

    try:
        rows = [_parse_row(row_number, values, columns) for row_number, values in group.rows]
    except _RowError as error:
        example = _("row {row}: order {reference}, {problem}").format(
            row=error.row_number, reference=reference or "?", problem=error.problem
        )
        return _LeftOut(c.LINES_OF_INVALID_ORDERS, example)

    disagreement = find_disagreement(
        reference,
        (
            (row.row_number, {"CustomerID": row.customer_code, "Country": row.country})
            for row in rows
        ),
    )
    if disagreement is not None:
        return _LeftOut(c.LINES_OF_CONFLICTING_ORDERS, disagreement)
    if not rows[0].customer_code:
        return _LeftOut(c.LINES_WITHOUT_CUSTOMER, whole_order_example(group))
    return rows


def _parse_row(row_number: int, values: list[str], columns: dict[str, int]) -> _Row:
    try:
        check_width(values, columns)
        reference = values[columns["InvoiceNo"]].strip()
        if not reference:
            raise InvalidValue("InvoiceNo", "", "")
        sku = values[columns["StockCode"]].strip()
        if not sku:
            raise InvalidValue("StockCode", "", "")
        raw_description = values[columns["Description"]]
        description = raw_description.strip()
        customer_text = values[columns["CustomerID"]].strip()
        customer = _CUSTOMER_ID.fullmatch(customer_text)
        if customer_text and customer is None:
            raise InvalidValue("CustomerID", customer_text, _("a customer number such as 17850"))
        return _Row(
            row_number=row_number,
            sku=sku,
            description=description,
            stripped=description != raw_description,
            quantity=parse_int("Quantity", values[columns["Quantity"]].strip()),
            unit_price=parse_decimal("UnitPrice", values[columns["UnitPrice"]].strip()),
            invoice_date=parse_datetime("InvoiceDate", values[columns["InvoiceDate"]].strip()),
            customer_code=customer.group(1) if customer else "",
            country=values[columns["Country"]].strip(),
        )
    except InvalidRow as problem:
        raise _RowError(row_number, problem) from problem


def _is_goods_line(
    row: _Row, reference: str, summary: ImportSummary, non_goods: _NonGoodsTally
) -> bool:
    example = line_example(row.row_number, reference, row.sku)
    if row.sku in NON_GOODS_CODES or row.sku.startswith(GIFT_VOUCHER_PREFIX):
        summary.add(c.NON_GOODS_LINES)
        non_goods.add(row.sku, row.row_number)
        return False
    if row.quantity < 0:
        summary.add(c.NEGATIVE_QUANTITY_LINES, f"{example} × {row.quantity}")
        return False
    if row.quantity == 0:
        summary.add(c.ZERO_QUANTITY_LINES, example)
        return False
    if row.unit_price <= 0:
        summary.add(c.NO_PRICE_LINES, f"{example} @ {row.unit_price}")
        return False
    return True


class _NonGoodsTally:
    """Lines left out as not goods, counted per stock code for the summary's examples."""

    def __init__(self) -> None:
        self.lines: Counter[str] = Counter()
        self.first_rows: dict[str, int] = {}

    def add(self, sku: str, row_number: int) -> None:
        if sku.startswith(GIFT_VOUCHER_PREFIX):
            sku = GIFT_VOUCHER_PREFIX + "…"
        self.lines[sku] += 1
        self.first_rows.setdefault(sku, row_number)

    def report(self, summary: ImportSummary) -> None:
        """Add one example per stock code, the most frequent first, the rest in one."""
        ranked = self.lines.most_common()
        shown_codes = ranked
        if len(ranked) > _SHOWN_NON_GOODS_CODES + 1:
            shown_codes = ranked[:_SHOWN_NON_GOODS_CODES]
        for sku, count in shown_codes:
            summary.add_example(
                c.NON_GOODS_LINES,
                _("{sku}: {lines}, first in row {row}").format(
                    sku=sku, lines=lines_text(count), row=self.first_rows[sku]
                ),
            )
        rest = ranked[len(shown_codes) :]
        if rest:
            summary.add_example(
                c.NON_GOODS_LINES,
                _("{codes} other codes ({names}): {lines}").format(
                    codes=len(rest),
                    names=", ".join(sku for sku, _count in rest),
                    lines=lines_text(sum(count for _sku, count in rest)),
                ),
            )
