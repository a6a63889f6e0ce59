"""Printing documents again: pdf po, pdf packing-slip."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import Context
from app.cli.output import document_number, print_json, print_lines
from app.cli.parser import Commands, add_command, add_group, add_json
from app.domain.numbers import SHIPMENT_PREFIX
from app.i18n import _
from app.services import purchasing, shipping


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    group = add_group(commands, "pdf", common, _("write a document's PDF again"))
    command = add_command(group, "po", common, _("write a purchase order's PDF"), purchase_order)
    command.add_argument("po", metavar="PO")
    command.add_argument("--out", required=True, type=Path, metavar="FILE")
    add_json(command)

    command = add_command(group, "packing-slip", common, _(
        "write a shipment's packing slip with the figures of that shipment"), packing_slip)
    command.add_argument("shipment", metavar="SHIPMENT")
    command.add_argument("--out", required=True, type=Path, metavar="FILE")
    add_json(command)


def purchase_order(ctx: Context, args: argparse.Namespace) -> None:
    number, path = purchasing.write_purchase_order(ctx.db, args.po, args.out)
    _written(args, number, path)


def packing_slip(ctx: Context, args: argparse.Namespace) -> None:
    path = shipping.write_packing_slip(ctx.db, args.shipment, args.out)
    _written(args, document_number(SHIPMENT_PREFIX, args.shipment), path)


def _written(args: argparse.Namespace, number: str, path: Path) -> None:
    if args.json:
        print_json({"number": number, "pdf": str(path)})
        return
    print_lines([_("{number} written to {path}.").format(number=number, path=path)])
