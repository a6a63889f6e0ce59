"""Fixtures shared by every test layer: a migrated SQLite file and a small warehouse."""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.bootstrap import open_database
from app.persistence.database import Database
from app.persistence.models import CatalogEntry, Product, Setting, Supplier
from app.services.documents import DOCUMENTS_SETTING
from app.services.users import add_user

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data" / "online-retail"

CLERK = "clara"
MANAGER = "maya"
MANAGER_2 = "miles"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A new SQLite file migrated to the newest schema, with documents written to tmp_path."""
    database = open_database(str(tmp_path / "tandem.sqlite"))
    with database.write() as session:
        session.add(Setting(key=DOCUMENTS_SETTING, value=str(tmp_path / "documents")))
    yield database
    database.dispose()


@pytest.fixture
def people(db: Database) -> Database:
    """The database with a clerk and two managers."""
    add_user(db, "", CLERK, "clerk")
    add_user(db, "", MANAGER, "manager")
    add_user(db, "", MANAGER_2, "manager")
    return db


def add_product(db: Database, sku: str, *, supplier: str = "S1", cost: str = "1.00",
                on_hand: int = 0, moq: int = 1, pack: int = 1, lead_days: int = 7,
                always_back_to_back: bool = False) -> None:
    """Add a product with one catalog entry; the supplier is created when new."""
    with db.write() as session:
        found = session.query(Supplier).filter_by(code=supplier).one_or_none()
        if found is None:
            found = Supplier(code=supplier, name=f"Supplier {supplier}",
                             email=f"orders@{supplier.lower()}.example",
                             lead_time_days=lead_days, terms="30 days net")
            session.add(found)
        product = Product(sku=sku, description=f"Item {sku}", on_hand=on_hand,
                          always_back_to_back=always_back_to_back)
        session.add(product)
        session.flush()
        session.add(CatalogEntry(product_id=product.id, supplier_id=found.id,
                                 supplier_sku=f"{supplier}-{sku}", unit_cost=Decimal(cost),
                                 min_order_qty=moq, pack_size=pack))
