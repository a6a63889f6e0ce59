"""The PO transition table."""

from __future__ import annotations

import pytest

from app.domain.errors import RuleViolation
from app.domain.numbers import format_number, parse_number
from app.domain.states import PO_TRANSITIONS, POAction, POStatus, po_target


def test_each_action_leads_from_its_states() -> None:
    assert po_target("PO-000001", POAction.SUBMIT, POStatus.DRAFT) is POStatus.AWAITING_APPROVAL
    assert po_target("PO-000001", POAction.APPROVE, POStatus.AWAITING_APPROVAL) is (
        POStatus.APPROVED)
    assert po_target("PO-000001", POAction.REJECT, POStatus.AWAITING_APPROVAL) is POStatus.DRAFT
    assert po_target("PO-000001", POAction.SEND, POStatus.APPROVED) is POStatus.SENT


@pytest.mark.parametrize("action", list(POAction))
def test_no_action_on_cancelled_or_closed(action: POAction) -> None:
    for state in (POStatus.CANCELLED, POStatus.CLOSED):
        with pytest.raises(RuleViolation, match="PO-000007"):
            po_target("PO-000007", action, state)


def test_send_before_approval_names_needed_state() -> None:
    message = r"it is draft\. Only a PO that is approved can be sent"
    with pytest.raises(RuleViolation, match=message):
        po_target("PO-000002", POAction.SEND, POStatus.DRAFT)


def test_cancel_impossible_once_received() -> None:
    allowed, _target = PO_TRANSITIONS[POAction.CANCEL]
    assert POStatus.RECEIVED not in allowed
    assert POStatus.PARTLY_RECEIVED in allowed


@pytest.mark.parametrize("text", ["PO-000045", "po-45", "PO45", " PO-0045 "])
def test_parse_number_accepts_typed_forms(text: str) -> None:
    assert parse_number("PO", text) == 45


def test_parse_number_rejects_other_prefix() -> None:
    assert parse_number("PO", "SO-000045") is None
    assert format_number("SO", 123) == "SO-000123"
