"""The command line: the same services as the window, for scripts, imports and tests.

Exit codes:

- 0: done.
- 1: the action was refused with a ``TandemError`` or failed on a file, and
  nothing was changed.
- 2: usage error.
- 70: unexpected error, with the traceback in the log.
- 130: interrupted.
- 141: the program reading stdout closed it.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable

from sqlalchemy.exc import ArgumentError, DatabaseError

from app.bootstrap import open_database
from app.cli.context import USER_ENV, Context, default_user, signed_in
from app.cli.logs import log_location
from app.cli.parser import PROGRAM, build_parser
from app.domain.errors import TandemError
from app.i18n import _
from app.persistence.database import Database, resolve_url

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # EX_SOFTWARE of sysexits.h
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program ended by it


def main(argv: list[str] | None = None) -> int:
    """Run one command (or open the window when none is given); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:
        return _exit_code(stop)
    if args.command is None:
        return _run_gui(args)
    try:
        return _run(args)
    except KeyboardInterrupt:
        log.warning("Interrupted: %s", args.command)
        _error(_("Interrupted. What was stored before stays stored."))
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    try:
        db = _open(args.db)
        try:
            user = args.user or default_user()
            context = signed_in(db, user) if args.sign_in else Context(db, user)
            args.handler(context, args)
        finally:
            db.dispose()
    except TandemError as error:
        log.info("Refused %s: %s", _command_name(args), error)
        _error(str(error))
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader of stdout has gone, as ``tandem so list | head`` does.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        # A file that cannot be read or written, such as an import file without
        # read access. The service's transaction was rolled back, so nothing changed.
        log.error("File error in %s", _command_name(args), exc_info=True)
        _error(_("{error}. Check the path and its permissions, then try again.").format(
            error=error))
        return EXIT_REFUSED
    except Exception as error:
        log.exception("Unexpected error in %s", _command_name(args))
        _error(_("Unexpected error: {error}; {where}.").format(
            error=str(error) or type(error).__name__, where=log_location()))
        return EXIT_SOFTWARE
    return EXIT_OK


def _open(db_value: str | None) -> Database:
    """Open and migrate the database; a wrong URL, file or missing driver is refused."""
    try:
        return open_database(db_value)
    except (ArgumentError, DatabaseError, ImportError, OSError) as error:
        url_text = _without_password(db_value)
        log.error("Cannot open the database %s", url_text, exc_info=True)
        raise CannotOpenDatabase(_(
            "Cannot open the database {db}: {error}. Check --db or TANDEM_DB.").format(
            db=url_text, error=getattr(error, "orig", None) or error)) from error


def _without_password(db_value: str | None) -> str:
    try:
        return resolve_url(db_value).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(db_value)


class CannotOpenDatabase(TandemError):
    """The database named by --db or TANDEM_DB cannot be opened or migrated."""


def _run_gui(args: argparse.Namespace) -> int:
    # Imported by name when needed, so the command line never loads Qt.
    try:
        module = importlib.import_module("app.ui.app")
    except ImportError as error:
        log.exception("The window cannot start")
        _error(_("The window cannot start: {error}. Run '{program} --help' for the "
                 "command line.").format(error=error, program=PROGRAM))
        return EXIT_SOFTWARE
    run_gui: Callable[[str | None, str | None], int] = module.run_gui
    return run_gui(args.db, args.user or os.environ.get(USER_ENV) or None)


def _command_name(args: argparse.Namespace) -> str:
    words = [args.command]
    words += [value for key, value in vars(args).items()
              if key.endswith("_command") and isinstance(value, str)]
    return " ".join(words)


def _exit_code(stop: SystemExit) -> int:
    if stop.code is None:
        return EXIT_OK
    if isinstance(stop.code, int):
        return stop.code
    return EXIT_USAGE


def _silence_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        # stdout is not a file descriptor, as in a test that captures it.
        pass


def _error(message: str) -> None:
    sys.stderr.write(f"{PROGRAM}: {message}\n")
