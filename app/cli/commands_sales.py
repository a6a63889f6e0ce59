"""Sales order commands: the ``so`` group, ``ship``, ``deliver`` and ``pay``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.confirmation import add_yes, confirmed
from app.cli.context import Context
from app.cli.items import CollectItems, quantities, sku_quantity
from app.cli.output import (
    format_fields,
    format_table,
    print_json,
    print_lines,
    shorten,
    so_status,
)
from app.cli.parser import Commands, add_command, add_group, add_json
from app.i18n import _
from app.services import queries, sales, shipping, so_changes
from app.services.context import parse_amount
from app.services.views import SalesOrderView, format_money, to_jsonable


def register_fulfilment(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ship, deliver and pay."""
    command = add_command(commands, "ship", common, _(
        "ship an SO's ready goods (all of them without SKU=QTY) and write the packing slip"),
        ship)
    command.add_argument("so", metavar="SO")
    command.add_argument("items", metavar="SKU=QTY", nargs="*", type=sku_quantity,
                         action=CollectItems, help=_("units to ship per SKU"))
    command.add_argument("--carrier", default="", metavar="NAME")
    command.add_argument("--tracking", default="", metavar="CODE")
    command.add_argument("--pdf", type=Path, metavar="FILE", help=_(
        "where to write the packing slip (default: the documents folder)"))
    add_json(command)

    command = add_command(commands, "deliver", common, _(
        "mark a shipped SO delivered"), deliver)
    command.add_argument("so", metavar="SO")
    add_json(command)

    command = add_command(commands, "pay", common, _(
        "record a payment or deposit against an SO"), pay)
    command.add_argument("so", metavar="SO")
    command.add_argument("amount", metavar="AMOUNT", help=_("amount such as 12.50"))
    command.add_argument("--method", default="", metavar="NAME",
                         help=_("how it was paid, such as card or transfer"))
    add_json(command)


def register_orders(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register so list, show, history, cancel and set-qty."""
    group = add_group(commands, "so", common, _("sales orders"))
    command = add_command(group, "list", common, _("list sales orders"), list_orders)
    command.add_argument("--status", metavar="S", help=_("only orders in this status, such as "
                                                         "on_order"))
    add_json(command)

    command = add_command(group, "show", common, _(
        "show an SO by number or by the shop's reference"), show)
    command.add_argument("so", metavar="SO")
    add_json(command)

    command = add_command(group, "history", common, _(
        "show what happened to an SO and the POs that serve it"), history)
    command.add_argument("so", metavar="SO")
    add_json(command)

    command = add_command(group, "cancel", common, _("cancel an SO that has shipped nothing"),
                          cancel)
    command.add_argument("so", metavar="SO")
    add_yes(command)
    add_json(command)

    command = add_command(group, "copy", common, _(
        "start a new SO with the customer and lines of another"), copy)
    command.add_argument("so", metavar="SO")
    add_json(command)

    command = add_command(group, "sourcing", common, _(
        "choose how an SO line is supplied: auto, stock or back_to_back"), set_sourcing)
    command.add_argument("so", metavar="SO")
    command.add_argument("line", metavar="LINE", type=int, help=_("line number"))
    command.add_argument("sourcing", metavar="SOURCING", choices=["auto", "stock",
                                                                  "back_to_back"])
    add_json(command)

    command = add_command(group, "resolve", common, _(
        "close an attention reason of an SO (its id is in so show --json)"), resolve)
    command.add_argument("so", metavar="SO")
    command.add_argument("reason", metavar="REASON_ID", type=int)
    command.add_argument("--note", default="", metavar="TEXT", help=_("what was decided"))
    add_json(command)

    command = add_command(group, "set-qty", common, _("change the quantity of an SO line"),
                          set_quantity)
    command.add_argument("so", metavar="SO")
    command.add_argument("line", metavar="LINE", type=int, help=_("line number"))
    command.add_argument("quantity", metavar="QTY", type=int, help=_("new quantity in units"))
    add_yes(command)
    add_json(command)


def list_orders(ctx: Context, args: argparse.Namespace) -> None:
    rows = queries.list_sales_orders(ctx.db, args.status)
    if args.json:
        print_json([{"number": row.number, "status": row.status, "total": row.total,
                     "customer": row.party, "reference": row.reference,
                     "attention": row.attention} for row in rows])
        return
    if not rows:
        print_lines([_("No sales orders.")])
        return
    table = [(row.number, so_status(row.status), "!" if row.attention else "", row.reference,
              row.party, row.total) for row in rows]
    print_lines(format_table([_("Number"), _("Status"), _("Attention"), _("Reference"),
                              _("Customer"), _("Total")], table))


def show(ctx: Context, args: argparse.Namespace) -> None:
    view = queries.get_sales_order(ctx.db, args.so)
    if args.json:
        print_json(view)
        return
    print_lines(_header(view))
    print_lines([""])
    print_lines(format_table(
        [_("Line"), _("SKU"), _("Description"), _("Ordered"), _("Stock"), _("On order"),
         _("Confirmed"), _("Received"), _("Shipped"), _("To source"), _("Cancelled"),
         _("Expected"), _("Price"), _("Discount %"), _("Amount")],
        [(line.line, line.sku, shorten(line.description), line.ordered, line.from_stock,
          line.on_order, line.confirmed, line.received, line.shipped, line.still_to_source,
          line.cancelled, line.expected_date, line.unit_price, line.discount_percent or None,
          line.amount) for line in view.lines]))


def _header(view: SalesOrderView) -> list[str]:
    lines = format_fields([
        (_("Sales order"), view.number),
        (_("Reference"), view.reference),
        (_("Customer"), f"{view.customer} ({view.customer_code})"),
        (_("Status"), so_status(view.status)),
        (_("Order date"), view.order_date),
        (_("Promised"), view.promised_date),
        (_("Terms"), view.terms),
        (_("Total"), f"{format_money(view.total)} {view.currency}"),
        (_("Paid"), view.paid),
        (_("Balance due"), view.balance_due),
        (_("Purchase orders"), ", ".join(view.purchase_orders)),
        (_("Shipments"), ", ".join(view.shipments)),
    ])
    if view.attention:
        lines.append(_("Attention:"))
        lines += [f"  - {reason}" for reason in view.attention]
    return lines


def history(ctx: Context, args: argparse.Namespace) -> None:
    entries = queries.sales_order_history(ctx.db, args.so)
    if args.json:
        print_json(entries)
        return
    print_lines(format_table(
        [_("At"), _("User"), _("Action"), _("Number"), _("Note")],
        [(entry.at, entry.user, entry.action, entry.number, shorten(entry.note, 60))
         for entry in entries]))


def cancel(ctx: Context, args: argparse.Namespace) -> None:
    confirmed(ctx.db, args, _("Cancelling {so} would:").format(so=args.so),
              lambda: sales.cancel_sales_order(ctx.db, ctx.user, args.so))
    done = sales.cancel_sales_order(ctx.db, ctx.user, args.so)
    _done(ctx, args, _("{so} cancelled by {user}."), changes=done)


def set_quantity(ctx: Context, args: argparse.Namespace) -> None:
    confirmed(ctx.db, args, _("Setting {so} line {line} to {quantity} would:").format(
        so=args.so, line=args.line, quantity=args.quantity),
        lambda: sales.set_line_quantity(ctx.db, ctx.user, args.so, args.line, args.quantity))
    done = sales.set_line_quantity(ctx.db, ctx.user, args.so, args.line, args.quantity)
    _done(ctx, args, _("{so} line {line} set to {quantity} units."), changes=done,
          line=args.line, quantity=args.quantity)


def copy(ctx: Context, args: argparse.Namespace) -> None:
    number = so_changes.copy_sales_order(ctx.db, ctx.user, args.so)
    args.so = number
    _done(ctx, args, _("{so} created by {user} as a copy."))


def set_sourcing(ctx: Context, args: argparse.Namespace) -> None:
    done = so_changes.set_line_sourcing(ctx.db, ctx.user, args.so, args.line, args.sourcing)
    _done(ctx, args, _("{so} line {line} is now supplied {sourcing}."), changes=done,
          line=args.line, sourcing=args.sourcing.replace("_", " "))


def resolve(ctx: Context, args: argparse.Namespace) -> None:
    so_changes.resolve_attention(ctx.db, ctx.user, args.so, args.reason, args.note)
    _done(ctx, args, _("{so}: attention reason {reason} resolved by {user}."),
          reason=args.reason)


def _done(ctx: Context, args: argparse.Namespace, message: str,
          changes: list[str] | None = None, **extra: object) -> None:
    """Print what an SO action did: a line and its changes, or with --json the SO.

    The JSON is the SO as ``so show`` prints it, plus ``changes`` and ``extra``.
    """
    view = queries.get_sales_order(ctx.db, args.so)
    if args.json:
        more = {} if changes is None else {"changes": changes}
        print_json({**to_jsonable(view), **more, **to_jsonable(extra)})
        return
    print_lines([message.format(so=view.number, user=ctx.user,
                                status=so_status(view.status).lower(),
                                balance=format_money(view.balance_due), **extra)])
    print_lines(f"  {change}" for change in changes or [])


def ship(ctx: Context, args: argparse.Namespace) -> None:
    # Every shipment gets a packing slip: without --pdf in the documents folder.
    result = shipping.ship(ctx.db, ctx.user, args.so, quantities(args.items),
                           carrier=args.carrier, tracking=args.tracking, pdf=args.pdf,
                           write_slip=True)
    if args.json:
        print_json(result)
        return
    print_lines([
        _("{sh}: {units} units of {so} shipped.").format(
            sh=result.number, units=result.units, so=result.sales_order),
        _("Packing slip written to {path}.").format(path=result.pdf),
    ])


def deliver(ctx: Context, args: argparse.Namespace) -> None:
    sales.deliver_sales_order(ctx.db, ctx.user, args.so)
    _done(ctx, args, _("{so} marked delivered by {user}; it is now {status}."))


def pay(ctx: Context, args: argparse.Namespace) -> None:
    amount = parse_amount(args.amount)
    sales.record_payment(ctx.db, ctx.user, args.so, amount, args.method)
    _done(ctx, args, _("Payment of {payment} recorded on {so}; {balance} is still due, and it "
                       "is now {status}."), payment=format_money(amount))
