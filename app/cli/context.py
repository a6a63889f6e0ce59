"""The command context: the open database and the acting user."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from app.persistence.database import Database

USER_ENV = "TANDEM_USER"


@dataclass(frozen=True)
class Context:
    db: Database
    user: str


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
