"""The order views enable each action only in the states it can start from, with the reason."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.persistence.database import Database
from app.services import purchasing, sales, shipping
from app.ui.views.purchase_order_view import PurchaseOrderDetail
from app.ui.views.sales_order_view import SalesOrderDetail
from app.ui.workstation import Workstation
from tests.conftest import CLERK, MANAGER
from tests.ui.dialog_support import draft_orders, received_orders


def _view(qtbot: QtBot, db: Database, number: str) -> PurchaseOrderDetail:
    view = PurchaseOrderDetail(Workstation(db, CLERK, lambda _path: None))
    qtbot.addWidget(view)
    assert view.load(number)
    return view


def _enabled(view: PurchaseOrderDetail) -> dict[str, bool]:
    actions = view.order_actions
    return {name: getattr(actions, name).isEnabled()
            for name in ("submit", "send", "confirmation", "receive", "cancel")}


def test_awaiting_approval_steps(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    view = _view(qtbot, people, orders.po)

    assert _enabled(view) == {"submit": False, "send": False, "confirmation": False,
                              "receive": False, "cancel": True}
    send = view.order_actions.send
    assert send.statusTip() == (f"{orders.po} cannot be sent: it is awaiting approval. "
                                "Only a PO that is approved can be sent.")
    assert send.statusTip() in send.toolTip()
    assert view.order_actions.cancel.statusTip() == ""


def test_approved_then_sent_steps(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    purchasing.approve(people, MANAGER, orders.po)
    view = _view(qtbot, people, orders.po)
    assert _enabled(view)["send"]
    assert not _enabled(view)["receive"]

    purchasing.send(people, CLERK, orders.po)
    view.reload()

    assert _enabled(view) == {"submit": False, "send": False, "confirmation": True,
                              "receive": True, "cancel": True}
    assert view.order_actions.send.statusTip().startswith(f"{orders.po} cannot be sent")


def test_received_po_steps_disabled(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    view = _view(qtbot, people, orders.po)

    enabled = _enabled(view)
    assert not enabled["receive"]
    assert not enabled["cancel"]
    assert not view.order_actions.change_line.isEnabled()


def test_line_actions_follow_state(qtbot: QtBot, people: Database) -> None:
    orders = draft_orders(people)
    view = _view(qtbot, people, orders.po)
    actions = view.order_actions
    # Awaiting approval: a manager must reject the PO before its lines change.
    assert not actions.change_line.isEnabled()
    assert not actions.remove_line.isEnabled()

    purchasing.approve(people, MANAGER, orders.po)
    purchasing.send(people, CLERK, orders.po)
    view.reload()

    assert actions.change_line.isEnabled()
    assert not actions.remove_line.isEnabled()
    assert actions.remove_line.statusTip() == (
        f"{orders.po} was sent: its lines cannot be deleted. Set the line's quantity to 0 "
        "instead, or cancel the PO.")


def _so_enabled(view: SalesOrderDetail) -> dict[str, bool]:
    actions = view.order_actions
    return {name: getattr(actions, name).isEnabled()
            for name in ("draft", "ship", "payment", "deliver", "change_quantity", "sourcing",
                         "resolve", "cancel", "copy")}


def test_sales_view_follows_state(qtbot: QtBot, people: Database) -> None:
    orders = received_orders(people)
    so = orders.sales_orders[0]
    view = SalesOrderDetail(Workstation(people, CLERK, lambda _path: None))
    qtbot.addWidget(view)
    assert view.load(so)

    enabled = _so_enabled(view)
    assert enabled["ship"]
    assert enabled["cancel"]
    assert not enabled["deliver"]
    assert not enabled["resolve"]
    assert view.order_actions.resolve.statusTip() == f"{so} needs no attention."

    shipping.ship(people, CLERK, so, write_slip=False)
    view.reload()

    enabled = _so_enabled(view)
    assert enabled["deliver"]
    assert enabled["copy"]
    assert not any(enabled[name] for name in ("ship", "cancel", "change_quantity", "draft"))
    assert view.order_actions.ship.statusTip() == f"{so} has shipped everything already."

    sales.deliver_sales_order(people, CLERK, so)
    view.reload()

    assert not view.order_actions.deliver.isEnabled()
    assert view.order_actions.deliver.statusTip() == f"{so} is already marked delivered."
