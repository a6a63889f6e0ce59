"""The PO-side change dialogs list the SO lines a change touches before anything is saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import drafting, purchasing, receiving
from app.services.queries import (
    get_purchase_order,
    get_sales_order,
    purchase_order_history,
    sales_order_history,
)
from app.ui.dialogs.po_change import (
    CancelPODialog,
    POLineQuantityDialog,
    RemovePOLineDialog,
    reject_impact,
)
from tests.conftest import CLERK, MANAGER
from tests.ui.change_cases import CUSTOMER, SevenOrders, add_products, build_so_seven, order


@pytest.fixture
def seven(people: Database) -> SevenOrders:
    return build_so_seven(people)


def _served(dialog: POLineQuantityDialog | RemovePOLineDialog) -> list[tuple[str, ...]]:
    table = dialog.served
    rows = []
    for row in range(table.rowCount()):
        items = [table.item(row, column) for column in range(table.columnCount())]
        rows.append(tuple(item.text() if item is not None else "" for item in items))
    return rows


def test_line_quantity_lists_so_lines(qtbot: QtBot, people: Database,
                                      seven: SevenOrders) -> None:
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.quantity_spin.setValue(3)

    assert _served(dialog) == [(seven.so, "1", CUSTOMER, "4", "0")]
    assert dialog.items() == [
        f"{seven.po_a} line 1 (P-100) from 4 to 3.",
        f"{seven.so}: {seven.po_a} buys 1 fewer x P-100 for line 1: 1 back to still to source.",
        f"{seven.po_a} is now revision 2 and needs approval and sending again.",
    ]
    assert dialog.save_button.isEnabled()
    assert dialog.choices.text().startswith("Each sales order named in the list is flagged")
    assert get_purchase_order(people, seven.po_a).lines[0].ordered == 4
    dialog.reject()


def test_sent_po_note_names_revision(qtbot: QtBot, people: Database,
                                     seven: SevenOrders) -> None:
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.note.isVisible()
    assert "makes it revision 2" in dialog.note.text()
    assert "needs approval" in dialog.note.text()
    assert not dialog.save_button.isEnabled()
    dialog.reject()


def test_line_quantity_raise_goes_to_stock(qtbot: QtBot, people: Database,
                                           seven: SevenOrders) -> None:
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)

    dialog.quantity_spin.setValue(6)

    assert dialog.items()[0] == f"{seven.po_a} line 1 (P-100) from 4 to 6."
    assert dialog.choices.text() == (
        "2 of the 6 units are for no sales order: they go to free stock on arrival.")
    dialog.reject()


def test_quantity_below_received_refused(qtbot: QtBot, people: Database,
                                         seven: SevenOrders) -> None:
    receiving.receive(people, CLERK, seven.po_a, {"P-100": 2})
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.quantity_spin.setValue(1)

    assert not dialog.save_button.isEnabled()
    assert dialog.message.isVisible()
    assert dialog.message.text() == (
        f"{seven.po_a} line 1 cannot go down to 1: 2 units have already arrived. "
        "Type 2 or more.")
    assert dialog.items() == []
    dialog.quantity_spin.setValue(2)
    assert dialog.save_button.isEnabled()
    assert not dialog.message.isVisible()
    dialog.reject()


def test_line_quantity_save_audits_once(qtbot: QtBot, people: Database,
                                        seven: SevenOrders) -> None:
    events_before = len(purchase_order_history(people, seven.po_a))
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.quantity_spin.setValue(3)

    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    view = get_purchase_order(people, seven.po_a)
    assert (view.lines[0].ordered, view.revision, view.status) == (3, 2, "draft")
    line = get_sales_order(people, seven.so).lines[0]
    assert (line.on_order, line.still_to_source) == (3, 1)
    history = purchase_order_history(people, seven.po_a)
    assert len(history) == events_before + 1
    event = history[-1]
    assert event.action == "po.set_quantity"
    assert event.before is not None
    assert event.after is not None
    assert (event.before["line"], event.before["quantity"]) == (1, 4)
    assert (event.after["line"], event.after["quantity"]) == (1, 3)
    assert dialog.done_lines[0] == f"{seven.po_a} line 1 (P-100) from 4 to 3."


def test_quantity_audit_records_revisions(people: Database, seven: SevenOrders,
                                        qtbot: QtBot) -> None:
    dialog = POLineQuantityDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.quantity_spin.setValue(3)
    dialog.save_button.click()

    event = purchase_order_history(people, seven.po_a)[-1]

    assert event.before is not None
    assert event.after is not None
    assert event.before["revision"] == 1
    assert event.after["revision"] == 2
    assert event.after["status"] == "draft"


def test_cancel_dialog_lists_so_lines(qtbot: QtBot, people: Database,
                                      seven: SevenOrders) -> None:
    dialog = CancelPODialog(people, CLERK, seven.po_b)
    qtbot.addWidget(dialog)
    dialog.show()

    items = dialog.items()

    assert items[0] == f"{seven.so} line 2: 2 x P-300 back to still to source."
    assert items[1] == f"{seven.so} flagged for attention: {seven.po_b} cancelled."
    assert "Supplier S2 already has this order" in items[2]
    assert len(items) == 3
    assert all("P-100" not in item for item in items)
    assert dialog.save_button.text().replace("&", "") == "Cancel PO"
    assert dialog.keep_button.isDefault()
    assert not dialog.save_button.isDefault()
    assert get_purchase_order(people, seven.po_b).status == "confirmed"
    dialog.reject()


def test_cancel_po_b_leaves_p100(qtbot: QtBot, people: Database, seven: SevenOrders) -> None:
    events_before = len(sales_order_history(people, seven.so))
    dialog = CancelPODialog(people, CLERK, seven.po_b)
    qtbot.addWidget(dialog)

    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.status == "cancelled"
    view = get_sales_order(people, seven.so)
    first, second = view.lines
    assert (second.sku, second.on_order, second.still_to_source) == ("P-300", 0, 2)
    assert (first.sku, first.on_order, first.still_to_source) == ("P-100", 4, 0)
    assert [reason.code for reason in view.reasons] == ["po_cancelled"]
    assert view.reasons[0].message.startswith(f"{seven.po_b} cancelled")
    history = sales_order_history(people, seven.so)
    assert len(history) == events_before + 1
    assert history[-1].action == "po.cancel"
    assert history[-1].before == {"status": "confirmed"}
    assert history[-1].after == {"status": "cancelled"}


def test_cancelled_po_refuses_cancel(qtbot: QtBot, people: Database,
                                     seven: SevenOrders) -> None:
    purchasing.cancel(people, CLERK, seven.po_b)
    dialog = CancelPODialog(people, CLERK, seven.po_b)
    qtbot.addWidget(dialog)
    dialog.show()

    assert not dialog.save_button.isEnabled()
    assert dialog.message.isVisible()
    assert seven.po_b in dialog.message.text()
    dialog.reject()


def test_remove_line_refused_when_sent(qtbot: QtBot, people: Database,
                                       seven: SevenOrders) -> None:
    dialog = RemovePOLineDialog(people, CLERK, seven.po_a)
    qtbot.addWidget(dialog)
    dialog.show()

    assert not dialog.save_button.isEnabled()
    assert dialog.message.text() == (
        f"{seven.po_a} was sent: its lines cannot be deleted. Set the line's quantity "
        "to 0 instead, or cancel the PO.")
    dialog.reject()


def test_remove_draft_line_audits_once(qtbot: QtBot, people: Database) -> None:
    add_products(people)
    so = order(people, ("P-100", 1), ("P-200", 3))
    po = drafting.draft_purchase_orders(people, CLERK, so).created[0]
    events_before = len(purchase_order_history(people, po))
    dialog = RemovePOLineDialog(people, CLERK, po, line_no=2)
    qtbot.addWidget(dialog)
    dialog.show()

    assert _served(dialog) == [(so, "2", CUSTOMER, "3", "0")]
    assert dialog.items() == [
        f"{po} line 2 (P-200) deleted.",
        f"{so}: {po} buys 3 fewer x P-200 for line 2: 3 back to still to source.",
    ]
    assert dialog.keep_button.isDefault()
    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [line.sku for line in get_purchase_order(people, po).lines] == ["P-100"]
    second = get_sales_order(people, so).lines[1]
    assert (second.on_order, second.still_to_source) == (0, 3)
    history = purchase_order_history(people, po)
    assert len(history) == events_before + 1
    assert history[-1].action == "po.remove_line"
    assert history[-1].before == {"line": 2, "sku": "P-200", "quantity": 3}
    assert history[-1].after == {"status": "draft"}


def test_reject_impact_names_so_lines(people: Database) -> None:
    add_products(people)
    so = order(people, ("P-100", 4), ("P-200", 1))
    po = drafting.draft_purchase_orders(people, CLERK, so).created[0]
    purchasing.submit(people, CLERK, po)

    impact = reject_impact(get_purchase_order(people, po))

    assert impact == [f"{so} ({CUSTOMER}) is flagged until {po} is submitted again or "
                      "cancelled. Lines waiting for it: line 1 (4 x P-100), line 2 (1 x P-200)."]
    purchasing.reject(people, MANAGER, po, "Too dear")
    assert len(get_sales_order(people, so).reasons) == 1
