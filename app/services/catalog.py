"""Choosing a supplier from the catalog."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.persistence.models import CatalogEntry, Supplier


def preferred_entry(session: Session, product_id: int) -> CatalogEntry | None:
    """Return the catalog entry drafting buys from: cheapest, then quickest, then by code."""
    return session.scalars(
        select(CatalogEntry)
        .join(Supplier)
        .where(CatalogEntry.product_id == product_id)
        .order_by(CatalogEntry.unit_cost, Supplier.lead_time_days, Supplier.code)
        .limit(1)
    ).first()


def lead_times(session: Session, product_ids: Iterable[int]) -> list[int]:
    """Return the lead time of each product's preferred supplier; products without one add none."""
    times = []
    for product_id in dict.fromkeys(product_ids):
        entry = preferred_entry(session, product_id)
        if entry is not None:
            times.append(entry.supplier.lead_time_days)
    return times


def products_with_supplier(session: Session, product_ids: Iterable[int]) -> set[int]:
    """Return the ids among ``product_ids`` that have at least one catalog entry."""
    ids = list(set(product_ids))
    rows = session.scalars(
        select(CatalogEntry.product_id)
        .where(CatalogEntry.product_id.in_(ids))
        .group_by(CatalogEntry.product_id)
        .having(func.count() > 0)
    )
    return set(rows)
