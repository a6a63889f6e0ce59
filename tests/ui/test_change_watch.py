"""A window notices changes made by another workstation."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from app.bootstrap import open_database
from app.persistence.database import Database
from app.services import sales
from app.services.sales import NewLine, NewSalesOrder
from app.ui.change_watch import ChangeWatch
from tests.conftest import CLERK, add_product


def test_other_connection_change_is_noticed(qtbot: QtBot, people: Database) -> None:
    add_product(people, "P-1", on_hand=5)
    watch = ChangeWatch(people, interval_ms=50)
    other = open_database(str(people.path))  # a second workstation on the same file
    try:
        with qtbot.waitSignal(watch.changed, timeout=2000):
            sales.create_sales_order(other, CLERK, NewSalesOrder(
                "C1", "One", [NewLine("P-1", 1, Decimal("2.00"))]))
    finally:
        watch.stop()
        other.dispose()


def test_no_signal_without_change(qtbot: QtBot, people: Database) -> None:
    watch = ChangeWatch(people, interval_ms=50)
    try:
        with qtbot.assertNotEmitted(watch.changed, wait=300):
            pass
    finally:
        watch.stop()


def test_mark_seen_absorbs_own_change(qtbot: QtBot, people: Database) -> None:
    add_product(people, "P-1", on_hand=5)
    watch = ChangeWatch(people, interval_ms=10_000)
    sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C1", "One", [NewLine("P-1", 1, Decimal("2.00"))]))
    watch.mark_seen()
    with qtbot.assertNotEmitted(watch.changed):
        watch.check()
    watch.stop()
