"""The amount below which a submitted PO is approved without a manager."""

from __future__ import annotations

import logging
from decimal import Decimal

from app.domain.errors import InvalidInput
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import Setting
from app.services.context import acting_user, audit, parse_amount, require_manager, setting

log = logging.getLogger(__name__)

AUTO_APPROVE_KEY = "auto_approve_below"


def auto_approval_threshold(db: Database) -> Decimal | None:
    """Return the threshold, or None when every PO needs a manager."""
    with db.read() as session:
        text = setting(session, AUTO_APPROVE_KEY).strip()
    return Decimal(text) if text else None


def set_auto_approval_threshold(db: Database, acting: str, amount: str | None) -> Decimal | None:
    """Set the threshold; None or empty makes every PO need a manager again.

    Only managers and administrators change it, because it decides which
    purchases skip their review. A PO totalling exactly the threshold still
    needs a manager. Returns the threshold stored.
    """
    threshold = parse_amount(amount) if amount and amount.strip() else None
    if threshold is not None and threshold <= 0:
        raise InvalidInput(_("The auto-approval threshold must be above zero, not {amount}. "
                             "Leave it empty so that every PO needs a manager.").format(
            amount=amount))
    with db.write() as session:
        require_manager(acting_user(session, acting),
                        _("change the auto-approval threshold"))
        before = setting(session, AUTO_APPROVE_KEY).strip()
        row = session.get(Setting, AUTO_APPROVE_KEY)
        if row is None:
            row = Setting(key=AUTO_APPROVE_KEY, value="")
            session.add(row)
        stored = "" if threshold is None else str(threshold)
        row.value = stored
        audit(session, acting, "setting.auto_approve_below", number=AUTO_APPROVE_KEY,
              before={"threshold": before or None}, after={"threshold": stored or None})
    log.info("Auto-approval threshold set to %s by %s", stored or "none", acting)
    return threshold
