"""Dialogs for the actions of the back-to-back flow: approve, confirm, receive, ship, pay.

Each dialog reads its order through the query services when it opens, calls
one service action through :func:`app.ui.operations.run_action` on Save, and
is accepted only when that action changed data.
"""

from app.ui.dialogs.approval import ApprovalDialog
from app.ui.dialogs.confirm import ConfirmDialog
from app.ui.dialogs.payment import PaymentDialog
from app.ui.dialogs.receive import ReceiveDialog
from app.ui.dialogs.ship import ShipDialog

__all__ = ["ApprovalDialog", "ConfirmDialog", "PaymentDialog", "ReceiveDialog", "ShipDialog"]
