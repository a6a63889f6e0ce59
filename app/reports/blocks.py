"""Building blocks of the first page: the heading with the barcode, addresses and details."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.documents import Party
from app.reports.barcode import LabelledBarcode
from app.reports.fonts import FONT_REGULAR
from app.reports.styles import (
    BODY,
    BODY_SIZE,
    DETAIL_LABEL,
    DETAIL_VALUE,
    FRAME_WIDTH,
    LABEL,
    PARTY_NAME,
    TITLE,
)

_LEFT_COLUMN_WIDTH = FRAME_WIDTH * 0.55
_RIGHT_COLUMN_WIDTH = FRAME_WIDTH - _LEFT_COLUMN_WIDTH
_DETAIL_LABEL_WIDTH = 27 * mm


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Return a Paragraph of plain ``text``: markup characters print as typed, newlines break."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def party_block(label: str, party: Party) -> list[Flowable]:
    """Return a small caption, then the party's name in bold and its address lines."""
    block: list[Flowable] = [paragraph(label, LABEL), paragraph(party.name, PARTY_NAME)]
    block.extend(paragraph(line, BODY) for line in party.lines)
    return block


def document_heading(company: Party, title: str, barcode_value: str) -> Table:
    """Return the top of the first page: company at the left, title and barcode at the right."""
    company_block: list[Flowable] = [paragraph(company.name, PARTY_NAME)]
    company_block.extend(paragraph(line, BODY) for line in company.lines)
    title_block: list[Flowable] = [
        paragraph(title, TITLE),
        Spacer(1, 2 * mm),
        # The page's right margin is the barcode's right quiet zone.
        LabelledBarcode(barcode_value, right_quiet_zone=False),
    ]
    heading = Table(
        [[company_block, title_block]],
        colWidths=[_LEFT_COLUMN_WIDTH, _RIGHT_COLUMN_WIDTH],
    )
    heading.setStyle(_layout_style(("ALIGN", (1, 0), (1, 0), "RIGHT")))
    return heading


def details_table(details: Sequence[tuple[str, str]]) -> Table:
    """Return label and value pairs as two aligned columns, values in bold."""
    label_width = _DETAIL_LABEL_WIDTH
    rows = [
        [paragraph(label, DETAIL_LABEL), paragraph(value, DETAIL_VALUE)] for label, value in details
    ]
    table = Table(rows, colWidths=[label_width, _RIGHT_COLUMN_WIDTH - label_width])
    table.setStyle(
        _layout_style(
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return table


def address_and_details(
    party_label: str, party: Party, details: Sequence[tuple[str, str]]
) -> Table:
    """Return the second band of the first page: an address at the left, details at the right."""
    band = Table(
        [[party_block(party_label, party), details_table(details)]],
        colWidths=[_LEFT_COLUMN_WIDTH, _RIGHT_COLUMN_WIDTH],
    )
    band.setStyle(_layout_style())
    return band


def _layout_style(*extra: tuple[object, ...]) -> TableStyle:
    """Return the style of a table used for layout only: no padding, top-aligned cells."""
    return TableStyle(
        [
            # A table sets its cell font before drawing a Paragraph in the
            # cell. ReportLab's default, Helvetica, would end up named in the
            # page's fonts without being embedded.
            ("FONT", (0, 0), (-1, -1), FONT_REGULAR, BODY_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )
