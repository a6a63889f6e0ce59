"""Approval rules by amount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.approval import ApprovalRules, is_auto_approved, within_limit

RULES = ApprovalRules(auto_approve_below=Decimal("100.00"))


@pytest.mark.parametrize(
    ("total", "auto"),
    [("99.99", True), ("100.00", False), ("100.01", False), ("0.00", True)],
)
def test_auto_approval_threshold(total: str, auto: bool) -> None:
    assert is_auto_approved(Decimal(total), RULES) is auto


def test_no_threshold_needs_manager() -> None:
    assert is_auto_approved(Decimal("0.01"), ApprovalRules()) is False


@pytest.mark.parametrize(
    ("total", "limit", "allowed"),
    [("500.00", "500.00", True), ("500.01", "500.00", False), ("9999.00", None, True)],
)
def test_manager_limit(total: str, limit: str | None, allowed: bool) -> None:
    assert within_limit(Decimal(total), None if limit is None else Decimal(limit)) is allowed
