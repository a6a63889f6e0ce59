"""Sentences that tell a clerk how an SO change touches the POs that buy for it.

The same sentences show in a preview ("Setting SO-000010 line 1 to 24
would:") and after the change is saved, so they are in the present tense.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.states import PO_SENT_STATES, POStatus
from app.i18n import _
from app.persistence.models import CatalogEntry, PurchaseOrder, PurchaseOrderLine

# States that a change of the PO's lines returns to draft, so the PO needs approval again.
_APPROVAL_STATES = (POStatus.AWAITING_APPROVAL, POStatus.APPROVED)


@dataclass(frozen=True)
class POLineChange:
    """An unsent PO line's quantity and its PO's state before an SO change resizes the line."""

    line: PurchaseOrderLine
    po: PurchaseOrder
    quantity: int
    status: POStatus

    @classmethod
    def before(cls, line: PurchaseOrderLine) -> POLineChange:
        """Record the line as it is now, before its ledger rows change."""
        return cls(line, line.purchase_order, line.quantity, line.purchase_order.status)

    def sentences(self, session: Session) -> list[str]:
        """Describe the line's quantity before and after, and a return of its PO to draft."""
        line, po = self.line, self.po
        if po.status is POStatus.CANCELLED:
            return [_("{po} line {n} ({sku}) is removed, so {po} is cancelled: nothing is left "
                      "on it.").format(po=po.number, n=line.line_no, sku=line.product.sku)]
        if line not in po.lines:
            done = [_("{po} line {n} ({sku}) is removed: no SO needs it.").format(
                po=po.number, n=line.line_no, sku=line.product.sku)]
        else:
            done = [self._quantity_sentence(session)]
        if self.status in _APPROVAL_STATES and po.status is POStatus.DRAFT:
            done.append(_("{po} is back to draft and needs approval again.").format(
                po=po.number))
        return done

    def _quantity_sentence(self, session: Session) -> str:
        line, po = self.line, self.po
        terms = supplier_terms(session, line)
        if line.quantity == self.quantity and terms:
            return _("{po} line {n} stays at {qty} ({terms}).").format(
                po=po.number, n=line.line_no, qty=line.quantity, terms=terms)
        if line.quantity == self.quantity:
            return _("{po} line {n} stays at {qty}.").format(
                po=po.number, n=line.line_no, qty=line.quantity)
        if terms:
            return _("{po} line {n} goes from {before} to {after} ({terms}).").format(
                po=po.number, n=line.line_no, before=self.quantity, after=line.quantity,
                terms=terms)
        return _("{po} line {n} goes from {before} to {after}.").format(
            po=po.number, n=line.line_no, before=self.quantity, after=line.quantity)


def supplier_terms(session: Session, line: PurchaseOrderLine) -> str:
    """Return the supplier's minimum order and pack size for the line, or "" when both are 1."""
    entry = session.scalars(select(CatalogEntry).where(
        CatalogEntry.product_id == line.product_id,
        CatalogEntry.supplier_id == line.purchase_order.supplier_id)).one_or_none()
    if entry is None:
        return ""
    terms = []
    if entry.min_order_qty > 1:
        terms.append(_("minimum order {n}").format(n=entry.min_order_qty))
    if entry.pack_size > 1:
        terms.append(_("packs of {n}").format(n=entry.pack_size))
    return ", ".join(terms)


@dataclass
class _Dropped:
    po: PurchaseOrder
    status: POStatus
    units: dict[str, int] = field(default_factory=dict)


@dataclass
class POUnitsDropped:
    """The units that a cancelled SO takes off each PO, for one sentence per PO."""

    _by_po: dict[int, _Dropped] = field(default_factory=dict)

    def add(self, po: PurchaseOrder, status: POStatus, sku: str, units: int) -> None:
        """Count ``units`` of ``sku`` taken off ``po``, which was in ``status`` before any."""
        if units <= 0:
            return
        dropped = self._by_po.setdefault(po.id, _Dropped(po, status))
        dropped.units[sku] = dropped.units.get(sku, 0) + units

    def sentences(self, so_number: str) -> list[str]:
        """Describe what happens to each PO, in the order the POs were first counted."""
        return [_dropped_sentence(dropped, so_number) for dropped in self._by_po.values()]


def _dropped_sentence(dropped: _Dropped, so_number: str) -> str:
    po = dropped.po
    items = _join([_("{n} x {sku}").format(n=units, sku=sku)
                   for sku, units in dropped.units.items()])
    if po.status in PO_SENT_STATES:
        return _("{po} still buys {items} for cancelled {so}: reduce the PO or keep them as "
                 "free stock.").format(po=po.number, items=items, so=so_number)
    if po.status is POStatus.CANCELLED:
        return _("{po} no longer buys {items}, so it is cancelled: nothing is left on it."
                 ).format(po=po.number, items=items)
    if dropped.status in _APPROVAL_STATES and po.status is POStatus.DRAFT:
        return _("{po} no longer buys {items}, so it is back to draft and needs approval "
                 "again.").format(po=po.number, items=items)
    return _("{po} no longer buys {items}.").format(po=po.number, items=items)


def _join(items: list[str]) -> str:
    """Join items as a sentence lists them: "a", "a and b", "a, b and c"."""
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])
