"""The argument parser: global options, the ``--json`` flag and the command groups."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeAlias

from app.cli.context import Context
from app.i18n import _

Handler: TypeAlias = Callable[[Context, argparse.Namespace], None]
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

PROGRAM = "tandem"
DESCRIPTION = _("Tandem: back-to-back ordering for warehouses. Without a command, the "
                "window opens.")


def build_parser() -> argparse.ArgumentParser:
    """Build the parser of the whole command line, with every command group registered."""
    from app.cli import commands_data, commands_pdf, commands_purchasing, commands_sales

    parser = argparse.ArgumentParser(prog=PROGRAM, description=DESCRIPTION)
    add_global_options(parser, None)
    # The same options after the command name; SUPPRESS keeps a value given
    # before the command when they are not repeated after it.
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", title=_("commands"), metavar="COMMAND")
    commands_sales.register_orders(commands, common)
    commands_purchasing.register(commands, common)
    commands_sales.register_fulfilment(commands, common)
    commands_pdf.register(commands, common)
    commands_data.register(commands, common)
    return parser


def add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", metavar="URL", default=default,
        help=_("database: an SQLAlchemy URL or a SQLite file path (default: TANDEM_DB, else "
               "tandem.sqlite in the user's data folder)"))
    parser.add_argument(
        "--user", metavar="NAME", default=default,
        help=_("acting user (default: TANDEM_USER, else the operating system login name)"))


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help=_("print the result as one JSON document"))


def add_command(group: Commands, name: str, common: argparse.ArgumentParser, help_text: str,
                handler: Handler) -> argparse.ArgumentParser:
    """Add a command that runs ``handler``; it accepts the global options after its name too."""
    command = group.add_parser(name, parents=[common], help=help_text, description=help_text)
    command.set_defaults(handler=handler, sign_in=True)
    return command


def add_group(commands: Commands, name: str, common: argparse.ArgumentParser,
              help_text: str) -> Commands:
    """Add a command with subcommands, such as ``po``; one of them must be given."""
    parser = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
    group = parser.add_subparsers(dest=f"{name}_command", title=_("commands"), metavar="COMMAND")
    group.required = True
    return group
