"""The line table of a document: column titles on every page, cells that wrap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeAlias

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, TableStyle

from app.reports.blocks import paragraph
from app.reports.fonts import FONT_REGULAR
from app.reports.styles import (
    CELL_BOLD,
    CELL_BOLD_RIGHT,
    CELL_PADDING,
    HEADER_BACKGROUND,
    PAGE_SIZE,
    RULE_COLOUR,
    TABLE_LEADING,
    TABLE_SIZE,
)

Cell: TypeAlias = str | Paragraph

# A table row never splits across pages, so a cell taller than this is cut
# into parts that continue in the rows below it. Parts of a quarter of an A4
# page fit any page and leave little of a page empty.
MAX_CELL_HEIGHT = PAGE_SIZE[1] / 4


def header_cells(titles: Sequence[str], right_aligned: Sequence[int]) -> list[Cell]:
    """Return the bold column titles of a line table; a long title wraps in its column."""
    return [
        paragraph(title, CELL_BOLD_RIGHT if index in right_aligned else CELL_BOLD)
        for index, title in enumerate(titles)
    ]


def table_rows(
    header: list[Cell],
    lines: Iterable[Sequence[str]],
    widths: Sequence[float],
    styles: Sequence[ParagraphStyle],
) -> tuple[list[list[Cell]], list[int]]:
    """Return the header and the rows of ``lines``, and the indexes of continuation rows.

    A continuation row carries on a cell too tall for one row; see ``line_rows``.
    """
    rows: list[list[Cell]] = [header]
    continuation_rows: list[int] = []
    for texts in lines:
        new_rows = line_rows(texts, widths, styles)
        continuation_rows.extend(range(len(rows) + 1, len(rows) + len(new_rows)))
        rows.extend(new_rows)
    return rows, continuation_rows


def line_rows(
    texts: Sequence[str], widths: Sequence[float], styles: Sequence[ParagraphStyle]
) -> list[list[Cell]]:
    """Return the table rows for one document line, each text in its column.

    Text that fits on one line stays a plain string, because the table draws
    that much faster than a Paragraph. Longer text becomes a Paragraph that
    wraps. A plain string takes its font from the table style, so the table
    style must use the same font and size as the cell's style.

    There is one row unless a cell is taller than ``MAX_CELL_HEIGHT``. Then
    its text continues in the rows below, whose other cells are empty.
    """
    cells: list[Cell] = []
    may_be_tall = False
    for text, width, style in zip(texts, widths, styles, strict=True):
        inner_width = width - 2 * CELL_PADDING
        text_width = stringWidth(text, style.fontName, style.fontSize)
        if text_width <= inner_width and "\n" not in text:
            cells.append(text)
            continue
        cells.append(paragraph(text, style))
        # A line breaks only when the next word does not fit, so two lines
        # together hold more than a column's width less one space. Taking a
        # whole font size off for the space bounds the line count from above.
        max_lines = 2 * text_width / (inner_width - style.fontSize) + 2 + 2 * text.count("\n")
        may_be_tall = may_be_tall or max_lines * style.leading > MAX_CELL_HEIGHT
    if not may_be_tall:
        return [cells]
    return _split_tall_cells(cells, widths)


def _split_tall_cells(cells: list[Cell], widths: Sequence[float]) -> list[list[Cell]]:
    columns = [
        _cell_parts(cell, width - 2 * CELL_PADDING)
        for cell, width in zip(cells, widths, strict=True)
    ]
    row_count = max(len(parts) for parts in columns)
    return [
        [parts[row] if row < len(parts) else "" for parts in columns] for row in range(row_count)
    ]


def _cell_parts(cell: Cell, inner_width: float) -> list[Cell]:
    if isinstance(cell, str):
        return [cell]
    parts: list[Cell] = []
    remainder = cell
    while True:
        _width, height = remainder.wrap(inner_width, PAGE_SIZE[1])
        if height <= MAX_CELL_HEIGHT:
            parts.append(remainder)
            return parts
        pieces = remainder.split(inner_width, MAX_CELL_HEIGHT)
        if len(pieces) < 2:
            parts.append(remainder)
            return parts
        parts.append(pieces[0])
        remainder = pieces[1]


def line_table(
    rows: list[list[Cell]],
    widths: Sequence[float],
    right_aligned: Sequence[int],
    *,
    continuation_rows: Sequence[int] = (),
    extra_style: Sequence[tuple[object, ...]] = (),
) -> LongTable:
    """Return a table whose first row, the column titles, repeats on every page.

    Rows never split across pages. A thin rule separates the rows, except
    above the ``continuation_rows``, which carry on the text of the row above
    them. ``right_aligned`` lists the column indexes of numbers.
    """
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT_REGULAR, TABLE_SIZE, TABLE_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE_COLOUR),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]
    commands.extend(_row_rules(len(rows), continuation_rows))
    commands.extend(("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right_aligned)
    commands.extend(extra_style)
    table = LongTable(rows, colWidths=list(widths), repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle(commands))
    return table


def _row_rules(row_count: int, continuation_rows: Sequence[int]) -> list[tuple[object, ...]]:
    """Return LINEBELOW commands for the body rows, skipping each row that is continued."""
    rules: list[tuple[object, ...]] = []
    first = 1
    for continued in sorted(row - 1 for row in continuation_rows):
        if continued > first:
            rules.append(("LINEBELOW", (0, first), (-1, continued - 1), 0.25, RULE_COLOUR))
        first = continued + 1
    if first < row_count:
        rules.append(("LINEBELOW", (0, first), (-1, row_count - 1), 0.25, RULE_COLOUR))
    return rules
