"""Receiving goods against a purchase order.

Received units are shared over the PO line's ledger rows, oldest first, up to
what each row bought and has not yet received; they are reserved for those
SO lines and for nothing else. Units beyond what the rows bought become free
stock. Rejected (damaged) units are recorded and not put into stock.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal

from app.domain.allocation import distribute, over_receipt_limit
from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from app.domain.states import POAction, POStatus, po_target
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
    Role,
)
from app.services.context import (
    acting_user,
    audit,
    check_version,
    decimal_setting,
    find_purchase_order,
    insert_rows,
)
from app.services.figures import refresh_orders_served_by
from app.services.views import ReceiptResult

log = logging.getLogger(__name__)


def receive(
    db: Database,
    user: str,
    po_text: str,
    quantities: Mapping[str, int] | None = None,
    rejected: Mapping[str, int] | None = None,
    allow_over_receipt: bool = False,
    expected_version: int | None = None,
) -> ReceiptResult:
    """Receive units per SKU (without quantities: everything still open) and reserve them."""
    with db.write() as session:
        person = acting_user(session, user)
        po = find_purchase_order(session, po_text, lock=True, lines=True)
        check_version(po.number or "", po.version, expected_version)
        po_target(po.number or "", POAction.RECEIVE, po.status)
        if allow_over_receipt and person.role is Role.CLERK:
            raise PermissionDenied(_("{user} cannot allow an over-receipt: only a manager can. "
                                     "Ask a manager.").format(user=user))
        plan = _plan(po, quantities, rejected or {})
        tolerance = decimal_setting(session, "over_receipt_tolerance_percent")
        receipt = Receipt(purchase_order_id=po.id, received_by=user)
        session.add(receipt)
        receipt_lines = []
        totals = [0, 0, 0, 0]
        for line, units, damaged in plan:
            _check_limit(po, line, units, tolerance, allow_over_receipt)
            reserved, to_stock = _put_away(line, units)
            line.received += units
            line.rejected += damaged
            receipt_lines.append({"po_line_id": line.id, "quantity": units,
                                  "rejected": damaged, "to_stock": to_stock})
            totals = [totals[0] + units, totals[1] + damaged, totals[2] + reserved,
                      totals[3] + to_stock]
        before = po.status
        complete = all(line.received >= line.quantity for line in po.lines)
        po.status = POStatus.RECEIVED if complete else POStatus.PARTLY_RECEIVED
        session.flush()  # gives the receipt its id, for its lines
        insert_rows(session, ReceiptLine, [{"receipt_id": receipt.id, **row}
                                           for row in receipt_lines])
        numbers = refresh_orders_served_by(session, po.id)
        audit(session, user, "po.receive", number=po.number or "", purchase_order_id=po.id,
              before={"status": before.value},
              after={"status": po.status.value, "received": totals[0], "rejected": totals[1],
                     "reserved": totals[2], "to_stock": totals[3],
                     "lines": [{"sku": line.product.sku, "quantity": units, "rejected": damaged}
                               for line, units, damaged in plan]})
        log.info("%s received: %d units (%d reserved for %s, %d to stock, %d rejected)",
                 po.number, totals[0], totals[2], ", ".join(numbers), totals[3], totals[1])
        return ReceiptResult(po.number or "", totals[0], totals[1], totals[2], totals[3], numbers)


def _plan(po: PurchaseOrder, quantities: Mapping[str, int] | None,
          rejected: Mapping[str, int]) -> list[tuple[PurchaseOrderLine, int, int]]:
    skus = {line.product.sku for line in po.lines}
    for sku in [*(quantities or {}), *rejected]:
        if sku not in skus:
            raise InvalidInput(_("{po} has no line for SKU '{sku}'. Its SKUs are: {skus}.")
                               .format(po=po.number, sku=sku, skus=", ".join(sorted(skus))))
    plan = []
    for sku in dict.fromkeys(line.product.sku for line in po.lines):
        lines = [line for line in po.lines if line.product.sku == sku]
        open_units = [max(0, line.quantity - line.received) for line in lines]
        wanted = sum(open_units) if quantities is None else quantities.get(sku, 0)
        if wanted < 0 or rejected.get(sku, 0) < 0:
            raise InvalidInput(_("Quantities to receive cannot be below zero ({sku}).").format(
                sku=sku))
        shares = distribute(wanted, open_units)
        shares[-1] += wanted - sum(shares)  # anything over the open units lands on the last line
        damaged = distribute(rejected.get(sku, 0), [10**9] * len(lines))
        plan += [(line, share, bad) for line, share, bad in zip(lines, shares, damaged,
                                                               strict=True) if share or bad]
    if not plan:
        raise RuleViolation(_("Nothing to receive on {po}: every line has arrived in full.")
                            .format(po=po.number))
    return plan


def _check_limit(po: PurchaseOrder, line: PurchaseOrderLine, units: int, tolerance: Decimal,
                 allowed: bool) -> None:
    limit = over_receipt_limit(line.quantity, tolerance)
    if line.received + units > limit and not allowed:
        raise RuleViolation(_(
            "{po} line {n} ({sku}) ordered {ordered} and has received {received}: receiving "
            "{units} more is over the limit of {limit}. A manager can allow an over-receipt."
        ).format(po=po.number, n=line.line_no, sku=line.product.sku, ordered=line.quantity,
                 received=line.received, units=units, limit=limit))


def _put_away(line: PurchaseOrderLine, units: int) -> tuple[int, int]:
    rows = line.allocations
    shares = distribute(units, [row.quantity - row.received for row in rows])
    for row, share in zip(rows, shares, strict=True):
        row.received += share
    reserved = sum(shares)
    line.product.on_hand += units
    line.product.reserved += reserved
    return reserved, units - reserved
