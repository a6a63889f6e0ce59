"""``po auto-approve``: showing and setting the auto-approval threshold."""

from __future__ import annotations

from decimal import Decimal

from app.persistence.database import Database
from app.services import drafting, sales
from app.services.approval_settings import auto_approval_threshold
from app.services.sales import NewLine, NewSalesOrder
from tests.cli.conftest import Run
from tests.conftest import CLERK, MANAGER, add_product


def test_threshold_shown_by_default(run: Run) -> None:
    result = run("po", "auto-approve", user=CLERK)
    assert result.code == 0
    assert "Every submitted PO needs a manager's approval." in result.out


def test_manager_sets_threshold(run: Run, people: Database) -> None:
    result = run("po", "auto-approve", "250.00", user=MANAGER)
    assert result.code == 0
    assert "less than 250.00 is approved without a manager" in result.out
    assert auto_approval_threshold(people) == Decimal("250.00")

    assert run("po", "auto-approve", "none", user=MANAGER).code == 0
    assert auto_approval_threshold(people) is None


def test_clerk_cannot_set_threshold(run: Run, people: Database) -> None:
    result = run("po", "auto-approve", "250.00", user=CLERK)
    assert result.code == 1
    assert "only a manager can" in result.err
    assert auto_approval_threshold(people) is None


def test_submit_below_threshold_says_approved(run: Run, people: Database) -> None:
    add_product(people, "P-1", cost="10.00")
    so = sales.create_sales_order(people, CLERK, NewSalesOrder(
        "C1", "One", [NewLine("P-1", 1, Decimal("20.00"))]))
    po = drafting.draft_purchase_orders(people, CLERK, so).created[0]
    assert run("po", "auto-approve", "100.00", user=MANAGER).code == 0

    result = run("po", "submit", po, user=CLERK)

    assert result.code == 0
    assert "approved at once: its total is below the auto-approval threshold" in result.out
