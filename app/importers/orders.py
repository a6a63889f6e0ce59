"""Steps that both order readers share: reading orders by group, and notes on them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from app.i18n import _
from app.importers import categories as c
from app.importers.csvfile import CsvLayout, Progress, open_csv
from app.importers.grouping import RowGroup, count_split_parts, group_rows
from app.importers.records import OrderLineRecord
from app.importers.summary import ImportSummary, lines_text


def read_groups(
    path: Path,
    layout: CsvLayout,
    key_column: str,
    summary: ImportSummary,
    progress: Progress | None,
) -> Iterator[tuple[RowGroup, dict[str, int]]]:
    """Yield the rows of each order with the column indexes, in two passes over ``path``.

    The first pass finds orders split across the file, and ``progress``
    reports the second pass only.
    """
    with open_csv(path, layout) as rows:
        split = count_split_parts(rows, rows.columns[key_column])
    with open_csv(path, layout, summary, progress) as rows:
        for group in group_rows(rows, rows.columns[key_column], split):
            yield group, rows.columns


def whole_order_example(group: RowGroup) -> str:
    """Return an example text naming the order's first row and its number of lines."""
    return _("row {row}: order {reference}, {lines}").format(
        row=group.rows[0][0], reference=group.reference or "?", lines=lines_text(len(group.rows))
    )


def line_example(row_number: int, reference: str, sku: str) -> str:
    """Return an example text naming one line of an order."""
    return _("row {row}: order {reference}, {sku}").format(
        row=row_number, reference=reference, sku=sku
    )


def count_imported_order(
    group: RowGroup,
    lines: list[OrderLineRecord],
    stripped_rows: set[int],
    summary: ImportSummary,
) -> None:
    """Count an imported order and its lines, with the notes on how they were read.

    ``stripped_rows`` contains the row numbers whose description had spaces
    around it.
    """
    summary.add(c.ORDERS_IMPORTED)
    summary.add(c.LINES_IMPORTED, count=len(lines))
    if len(group.part_starts) > 1:
        starts = ", ".join(str(row) for row in group.part_starts)
        summary.add(
            c.SPLIT_ORDERS,
            _("order {reference}, parts starting in rows {rows}").format(
                reference=group.reference, rows=starts
            ),
        )

    seen: set[str] = set()
    for line in lines:
        example = line_example(line.source_row, group.reference, line.sku)
        if line.sku in seen:
            summary.add(c.REPEATED_SKU_LINES, example)
        seen.add(line.sku)
        if not (line.sku + line.description).isascii():
            summary.add(c.NON_ASCII_LINES, f"{example}, {line.description}")
        if line.source_row in stripped_rows:
            summary.add(c.STRIPPED_LINES, example)


def find_disagreement(reference: str, rows: Iterable[tuple[int, dict[str, str]]]) -> str | None:
    """Return an example text for the first row whose order details differ from the first row's.

    Each row comes as its row number and its order details by column name.
    Returns None when all rows agree.
    """
    first_row = 0
    first: dict[str, str] | None = None
    for row_number, details in rows:
        if first is None:
            first_row, first = row_number, details
            continue
        for column, value in details.items():
            if value != first[column]:
                return _(
                    "row {row}: order {reference}, {column} {value!r} differs from {first!r} "
                    "in row {first_row}"
                ).format(
                    row=row_number,
                    reference=reference,
                    column=column,
                    value=value,
                    first=first[column],
                    first_row=first_row,
                )
    return None
