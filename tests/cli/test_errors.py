"""Refused actions, usage errors and unexpected errors: exit codes, stderr, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.persistence.database import Database
from app.services import queries, receiving
from tests.cli.conftest import Run
from tests.conftest import CLERK, MANAGER, MANAGER_2


def test_unknown_so_refused(run: Run) -> None:
    result = run("so", "show", "SO-999999", "--json")

    assert result.code == 1
    assert "Sales order 'SO-999999' not found" in result.err
    assert result.out == ""


def test_unknown_user_refused(run: Run, order: str) -> None:
    result = run("po", "draft", order, user="nobody")

    assert result.code == 1
    assert "User 'nobody' does not exist" in result.err
    assert run("so", "show", order, "--json").json()["purchase_orders"] == []


def test_clerk_approve_refused(run: Run, order: str) -> None:
    po = run("po", "draft", order, "--json").json()["created"][0]
    run("po", "submit", po)

    result = run("po", "approve", po, user=CLERK)

    assert result.code == 1
    assert result.err == f"tandem: {CLERK} cannot approve {po}: only a manager can. " \
                         "Ask a manager.\n"
    assert result.out == ""
    assert run("po", "show", po, "--json").json()["status"] == "awaiting_approval"


def test_submitter_approve_refused(run: Run, order: str) -> None:
    po = run("po", "draft", order, "--json", user=MANAGER).json()["created"][0]
    run("po", "submit", po, user=MANAGER)

    result = run("po", "approve", po, user=MANAGER)

    assert result.code == 1
    assert "you submitted it" in result.err
    assert run("po", "approve", po, user=MANAGER_2).code == 0


def test_over_receipt_changes_nothing(run: Run, sent_po: str) -> None:
    result = run("receive", sent_po, "P-200=6")

    assert result.code == 1
    assert "over the limit of 5" in result.err
    po = run("po", "show", sent_po, "--json").json()
    assert po["status"] == "sent"
    assert po["lines"][0]["received"] == 0


def test_clerk_over_receipt_refused(run: Run, sent_po: str) -> None:
    result = run("receive", sent_po, "P-200=6", "--allow-over-receipt")

    assert result.code == 1
    assert "only a manager" in result.err
    assert run("receive", sent_po, "P-200=6", "--allow-over-receipt", user=MANAGER).code == 0


@pytest.mark.parametrize("item", ["P-200", "P-200=", "P-200=x", "=5", "P-200=-1", "P-200=2.5"])
def test_bad_item_usage_error(run: Run, sent_po: str, item: str) -> None:
    result = run("receive", sent_po, item)

    assert result.code == 2
    assert f"argument SKU=QTY: '{item}'" in result.err
    assert "SKU=QTY, such as 85123A=6" in result.err
    assert result.out == ""


@pytest.mark.parametrize("item", ["P-200=5@2024-02-30", "P-200=5@30.06.2024", "P-200=5@"])
def test_bad_confirm_date_usage_error(run: Run, sent_po: str, item: str) -> None:
    result = run("po", "confirm", sent_po, item)

    assert result.code == 2
    assert f"'{item}' has no valid date after '@'" in result.err
    assert "YYYY-MM-DD" in result.err


def test_bad_reject_item_usage_error(run: Run, sent_po: str) -> None:
    result = run("receive", sent_po, "--reject", "P-200:1")

    assert result.code == 2
    assert "argument --reject: 'P-200:1' is not in the form SKU=QTY" in result.err


def test_repeated_sku_usage_error(run: Run, sent_po: str) -> None:
    result = run("receive", sent_po, "P-200=1", "P-200=2")

    assert result.code == 2
    assert "SKU 'P-200' is given twice" in result.err


def test_reject_needs_reason(run: Run, order: str) -> None:
    result = run("po", "reject", "PO-000001", user=MANAGER)

    assert result.code == 2
    assert "the following arguments are required: --reason" in result.err


def test_blank_reason_refused(run: Run, order: str) -> None:
    po = run("po", "draft", order, "--json").json()["created"][0]
    run("po", "submit", po)

    result = run("po", "reject", po, "--reason", "  ", user=MANAGER)

    assert result.code == 1
    assert "needs a reason" in result.err


def test_group_without_command_usage_error(run: Run) -> None:
    result = run("po")

    assert result.code == 2
    assert "required: COMMAND" in result.err


def test_unknown_status_refused(run: Run) -> None:
    result = run("so", "list", "--status", "lost")

    assert result.code == 1
    assert "'lost' is not a status" in result.err


def test_sample_into_used_database_refused(run: Run, order: str) -> None:
    result = run("sample", "load")

    assert result.code == 1
    assert "already has products or orders" in result.err


def test_unopenable_database_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database\n" * 100, encoding="utf-8")

    code = main(["--db", str(text_file), "so", "list"])

    err = capsys.readouterr().err
    assert code == 1
    assert "Cannot open the database" in err
    assert "notes.txt" in err


def test_unwritable_pdf_changes_nothing(run: Run, order: str, tmp_path: Path) -> None:
    po = run("po", "draft", order, "--json").json()["created"][0]
    run("po", "submit", po)
    run("po", "approve", po, user=MANAGER)
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")

    result = run("po", "send", po, "--pdf", str(blocker / "po.pdf"))

    assert result.code == 1
    assert f"Could not write {blocker / 'po.pdf'}" in result.err
    assert run("po", "show", po, "--json").json()["status"] == "approved"


def test_unwritable_slip_ships_nothing(run: Run, people: Database, sent_po: str, order: str,
                                        tmp_path: Path) -> None:
    receiving.receive(people, CLERK, sent_po)
    # The test database writes documents to tmp_path/documents; a folder in
    # the slip's place makes writing it fail.
    (tmp_path / "documents" / "SH-000001.pdf").mkdir(parents=True)

    result = run("ship", order)

    assert result.code == 1
    assert "Could not write" in result.err
    assert "SH-000001.pdf" in result.err
    so = run("so", "show", order, "--json").json()
    assert so["shipments"] == []
    assert so["lines"][0]["shipped"] == 0


def test_unexpected_error_logged(run: Run, order: str, log_file: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        raise RuntimeError("view broke")

    # A bug in a service: any exception that is not a TandemError.
    monkeypatch.setattr(queries, "get_sales_order", fail)

    result = run("so", "show", order)

    assert result.code == 70
    assert f"Unexpected error: view broke; see the log at {log_file}" in result.err
    assert "Traceback" not in result.err
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error in so show" in logged
    assert "RuntimeError: view broke" in logged
