"""The packing slip PDF that travels with a shipment."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.documents import PackingSlipDocument, PackingSlipLine
from app.i18n import _
from app.reports.blocks import address_and_details, document_heading
from app.reports.fonts import FONT_BOLD, register_fonts
from app.reports.formatting import format_datetime
from app.reports.page import build_document
from app.reports.styles import (
    CELL,
    CELL_BOLD_RIGHT,
    CELL_RIGHT,
    FRAME_WIDTH,
    TABLE_LEADING,
    TABLE_SIZE,
)
from app.reports.tables import header_cells, line_table, table_rows

# Column widths in order: line, SKU, description, ordered, this shipment,
# shipped to date, still to come. The description takes what is left.
_FIXED_WIDTHS = (10 * mm, 25 * mm, 17 * mm, 19 * mm, 19 * mm, 17 * mm)
_WIDTHS = (*_FIXED_WIDTHS[:2], FRAME_WIDTH - sum(_FIXED_WIDTHS), *_FIXED_WIDTHS[2:])
_RIGHT_ALIGNED = (0, 3, 4, 5, 6)
_DESCRIPTION_COLUMN = 2
_SHIPPED_NOW_COLUMN = 4
_STYLES = (CELL_RIGHT, CELL, CELL, CELL_RIGHT, CELL_BOLD_RIGHT, CELL_RIGHT, CELL_RIGHT)


def render_packing_slip(doc: PackingSlipDocument, out: Path | BinaryIO) -> None:
    """Write ``doc`` as a PDF to ``out``, a file path or a binary stream left open.

    The first page carries the company, the ship-to address, the shipment's
    details and a Code 128 barcode of the shipment number. No prices are
    printed. The quantities are those of ``doc``, so a reprint shows the
    figures of its own shipment.
    """
    register_fonts()
    title = _("Packing slip")
    story: list[Flowable] = [
        document_heading(doc.company, title, doc.shipment_number),
        Spacer(1, 6 * mm),
        address_and_details(_("Ship to"), doc.ship_to, _shipment_details(doc)),
        Spacer(1, 8 * mm),
        _lines_table(doc),
    ]
    footer = _("Packing slip {shipment} for sales order {order}").format(
        shipment=doc.shipment_number, order=doc.so_number
    )
    build_document(
        out,
        story,
        title=f"{title} {doc.shipment_number}",
        author=doc.company.name,
        subject=footer,
        footer_label=footer,
    )


def _shipment_details(doc: PackingSlipDocument) -> list[tuple[str, str]]:
    return [
        (_("Shipment"), doc.shipment_number),
        (_("Sales order"), doc.so_number),
        (_("Your reference"), doc.customer_reference or "–"),
        (_("Shipped"), format_datetime(doc.shipped_at)),
        (_("Carrier"), doc.carrier or "–"),
        (_("Tracking"), doc.tracking or "–"),
    ]


def _lines_table(doc: PackingSlipDocument) -> Flowable:
    titles = [
        _("Line"),
        _("SKU"),
        _("Description"),
        _("Ordered"),
        _("This shipment"),
        _("Shipped to date"),
        _("Still to come"),
    ]
    rows, continuation_rows = table_rows(
        header_cells(titles, _RIGHT_ALIGNED), map(_line_texts, doc.lines), _WIDTHS, _STYLES
    )
    total_row = len(rows)
    rows.append(
        [
            "",
            "",
            _("Total units"),
            str(sum(line.ordered for line in doc.lines)),
            str(sum(line.shipped_now for line in doc.lines)),
            str(sum(line.shipped_to_date for line in doc.lines)),
            str(sum(line.still_to_come for line in doc.lines)),
        ]
    )
    extra_style: list[tuple[object, ...]] = [
        (
            "FONT",
            (_SHIPPED_NOW_COLUMN, 1),
            (_SHIPPED_NOW_COLUMN, -1),
            FONT_BOLD,
            TABLE_SIZE,
            TABLE_LEADING,
        ),
        # A label spanning columns would slow down every page break, so it
        # sits right-aligned in the wide description column.
        ("ALIGN", (_DESCRIPTION_COLUMN, total_row), (_DESCRIPTION_COLUMN, total_row), "RIGHT"),
        ("FONT", (0, total_row), (-1, total_row), FONT_BOLD, TABLE_SIZE, TABLE_LEADING),
        ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, "black"),
        ("TOPPADDING", (0, total_row), (-1, total_row), 4),
    ]
    return line_table(
        rows,
        _WIDTHS,
        _RIGHT_ALIGNED,
        continuation_rows=continuation_rows,
        extra_style=extra_style,
    )


def _line_texts(line: PackingSlipLine) -> list[str]:
    return [
        str(line.line),
        line.sku,
        line.description,
        str(line.ordered),
        str(line.shipped_now),
        str(line.shipped_to_date),
        str(line.still_to_come),
    ]
