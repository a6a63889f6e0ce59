"""Storing imported orders: idempotence, cancellation, unknown stock codes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.errors import InvalidInput
from app.persistence.database import Database
from app.persistence.models import Product, SalesOrder
from app.services import imports, sample
from app.services.queries import get_sales_order, list_sales_orders
from tests.conftest import CLERK, add_product

HEADER = ["reference", "order_date", "customer_code", "customer_name", "country", "sku",
          "description", "quantity", "unit_price", "promised_date"]


def _write_orders(path: Path, count: int, sku: str = "P-1") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(count):
            writer.writerow([f"WEB-{n}", "2024-03-05", f"K-{n % 7}", "", "France", sku,
                             "Café table", 2, "3.50", ""])
    return path


def _order_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(SalesOrder)) or 0


def test_same_file_twice_creates_nothing_twice(people: Database, tmp_path: Path) -> None:
    add_product(people, "P-1", lead_days=5)
    path = _write_orders(tmp_path / "orders.csv", 3)
    imports.import_orders(people, CLERK, path, "tandem")
    again = imports.import_orders(people, CLERK, path, "tandem")
    assert _order_count(people) == 3
    assert again.count(imports.ALREADY_IMPORTED) == 3
    assert again.count(imports.ORDERS_STORED) == 0


def test_cancelled_import_stores_nothing(people: Database, tmp_path: Path) -> None:
    add_product(people, "P-1")
    path = _write_orders(tmp_path / "orders.csv", imports.BATCH_SIZE + 50)
    checks = iter([False, True])
    with pytest.raises(imports.ImportCancelled):
        imports.import_orders(people, CLERK, path, "tandem", cancelled=lambda: next(checks))
    assert _order_count(people) == 0


def test_unknown_sku_kept_and_flagged(people: Database, tmp_path: Path) -> None:
    path = _write_orders(tmp_path / "orders.csv", 1, sku="NEW-9")
    summary = imports.import_orders(people, CLERK, path, "tandem")
    view = get_sales_order(people, "WEB-0")
    assert summary.count(imports.UNKNOWN_SKU_LINES) == 1
    assert view.lines[0].still_to_source == 2
    assert any("NEW-9" in reason for reason in view.attention)
    with people.read() as session:
        assert session.scalar(select(Product.description).where(Product.sku == "NEW-9")) == (
            "Café table")


def test_promised_date_adds_lead_time_and_handling(people: Database, tmp_path: Path) -> None:
    add_product(people, "P-1", lead_days=5)
    imports.import_orders(people, CLERK, _write_orders(tmp_path / "o.csv", 1), "tandem")
    view = get_sales_order(people, "WEB-0")
    assert view.promised_date is not None
    assert (view.promised_date - view.order_date).days == 5 + 2
    assert [row.number for row in list_sales_orders(people)] == [view.number]


def test_missing_file_named(people: Database, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"nowhere\.csv"):
        imports.import_orders(people, CLERK, tmp_path / "nowhere.csv")


def test_shifted_import_moves_dates(people: Database, tmp_path: Path) -> None:
    add_product(people, "P-1", lead_days=5)
    path = _write_orders(tmp_path / "orders.csv", 1)
    imports.import_orders(people, CLERK, path, "tandem", shift_days=10)
    view = get_sales_order(people, "WEB-0")
    assert view.order_date == date(2024, 3, 15)
    assert view.promised_date == date(2024, 3, 22)


def test_sample_week_ends_yesterday() -> None:
    assert sample.sample_shift_days(date(2010, 12, 8)) == 0
    assert sample.sample_shift_days(date(2026, 12, 4)) == (date(2026, 12, 3)
                                                            - date(2010, 12, 7)).days
