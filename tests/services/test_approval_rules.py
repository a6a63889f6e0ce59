"""Approvals by amount: the auto-approval threshold and each manager's limit."""

from __future__ import annotations

import email
from decimal import Decimal
from email import policy

import pytest

from app.domain.errors import InvalidInput, PermissionDenied
from app.persistence.database import Database
from app.services import approval_settings, auth, drafting, po_changes, purchasing, sales
from app.services.purchasing import AUTO_APPROVER
from app.services.queries import get_purchase_order, purchase_order_history
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, MANAGER_2, add_product


def _po_costing(db: Database, total: str) -> str:
    """Draft a one-line PO of one unit whose total is ``total``."""
    add_product(db, "P-1", cost=total)
    so = sales.create_sales_order(db, CLERK, NewSalesOrder(
        "C1", "One", [NewLine("P-1", 1, Decimal("999.00"))]))
    return drafting.draft_purchase_orders(db, CLERK, so).created[0]


def _threshold(db: Database, amount: str) -> None:
    approval_settings.set_auto_approval_threshold(db, MANAGER, amount)


@pytest.mark.parametrize(
    ("total", "status"),
    [("99.99", "approved"), ("100.00", "awaiting_approval"), ("100.01", "awaiting_approval")],
)
def test_auto_approval_threshold(people: Database, total: str, status: str) -> None:
    _threshold(people, "100.00")
    po = _po_costing(people, total)
    purchasing.submit(people, CLERK, po)
    view = get_purchase_order(people, po)
    assert view.status == status
    assert (view.approved_by == AUTO_APPROVER) is (status == "approved")


def test_every_po_needs_manager_by_default(people: Database) -> None:
    po = _po_costing(people, "0.01")
    purchasing.submit(people, CLERK, po)
    assert get_purchase_order(people, po).status == "awaiting_approval"


def test_limit_sends_po_to_another_manager(people: Database) -> None:
    auth.create_first_admin(people, "ada", "admin secret")
    auth.set_approval_limit(people, "ada", MANAGER, "500.00")
    po = _po_costing(people, "500.01")
    purchasing.submit(people, CLERK, po)
    with pytest.raises(PermissionDenied, match=r"above your approval limit of 500\.00"):
        purchasing.approve(people, MANAGER, po)
    assert get_purchase_order(people, po).status == "awaiting_approval"
    purchasing.approve(people, MANAGER_2, po)
    assert get_purchase_order(people, po).approved_by == MANAGER_2


def test_limit_allows_exact_amount(people: Database) -> None:
    auth.create_first_admin(people, "ada", "admin secret")
    auth.set_approval_limit(people, "ada", MANAGER, "500.00")
    po = _po_costing(people, "500.00")
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    assert get_purchase_order(people, po).status == "approved"


def test_revision_after_approval_needs_approval(people: Database) -> None:
    po = _po_costing(people, "10.00")
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    po_changes.set_po_line_quantity(people, CLERK, po, 1, 3)
    purchasing.submit(people, CLERK, po)
    view = get_purchase_order(people, po)
    assert (view.status, view.revision, view.approved_by) == ("awaiting_approval", 2, None)
    purchasing.approve(people, MANAGER, po, "Three units now")
    approvals = [entry for entry in purchase_order_history(people, po)
                 if entry.action == "po.approve"]
    assert [entry.after["revision"] for entry in approvals if entry.after] == [1, 2]
    assert approvals[-1].note == "Three units now"
    assert approvals[-1].user == MANAGER


def test_send_then_email_draft_carries_pdf(people: Database) -> None:
    po = _po_costing(people, "10.00")
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    pdf = purchasing.send(people, CLERK, po)
    draft = purchasing.write_email_draft(people, CLERK, po, pdf)
    assert draft is not None
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    attachment = next(iter(message.iter_attachments()))
    assert message["To"] == "orders@s1.example"
    assert attachment.get_filename() == f"{po}.pdf"
    assert attachment.get_content() == pdf.read_bytes()


def test_threshold_set_and_cleared(people: Database) -> None:
    _threshold(people, "100.00")
    assert approval_settings.auto_approval_threshold(people) == Decimal("100.00")
    approval_settings.set_auto_approval_threshold(people, MANAGER, None)
    assert approval_settings.auto_approval_threshold(people) is None


def test_clerk_cannot_set_threshold(people: Database) -> None:
    with pytest.raises(PermissionDenied, match="change the auto-approval threshold"):
        approval_settings.set_auto_approval_threshold(people, CLERK, "50.00")
    assert approval_settings.auto_approval_threshold(people) is None


@pytest.mark.parametrize("amount", ["0", "-5.00", "12,50"])
def test_invalid_threshold_rejected(people: Database, amount: str) -> None:
    with pytest.raises(InvalidInput):
        approval_settings.set_auto_approval_threshold(people, MANAGER, amount)
