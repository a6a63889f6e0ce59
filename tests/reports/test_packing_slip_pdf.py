"""The packing slip PDF, read back with pypdf."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.documents import PackingSlipLine, Party
from app.reports import render_packing_slip
from tests.conftest import SHARED_DATA
from tests.reports.report_samples import (
    flat_page_texts,
    font_names,
    packing_slip,
    page_texts,
    slip_line,
    unembedded_fonts,
)

ONLINE_RETAIL_ORDERS = SHARED_DATA / "orders-2010-12-to-2011-12.csv.gz"
# The largest order in the online retail data: 1,114 lines.
LARGEST_INVOICE = "573585"


def test_slip_prints_header_fields(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"

    render_packing_slip(packing_slip((slip_line(1),)), pdf)

    text = flat_page_texts(pdf)[0]
    for expected in (
        "Packing slip",
        "SH-000001",
        "SO-000001",
        "536365",
        "Corner Shop",
        "5 High Street",
        "York YO1 7HH",
        "Tandem Trading B.V.",
        "2024-06-12 09:40",
        "DHL",
        "JD0146000062",
    ):
        assert expected in text, expected


def test_slip_prints_line_quantities(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    line = slip_line(
        7, ordered=120, shipped_now=45, shipped_to_date=95, still_to_come=25, sku="85123A"
    )

    render_packing_slip(packing_slip((line,)), pdf)

    text = flat_page_texts(pdf)[0]
    assert "Ordered This shipment Shipped to date Still to come" in text
    assert "7 85123A Item number 7 120 45 95 25" in text


def test_slip_total_units(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    lines = (
        slip_line(1),
        slip_line(2, ordered=5, shipped_now=5, shipped_to_date=5, still_to_come=0),
    )

    render_packing_slip(packing_slip(lines), pdf)

    assert "Total units 15 8 12 3" in flat_page_texts(pdf)[0]


def test_slip_shows_no_prices(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"

    render_packing_slip(packing_slip((slip_line(1),)), pdf)

    text = flat_page_texts(pdf)[0]
    for word in ("Price", "Cost", "Amount", "EUR", "GBP"):
        assert word.lower() not in text.lower(), word


def test_slip_blank_carrier_and_tracking(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"

    render_packing_slip(
        packing_slip((slip_line(1),), carrier="", tracking="", customer_reference=""), pdf
    )

    text = flat_page_texts(pdf)[0]
    assert "Carrier –" in text
    assert "Tracking –" in text
    assert "Your reference –" in text


def test_slip_metadata(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"

    render_packing_slip(packing_slip((slip_line(1),)), pdf)

    metadata = PdfReader(pdf).metadata
    assert metadata is not None
    assert metadata.title == "Packing slip SH-000001"
    assert metadata.author == "Tandem Trading B.V."


def test_slip_long_description_wraps(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    words = [f"piece{index:02d}" for index in range(30)]

    render_packing_slip(packing_slip((slip_line(1, description=" ".join(words)),)), pdf)

    text = page_texts(pdf)[0]
    for word in words:
        assert word in text, word
    assert "\n" in text[text.index(words[0]) : text.index(words[-1])]


def test_slip_1114_lines(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    lines = tuple(slip_line(number) for number in range(1, 1115))

    render_packing_slip(packing_slip(lines), pdf)

    texts = flat_page_texts(pdf)
    page_count = len(texts)
    assert page_count > 1
    for number, text in enumerate(texts, start=1):
        assert "Line SKU Description Ordered This shipment" in text, number
        assert f"Page {number} of {page_count}" in text
        assert "SH-000001" in text, number
    joined = " ".join(texts)
    missing = [line.sku for line in lines if line.sku not in joined]
    assert missing == []
    assert "Total units 11140 3342 7798 3342" in texts[-1]


def test_slip_fonts_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    lines = tuple(slip_line(number) for number in range(1, 80))

    render_packing_slip(packing_slip(lines), pdf)

    assert unembedded_fonts(pdf) == []
    names = font_names(pdf)
    assert names
    assert all("DejaVu" in name for name in names), names


def test_slip_non_ascii_round_trip(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    doc = packing_slip(
        (slip_line(1, description="Café £ Zürich"),),
        ship_to=Party("Café Lumière", ("14 rue de la Gare", "69002 Lyon")),
        customer_reference="Bestellung Nr. 7 für Jürgen",
    )

    render_packing_slip(doc, pdf)

    text = flat_page_texts(pdf)[0]
    assert "Café £ Zürich" in text
    assert "Café Lumière" in text
    assert "Bestellung Nr. 7 für Jürgen" in text


def test_slip_writes_to_stream() -> None:
    stream = io.BytesIO()

    render_packing_slip(packing_slip((slip_line(1),)), stream)

    stream.seek(0)
    assert "SH-000001" in PdfReader(stream).pages[0].extract_text()


def _invoice_lines(invoice: str) -> Iterator[dict[str, str]]:
    with gzip.open(ONLINE_RETAIL_ORDERS, "rt", encoding="utf-8", newline="") as orders:
        seen = False
        for row in csv.DictReader(orders):
            if row["InvoiceNo"] == invoice:
                seen = True
                yield row
            elif seen:
                return


@pytest.mark.skipif(not ONLINE_RETAIL_ORDERS.exists(), reason="online retail data not present")
def test_slip_largest_real_order(tmp_path: Path) -> None:
    pdf = tmp_path / "slip.pdf"
    lines = tuple(
        PackingSlipLine(
            line=number,
            sku=row["StockCode"],
            description=row["Description"],
            ordered=int(row["Quantity"]),
            shipped_now=int(row["Quantity"]),
            shipped_to_date=int(row["Quantity"]),
            still_to_come=0,
        )
        for number, row in enumerate(_invoice_lines(LARGEST_INVOICE), start=1)
    )
    assert len(lines) == 1114

    render_packing_slip(packing_slip(lines, customer_reference=LARGEST_INVOICE), pdf)

    texts = flat_page_texts(pdf)
    assert len(texts) > 1
    joined = " ".join(texts)
    missing = [line.sku for line in lines if line.sku not in joined]
    assert missing == []
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
