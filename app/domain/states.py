"""States of sales and purchase orders, and the one table of allowed transitions each.

A purchase order moves by named actions; :func:`po_target` is the only place
that decides whether an action is allowed. The middle states of a sales order
(awaiting purchase, on order, partly ready, ready to ship, partly shipped,
shipped) are derived from its lines by :func:`app.domain.allocation.derive_so_status`.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import RuleViolation
from app.i18n import _


class POStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    SENT = "sent"
    CONFIRMED = "confirmed"
    PARTLY_RECEIVED = "partly_received"
    RECEIVED = "received"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class SOStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    AWAITING_PURCHASE = "awaiting_purchase"
    ON_ORDER = "on_order"
    PARTLY_READY = "partly_ready"
    READY_TO_SHIP = "ready_to_ship"
    PARTLY_SHIPPED = "partly_shipped"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class POAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    SEND = "send"
    CONFIRM = "confirm"
    RECEIVE = "receive"
    CANCEL = "cancel"
    CLOSE = "close"
    EDIT = "edit"


_RECEIVABLE = frozenset({POStatus.SENT, POStatus.CONFIRMED, POStatus.PARTLY_RECEIVED})

# action -> (states it is allowed from, state it leads to). A target of None
# means the service derives it: receiving ends in partly received or received.
PO_TRANSITIONS: dict[POAction, tuple[frozenset[POStatus], POStatus | None]] = {
    POAction.EDIT: (frozenset({POStatus.DRAFT}), POStatus.DRAFT),
    POAction.SUBMIT: (frozenset({POStatus.DRAFT}), POStatus.AWAITING_APPROVAL),
    POAction.APPROVE: (frozenset({POStatus.AWAITING_APPROVAL}), POStatus.APPROVED),
    POAction.REJECT: (frozenset({POStatus.AWAITING_APPROVAL}), POStatus.DRAFT),
    POAction.SEND: (frozenset({POStatus.APPROVED}), POStatus.SENT),
    POAction.CONFIRM: (frozenset({POStatus.SENT, POStatus.CONFIRMED}), POStatus.CONFIRMED),
    POAction.RECEIVE: (_RECEIVABLE, None),
    POAction.CANCEL: (
        frozenset(
            {
                POStatus.DRAFT,
                POStatus.AWAITING_APPROVAL,
                POStatus.APPROVED,
                POStatus.SENT,
                POStatus.CONFIRMED,
                POStatus.PARTLY_RECEIVED,
            }
        ),
        None,
    ),
    POAction.CLOSE: (frozenset({POStatus.PARTLY_RECEIVED, POStatus.RECEIVED}), POStatus.CLOSED),
}

# Purchase orders whose goods can still arrive.
PO_OPEN_STATES = frozenset(
    {
        POStatus.DRAFT,
        POStatus.AWAITING_APPROVAL,
        POStatus.APPROVED,
        POStatus.SENT,
        POStatus.CONFIRMED,
        POStatus.PARTLY_RECEIVED,
    }
)

# Purchase orders the supplier has seen: changes to them need a person.
PO_SENT_STATES = frozenset(
    {POStatus.SENT, POStatus.CONFIRMED, POStatus.PARTLY_RECEIVED, POStatus.RECEIVED}
)

SO_FINAL_STATES = frozenset({SOStatus.COMPLETED, SOStatus.CANCELLED})

PO_STATUS_LABELS: dict[POStatus, str] = {
    POStatus.DRAFT: _("Draft"),
    POStatus.AWAITING_APPROVAL: _("Awaiting approval"),
    POStatus.APPROVED: _("Approved"),
    POStatus.SENT: _("Sent"),
    POStatus.CONFIRMED: _("Confirmed"),
    POStatus.PARTLY_RECEIVED: _("Partly received"),
    POStatus.RECEIVED: _("Received"),
    POStatus.CLOSED: _("Closed"),
    POStatus.CANCELLED: _("Cancelled"),
}

SO_STATUS_LABELS: dict[SOStatus, str] = {
    SOStatus.DRAFT: _("Draft"),
    SOStatus.OPEN: _("Open"),
    SOStatus.AWAITING_PURCHASE: _("Awaiting purchase"),
    SOStatus.ON_ORDER: _("On order"),
    SOStatus.PARTLY_READY: _("Partly ready"),
    SOStatus.READY_TO_SHIP: _("Ready to ship"),
    SOStatus.PARTLY_SHIPPED: _("Partly shipped"),
    SOStatus.SHIPPED: _("Shipped"),
    SOStatus.DELIVERED: _("Delivered"),
    SOStatus.COMPLETED: _("Completed"),
    SOStatus.CANCELLED: _("Cancelled"),
}


def po_target(number: str, action: POAction, current: POStatus) -> POStatus | None:
    """Check that ``action`` is allowed on a PO in ``current`` and return its target.

    Raises:
        RuleViolation: the action is not allowed from ``current``; the message
            names the PO, its state and the states the action needs.
    """
    allowed, target = PO_TRANSITIONS[action]
    if current not in allowed:
        names = [PO_STATUS_LABELS[s].lower() for s in _ordered(allowed)]
        needed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" or ") + names[-1]
        raise RuleViolation(
            _("{number} cannot be {action}: it is {state}. "
              "Only a PO that is {needed} can be {action}.").format(
                number=number,
                action=_past(action),
                state=PO_STATUS_LABELS[current].lower(),
                needed=needed,
            )
        )
    return target


def _ordered(states: frozenset[POStatus]) -> list[POStatus]:
    order = list(POStatus)
    return sorted(states, key=order.index)


def _past(action: POAction) -> str:
    return {
        POAction.SUBMIT: _("submitted"),
        POAction.APPROVE: _("approved"),
        POAction.REJECT: _("rejected"),
        POAction.SEND: _("sent"),
        POAction.CONFIRM: _("confirmed"),
        POAction.RECEIVE: _("received"),
        POAction.CANCEL: _("cancelled"),
        POAction.CLOSE: _("closed"),
        POAction.EDIT: _("changed"),
    }[action]
