"""What the confirmation dialog shows: the PO, the dates promised on its SOs, and a preview.

:func:`confirmation_effects` returns, before anything is saved, which SOs a
supplier's answer would flag, by the same rules as
:func:`app.services.purchasing.confirm`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.domain.allocation import distribute
from app.persistence.database import Database
from app.persistence.models import SalesOrder
from app.services.context import find_purchase_order
from app.services.purchasing import Confirmation
from app.services.queries import purchase_order_view
from app.services.views import PurchaseOrderView

IN_FULL = "in_full"
SHORT = "short"
REFUSED = "refused"


@dataclass(frozen=True)
class ConfirmationReview:
    """A PO and the date promised to the customer of each SO it serves (None: no promise)."""

    po: PurchaseOrderView
    promised: dict[str, date | None]


@dataclass(frozen=True)
class LineEffect:
    """What one line's answer does to the SO lines it serves.

    ``kind`` is :data:`IN_FULL`, :data:`SHORT` or :data:`REFUSED`. ``short``
    and ``released`` list (SO number, units) that get too few units or go
    back to still to source; ``late`` lists the SOs promised before the date.
    """

    line: int
    kind: str
    short: list[tuple[str, int]] = field(default_factory=list)
    released: list[tuple[str, int]] = field(default_factory=list)
    late: list[str] = field(default_factory=list)


def get_confirmation_review(db: Database, po_text: str) -> ConfirmationReview:
    """Read a PO with the promised dates of the SOs it serves."""
    with db.read() as session:
        view = purchase_order_view(session, find_purchase_order(session, po_text))
        rows = session.execute(select(SalesOrder.number, SalesOrder.promised_date)
                               .where(SalesOrder.number.in_(view.sales_orders)))
        return ConfirmationReview(view, {number or "": promised for number, promised in rows})


def confirmation_effects(review: ConfirmationReview,
                         answers: Mapping[int, Confirmation]) -> list[LineEffect]:
    """Preview each answered line: in full, short for which SOs, refused, late for which SOs.

    ``answers`` is keyed by line number; a line without an answer is left out.
    """
    effects = []
    for line in review.po.lines:
        answer = answers.get(line.line)
        if answer is None:
            continue
        quantity = line.ordered if answer.quantity is None else answer.quantity
        if quantity == 0:
            released = [(serve.so, serve.qty - serve.received) for serve in line.serves
                        if serve.qty > serve.received]
            effects.append(LineEffect(line.line, REFUSED, released=released))
            continue
        shares = distribute(quantity, [serve.qty for serve in line.serves])
        short = [(serve.so, serve.qty - share)
                 for serve, share in zip(line.serves, shares, strict=True) if share < serve.qty]
        when = answer.expected_date
        late = [] if when is None else list(dict.fromkeys(
            serve.so for serve in line.serves
            if (promised := review.promised.get(serve.so)) is not None and when > promised))
        kind = SHORT if quantity < line.ordered else IN_FULL
        effects.append(LineEffect(line.line, kind, short=short, late=late))
    return effects
