"""Changes that touch other documents run only with ``--yes``; without it they are previewed."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.output import print_json, print_lines
from app.domain.errors import TandemError
from app.i18n import _
from app.persistence.database import Database
from app.services.impact import preview


class ConfirmationNeeded(TandemError):
    """The change was only previewed, because ``--yes`` was not given."""


def add_yes(command: argparse.ArgumentParser) -> None:
    command.add_argument("--yes", action="store_true", help=_(
        "make the change; without it the command only lists what the change would touch"))


def confirmed(db: Database, args: argparse.Namespace, title: str,
              impact: Callable[[], list[str]]) -> bool:
    """Return True with ``--yes``; otherwise print the change's impact and raise.

    ``impact`` is run inside a dry run, so it may be the service itself.
    """
    if args.yes:
        return True
    touched = preview(db, impact)
    if args.json:
        print_json({"applied": False, "impact": [title, *touched]})
    else:
        print_lines([title, *(f"  {line}" for line in touched)])
    raise ConfirmationNeeded(_("Nothing was changed. Run the command again with --yes to make "
                               "this change."))
