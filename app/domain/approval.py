"""Who may approve a purchase order, by amount.

A PO whose total is below the auto-approval threshold needs no manager. Above
it, a manager approves up to their own approval limit; a larger PO waits for
a manager whose limit covers it. The person who submitted a PO never approves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ApprovalRules:
    """The settings that decide approvals; None means "no such rule"."""

    auto_approve_below: Decimal | None = None


def is_auto_approved(total: Decimal, rules: ApprovalRules) -> bool:
    """Return True when a PO of ``total`` is approved on submission, without a manager.

    The threshold is exclusive: a PO of exactly the threshold needs a manager.
    """
    return rules.auto_approve_below is not None and total < rules.auto_approve_below


def within_limit(total: Decimal, limit: Decimal | None) -> bool:
    """Return True when a manager with approval ``limit`` may approve ``total`` (None: any)."""
    return limit is None or total <= limit
