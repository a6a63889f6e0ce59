"""Render a sample purchase order and packing slip, and save page 1 of each as PNG.

Run from the repository root: ``.venv/bin/python docs/images/make_report_images.py``.
It needs ``pdftoppm`` (Debian package poppler-utils) and no database. The PDFs
are written next to the PNGs with ``--keep-pdf``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.domain.documents import (
    PackingSlipDocument,
    PackingSlipLine,
    Party,
    PurchaseOrderDocument,
    PurchaseOrderDocumentLine,
)
from app.reports import render_packing_slip, render_purchase_order

IMAGES_DIR = Path(__file__).resolve().parent

COMPANY = Party(
    "Tandem Trading B.V.",
    ("Havenweg 12", "3089 JK Rotterdam", "Netherlands", "VAT NL123456789B01"),
)

_PRODUCTS = [
    ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", Decimal("2.55")),
    ("71053", "WHITE METAL LANTERN", Decimal("3.39")),
    ("84406B", "CREAM CUPID HEARTS COAT HANGER", Decimal("2.75")),
    ("84029G", "KNITTED UNION FLAG HOT WATER BOTTLE", Decimal("3.39")),
    ("84029E", "RED WOOLLY HOTTIE WHITE HEART.", Decimal("3.39")),
    ("22752", "SET 7 BABUSHKA NESTING BOXES", Decimal("7.65")),
    ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", Decimal("4.25")),
    ("22633", "HAND WARMER UNION JACK", Decimal("1.85")),
]


def sample_purchase_order() -> PurchaseOrderDocument:
    """Return an eight-line PO with one long description and non-ASCII text."""
    lines = []
    for index, (sku, description, cost) in enumerate(_PRODUCTS, start=1):
        quantity = 12 * index
        if index == 3:
            description = (
                "Café-Garderobe „Zürich“ mit Amor-Herzen, cremeweiß lackiert, "
                "je Karton 6 Stück, bitte stoßfest verpacken und jede Einheit "
                "einzeln in Seidenpapier einschlagen; Lieferung nur auf Europalette"
            )
        serves = ("SO-000123",) if index % 3 else ("SO-000123", "SO-000131", "SO-000140")
        lines.append(
            PurchaseOrderDocumentLine(
                line=index,
                sku=sku,
                supplier_sku=f"SUP-{sku}",
                description=description,
                quantity=quantity,
                unit_cost=cost,
                amount=cost * quantity,
                serves=serves,
            )
        )
    return PurchaseOrderDocument(
        number="PO-000045",
        revision=2,
        company=COMPANY,
        supplier=Party(
            "Müller & Söhne GmbH",
            ("Zeughausgasse 7", "8001 Zürich", "Switzerland", "Orders: bestellung@example.ch"),
        ),
        order_date=date(2024, 5, 31),
        currency="EUR",
        terms="Net 30 days, DAP Rotterdam",
        lines=tuple(lines),
        total=sum((line.amount for line in lines), Decimal("0")),
        approved_by="Jana Novák",
        approved_at=datetime(2024, 5, 31, 14, 5),
        printed_at=datetime(2024, 5, 31, 14, 12),
    )


def sample_packing_slip(line_count: int = 60) -> PackingSlipDocument:
    """Return a packing slip of ``line_count`` lines, some only partly shipped."""
    lines = []
    for index in range(1, line_count + 1):
        sku, description, _cost = _PRODUCTS[(index - 1) % len(_PRODUCTS)]
        ordered = 6 * (1 + index % 5)
        shipped_before = ordered // 3 if index % 4 == 0 else 0
        shipped_now = ordered - shipped_before if index % 7 else ordered // 2
        lines.append(
            PackingSlipLine(
                line=index,
                sku=f"{sku}-{index:03d}",
                description=description,
                ordered=ordered,
                shipped_now=shipped_now,
                shipped_to_date=shipped_before + shipped_now,
                still_to_come=ordered - shipped_before - shipped_now,
            )
        )
    return PackingSlipDocument(
        shipment_number="SH-000067",
        so_number="SO-000123",
        customer_reference="536365",
        company=COMPANY,
        ship_to=Party(
            "Café Lumière",
            ("Attn. Goods-in, Élodie Fabre", "14 rue de la Gare", "69002 Lyon", "France"),
        ),
        shipped_at=datetime(2024, 6, 12, 9, 40),
        carrier="DHL Freight",
        tracking="JD014600006281234567",
        lines=tuple(lines),
    )


def pdf_to_png(pdf: Path, png: Path, resolution: int) -> None:
    """Convert page 1 of ``pdf`` to ``png`` with pdftoppm."""
    stem = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile", pdf, stem],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES_DIR, help="folder for the PNG files")
    parser.add_argument(
        "--resolution", type=int, default=60, help="PNG resolution in dots per inch"
    )
    parser.add_argument("--keep-pdf", action="store_true", help="keep the PDFs beside the PNGs")
    arguments = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        parser.error("pdftoppm was not found: install poppler-utils.")

    with tempfile.TemporaryDirectory() as scratch:
        folder = arguments.out if arguments.keep_pdf else Path(scratch)
        po_pdf = folder / "po-example.pdf"
        slip_pdf = folder / "packing-slip-example.pdf"
        render_purchase_order(sample_purchase_order(), po_pdf)
        render_packing_slip(sample_packing_slip(), slip_pdf)
        pdf_to_png(po_pdf, arguments.out / "po-example.png", arguments.resolution)
        pdf_to_png(slip_pdf, arguments.out / "packing-slip-example.png", arguments.resolution)
    print(f"Wrote po-example.png and packing-slip-example.png to {arguments.out}")


if __name__ == "__main__":
    main()
