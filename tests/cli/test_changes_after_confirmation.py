"""Changing and cancelling an SO from the command line after its PO is confirmed."""

from __future__ import annotations

from tests.cli.conftest import Run


def test_set_qty_below_confirmed(run: Run, sent_po: str, order: str) -> None:
    assert run("po", "confirm", sent_po).code == 0

    done = run("so", "set-qty", order, "1", "2", "--yes")

    assert done.code == 0, done.err
    assert "over-ordered by 3" in done.out
    line = run("so", "show", order, "--json").json()["lines"][0]
    assert (line["ordered"], line["on_order"], line["confirmed"]) == (2, 2, 2)


def test_cancel_after_confirm(run: Run, sent_po: str, order: str) -> None:
    assert run("po", "confirm", sent_po).code == 0

    preview = run("so", "cancel", order)
    done = run("so", "cancel", order, "--yes", "--json")

    assert preview.code == 1
    assert preview.out.count(sent_po) == 1
    assert done.code == 0, done.err
    view = run("so", "show", order, "--json").json()
    assert view["status"] == "cancelled"
    assert view["attention"] == []
    assert view["lines"][0]["confirmed"] == 0
