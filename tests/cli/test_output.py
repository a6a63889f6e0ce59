"""What the commands print: one JSON document with --json, short lines and tables without."""

from __future__ import annotations

import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli.output import format_table
from app.persistence.database import Database
from app.services import receiving
from tests.cli.conftest import Run
from tests.conftest import CLERK, MANAGER, add_product

MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")
SO_LINE_FIELDS = ("line", "sku", "ordered", "from_stock", "on_order", "confirmed", "received",
                  "shipped", "still_to_source", "cancelled")
PO_LINE_FIELDS = ("line", "sku", "ordered", "confirmed", "expected_date", "received", "rejected",
                  "serves")


def test_so_show_json_fields(run: Run, order: str) -> None:
    run("po", "draft", order)

    so = run("so", "show", order, "--json").json()

    assert so["number"] == order
    assert so["reference"] == "WEB-1001"
    assert so["customer"] == "Customer One"
    assert so["status"] == "awaiting_purchase"
    assert so["attention"] == []
    assert (so["total"], so["paid"], so["balance_due"]) == ("600.00", "0.00", "600.00")
    assert so["purchase_orders"] == ["PO-000001"]
    assert so["shipments"] == []
    line = so["lines"][0]
    assert {key: line[key] for key in SO_LINE_FIELDS} == {
        "line": 1, "sku": "P-200", "ordered": 5, "from_stock": 0, "on_order": 5,
        "confirmed": 0, "received": 0, "shipped": 0, "still_to_source": 0, "cancelled": 0}


def test_so_show_by_reference(run: Run, order: str) -> None:
    assert run("so", "show", "WEB-1001", "--json").json()["number"] == order


def test_po_show_json_fields(run: Run, sent_po: str, order: str) -> None:
    run("po", "confirm", sent_po, "P-200=4@2031-05-06")

    po = run("po", "show", sent_po, "--json").json()

    assert po["number"] == sent_po
    assert po["supplier"] == "Supplier S1"
    assert po["status"] == "confirmed"
    assert po["revision"] == 1
    assert po["total"] == "350.00"
    assert po["submitted_by"] == CLERK
    assert po["approved_by"] == MANAGER
    line = po["lines"][0]
    assert set(PO_LINE_FIELDS) <= set(line)
    assert (line["ordered"], line["confirmed"], line["expected_date"]) == (5, 4, "2031-05-06")
    assert (line["received"], line["rejected"]) == (0, 0)
    assert [(s["so"], s["line"], s["qty"]) for s in line["serves"]] == [(order, 1, 5)]


@pytest.mark.parametrize("group", ["so", "po"])
def test_list_json(run: Run, sent_po: str, group: str) -> None:
    rows = run(group, "list", "--json").json()

    assert len(rows) == 1
    assert {"number", "status", "total"} <= set(rows[0])
    assert MONEY.fullmatch(rows[0]["total"])


def test_list_status_filter(run: Run, sent_po: str) -> None:
    assert run("po", "list", "--status", "sent", "--json").json()[0]["number"] == sent_po
    assert run("po", "list", "--status", "draft", "--json").json() == []


@pytest.mark.parametrize("args", [
    ("so", "history", "SO-000001"),
    ("user", "list"),
    ("po", "show", "PO-000001"),
])
def test_json_single_document(run: Run, sent_po: str, args: tuple[str, ...]) -> None:
    result = run(*args, "--json")

    decoder = json.JSONDecoder()
    document, end = decoder.raw_decode(result.out)
    assert result.out[end:] == "\n"
    assert document


def test_so_show_text(run: Run, order: str) -> None:
    text = run("so", "show", order).out
    lines = text.splitlines()

    assert lines[0] == f"Sales order:     {order}"
    assert "Customer:        Customer One (C1)" in lines
    assert "Balance due:     600.00" in lines
    header = next(line for line in lines if line.startswith("Line"))
    row = lines[lines.index(header) + 1]
    assert row.split()[:3] == ["1", "P-200", "Item"]
    # Numbers are right-aligned under their headings.
    assert row.index("5") + 1 == header.index("Ordered") + len("Ordered")


def test_po_show_text(run: Run, sent_po: str) -> None:
    text = run("po", "show", sent_po).out

    assert "Purchase order: PO-000001 rev. 1" in text
    assert "Approved:       maya at " in text
    assert "SO-000001/1 x5" in text


def test_action_messages(run: Run, order: str) -> None:
    assert run("po", "draft", order).out == (
        f"{order}: drafted PO-000001.\nSO lines ordered: 1.\n")
    assert run("po", "submit", "PO-000001").out == (
        f"PO-000001 submitted for approval by {CLERK}.\n")
    assert run("po", "approve", "PO-000001", user=MANAGER).out == (
        f"PO-000001 approved by {MANAGER}.\n")


def test_reject_returns_to_draft(run: Run, order: str) -> None:
    run("po", "draft", order)
    run("po", "submit", "PO-000001")

    result = run("po", "reject", "PO-000001", "--reason", "Too dear", user=MANAGER)

    assert result.out == f"PO-000001 rejected by {MANAGER}; it is back to draft.\n"
    so = run("so", "show", order, "--json").json()
    assert so["attention"] == [f"PO-000001 rejected by {MANAGER}: Too dear"]


def test_confirm_receive_ship_text(run: Run, sent_po: str, order: str, tmp_path: Path) -> None:
    confirmed = run("po", "confirm", sent_po, "P-200=5@2031-05-06").out
    received = run("receive", sent_po, "P-200=3").out
    shipped = run("ship", order).out

    assert confirmed.splitlines()[0] == f"{sent_po} confirmed by {CLERK}:"
    assert confirmed.splitlines()[2].split() == ["P-200", "5", "5", "2031-05-06"]
    assert received == (f"{sent_po}: 3 units received, 0 rejected.\n"
                        f"3 units reserved for {order}.\n")
    slip = tmp_path / "documents" / "SH-000001.pdf"
    assert shipped == (f"SH-000001: 3 units of {order} shipped.\n"
                       f"Packing slip written to {slip}.\n")
    assert slip.exists()


def test_receive_rejected_units(run: Run, sent_po: str) -> None:
    receipt = run("receive", sent_po, "P-200=4", "--reject", "P-200=1", "--json").json()

    assert (receipt["received"], receipt["rejected"], receipt["reserved"]) == (4, 1, 4)
    line = run("po", "show", sent_po, "--json").json()["lines"][0]
    assert (line["received"], line["rejected"]) == (4, 1)


def test_set_quantity_and_cancel(run: Run, order: str) -> None:
    run("po", "draft", order)

    raised = run("so", "set-qty", order, "1", "7", "--yes", "--json").json()
    cancelled = run("so", "cancel", order, "--yes")

    assert raised["lines"][0]["ordered"] == 7
    assert raised["lines"][0]["on_order"] == 7
    assert raised["changes"]
    assert cancelled.code == 0
    assert cancelled.out.startswith(f"{order} cancelled by {CLERK}.\n  PO-000001 ")
    assert run("po", "show", "PO-000001", "--json").json()["status"] == "cancelled"


def test_pay_and_deliver(run: Run, people: Database, sent_po: str, order: str,
                         tmp_path: Path) -> None:
    receiving.receive(people, CLERK, sent_po)
    run("ship", order, "--pdf", str(tmp_path / "slip.pdf"))

    delivered = run("deliver", order)
    deposit = run("pay", order, "100", "--method", "card")
    paid = run("pay", order, "500.00", "--json").json()

    assert delivered.out == f"{order} marked delivered by {CLERK}; it is now delivered.\n"
    assert deposit.out == (f"Payment of 100.00 recorded on {order}; 500.00 is still due, "
                           "and it is now delivered.\n")
    assert (paid["status"], paid["paid"], paid["balance_due"]) == ("completed", "600.00",
                                                                   "0.00")
    assert paid["payment"] == "500.00"


def test_overpayment_refused(run: Run, order: str) -> None:
    result = run("pay", order, "600.01")

    assert result.code == 1
    assert "more than the 600.00 still due" in result.err


def test_pdf_commands(run: Run, people: Database, sent_po: str, order: str,
                      tmp_path: Path) -> None:
    receiving.receive(people, CLERK, sent_po)
    run("ship", order, "--pdf", str(tmp_path / "first.pdf"))
    po_pdf = tmp_path / "again" / "po.pdf"
    slip_pdf = tmp_path / "again" / "slip.pdf"

    po_result = run("pdf", "po", "po-1", "--out", str(po_pdf))
    slip_result = run("pdf", "packing-slip", "sh-1", "--out", str(slip_pdf), "--json").json()

    assert po_result.out == f"{sent_po} written to {po_pdf}.\n"
    assert slip_result == {"number": "SH-000001", "pdf": str(slip_pdf)}
    po_text = " ".join(PdfReader(po_pdf).pages[0].extract_text().split())
    slip_text = " ".join(PdfReader(slip_pdf).pages[0].extract_text().split())
    assert f"PO number {sent_po}" in po_text
    assert "P-200" in po_text
    assert "Shipment SH-000001" in slip_text
    assert "Your reference WEB-1001" in slip_text


def test_import_text_and_json(run: Run, tmp_path: Path) -> None:
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("supplier_code,name,email,country,lead_time_days,currency\n"
                         "SUP900,Test Supplier,orders@test.example,United Kingdom,5,GBP\n",
                         encoding="utf-8")

    text = run("import", "suppliers", str(suppliers))
    summary = run("import", "suppliers", str(suppliers), "--json").json()

    assert text.out == "rows read: 1\nrows imported: 1\n"
    assert summary["counts"] == {"rows read": 1, "rows imported": 1}


def test_import_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("import", "catalog", str(tmp_path / "missing.csv"))

    assert result.code == 1
    assert "missing.csv' not found" in result.err


class Terminal(io.StringIO):
    """A stderr that reports being a terminal, as an interactive session's does."""

    def isatty(self) -> bool:
        return True


def test_import_progress_on_terminal(run: Run, people: Database, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    add_product(people, "P-300")
    orders = _order_file(tmp_path)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    result = run("import", "orders", str(orders))

    assert result.code == 0
    frames = terminal.getvalue().split("\r")
    assert frames[-1].endswith("\n")
    assert re.fullmatch(r"Importing orders  \[#+\]  100 %  took \d+ s  1 order stored",
                        frames[-1].rstrip()), frames[-1]


def test_import_quiet_in_pipe(run: Run, people: Database, tmp_path: Path) -> None:
    add_product(people, "P-300")

    result = run("import", "orders", str(_order_file(tmp_path)), "--json")

    assert result.err == ""
    assert result.json()["counts"]["orders stored"] == 1


def _order_file(tmp_path: Path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_text(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "900001,P-300,Test item,3,2011-01-04 10:00:00,2.50,12345.0,United Kingdom\n",
        encoding="utf-8")
    return path


def test_user_add_and_list(run: Run) -> None:
    added = run("user", "add", "otto", "--role", "admin", "--json").json()
    users = run("user", "list", "--json").json()

    assert added == {"name": "otto", "role": "admin", "active": True}
    assert [user["name"] for user in users] == ["clara", "maya", "miles", "otto"]


def test_user_add_needs_role(run: Run) -> None:
    result = run("user", "add", "otto")

    assert result.code == 2
    assert "--role" in result.err


def test_empty_lists_text(run: Run) -> None:
    assert run("so", "list").out == "No sales orders.\n"
    assert run("po", "list", "--status", "sent").out == "No purchase orders.\n"


def test_table_aligns_numbers() -> None:
    lines = format_table(["SKU", "Confirmed", "Cost"],
                         [("A", 12, Decimal("1.5")), ("BB", None, Decimal("10.25"))])

    assert lines == ["SKU  Confirmed   Cost",
                     "A           12   1.50",
                     "BB           -  10.25"]
