"""Changes that touch other documents: previewed without --yes, made with it."""

from __future__ import annotations

import json

from tests.cli.conftest import Run


def test_set_qty_without_yes_previews(run: Run, order: str) -> None:
    run("po", "draft", order)

    preview = run("so", "set-qty", order, "1", "3")

    assert preview.code == 1
    assert "PO-000001 line 1 goes from 5 to 3." in preview.out
    assert "--yes" in preview.err
    assert run("so", "show", order, "--json").json()["lines"][0]["ordered"] == 5


def test_set_qty_preview_json(run: Run, order: str) -> None:
    run("po", "draft", order)

    result = run("so", "set-qty", order, "1", "3", "--json")
    preview = json.loads(result.out)

    assert result.code == 1
    assert preview["applied"] is False
    assert any("goes from 5 to 3" in line for line in preview["impact"])


def test_cancel_so_preview_names_po(run: Run, order: str) -> None:
    run("po", "draft", order)

    preview = run("so", "cancel", order)

    assert preview.code == 1
    assert "PO-000001" in preview.out
    assert run("so", "show", order, "--json").json()["status"] == "awaiting_purchase"


def test_po_cancel_preview_lists_so_lines(run: Run, sent_po: str, order: str) -> None:
    preview = run("po", "cancel", sent_po)
    done = run("po", "cancel", sent_po, "--yes", "--json").json()

    assert f"{order} line 1: 5 x P-200 back to still to source." in preview.out
    assert done["status"] == "cancelled"
    assert run("so", "show", order, "--json").json()["lines"][0]["still_to_source"] == 5


def test_po_set_qty_makes_revision(run: Run, sent_po: str, order: str) -> None:
    done = run("po", "set-qty", sent_po, "1", "3", "--yes", "--json").json()

    assert (done["revision"], done["status"]) == (2, "draft")
    assert any("needs approval" in change for change in done["changes"])
    assert run("so", "show", order, "--json").json()["lines"][0]["still_to_source"] == 2


def test_copy_and_sourcing(run: Run, order: str) -> None:
    run("so", "cancel", order, "--yes")

    copy = run("so", "copy", order, "--json").json()
    sourced = run("so", "sourcing", copy["number"], "1", "back_to_back", "--json").json()

    assert copy["number"] != order
    assert copy["lines"][0]["still_to_source"] == 5
    assert sourced["lines"][0]["sourcing"] == "back_to_back"


def test_resolve_reason(run: Run, sent_po: str, order: str) -> None:
    run("so", "set-qty", order, "1", "4", "--yes")
    reason = run("so", "show", order, "--json").json()["reasons"][0]

    done = run("so", "resolve", order, str(reason["id"]), "--note", "keep as stock", "--json")

    assert done.json()["attention"] == []
