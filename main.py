"""Start Tandem: the window without a command, the command line with one.

Run ``python main.py --help`` for the commands. Without a command (only
``--db`` and ``--user``), the window starts without loading the command line,
because its imports (SQLAlchemy, Alembic) would delay the window by about a
second. They load on a worker thread once the window is on screen.
"""

from __future__ import annotations

import os
import sys

# The same variable as app.cli.context.USER_ENV, named here because importing
# the command line package loads SQLAlchemy.
USER_ENV = "TANDEM_USER"
_WINDOW_OPTIONS = ("--db", "--user")


def window_options(argv: list[str]) -> dict[str, str] | None:
    """Return the ``--db`` and ``--user`` values when ``argv`` has nothing else, else None.

    Anything else (a command, ``--help``, a misspelt option, a missing value)
    returns None, so that the command line parses it and reports errors.
    """
    options: dict[str, str] = {}
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if name not in _WINDOW_OPTIONS:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        options[name.lstrip("-")] = value
    return options


def _configure_logging() -> None:
    from app.cli.logs import configure_logging, install_excepthook

    configure_logging()
    install_excepthook()


def _run_window(options: dict[str, str]) -> int | None:
    """Run the window; return None when Qt cannot load, for the command line to report."""
    try:
        from app.ui.app import run_gui
    except ImportError:
        return None
    user = options.get("user") or os.environ.get(USER_ENV) or None
    return run_gui(options.get("db"), user, prepare=_configure_logging)


def main() -> int:
    options = window_options(sys.argv[1:])
    if options is not None:
        code = _run_window(options)
        if code is not None:
            return code
    from app.cli import main as run

    _configure_logging()
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
