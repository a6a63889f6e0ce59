"""`po confirm SKU=0` closes the line: `po show` lists it as refused, ordering nothing."""

from __future__ import annotations

from tests.cli.conftest import Run


def test_show_refused_line(run: Run, sent_po: str) -> None:
    confirmed = run("po", "confirm", sent_po, "P-200=0")
    shown = run("po", "show", sent_po)
    [row] = [text for text in shown.out.splitlines() if "P-200" in text]

    assert confirmed.code == 0, confirmed.err
    assert row.endswith("refused by supplier")
    assert "stock" not in row
    assert run("po", "show", sent_po, "--json").json()["total"] == "0.00"


def test_set_qty_zero_on_sent(run: Run, sent_po: str) -> None:
    changed = run("po", "set-qty", sent_po, "1", "0", "--yes")
    shown = run("po", "show", sent_po, "--json").json()

    assert changed.code == 0, changed.err
    assert [(line["ordered"], line["confirmed"]) for line in shown["lines"]] == [(0, None)]
    so_line = run("so", "show", "WEB-1001", "--json").json()["lines"][0]
    assert so_line["still_to_source"] == 5


def test_remove_sent_line_message(run: Run, sent_po: str) -> None:
    removed = run("po", "remove-line", sent_po, "1", "--yes")

    assert removed.code != 0
    assert "Set the line's quantity to 0 instead" in removed.err
