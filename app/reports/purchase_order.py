"""The purchase order PDF sent to a supplier."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.documents import PurchaseOrderDocument, PurchaseOrderDocumentLine
from app.i18n import _
from app.reports.blocks import address_and_details, document_heading, paragraph
from app.reports.fonts import FONT_BOLD, register_fonts
from app.reports.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_unit_cost,
)
from app.reports.page import build_document
from app.reports.styles import BODY, CELL, CELL_RIGHT, FRAME_WIDTH, TABLE_LEADING, TABLE_SIZE
from app.reports.tables import header_cells, line_table, table_rows

# Column widths in order: line, SKU, supplier SKU, description, quantity,
# unit cost, amount, sales orders. The description takes what is left.
_FIXED_WIDTHS = (10 * mm, 20 * mm, 21 * mm, 17 * mm, 19 * mm, 21 * mm, 22 * mm)
_WIDTHS = (
    *_FIXED_WIDTHS[:3],
    FRAME_WIDTH - sum(_FIXED_WIDTHS),
    *_FIXED_WIDTHS[3:],
)
_RIGHT_ALIGNED = (0, 4, 5, 6)
_STYLES = (CELL_RIGHT, CELL, CELL, CELL, CELL_RIGHT, CELL_RIGHT, CELL_RIGHT, CELL)
_DESCRIPTION_COLUMN = 3


def render_purchase_order(doc: PurchaseOrderDocument, out: Path | BinaryIO) -> None:
    """Write ``doc`` as a PDF to ``out``, a file path or a binary stream left open.

    The first page carries the company and supplier, the order's details and
    a Code 128 barcode of the PO number. The line table's column titles repeat
    on every page and the last row carries the total.
    """
    register_fonts()
    title = _("Purchase order")
    story: list[Flowable] = [
        document_heading(doc.company, title, doc.number),
        Spacer(1, 6 * mm),
        address_and_details(_("Supplier"), doc.supplier, _order_details(doc)),
        Spacer(1, 8 * mm),
        _lines_table(doc),
        Spacer(1, 6 * mm),
        paragraph(
            _(
                "Please quote {number} on your order confirmation, delivery note and invoice."
            ).format(number=doc.number),
            BODY,
        ),
    ]
    footer = _("Purchase order {number}, revision {revision}, printed {printed}").format(
        number=doc.number, revision=doc.revision, printed=format_datetime(doc.printed_at)
    )
    build_document(
        out,
        story,
        title=f"{title} {doc.number}",
        author=doc.company.name,
        subject=_("Purchase order {number} for {supplier}").format(
            number=doc.number, supplier=doc.supplier.name
        ),
        footer_label=footer,
    )


def _order_details(doc: PurchaseOrderDocument) -> list[tuple[str, str]]:
    approved_at = format_datetime(doc.approved_at) if doc.approved_at else "–"
    return [
        (_("PO number"), doc.number),
        (_("Revision"), str(doc.revision)),
        (_("Order date"), format_date(doc.order_date)),
        (_("Currency"), doc.currency),
        (_("Terms"), doc.terms or "–"),
        (_("Approved by"), doc.approved_by or _("Not approved")),
        (_("Approved at"), approved_at),
    ]


def _lines_table(doc: PurchaseOrderDocument) -> Flowable:
    titles = [
        _("Line"),
        _("SKU"),
        _("Supplier SKU"),
        _("Description"),
        _("Quantity"),
        _("Unit cost {currency}").format(currency=doc.currency),
        _("Amount {currency}").format(currency=doc.currency),
        _("For sales orders"),
    ]
    rows, continuation_rows = table_rows(
        header_cells(titles, _RIGHT_ALIGNED), map(_line_texts, doc.lines), _WIDTHS, _STYLES
    )
    total_row = len(rows)
    total_label = _("Total {currency}").format(currency=doc.currency)
    # The label sits right-aligned in the wide description column: a cell
    # spanning several columns would make every page break of a long table
    # slower.
    rows.append(["", "", "", total_label, "", "", format_money(doc.total), ""])
    total_style: list[tuple[object, ...]] = [
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
        extra_style=total_style,
    )


def _line_texts(line: PurchaseOrderDocumentLine) -> list[str]:
    return [
        str(line.line),
        line.sku,
        line.supplier_sku,
        line.description,
        str(line.quantity),
        format_unit_cost(line.unit_cost),
        format_money(line.amount),
        ", ".join(line.serves),
    ]
