"""The purchase order PDF, read back with pypdf."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.documents import Party
from app.reports import render_purchase_order
from tests.reports.report_samples import (
    flat_page_texts,
    font_names,
    page_texts,
    po_line,
    purchase_order,
    unembedded_fonts,
)


def test_po_prints_header_fields(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    doc = purchase_order((po_line(1),), revision=3, terms="Net 45 days, DAP Rotterdam")

    render_purchase_order(doc, pdf)

    text = flat_page_texts(pdf)[0]
    for expected in (
        "PO-000001",
        "Paper Goods Ltd",
        "1 Mill Lane",
        "Tandem Trading B.V.",
        "3089 JK Rotterdam",
        "2024-05-31",
        "EUR",
        "Net 45 days, DAP Rotterdam",
        "marta",
        "2024-05-31 14:05",
    ):
        assert expected in text, expected
    assert "Revision 3" in text


def test_po_prints_line_figures(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    lines = (
        po_line(1),
        po_line(
            2,
            quantity=4,
            unit_cost=Decimal("12.5"),
            amount=Decimal("50"),
            serves=("SO-000007", "SO-000009"),
        ),
    )

    render_purchase_order(purchase_order(lines), pdf)

    text = page_texts(pdf)[0]
    for expected in (
        "SKU-0001",
        "SUP-0001",
        "Item number 1",
        "2.50",
        "25.00",
        "SO-000001",
        "SKU-0002",
        "SUP-0002",
        "12.50",
        "50.00",
        "SO-000007",
        "SO-000009",
        "75.00",
    ):
        assert expected in text, expected


def test_po_total_in_last_row(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"

    render_purchase_order(purchase_order((po_line(1), po_line(2))), pdf)

    text = page_texts(pdf)[0]
    assert "Total EUR" in text
    assert text.index("Total EUR") > text.index("SKU-0002")
    assert "50.00" in text[text.index("Total EUR") :]


def test_po_unit_cost_keeps_third_decimal(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    line = po_line(1, quantity=1000, unit_cost=Decimal("0.055"), amount=Decimal("55.00"))

    render_purchase_order(purchase_order((line,)), pdf)

    text = page_texts(pdf)[0]
    assert "0.055" in text
    assert "55.00" in text


def test_po_not_approved(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"

    render_purchase_order(purchase_order((po_line(1),), approved_by=None, approved_at=None), pdf)

    assert "Not approved" in page_texts(pdf)[0]


def test_po_metadata(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"

    render_purchase_order(purchase_order((po_line(1),)), pdf)

    metadata = PdfReader(pdf).metadata
    assert metadata is not None
    assert metadata.title == "Purchase order PO-000001"
    assert metadata.author == "Tandem Trading B.V."


def test_po_long_description_wraps(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    words = [f"part{index:02d}" for index in range(30)]
    description = " ".join(words)
    assert len(description) >= 200

    render_purchase_order(purchase_order((po_line(1, description=description),)), pdf)

    text = page_texts(pdf)[0]
    for word in words:
        assert word in text, word
    # The description spans several lines of its cell.
    assert "\n" in text[text.index(words[0]) : text.index(words[-1])]


def test_po_long_sku_wraps(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    sku = "LONG" + "X" * 40 + "END"

    render_purchase_order(purchase_order((po_line(1, sku=sku),)), pdf)

    text = "".join(page_texts(pdf)[0].split())
    assert sku in text


def test_po_description_taller_than_page(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    words = [f"word{index:04d}" for index in range(900)]
    lines = (po_line(1), po_line(2, description=" ".join(words)), po_line(3))

    render_purchase_order(purchase_order(lines), pdf)

    texts = page_texts(pdf)
    text = "".join(texts)
    assert len(texts) > 2
    for word in words:
        assert word in text, word
    assert "SKU-0003" in texts[-1]


def test_po_header_on_every_page(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    lines = tuple(po_line(number) for number in range(1, 151))

    render_purchase_order(purchase_order(lines), pdf)

    texts = flat_page_texts(pdf)
    page_count = len(texts)
    assert page_count > 1
    for number, text in enumerate(texts, start=1):
        assert "Supplier SKU" in text, number
        assert "For sales orders" in text, number
        assert f"Page {number} of {page_count}" in text
        assert "PO-000001" in text, number
    joined = "".join(texts)
    for line in lines:
        assert line.sku in joined, line.sku
    assert "3750.00" in texts[-1]


def test_po_fonts_embedded(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"

    render_purchase_order(purchase_order((po_line(1),)), pdf)

    assert unembedded_fonts(pdf) == []
    names = font_names(pdf)
    assert names
    assert all("DejaVu" in name for name in names), names


def test_po_non_ascii_round_trip(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    doc = purchase_order(
        (po_line(1, description="Café £ Zürich, Łódź"),),
        supplier=Party("Müller & Söhne GmbH", ("Zeughausgasse 7", "8001 Zürich")),
    )

    render_purchase_order(doc, pdf)

    text = page_texts(pdf)[0]
    assert "Café £ Zürich, Łódź" in text
    assert "Müller & Söhne GmbH" in text
    assert "8001 Zürich" in text


def test_po_markup_prints_literally(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    description = "Hinges <b>brass</b> & screws, " + "long text " * 10

    render_purchase_order(purchase_order((po_line(1, description=description),)), pdf)

    assert "Hinges <b>brass</b> & screws" in flat_page_texts(pdf)[0]


def test_po_barcode_number_printed(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"

    render_purchase_order(purchase_order((po_line(1),)), pdf)

    lines = [line.strip() for line in page_texts(pdf)[0].splitlines()]
    # The number under the barcode comes right after the title and before the details.
    assert lines.index("PO-000001") == lines.index("Purchase order") + 1
    assert lines.index("PO-000001") < lines.index("PO number")


def test_po_barcode_rejects_non_ascii(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="PO-00000é"):
        render_purchase_order(
            purchase_order((po_line(1),), number="PO-00000é"), tmp_path / "po.pdf"
        )


def test_po_writes_to_stream() -> None:
    stream = io.BytesIO()

    render_purchase_order(purchase_order((po_line(1),)), stream)

    assert not stream.closed
    assert stream.getvalue().startswith(b"%PDF-")
    stream.seek(0)
    assert "PO-000001" in PdfReader(stream).pages[0].extract_text()


def test_po_without_lines(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"

    render_purchase_order(purchase_order(()), pdf)

    text = page_texts(pdf)[0]
    assert "Total EUR" in text
    assert "0.00" in text
    assert "Page 1 of 1" in text


def test_po_line_serving_many_orders(tmp_path: Path) -> None:
    pdf = tmp_path / "po.pdf"
    orders = tuple(f"SO-{number:06d}" for number in range(1, 151))

    render_purchase_order(purchase_order((po_line(1, serves=orders), po_line(2))), pdf)

    joined = " ".join(flat_page_texts(pdf))
    missing = [order for order in orders if order not in joined]
    assert missing == []
    assert "SKU-0002" in joined
