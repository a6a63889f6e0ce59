"""The administrator's list of user accounts, and adding a user with a password.

The other administration actions (role, password, deactivation, approval
limit) are in :mod:`app.services.auth`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.domain.errors import InvalidInput, PermissionDenied
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import Role, User
from app.services.auth import MIN_PASSWORD_LENGTH
from app.services.context import acting_user, audit
from app.services.passwords import hash_password

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountView:
    """One user in the administrator's list; whether a password is set, but not its hash."""

    name: str
    role: str
    active: bool
    has_password: bool
    approval_limit: Decimal | None


def list_accounts(db: Database, acting: str) -> list[AccountView]:
    """Return every user, deactivated ones too, by name; administrators only."""
    with db.read() as session:
        _require_admin(acting_user(session, acting), _("list the user accounts"))
        users = session.scalars(select(User).order_by(User.name))
        return [AccountView(user.name, user.role.value, user.active,
                            user.password_hash is not None, user.approval_limit)
                for user in users]


def add_account(db: Database, acting: str, name: str, role: str, password: str) -> AccountView:
    """Add a user with a role and a password in one transaction; administrators only.

    Raises:
        InvalidInput: for an empty or long name, an unknown role, a short
            password or a name that is taken. Nothing is stored then.
    """
    name = name.strip()
    if not name or len(name) > 80:
        raise InvalidInput(_("A user name needs 1 to 80 characters, not '{name}'.").format(
            name=name))
    try:
        chosen = Role(role.strip().lower())
    except ValueError:
        raise InvalidInput(_("'{role}' is not a role. Use clerk, manager or admin.").format(
            role=role)) from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("A password needs at least {n} characters; this one has {m}.")
                           .format(n=MIN_PASSWORD_LENGTH, m=len(password)))

    with db.write() as session:
        _require_admin(acting_user(session, acting), _("add users"))
        if session.scalars(select(User).where(User.name == name)).first() is not None:
            raise InvalidInput(_("User '{name}' already exists. Choose another name.").format(
                name=name))
        session.add(User(name=name, role=chosen, password_hash=hash_password(password)))
        audit(session, acting, "user.add", number=name,
              after={"role": chosen.value, "password": "set"})

    log.info("User %r added as %s by %r", name, chosen.value, acting)
    return AccountView(name, chosen.value, True, True, None)


def _require_admin(user: User, action: str) -> None:
    if user.role is not Role.ADMIN:
        raise PermissionDenied(_("{user} cannot {action}: only an administrator can. Ask an "
                                 "administrator.").format(user=user.name, action=action))
