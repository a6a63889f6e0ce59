"""Purchase order commands: the ``po`` group and ``receive``."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from app.cli.confirmation import add_yes, confirmed
from app.cli.context import Context
from app.cli.items import CollectItems, quantities, sku_quantity, sku_quantity_date
from app.cli.output import (
    cell,
    format_fields,
    format_table,
    po_status,
    print_json,
    print_lines,
    shorten,
)
from app.cli.parser import Commands, add_command, add_group, add_json
from app.domain.errors import InvalidInput
from app.i18n import _
from app.services import (
    approval_settings,
    drafting,
    po_changes,
    purchasing,
    queries,
    receiving,
)
from app.services.purchasing import Confirmation
from app.services.views import (
    DraftResult,
    PurchaseOrderLineView,
    PurchaseOrderView,
    format_money,
    to_jsonable,
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    group = add_group(commands, "po", common, _("purchase orders"))
    command = add_command(group, "draft", common, _(
        "draft purchase orders for what an SO still has to source"), draft)
    command.add_argument("so", metavar="SO")
    command.add_argument("--supplier", dest="suppliers", metavar="LINE=CODE",
                         type=line_supplier, action="append", help=_(
                             "buy SO line LINE from the supplier with code CODE instead of the "
                             "cheapest; repeat the option for each line"))
    add_json(command)

    command = add_command(group, "suppliers", common, _(
        "list the suppliers each SO line can be bought from, cheapest first"), suppliers)
    command.add_argument("so", metavar="SO")
    add_json(command)

    command = add_command(group, "list", common, _("list purchase orders"), list_orders)
    command.add_argument("--status", metavar="S", help=_(
        "only orders in this status, such as awaiting_approval"))
    add_json(command)

    command = add_command(group, "show", common, _("show a purchase order"), show)
    command.add_argument("po", metavar="PO")
    add_json(command)

    _register_actions(group, common)

    command = add_command(commands, "receive", common, _(
        "receive goods against a PO (everything open without SKU=QTY)"), receive)
    command.add_argument("po", metavar="PO")
    command.add_argument("items", metavar="SKU=QTY", nargs="*", type=sku_quantity,
                         action=CollectItems, help=_("units received per SKU"))
    command.add_argument("--reject", dest="rejected", metavar="SKU=QTY", type=sku_quantity,
                         action=CollectItems, help=_(
                             "damaged units per SKU, recorded apart from the units received "
                             "and not put into stock; repeat the option for each SKU"))
    command.add_argument("--allow-over-receipt", action="store_true", help=_(
        "accept more than the PO ordered (managers only)"))
    add_json(command)


def _register_actions(group: Commands, common: argparse.ArgumentParser) -> None:
    command = add_command(group, "submit", common, _(
        "submit a draft PO for a manager's approval"), submit)
    command.add_argument("po", metavar="PO")
    add_json(command)

    command = add_command(group, "cancel", common, _(
        "cancel a PO; after goods arrived, close what is still open"), cancel)
    command.add_argument("po", metavar="PO")
    add_yes(command)
    add_json(command)

    command = add_command(group, "set-qty", common, _(
        "change the quantity of a PO line; a sent PO becomes a new revision"), set_quantity)
    command.add_argument("po", metavar="PO")
    command.add_argument("line", metavar="LINE", type=int, help=_("line number"))
    command.add_argument("quantity", metavar="QTY", type=int, help=_("new quantity in units"))
    add_yes(command)
    add_json(command)

    command = add_command(group, "remove-line", common, _(
        "delete a line of a PO that was not sent"), remove_line)
    command.add_argument("po", metavar="PO")
    command.add_argument("line", metavar="LINE", type=int, help=_("line number"))
    add_yes(command)
    add_json(command)

    command = add_command(group, "approve", common, _(
        "approve a PO (a manager who did not submit it)"), approve)
    command.add_argument("po", metavar="PO")
    command.add_argument("--comment", default="", metavar="TEXT",
                         help=_("a note kept with the approval in the PO's history"))
    add_json(command)

    command = add_command(group, "auto-approve", common, _(
        "show or set the PO total below which a submitted PO needs no manager"),
        auto_approve)
    command.add_argument("below", metavar="AMOUNT", nargs="?", help=_(
        "the new threshold in the PO's currency; 'none' makes every PO need a manager"))
    add_json(command)

    command = add_command(group, "reject", common, _(
        "reject a PO back to draft, with the reason"), reject)
    command.add_argument("po", metavar="PO")
    command.add_argument("--reason", required=True, metavar="TEXT")
    add_json(command)

    command = add_command(group, "send", common, _(
        "write an approved PO's PDF and mark it sent"), send)
    command.add_argument("po", metavar="PO")
    command.add_argument("--pdf", type=Path, metavar="FILE", help=_(
        "where to write the PDF (default: the documents folder)"))
    add_json(command)

    command = add_command(group, "confirm", common, _(
        "record the supplier's confirmation (all lines as ordered without SKU=QTY)"), confirm)
    command.add_argument("po", metavar="PO")
    command.add_argument("items", metavar="SKU=QTY[@YYYY-MM-DD]", nargs="*",
                         type=sku_quantity_date, action=CollectItems, help=_(
                             "confirmed units per SKU and the expected date (default: the "
                             "supplier's lead time from today); SKU=0 records a refusal, "
                             "whose units go back to still to source on the SOs"))
    command.add_argument("--reference", "--supplier-reference", dest="supplier_reference",
                         default="", metavar="TEXT",
                         help=_("the supplier's own order or confirmation number"))
    add_json(command)


def line_supplier(text: str) -> tuple[int, str]:
    """Parse ``LINE=CODE``, such as ``2=SUP009``, into the line number and the supplier code."""
    line_text, equals, code = text.partition("=")
    if not equals or not line_text.strip().isdigit() or not code.strip():
        raise argparse.ArgumentTypeError(
            _("'{text}' is not in the form LINE=CODE, such as 2=SUP009.").format(text=text))
    return int(line_text), code.strip()


def draft(ctx: Context, args: argparse.Namespace) -> None:
    chosen: dict[int, str] = {}
    for line, code in args.suppliers or []:
        if line in chosen:
            raise InvalidInput(_("Line {line} is given twice in --supplier; give each line "
                                 "once.").format(line=line))
        chosen[line] = code
    result = drafting.draft_purchase_orders(ctx.db, ctx.user, args.so, chosen)
    if args.json:
        print_json(result)
        return
    print_lines(_draft_lines(result))


def _draft_lines(result: DraftResult) -> list[str]:
    lines = []
    if result.created:
        lines.append(_("{so}: drafted {pos}.").format(so=result.sales_order,
                                                      pos=", ".join(result.created)))
    if result.extended:
        lines.append(_("{so}: added to the drafts {pos}.").format(
            so=result.sales_order, pos=", ".join(result.extended)))
    if result.lines_ordered:
        lines.append(_("SO lines ordered: {n}.").format(n=result.lines_ordered))
    return lines + result.messages


def suppliers(ctx: Context, args: argparse.Namespace) -> None:
    lines = drafting.supplier_options(ctx.db, args.so)
    if args.json:
        print_json(lines)
        return
    if not lines:
        print_lines([_("{so} has nothing left to order.").format(so=args.so)])
        return
    rows: list[tuple[object, ...]] = []
    for line in lines:
        if not line.suppliers:
            rows.append((line.line, line.sku, line.to_buy, _("none in the catalog"), None, None,
                         None, None, None, None))
        rows += [(line.line, line.sku, line.to_buy, option.code, option.unit_cost,
                  option.min_order_qty, option.pack_size, option.lead_time_days,
                  option.quantity, option.amount)
                 for option in line.suppliers]
    print_lines(format_table(
        [_("Line"), _("SKU"), _("To buy"), _("Supplier"), _("Unit cost"), _("Min. qty"),
         _("Pack"), _("Lead days"), _("Buys"), _("Amount")], rows))


def list_orders(ctx: Context, args: argparse.Namespace) -> None:
    rows = queries.list_purchase_orders(ctx.db, args.status)
    if args.json:
        print_json([{"number": row.number, "status": row.status, "total": row.total,
                     "supplier": row.party, "supplier_reference": row.reference}
                    for row in rows])
        return
    if not rows:
        print_lines([_("No purchase orders.")])
        return
    print_lines(format_table(
        [_("Number"), _("Status"), _("Supplier"), _("Total")],
        [(row.number, po_status(row.status), row.party, row.total) for row in rows]))


def show(ctx: Context, args: argparse.Namespace) -> None:
    view = queries.get_purchase_order(ctx.db, args.po)
    if args.json:
        print_json(view)
        return
    print_lines(_header(view))
    print_lines([""])
    print_lines(format_table(
        [_("Line"), _("SKU"), _("Description"), _("Ordered"), _("Confirmed"), _("Expected"),
         _("Received"), _("Rejected"), _("Unit cost"), _("Amount"), _("For")],
        [(line.line, line.sku, shorten(line.description), line.ordered, line.confirmed,
          line.expected_date, line.received, line.rejected, line.unit_cost, line.amount,
          _buys_for(line))
         for line in view.lines]))


def _buys_for(line: PurchaseOrderLineView) -> str:
    """Name what a line buys for: its SO lines, stock, or nothing once refused or closed."""
    serves = ", ".join(f"{serve.so}/{serve.line} x{serve.qty}" for serve in line.serves)
    if serves:
        return serves
    if line.refused:
        return _("refused by supplier")
    if line.ordered == 0:
        return _("closed")
    return _("stock")


def _header(view: PurchaseOrderView) -> list[str]:
    fields: list[tuple[str, object]] = [
        (_("Purchase order"), f"{view.number} rev. {view.revision}"),
        (_("Supplier"), f"{view.supplier} ({view.supplier_code})"),
        (_("Status"), po_status(view.status)),
        (_("Terms"), view.terms or "-"),
        (_("Submitted"), _by(view.submitted_by, view.submitted_at)),
        (_("Approved"), _by(view.approved_by, view.approved_at)),
        (_("Sent"), view.sent_at),
        (_("Total"), f"{format_money(view.total)} {view.currency}"),
        (_("Sales value"), view.sales_value),
        (_("Margin"), view.margin),
        (_("Sales orders"), ", ".join(view.sales_orders)),
    ]
    if view.supplier_reference:
        fields.append((_("Supplier reference"), view.supplier_reference))
    if view.rejection_reason:
        fields.append((_("Rejected because"), view.rejection_reason))
    return format_fields(fields)


def _by(user: str | None, at: datetime | None) -> str:
    if user is None:
        return ""
    if at is None:
        return user
    return _("{user} at {at}").format(user=user, at=cell(at))


def submit(ctx: Context, args: argparse.Namespace) -> None:
    status = purchasing.submit(ctx.db, ctx.user, args.po)
    if status == "approved":
        _done(ctx, args, _("{po} submitted by {user} and approved at once: its total is below "
                           "the auto-approval threshold."))
    else:
        _done(ctx, args, _("{po} submitted for approval by {user}."))


def approve(ctx: Context, args: argparse.Namespace) -> None:
    purchasing.approve(ctx.db, ctx.user, args.po, args.comment)
    _done(ctx, args, _("{po} approved by {user}."))


def auto_approve(ctx: Context, args: argparse.Namespace) -> None:
    if args.below is None:
        threshold = approval_settings.auto_approval_threshold(ctx.db)
    else:
        wanted = None if args.below.strip().lower() == "none" else args.below
        threshold = approval_settings.set_auto_approval_threshold(ctx.db, ctx.user, wanted)
    if args.json:
        print_json({"auto_approve_below": threshold})
    elif threshold is None:
        print_lines([_("Every submitted PO needs a manager's approval.")])
    else:
        print_lines([_("A submitted PO totalling less than {amount} is approved without a "
                       "manager; {amount} or more needs one.").format(amount=threshold)])


def reject(ctx: Context, args: argparse.Namespace) -> None:
    purchasing.reject(ctx.db, ctx.user, args.po, args.reason)
    _done(ctx, args, _("{po} rejected by {user}; it is back to draft."))


def cancel(ctx: Context, args: argparse.Namespace) -> None:
    confirmed(ctx.db, args, _("Cancelling {po} would:").format(po=args.po),
              lambda: po_changes.cancel_impact(ctx.db, args.po))
    purchasing.cancel(ctx.db, ctx.user, args.po)
    _done(ctx, args, _("{po} {status} by {user}."))


def set_quantity(ctx: Context, args: argparse.Namespace) -> None:
    def change() -> list[str]:
        return po_changes.set_po_line_quantity(ctx.db, ctx.user, args.po, args.line,
                                               args.quantity)

    confirmed(ctx.db, args, _("Setting {po} line {line} to {quantity} would:").format(
        po=args.po, line=args.line, quantity=args.quantity), change)
    done = change()
    _done(ctx, args, _("{po} line {line} set by {user}; it is now {status}."), line=args.line,
          changes=done)


def remove_line(ctx: Context, args: argparse.Namespace) -> None:
    def change() -> list[str]:
        return po_changes.remove_po_line(ctx.db, ctx.user, args.po, args.line)

    confirmed(ctx.db, args, _("Deleting {po} line {line} would:").format(
        po=args.po, line=args.line), change)
    done = change()
    _done(ctx, args, _("{po} line {line} deleted by {user}; it is now {status}."),
          line=args.line, changes=done)


def send(ctx: Context, args: argparse.Namespace) -> None:
    pdf = purchasing.send(ctx.db, ctx.user, args.po, args.pdf)
    _done(ctx, args, _("{po} sent by {user}; its PDF is written to {pdf}."), pdf=str(pdf))


def confirm(ctx: Context, args: argparse.Namespace) -> None:
    answers = None
    if args.items is not None:
        answers = {item.sku: Confirmation(item.quantity, item.expected_date)
                   for item in args.items}
    purchasing.confirm(ctx.db, ctx.user, args.po, answers, args.supplier_reference)
    view = _done(ctx, args, _("{po} confirmed by {user}:"))
    if not args.json:
        print_lines(f"  {line}" for line in format_table(
            [_("SKU"), _("Ordered"), _("Confirmed"), _("Expected")],
            [(line.sku, line.ordered, line.confirmed, line.expected_date)
             for line in view.lines]))


def _done(ctx: Context, args: argparse.Namespace, message: str,
          changes: list[str] | None = None, **extra: object) -> PurchaseOrderView:
    """Print what a PO action did: one line, or with --json the PO as ``po show`` prints it.

    ``extra`` values (such as the PDF written) are added to the JSON and the message;
    ``changes`` are listed under the line, and in the JSON as ``changes``.
    """
    view = queries.get_purchase_order(ctx.db, args.po)
    if args.json:
        more = {} if changes is None else {"changes": changes}
        print_json({**to_jsonable(view), **more, **to_jsonable(extra)})
    else:
        print_lines([message.format(po=view.number, user=ctx.user,
                                    status=po_status(view.status).lower(), **extra)])
        print_lines(f"  {change}" for change in changes or [])
    return view


def receive(ctx: Context, args: argparse.Namespace) -> None:
    result = receiving.receive(ctx.db, ctx.user, args.po, quantities(args.items),
                               quantities(args.rejected), args.allow_over_receipt)
    if args.json:
        print_json(result)
        return
    lines = [_("{po}: {units} units received, {rejected} rejected.").format(
        po=result.purchase_order, units=result.received, rejected=result.rejected)]
    if result.reserved:
        lines.append(_("{n} units reserved for {orders}.").format(
            n=result.reserved, orders=", ".join(result.sales_orders)))
    if result.to_stock:
        lines.append(_("{n} units put into free stock.").format(n=result.to_stock))
    print_lines(lines)
