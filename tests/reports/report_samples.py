"""Sample documents for the report tests, and readers for the PDFs they render."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.domain.documents import (
    PackingSlipDocument,
    PackingSlipLine,
    Party,
    PurchaseOrderDocument,
    PurchaseOrderDocumentLine,
)

COMPANY = Party("Tandem Trading B.V.", ("Havenweg 12", "3089 JK Rotterdam", "Netherlands"))


def po_line(line: int, **changes: object) -> PurchaseOrderDocumentLine:
    """Return PO line ``line`` with quantity 10 at 2.50, changed by ``changes``."""
    values: dict[str, object] = {
        "line": line,
        "sku": f"SKU-{line:04d}",
        "supplier_sku": f"SUP-{line:04d}",
        "description": f"Item number {line}",
        "quantity": 10,
        "unit_cost": Decimal("2.50"),
        "amount": Decimal("25.00"),
        "serves": (f"SO-{line:06d}",),
    }
    values.update(changes)
    return PurchaseOrderDocumentLine(**values)  # type: ignore[arg-type]


def purchase_order(
    lines: tuple[PurchaseOrderDocumentLine, ...], **changes: object
) -> PurchaseOrderDocument:
    """Return PO-000001 revision 1 with ``lines`` and their amounts as total."""
    values: dict[str, object] = {
        "number": "PO-000001",
        "revision": 1,
        "company": COMPANY,
        "supplier": Party("Paper Goods Ltd", ("1 Mill Lane", "Leeds LS1 4AB")),
        "order_date": date(2024, 5, 31),
        "currency": "EUR",
        "terms": "Net 30 days",
        "lines": lines,
        "total": sum((line.amount for line in lines), Decimal("0")),
        "approved_by": "marta",
        "approved_at": datetime(2024, 5, 31, 14, 5),
        "printed_at": datetime(2024, 6, 1, 9, 0),
    }
    values.update(changes)
    return PurchaseOrderDocument(**values)  # type: ignore[arg-type]


def slip_line(line: int, **changes: object) -> PackingSlipLine:
    """Return packing slip line ``line``: 10 ordered, 4 shipped before, 3 now, 3 to come."""
    values: dict[str, object] = {
        "line": line,
        "sku": f"SKU-{line:04d}",
        "description": f"Item number {line}",
        "ordered": 10,
        "shipped_now": 3,
        "shipped_to_date": 7,
        "still_to_come": 3,
    }
    values.update(changes)
    return PackingSlipLine(**values)  # type: ignore[arg-type]


def packing_slip(lines: tuple[PackingSlipLine, ...], **changes: object) -> PackingSlipDocument:
    """Return shipment SH-000001 of SO-000001 with ``lines``."""
    values: dict[str, object] = {
        "shipment_number": "SH-000001",
        "so_number": "SO-000001",
        "customer_reference": "536365",
        "company": COMPANY,
        "ship_to": Party("Corner Shop", ("5 High Street", "York YO1 7HH")),
        "shipped_at": datetime(2024, 6, 12, 9, 40),
        "carrier": "DHL",
        "tracking": "JD0146000062",
        "lines": lines,
    }
    values.update(changes)
    return PackingSlipDocument(**values)  # type: ignore[arg-type]


def page_texts(pdf: Path) -> list[str]:
    """Return the extracted text of every page of ``pdf``."""
    return [page.extract_text() for page in PdfReader(pdf).pages]


def flat_page_texts(pdf: Path) -> list[str]:
    """Return the text of every page of ``pdf`` with each run of whitespace made one space.

    Wrapped cell text then reads as it was given, whichever line it broke on.
    """
    return [" ".join(text.split()) for text in page_texts(pdf)]


def unembedded_fonts(pdf: Path) -> list[str]:
    """Return the names of fonts used on any page of ``pdf`` without an embedded font file."""
    missing = []
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"]["/Font"]
        for reference in fonts.values():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                missing.append(str(font["/BaseFont"]))
    return missing


def font_names(pdf: Path) -> set[str]:
    """Return the base font names used on the pages of ``pdf``."""
    names = set()
    for page in PdfReader(pdf).pages:
        for reference in page["/Resources"]["/Font"].values():
            names.add(str(reference.get_object()["/BaseFont"]))
    return names
