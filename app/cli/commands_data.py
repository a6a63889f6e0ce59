"""Commands for master data and people: import, user, sample."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final, TextIO

from app.cli import commands_users
from app.cli.context import Context
from app.cli.output import format_table, print_json, print_lines
from app.cli.parser import Commands, add_command, add_group, add_json
from app.domain.errors import RuleViolation
from app.i18n import _
from app.importers import ImportSummary
from app.services import imports, sample
from app.services.auth import passwords_required
from app.services.users import add_user, list_users

ROLES = ("clerk", "manager", "admin")

# The progress line is drawn again at most this often, in seconds, and always at the end.
REDRAW_S: Final = 0.1
# No rate is shown before the byte reports span this many seconds, because it would jump about.
MIN_RATE_SPAN_S: Final = 1.0
BAR_WIDTH: Final = 24


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    _register_import(commands, common)

    user = add_group(commands, "user", common, _("add, list and administer users"))
    command = add_command(user, "add", common, _("add a user with a role"), add)
    command.add_argument("name", metavar="NAME")
    command.add_argument("--role", required=True, choices=ROLES,
                         help=_("what the user may do: clerk, manager (approves purchase "
                                "orders) or admin"))
    add_json(command)
    add_json(add_command(user, "list", common, _("list users and their roles"), show_users))
    commands_users.register(user, common)

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
    with _progress_bar(_("Importing orders")) as bar:
        summary = imports.import_orders(
            ctx.db, ctx.user, args.file, args.format,
            progress=bar.orders_stored if bar is not None else None,
            byte_progress=bar.bytes_read if bar is not None else None)
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


class ProgressBar:
    """One line on a terminal, drawn again as an import goes on.

    With the bytes read (:meth:`bytes_read`) the line shows a bar, the
    percentage, the read rate and the time left, measured from the first
    byte report. Without them it shows only the orders stored so far.
    The line is cut to the terminal's width, so that it never wraps.
    """

    def __init__(self, title: str, stream: TextIO,
                 clock: Callable[[], float] = time.monotonic,
                 columns: Callable[[], int] | None = None) -> None:
        self._title = title
        self._stream = stream
        self._clock = clock
        self._columns = columns or (lambda: shutil.get_terminal_size().columns)
        self._done = 0
        self._total = 0
        self._stored: int | None = None
        self._first: tuple[float, int] | None = None
        self._started = clock()
        self._drawn_at: float | None = None
        self._drawn_width = 0

    def bytes_read(self, done: int, total: int) -> None:
        now = self._clock()
        if self._first is None:
            self._first = (now, done)
        self._done, self._total = done, total
        self._draw(now)

    def orders_stored(self, stored: int) -> None:
        self._stored = stored
        self._draw(self._clock())

    def finish(self) -> None:
        """Draw the last state and end the line, if anything was drawn."""
        if self._drawn_at is None:
            return
        self._draw(self._clock(), final=True)
        self._stream.write("\n")
        self._stream.flush()

    def line(self, now: float, final: bool = False) -> str:
        """Return the text of the progress line at time ``now``."""
        parts = [self._title]
        if self._total > 0:
            fraction = min(1.0, self._done / self._total)
            filled = round(fraction * BAR_WIDTH)
            parts.append("[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]")
            parts.append(f"{int(fraction * 100):3d} %")
            parts += self._speed(now, final)
        if self._stored is not None:
            parts.append(_orders_stored(self._stored))
        return "  ".join(parts)

    def _speed(self, now: float, final: bool) -> list[str]:
        if final:
            return [_("took {time}").format(time=_duration(now - self._started))]
        if self._first is None or now - self._first[0] < MIN_RATE_SPAN_S:
            return []
        first_time, first_done = self._first
        rate = (self._done - first_done) / (now - first_time)
        if rate <= 0:
            return []
        left = (self._total - self._done) / rate
        return [_("{rate}/s").format(rate=_size(rate)),
                _("about {time} left").format(time=_duration(left))]

    def _draw(self, now: float, final: bool = False) -> None:
        if not final and self._drawn_at is not None and now - self._drawn_at < REDRAW_S:
            return
        text = self.line(now, final)[: max(1, self._columns() - 1)]
        # Spaces wipe the end of a longer line drawn before.
        self._stream.write("\r" + text.ljust(self._drawn_width))
        self._stream.flush()
        self._drawn_at = now
        self._drawn_width = len(text)


def _orders_stored(count: int) -> str:
    if count == 1:
        return _("1 order stored")
    return _("{count:,} orders stored").format(count=count)


def _size(count: float) -> str:
    for unit in ("B", "KB", "MB"):
        if count < 1000:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"


def _duration(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return _("{s} s").format(s=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return _("{m} min {s} s").format(m=minutes, s=secs)
    hours, minutes = divmod(minutes, 60)
    return _("{h} h {m} min").format(h=hours, m=minutes)


@contextmanager
def _progress_bar(title: str) -> Iterator[ProgressBar | None]:
    """Yield a progress line on stderr when it is a terminal, or None in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = ProgressBar(title, sys.stderr)
    try:
        yield bar
    finally:
        bar.finish()


def add(ctx: Context, args: argparse.Namespace) -> None:
    user = add_user(ctx.db, ctx.user, args.name, args.role)
    if args.json:
        print_json(user)
        return
    lines = [_("User {name} added as {role}.").format(name=user.name, role=user.role)]
    if passwords_required(ctx.db):
        lines.append(_("{name} can sign in once a password is set: "
                       "'user passwd {name}' with TANDEM_NEW_PASSWORD.").format(name=user.name))
    print_lines(lines)


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
    with _progress_bar(_("Loading the sample orders")) as bar:
        summary = sample.load_sample(ctx.db, acting,
                                     bar.orders_stored if bar is not None else None)
    if args.json:
        print_json({"users_added": added, "summary": summary.to_dict()})
        return
    if added:
        print_lines([_("Users added: {names}.").format(names=", ".join(added))])
    _print_summary(summary, as_json=False)
