"""User administration: passwords, roles, deactivation, approval limits, the first administrator."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.cli.context import Context
from app.cli.output import print_json, print_lines
from app.cli.parser import Commands, add_command, add_json
from app.domain.errors import InvalidInput
from app.i18n import _
from app.services import auth

NEW_PASSWORD_ENV = "TANDEM_NEW_PASSWORD"
ROLES = ("clerk", "manager", "admin")


def register(user: Commands, common: argparse.ArgumentParser) -> None:
    """Register the administration commands under the ``user`` group."""
    command = add_command(user, "first-admin", common, _(
        "create the first administrator; from then on everyone signs in with a password"),
        first_admin)
    # Creating the administrator is what turns passwords on, so it needs no sign-in.
    command.set_defaults(sign_in=False)
    command.add_argument("name", metavar="NAME")
    add_json(command)

    command = add_command(user, "passwd", common, _(
        "set a password: your own, or anyone's as an administrator"), set_password)
    command.add_argument("name", metavar="NAME")
    add_json(command)

    command = add_command(user, "role", common, _("change a user's role (administrators)"),
                          set_role)
    command.add_argument("name", metavar="NAME")
    command.add_argument("role", metavar="ROLE", choices=ROLES)
    add_json(command)

    for name, active, text in (("deactivate", False, _("stop a user from signing in")),
                               ("activate", True, _("let a deactivated user sign in again"))):
        command = add_command(user, name, common, text, set_active)
        command.add_argument("name", metavar="NAME")
        command.set_defaults(active=active)
        add_json(command)

    command = add_command(user, "limit", common, _(
        "set the largest PO total a manager may approve, or 'none'"), set_limit)
    command.add_argument("name", metavar="NAME")
    command.add_argument("amount", metavar="AMOUNT", help=_("such as 5000.00, or none"))
    add_json(command)


def first_admin(ctx: Context, args: argparse.Namespace) -> None:
    auth.check_no_admin(ctx.db)
    user = auth.create_first_admin(ctx.db, args.name, _new_password(args.name))
    _done(args, _("{name} is the administrator; everyone now signs in with a password.")
          .format(name=user.name))


def set_password(ctx: Context, args: argparse.Namespace) -> None:
    auth.set_password(ctx.db, ctx.user, args.name, _new_password(args.name))
    _done(args, _("Password of {name} set.").format(name=args.name))


def set_role(ctx: Context, args: argparse.Namespace) -> None:
    auth.set_role(ctx.db, ctx.user, args.name, args.role)
    _done(args, _("{name} is now {role}.").format(name=args.name, role=args.role))


def set_active(ctx: Context, args: argparse.Namespace) -> None:
    auth.set_active(ctx.db, ctx.user, args.name, args.active)
    text = _("{name} can sign in again.") if args.active else _("{name} is deactivated.")
    _done(args, text.format(name=args.name))


def set_limit(ctx: Context, args: argparse.Namespace) -> None:
    amount = None if args.amount.strip().lower() == "none" else args.amount
    auth.set_approval_limit(ctx.db, ctx.user, args.name, amount)
    _done(args, _("Approval limit of {name}: {limit}.").format(
        name=args.name, limit=amount or _("none")))


def _new_password(name: str) -> str:
    """Read a new password from TANDEM_NEW_PASSWORD, or ask for it twice on a terminal."""
    configured = os.environ.get(NEW_PASSWORD_ENV)
    if configured is not None:
        return configured
    if not sys.stdin.isatty():
        raise InvalidInput(_("Set {env} to the new password, or run the command in a terminal "
                             "to be asked for it.").format(env=NEW_PASSWORD_ENV))
    first = getpass.getpass(_("New password for {name}: ").format(name=name))
    if getpass.getpass(_("Type it again: ")) != first:
        raise InvalidInput(_("The two passwords differ. Nothing was changed; try again."))
    return first


def _done(args: argparse.Namespace, message: str) -> None:
    if args.json:
        print_json({"done": message})
        return
    print_lines([message])
