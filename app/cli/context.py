"""The command context: the open database and the acting user."""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.i18n import _
from app.persistence.database import Database
from app.services import auth

USER_ENV = "TANDEM_USER"
PASSWORD_ENV = "TANDEM_PASSWORD"


@dataclass(frozen=True)
class Context:
    db: Database
    user: str


def signed_in(db: Database, user: str) -> Context:
    """Return the context for ``user``, checking the password once the database needs one.

    The password comes from ``TANDEM_PASSWORD``, or from a prompt when standard
    input is a terminal.
    """
    if auth.passwords_required(db):
        auth.sign_in(db, user, _password(user))
    return Context(db, user)


def _password(user: str) -> str:
    configured = os.environ.get(PASSWORD_ENV)
    if configured is not None:
        return configured
    if not sys.stdin.isatty():
        raise InvalidInput(_("This database needs a password for {user}. Set {env}, or run the "
                             "command in a terminal to be asked for it.").format(
            user=user, env=PASSWORD_ENV))
    return getpass.getpass(_("Password for {user}: ").format(user=user))


def default_user() -> str:
    """Return ``TANDEM_USER``, else the operating system's login name, else ""."""
    configured = os.environ.get(USER_ENV, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        # No login name in the environment and no password database entry.
        return ""
