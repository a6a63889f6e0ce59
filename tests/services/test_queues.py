"""The purchasing work queues over a real SQLite file: who is in each, and how old."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.listing import ListQuery
from app.domain.states import PO_STATUS_LABELS, POStatus
from app.persistence.database import Database
from app.persistence.models import PurchaseOrder
from app.services import drafting, purchasing, receiving, sales
from app.services.context import find_purchase_order
from app.services.lists import (
    ApprovalQueueSource,
    ApprovedQueueSource,
    LateQueueSource,
    UnconfirmedQueueSource,
)
from app.services.purchasing import Confirmation
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, add_product

ALL = 1000
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
TODAY = NOW.astimezone().date()


def clock() -> datetime:
    return NOW


@dataclass(frozen=True)
class Queues:
    """The POs made by the fixture, by what happened to them."""

    db: Database
    waiting: str
    approved: str
    approved_today: str
    unconfirmed: str
    late: str
    late_partly_received: str
    due_later: str
    arrived: str
    refused: str
    short_arrived: str


def _po_for(db: Database, sku: str, quantity: int = 5) -> str:
    number = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C1", "Customer One", [NewLine(sku, quantity, Decimal("3.00"))]))
    [po] = drafting.draft_purchase_orders(db, CLERK, number).created
    return po


def _set(db: Database, po: str, **values: object) -> None:
    with db.write() as session:
        order = find_purchase_order(session, po)
        for name, value in values.items():
            setattr(order, name, value)


def _send(db: Database, po: str) -> None:
    purchasing.submit(db, CLERK, po)
    purchasing.approve(db, MANAGER, po)
    purchasing.send(db, CLERK, po)


def _confirm(db: Database, po: str, sku: str, quantity: int | None, days: int) -> None:
    purchasing.confirm(db, CLERK, po, {sku: Confirmation(quantity, TODAY + timedelta(days=days))})


@pytest.fixture
def queues(people: Database) -> Queues:
    db = people
    skus = {}
    for index, name in enumerate(["WAIT", "APPR", "APTD", "SENT", "LATE", "PART", "LATER",
                                  "ARRV", "REFU", "SHRT"]):
        skus[name] = f"{name}-1"
        add_product(db, skus[name], supplier=f"S{index}", cost="1.00")
    pos = {name: _po_for(db, sku) for name, sku in skus.items()}

    purchasing.submit(db, CLERK, pos["WAIT"])
    _set(db, pos["WAIT"], submitted_at=NOW - timedelta(days=3, hours=2))
    for name in ("APPR", "APTD"):
        purchasing.submit(db, CLERK, pos[name])
        purchasing.approve(db, MANAGER, pos[name])
    _set(db, pos["APPR"], approved_at=NOW - timedelta(days=5, hours=1))
    _set(db, pos["APTD"], approved_at=NOW - timedelta(hours=23))
    for name in ("SENT", "LATE", "PART", "LATER", "ARRV", "REFU", "SHRT"):
        _send(db, pos[name])
    _set(db, pos["SENT"], sent_at=NOW - timedelta(days=2, hours=5))

    _confirm(db, pos["LATE"], skus["LATE"], None, -4)
    _confirm(db, pos["PART"], skus["PART"], None, -6)
    receiving.receive(db, CLERK, pos["PART"], {skus["PART"]: 2})
    _confirm(db, pos["LATER"], skus["LATER"], None, 3)
    _confirm(db, pos["ARRV"], skus["ARRV"], None, -10)
    receiving.receive(db, CLERK, pos["ARRV"])
    _confirm(db, pos["REFU"], skus["REFU"], 0, -8)
    _confirm(db, pos["SHRT"], skus["SHRT"], 3, -1)
    receiving.receive(db, CLERK, pos["SHRT"], {skus["SHRT"]: 3})
    return Queues(db, pos["WAIT"], pos["APPR"], pos["APTD"], pos["SENT"], pos["LATE"],
                  pos["PART"], pos["LATER"], pos["ARRV"], pos["REFU"], pos["SHRT"])


def _ages(source: ApprovalQueueSource | ApprovedQueueSource | UnconfirmedQueueSource
          | LateQueueSource, query: ListQuery | None = None) -> dict[str, object]:
    """Return each listed PO's age, keyed by number, in list order."""
    rows = source.fetch(query or ListQuery(), 0, ALL)
    return {str(row.values[0]): row.values[-1] for row in rows}


def test_approval_queue_age(queues: Queues) -> None:
    source = ApprovalQueueSource(queues.db, clock)
    assert _ages(source) == {queues.waiting: 3}
    assert source.count(ListQuery()) == 1


def test_approved_queue_members(queues: Queues) -> None:
    source = ApprovedQueueSource(queues.db, clock)
    ages = _ages(source, ListQuery(sort_key="age", descending=True))
    assert list(ages) == [queues.approved, queues.approved_today]
    assert ages == {queues.approved: 5, queues.approved_today: 0}
    assert source.count(ListQuery()) == 2


def test_approved_queue_values(queues: Queues) -> None:
    [row] = ApprovedQueueSource(queues.db, clock).fetch(ListQuery(text="S1"), 0, ALL)
    number, supplier, lines, total, approved_by, approved_at, age = row.values
    assert (number, supplier, lines, total, approved_by) == (
        queues.approved, "Supplier S1", 1, Decimal("5.00"), MANAGER)
    assert approved_at == NOW - timedelta(days=5, hours=1)
    assert age == 5


def test_approved_queue_sorts_by_age(queues: Queues) -> None:
    source = ApprovedQueueSource(queues.db, clock)
    rising = list(_ages(source, ListQuery(sort_key="age")))
    assert rising == [queues.approved_today, queues.approved]


def test_unconfirmed_queue(queues: Queues) -> None:
    source = UnconfirmedQueueSource(queues.db, clock)
    rows = source.fetch(ListQuery(), 0, ALL)
    assert [row.values[0] for row in rows] == [queues.unconfirmed]
    _number, supplier, total, sent_by, sent_at, lead_time, age = rows[0].values
    assert (supplier, total, sent_by, lead_time, age) == ("Supplier S3", Decimal("5.00"), CLERK,
                                                          7, 2)
    assert sent_at == NOW - timedelta(days=2, hours=5)
    assert source.count(ListQuery(status=POStatus.CONFIRMED.value)) == 0
    assert source.count(ListQuery(status=POStatus.SENT.value)) == 1


def test_late_queue_members(queues: Queues) -> None:
    source = LateQueueSource(queues.db, clock)
    ages = _ages(source, ListQuery(sort_key="age", descending=True))
    assert ages == {queues.late_partly_received: 6, queues.late: 4}
    assert list(ages) == [queues.late_partly_received, queues.late]
    assert source.count(ListQuery()) == 2


def test_late_queue_values(queues: Queues) -> None:
    rows = {row.values[0]: row.values for row in
            LateQueueSource(queues.db, clock).fetch(ListQuery(), 0, ALL)}
    assert rows[queues.late] == (queues.late, "Supplier S4",
                                 PO_STATUS_LABELS[POStatus.CONFIRMED],
                                 TODAY - timedelta(days=4), 5, 4)
    assert rows[queues.late_partly_received] == (
        queues.late_partly_received, "Supplier S5", PO_STATUS_LABELS[POStatus.PARTLY_RECEIVED],
        TODAY - timedelta(days=6), 3, 6)


def test_late_queue_status_filter(queues: Queues) -> None:
    source = LateQueueSource(queues.db, clock)
    partly = ListQuery(status=POStatus.PARTLY_RECEIVED.value)
    assert list(_ages(source, partly)) == [queues.late_partly_received]
    assert source.count(ListQuery(status=POStatus.APPROVED.value)) == 0
    assert source.count(ListQuery(text="S4")) == 1


def test_late_queue_follows_clock(queues: Queues) -> None:
    """Four days on, the PO due in three days is one day late."""
    later: Callable[[], datetime] = lambda: NOW + timedelta(days=4)  # noqa: E731
    ages = _ages(LateQueueSource(queues.db, later))
    assert ages == {queues.late: 8, queues.late_partly_received: 10, queues.due_later: 1}


@pytest.mark.parametrize("source_class", [ApprovalQueueSource, ApprovedQueueSource,
                                          UnconfirmedQueueSource, LateQueueSource])
def test_queue_pages_in_order(queues: Queues, source_class: type[ApprovedQueueSource]) -> None:
    source = source_class(queues.db, clock)
    for key in [column.key for column in source.columns]:
        for descending in (False, True):
            query = ListQuery(sort_key=key, descending=descending)
            whole = [row.id for row in source.fetch(query, 0, ALL)]
            paged = [row.id for offset in range(len(whole))
                     for row in source.fetch(query, offset, 1)]
            assert paged == whole, (key, descending)
            assert len(whole) == source.count(query)


def test_queues_by_state(queues: Queues) -> None:
    """Every PO in a queue's states is listed there, whatever its dates."""
    with queues.db.read() as session:
        states = {order.number: order.status for order in session.query(PurchaseOrder)}
    listed = {
        POStatus.AWAITING_APPROVAL: ApprovalQueueSource(queues.db, clock),
        POStatus.APPROVED: ApprovedQueueSource(queues.db, clock),
        POStatus.SENT: UnconfirmedQueueSource(queues.db, clock),
    }
    for state, source in listed.items():
        expected = sorted(number for number, status in states.items() if status == state)
        assert sorted(_ages(source)) == expected, state

