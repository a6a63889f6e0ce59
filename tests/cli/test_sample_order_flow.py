"""One real order of the sample, from import to completed, through main.py and its JSON.

Every expected figure is computed here from the sample files themselves: the
order's rows, the stock counts, the supplier catalog (cheapest entry, then
shortest lead time, then supplier code) and its minimum order quantity and
pack size. The PO and packing slip PDFs are read back with pypdf.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.cli.conftest import run_main, subprocess_env
from tests.conftest import REPO

SAMPLE = REPO / "resources" / "sample"
# Five lines, all in the catalog: two are in stock, one is partly in stock
# and two are not, and the lines to buy come from two suppliers.
INVOICE = "536594"
CONFIRMED_DATE = "2010-12-10"


@dataclass(frozen=True)
class ExpectedLine:
    line: int
    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    from_stock: int
    to_buy: int
    supplier: str
    supplier_sku: str
    po_quantity: int


def read_csv(name: str) -> list[dict[str, str]]:
    with (SAMPLE / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def order_rows() -> tuple[list[str], list[dict[str, str]]]:
    with gzip.open(SAMPLE / "orders-sample.csv.gz", "rt", newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        rows = [row for row in reader if row["InvoiceNo"] == INVOICE]
        return list(reader.fieldnames or []), rows


def write_order_file(path: Path) -> None:
    header, rows = order_rows()
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, header)
        writer.writeheader()
        writer.writerows(rows)


def purchase_quantity(needed: int, min_order_qty: int, pack_size: int) -> int:
    """Round up to the minimum order quantity, then to whole packs."""
    units = max(needed, min_order_qty)
    return -(-units // pack_size) * pack_size


def expected_lines() -> list[ExpectedLine]:
    suppliers = {row["supplier_code"]: row for row in read_csv("suppliers.csv")}
    catalog: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_csv("supplier-catalog.csv"):
        catalog[row["sku"]].append(row)
    stock = {row["sku"]: int(row["on_hand"]) for row in read_csv("stock-on-hand.csv")}
    lines = []
    for number, row in enumerate(order_rows()[1], start=1):
        sku, quantity = row["StockCode"], int(row["Quantity"])
        entry = min(catalog[sku], key=lambda e: (Decimal(e["unit_cost"]),
                                                 int(suppliers[e["supplier_code"]]
                                                     ["lead_time_days"]),
                                                 e["supplier_code"]))
        from_stock = min(quantity, stock.get(sku, 0))
        to_buy = quantity - from_stock
        lines.append(ExpectedLine(
            line=number, sku=sku, description=row["Description"].strip(), quantity=quantity,
            unit_price=Decimal(row["UnitPrice"]), from_stock=from_stock, to_buy=to_buy,
            supplier=entry["supplier_code"], supplier_sku=entry["supplier_sku"],
            po_quantity=purchase_quantity(to_buy, int(entry["min_order_qty"]),
                                          int(entry["pack_size"])) if to_buy else 0))
    return lines


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


class Tandem:
    """main.py in a subprocess, with its own database, acting as a named user."""

    def __init__(self, tmp_path: Path) -> None:
        self.env = subprocess_env(tmp_path)

    def json(self, user: str, *args: str) -> Any:
        result = run_main(self.env, "--user", user, *args, "--json")
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == "", (args, result.stderr)
        return json.loads(result.stdout)


def by_sku(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["sku"]: line for line in view["lines"]}


def test_sample_order_flow(tmp_path: Path) -> None:
    lines = expected_lines()
    assert all(line.supplier for line in lines)
    assert any(line.to_buy == 0 for line in lines)
    assert any(0 < line.from_stock < line.quantity for line in lines)
    to_buy = [line for line in lines if line.to_buy]
    suppliers = sorted({line.supplier for line in to_buy})
    assert len(suppliers) == 2
    total = sum((line.unit_price * line.quantity for line in lines), start=Decimal("0.00"))
    tandem = Tandem(tmp_path)
    orders_file = tmp_path / "orders.csv"
    write_order_file(orders_file)

    # The people, master data and the order.
    tandem.json("clara", "user", "add", "clara", "--role", "clerk")
    tandem.json("clara", "user", "add", "maya", "--role", "manager")
    tandem.json("clara", "user", "add", "miles", "--role", "manager")
    for kind, name in (("suppliers", "suppliers.csv"), ("catalog", "supplier-catalog.csv"),
                       ("stock", "stock-on-hand.csv")):
        summary = tandem.json("clara", "import", kind, str(SAMPLE / name))
        assert summary["counts"]["rows imported"] == len(read_csv(name))
    summary = tandem.json("clara", "import", "orders", str(orders_file))
    assert summary["counts"]["orders stored"] == 1

    so = tandem.json("clara", "so", "show", INVOICE)
    number = so["number"]
    assert so["reference"] == INVOICE
    assert so["total"] == f"{total:.2f}"
    for line in lines:
        line_view = by_sku(so)[line.sku]
        assert line_view["line"] == line.line
        assert line_view["ordered"] == line.quantity
        assert line_view["from_stock"] == line.from_stock
        assert line_view["still_to_source"] == line.to_buy
        assert line_view["on_order"] == 0

    # Draft; then submit, approve by another person and send each PO.
    draft = tandem.json("clara", "po", "draft", number)
    assert draft["lines_ordered"] == len(to_buy)
    assert len(draft["created"]) == len(suppliers)
    pos: dict[str, str] = {}
    approvers = dict(zip(suppliers, ("maya", "miles"), strict=True))
    for po_number in draft["created"]:
        po = tandem.json("clara", "po", "submit", po_number)
        assert po["status"] == "awaiting_approval"
        supplier = po["supplier_code"]
        pos[supplier] = po_number
        expected_po_lines = [line for line in to_buy if line.supplier == supplier]
        assert [line["sku"] for line in po["lines"]] == [line.sku for line in expected_po_lines]
        for line in expected_po_lines:
            line_view = by_sku(po)[line.sku]
            assert line_view["ordered"] == line.po_quantity
            assert line_view["supplier_sku"] == line.supplier_sku
            assert [(s["so"], s["line"], s["qty"]) for s in line_view["serves"]] == [
                (number, line.line, line.to_buy)]
        po = tandem.json(approvers[supplier], "po", "approve", po_number)
        assert po["status"] == "approved"
        assert po["approved_by"] == approvers[supplier]
        assert po["submitted_by"] == "clara"
        po = tandem.json("clara", "po", "send", po_number, "--pdf",
                         str(tmp_path / f"{po_number}.pdf"))
        assert po["status"] == "sent"
    assert sorted(pos) == suppliers

    # The supplier of the first PO gives a date per line; the other confirms all as ordered.
    dated, undated = suppliers
    items = [f"{line.sku}={line.po_quantity}@{CONFIRMED_DATE}"
             for line in to_buy if line.supplier == dated]
    po = tandem.json("clara", "po", "confirm", pos[dated], *items)
    assert po["status"] == "confirmed"
    assert all(line["confirmed"] == line["ordered"] for line in po["lines"])
    assert all(line["expected_date"] == CONFIRMED_DATE for line in po["lines"])
    po = tandem.json("clara", "po", "confirm", pos[undated])
    assert all(line["confirmed"] == line["ordered"] for line in po["lines"])

    # Receive the PO of several lines in two parts, the other at once.
    partial = max(pos, key=lambda s: sum(line.supplier == s for line in to_buy))
    partial_lines = [line for line in to_buy if line.supplier == partial]
    assert len(partial_lines) > 1
    assert partial_lines[0].to_buy > 2
    part = {line.sku: line.to_buy for line in partial_lines}
    part[partial_lines[0].sku] -= 2
    receipt = tandem.json("clara", "receive", pos[partial],
                          *(f"{sku}={units}" for sku, units in part.items()))
    assert receipt["received"] == sum(part.values())
    assert receipt["reserved"] == sum(part.values())
    assert receipt["to_stock"] == 0
    so = tandem.json("clara", "so", "show", number)
    assert so["status"] == "partly_ready"
    for line in to_buy:
        assert by_sku(so)[line.sku]["on_order"] == line.to_buy
        assert by_sku(so)[line.sku]["received"] == part.get(line.sku, 0)

    receipt = tandem.json("clara", "receive", pos[partial])
    ordered = sum(line.po_quantity for line in partial_lines)
    assert receipt["received"] == ordered - sum(part.values())
    assert receipt["reserved"] == 2
    assert receipt["to_stock"] == ordered - sum(line.to_buy for line in partial_lines)
    other = [line for line in to_buy if line.supplier != partial]
    receipt = tandem.json("clara", "receive", pos[other[0].supplier])
    assert receipt["received"] == sum(line.po_quantity for line in other)
    assert receipt["reserved"] == sum(line.to_buy for line in other)

    # Ship everything, deliver, pay the balance.
    slip = tmp_path / "slip.pdf"
    shipment = tandem.json("clara", "ship", number, "--carrier", "DHL", "--pdf", str(slip))
    assert shipment["units"] == sum(line.quantity for line in lines)
    so = tandem.json("clara", "deliver", number)
    assert so["status"] == "delivered"
    assert so["shipments"] == [shipment["number"]]
    for line in lines:
        assert by_sku(so)[line.sku]["received"] == line.to_buy
        assert by_sku(so)[line.sku]["shipped"] == line.quantity
    assert so["balance_due"] == f"{total:.2f}"
    so = tandem.json("clara", "pay", number, f"{total:.2f}", "--method", "transfer")
    assert so["balance_due"] == "0.00"

    so = tandem.json("clara", "so", "show", number)
    assert so["status"] == "completed"
    assert so["balance_due"] == "0.00"
    assert so["paid"] == f"{total:.2f}"
    assert so["purchase_orders"] == sorted(pos.values())

    # The documents, read back.
    for supplier, po_number in pos.items():
        text = pdf_text(tmp_path / f"{po_number}.pdf")
        assert f"PO number {po_number}" in text
        assert f"Approved by {approvers[supplier]}" in text
        for position, line in enumerate(
                [line for line in to_buy if line.supplier == supplier], start=1):
            pattern = (rf"\b{position} {re.escape(line.sku)} {re.escape(line.supplier_sku)} "
                       rf".+? {line.po_quantity} .+? {re.escape(number)}\b")
            assert re.search(pattern, text), (pattern, text)
    text = pdf_text(slip)
    assert f"Shipment {shipment['number']}" in text
    assert f"Sales order {number}" in text
    assert f"Your reference {INVOICE}" in text
    for line in lines:
        pattern = (rf"\b{line.line} {re.escape(line.sku)} .+? {line.quantity} {line.quantity} "
                   rf"{line.quantity} 0\b")
        assert re.search(pattern, text), (pattern, text)
    units = sum(line.quantity for line in lines)
    assert f"Total units {units} {units} {units} 0" in text
