"""Choosing a supplier from the catalog."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, contains_eager

from app.persistence.models import CatalogEntry, Supplier


def preferred_entry(session: Session, product_id: int) -> CatalogEntry | None:
    """Return the catalog entry drafting buys from: cheapest, then quickest, then by code."""
    return preferred_entries(session, [product_id]).get(product_id)


# Each product's catalog entries, the preferred one first.
_ENTRIES_BY_PREFERENCE = (
    select(CatalogEntry)
    .join(CatalogEntry.supplier)
    .options(contains_eager(CatalogEntry.supplier))
    .where(CatalogEntry.product_id.in_(bindparam("product_ids", expanding=True)))
    .order_by(CatalogEntry.product_id, CatalogEntry.unit_cost, Supplier.lead_time_days,
              Supplier.code)
)


def preferred_entries(session: Session, product_ids: Iterable[int]) -> dict[int, CatalogEntry]:
    """Return :func:`preferred_entry` of each product that has one, with its supplier loaded."""
    return {product_id: entries[0]
            for product_id, entries in catalog_entries(session, product_ids).items()}


def catalog_entries(session: Session, product_ids: Iterable[int]
                    ) -> dict[int, list[CatalogEntry]]:
    """Return every catalog entry of each product that has one, the preferred one first.

    The order is that of :func:`preferred_entry`: cheapest, then quickest,
    then by supplier code. Each entry has its supplier loaded.
    """
    ids = list(set(product_ids))
    if not ids:
        return {}
    entries: dict[int, list[CatalogEntry]] = {}
    for entry in session.scalars(_ENTRIES_BY_PREFERENCE, {"product_ids": ids}):
        entries.setdefault(entry.product_id, []).append(entry)
    return entries


def lead_times(session: Session, product_ids: Iterable[int]) -> list[int]:
    """Return the lead time of each product's preferred supplier; products without one add none."""
    ids = list(dict.fromkeys(product_ids))
    entries = preferred_entries(session, ids)
    return [entries[product_id].supplier.lead_time_days for product_id in ids
            if product_id in entries]


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
