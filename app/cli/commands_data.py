"""Commands for master data and people: import, user, sample."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.cli.context import Context
from app.cli.output import format_table, print_json, print_lines
from app.cli.parser import Commands, add_command, add_group, add_json
from app.domain.errors import RuleViolation
from app.i18n import _
from app.importers import ImportSummary
from app.services import imports, sample
from app.services.users import add_user, list_users

ROLES = ("clerk", "manager", "admin")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    _register_import(commands, common)

    user = add_group(commands, "user", common, _("add and list users"))
    command = add_command(user, "add", common, _("add a user with a role"), add)
    command.add_argument("name", metavar="NAME")
    command.add_argument("--role", required=True, choices=ROLES,
                         help=_("what the user may do: clerk, manager (approves purchase "
                                "orders) or admin"))
    add_json(command)
    add_json(add_command(user, "list", common, _("list users and their roles"), show_users))

    group = add_group(commands, "sample", common, _("the sample warehouse"))
    command = add_command(group, "load", common, _(
        "load the sample suppliers, catalog, stock and a week of orders into an empty "
        "database; adds the users clerk and manager when there are no users"), load_sample)
    add_json(command)


def _register_import(commands: Commands, common: argparse.ArgumentParser) -> None:
    group = add_group(commands, "import", common, _("import orders or master data from CSV"))
    command = add_command(group, "orders", common, _(
        "import a shop's order file; orders imported before are skipped"), import_orders)
    command.add_argument("file", metavar="FILE", type=Path)
    command.add_argument("--format", default="online-retail", choices=imports.ORDER_FORMATS,
                         help=_("file layout (default: online-retail)"))
    add_json(command)
    for name, help_text, handler in (
        ("suppliers", _("add or update suppliers by code"), import_suppliers),
        ("catalog", _("add or update products and supplier catalog entries"), import_catalog),
        ("stock", _("set the counted quantity on hand per SKU"), import_stock),
    ):
        command = add_command(group, name, common, help_text, handler)
        command.add_argument("file", metavar="FILE", type=Path)
        add_json(command)


def import_orders(ctx: Context, args: argparse.Namespace) -> None:
    with _progress_line(_("Importing orders")) as progress:
        summary = imports.import_orders(ctx.db, ctx.user, args.file, args.format, progress)
    _print_summary(summary, args.json)


def import_suppliers(ctx: Context, args: argparse.Namespace) -> None:
    _print_summary(imports.import_suppliers(ctx.db, ctx.user, args.file), args.json)


def import_catalog(ctx: Context, args: argparse.Namespace) -> None:
    _print_summary(imports.import_catalog(ctx.db, ctx.user, args.file), args.json)


def import_stock(ctx: Context, args: argparse.Namespace) -> None:
    _print_summary(imports.import_stock(ctx.db, ctx.user, args.file), args.json)


def _print_summary(summary: ImportSummary, as_json: bool) -> None:
    if as_json:
        print_json(summary.to_dict())
        return
    print_lines([summary.format_text() or _("The file has no rows to import.")])


@contextmanager
def _progress_line(title: str) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback that shows the orders stored so far on stderr, or None in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    printed = False

    def show(stored: int) -> None:
        nonlocal printed
        sys.stderr.write("\r" + _("{title}: {count:,} stored").format(title=title,
                                                                    count=stored))
        sys.stderr.flush()
        printed = True

    try:
        yield show
    finally:
        if printed:
            sys.stderr.write("\n")


def add(ctx: Context, args: argparse.Namespace) -> None:
    user = add_user(ctx.db, ctx.user, args.name, args.role)
    if args.json:
        print_json(user)
        return
    print_lines([_("User {name} added as {role}.").format(name=user.name, role=user.role)])


def show_users(ctx: Context, args: argparse.Namespace) -> None:
    users = list_users(ctx.db)
    if args.json:
        print_json(users)
        return
    rows = [(user.name, user.role, _("yes") if user.active else _("no")) for user in users]
    print_lines(format_table([_("Name"), _("Role"), _("Active")], rows))


def load_sample(ctx: Context, args: argparse.Namespace) -> None:
    if not sample.is_empty(ctx.db):
        raise RuleViolation(_("The database already has products or orders, and the sample is "
                              "loaded only into an empty one. Name a new file with --db."))
    added = sample.ensure_starter_users(ctx.db)
    acting = ctx.user
    if added and acting not in added:
        # The acting user cannot exist yet in a database that had no users.
        acting = added[0]
    with _progress_line(_("Loading the sample orders")) as progress:
        summary = sample.load_sample(ctx.db, acting, progress)
    if args.json:
        print_json({"users_added": added, "summary": summary.to_dict()})
        return
    if added:
        print_lines([_("Users added: {names}.").format(names=", ".join(added))])
    _print_summary(summary, as_json=False)
