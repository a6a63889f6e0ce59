"""The history table both order views show: time, user, action, number and details."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from app.domain.listing import Column
from app.services.views import HistoryEntry


def _translate(text: str) -> str:
    return QCoreApplication.translate("History", text)


def history_columns() -> list[Column]:
    return [Column("at", _translate("When")), Column("user", _translate("User")),
            Column("action", _translate("Action")), Column("number", _translate("Number")),
            Column("details", _translate("Details"))]


def action_label(action: str) -> str:
    """Name an audit action ("po.approve") in words; an unknown one is shown as stored."""
    labels = {
        "so.create": _translate("Order entered"),
        "so.set_quantity": _translate("Quantity changed"),
        "so.ship": _translate("Shipped"),
        "so.deliver": _translate("Delivered"),
        "so.payment": _translate("Payment"),
        "so.cancel": _translate("Order cancelled"),
        "so.resolve_attention": _translate("Attention resolved"),
        "po.draft": _translate("PO drafted"),
        "po.submit": _translate("PO submitted"),
        "po.approve": _translate("PO approved"),
        "po.reject": _translate("PO rejected"),
        "po.send": _translate("PO sent"),
        "po.confirm": _translate("Supplier confirmed"),
        "po.receive": _translate("Goods received"),
        "po.cancel": _translate("PO cancelled"),
        "po.close": _translate("PO closed"),
        "po.set_quantity": _translate("PO line quantity changed"),
        "po.remove_line": _translate("PO line removed"),
    }
    return labels.get(action, action)


def _details(entry: HistoryEntry) -> str:
    if entry.action == "so.resolve_attention":
        return _resolved_details(entry)
    if entry.note:
        return entry.note
    before = (entry.before or {}).get("status")
    after = (entry.after or {}).get("status")
    if before and after and before != after:
        return _translate("{before} → {after}").format(
            before=str(before).replace("_", " "), after=str(after).replace("_", " "))
    return ""


def _resolved_details(entry: HistoryEntry) -> str:
    """Name the reason that was resolved, then the note typed with it."""
    reason = str((entry.before or {}).get("reason", ""))
    if not entry.note:
        return reason
    return _translate("{reason} Note: {note}").format(reason=reason, note=entry.note)


def history_rows(entries: Sequence[HistoryEntry]) -> list[tuple[object, ...]]:
    """Return one row per event, newest first, with times in the workstation's zone."""
    return [(entry.at.astimezone(), entry.user, action_label(entry.action), entry.number,
             _details(entry)) for entry in reversed(entries)]
