"""PO line changes once goods have arrived on the PO."""

from __future__ import annotations

import pytest

from app.domain.errors import RuleViolation
from app.persistence.database import Database
from app.services import po_changes, purchasing, receiving
from app.services.queries import get_purchase_order
from tests.conftest import CLERK
from tests.ui.dialog_support import sent_orders


def test_received_line_not_deleted(people: Database) -> None:
    orders = sent_orders(people)
    purchasing.confirm(people, CLERK, orders.po)
    receiving.receive(people, CLERK, orders.po, {"P-100": 2})
    po_changes.set_po_line_quantity(people, CLERK, orders.po, 2, 8)
    assert get_purchase_order(people, orders.po).status == "draft"

    with pytest.raises(RuleViolation, match=r"2 units have arrived on it\. Set its quantity to 2"):
        po_changes.remove_po_line(people, CLERK, orders.po, 1)

    assert len(get_purchase_order(people, orders.po).lines) == 3


def test_cut_to_received_completes_po(people: Database) -> None:
    orders = sent_orders(people)
    purchasing.confirm(people, CLERK, orders.po)
    receiving.receive(people, CLERK, orders.po, {"P-100": 5, "P-200": 10, "P-300": 2})

    done = po_changes.set_po_line_quantity(people, CLERK, orders.po, 3, 2)

    view = get_purchase_order(people, orders.po)
    assert (view.status, view.revision) == ("received", 1)
    assert done[-1] == f"{orders.po} has received everything it now orders."
