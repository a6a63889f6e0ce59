"""Logging set-up for main.py: a rotating file in the user's log folder and warnings on stderr.

Levels: INFO for business events, WARNING when work went on but something
is off, ERROR when an action was abandoned. A record with a traceback goes
to the file only; the command line prints one line that names the file.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir

from app.i18n import _

LOG_FILE_NAME = "tandem.log"
MAX_LOG_BYTES = 2_000_000
KEPT_LOG_FILES = 5
FILE_HANDLER_NAME = "tandem-log-file"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

log = logging.getLogger(__name__)


def log_directory() -> Path:
    return Path(user_log_dir("Tandem", appauthor=False))


class _Brief(logging.Formatter):
    """Format a record as one line for a person at a terminal, without a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


class _Stderr(logging.Handler):
    """Write to the sys.stderr of the moment, so redirections made later apply too."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def _without_traceback(record: logging.LogRecord) -> bool:
    return record.exc_info is None


def configure_logging(directory: Path | None = None) -> Path | None:
    """Send INFO and above to a rotating log file and WARNING and above to stderr.

    Return the log file. When its folder cannot be written, return None: the
    warning about it goes to stderr, and the program runs without a log file.
    """
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    # Alembic logs its migration context at INFO on every start. The
    # migrations themselves are logged by app.persistence.migrate.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    console = _Stderr()
    console.setLevel(logging.WARNING)
    console.setFormatter(_Brief())
    console.addFilter(_without_traceback)
    root.addHandler(console)

    folder = directory or log_directory()
    path = folder / LOG_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOG_FILES,
                                      encoding="utf-8")
    except OSError as error:
        log.warning("Cannot write the log file %s: %s", path, error)
        return None
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    handler.set_name(FILE_HANDLER_NAME)
    root.addHandler(handler)
    return path


def current_log_file() -> Path | None:
    """Return the log file that configure_logging opened, or None when it opened none."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler) and handler.name == FILE_HANDLER_NAME:
            return Path(handler.baseFilename)
    return None


def log_location() -> str:
    """Return where a person finds the traceback, for the message of an unexpected error."""
    path = current_log_file()
    if path is None:
        return _("no log file is configured")
    return _("see the log at {path}").format(path=path)


def install_excepthook() -> None:
    """Log the traceback of any exception that nothing caught, and tell the person where."""

    def hook(kind: type[BaseException], error: BaseException,
             traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        log.critical("Uncaught exception", exc_info=(kind, error, traceback))
        sys.stderr.write(_("Unexpected error: {error}; {where}.").format(
            error=error, where=log_location()) + "\n")

    sys.excepthook = hook
