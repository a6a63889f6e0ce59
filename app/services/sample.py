"""Loading the shipped sample warehouse into an empty database."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import func, select

from app.importers import ImportSummary
from app.importers.sample import sample_files
from app.persistence.database import Database
from app.persistence.models import Product, SalesOrder, User
from app.services import imports
from app.services.users import add_user

log = logging.getLogger(__name__)

# Until people log in, these stand for the two roles at a workstation.
STARTER_USERS = (("clerk", "clerk"), ("manager", "manager"))

# The last order date in resources/sample/orders-sample.csv.gz.
SAMPLE_LAST_DAY = date(2010, 12, 7)


def is_empty(db: Database) -> bool:
    """Return True when the database contains no products and no sales orders."""
    with db.read() as session:
        products = session.scalar(select(func.count()).select_from(Product)) or 0
        orders = session.scalar(select(func.count()).select_from(SalesOrder)) or 0
    return products == 0 and orders == 0


def ensure_starter_users(db: Database) -> list[str]:
    """Add the starter clerk and manager when the database has no users; return their names."""
    with db.read() as session:
        if session.scalar(select(func.count()).select_from(User)):
            return []
    for name, role in STARTER_USERS:
        add_user(db, name, name, role)
    return [name for name, _role in STARTER_USERS]


def sample_shift_days(today: date | None = None) -> int:
    """Return the days that move the sample week so that its last day is yesterday.

    The sample orders are from December 2010; moved forward, their promised
    dates and the suppliers' expected dates fall in the weeks ahead, as in a
    working warehouse.
    """
    return ((today or date.today()) - timedelta(days=1) - SAMPLE_LAST_DAY).days


def load_sample(db: Database, user: str,
                progress: Callable[[int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Import the sample suppliers, catalog, stock and one week of real orders.

    The orders' dates are moved forward by :func:`sample_shift_days`.
    """
    files = sample_files()
    imports.import_suppliers(db, user, files.suppliers)
    imports.import_catalog(db, user, files.catalog)
    imports.import_stock(db, user, files.stock)
    summary = imports.import_orders(db, user, files.orders, "online-retail", progress,
                                    cancelled, shift_days=sample_shift_days())
    log.info("Sample data loaded: %s", summary.counts)
    return summary
