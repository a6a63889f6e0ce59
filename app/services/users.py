"""Users and their roles."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput, PermissionDenied
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import Role, User
from app.services.context import acting_user, audit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserView:
    name: str
    role: str
    active: bool


def add_user(db: Database, acting: str, name: str, role: str) -> UserView:
    """Add a user with a role: clerk, manager or admin.

    Once an administrator with a password exists, only an active
    administrator may add users. Before that the workstation runs without
    passwords and anyone may add the people who work there.
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
    with db.write() as session:
        _check_may_add(session, acting)
        if session.scalars(select(User).where(User.name == name)).first() is not None:
            raise InvalidInput(_("User '{name}' already exists. Choose another name.").format(
                name=name))
        session.add(User(name=name, role=chosen))
        audit(session, acting or name, "user.add", number=name, after={"role": chosen.value})
    log.info("User %r added as %s", name, chosen.value)
    return UserView(name, chosen.value, True)


def _check_may_add(session: Session, acting: str) -> None:
    secured = session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN, User.password_hash.is_not(None)))
    if not secured:
        return
    user = acting_user(session, acting)
    if user.role is not Role.ADMIN:
        raise PermissionDenied(_("{user} cannot add users: only an administrator can. Ask an "
                                 "administrator.").format(user=user.name))


def approval_limit(db: Database, name: str) -> Decimal | None:
    """Return the largest PO total ``name`` may approve, or None for no limit or no such user."""
    with db.read() as session:
        return session.scalar(select(User.approval_limit).where(User.name == name))


def list_users(db: Database) -> list[UserView]:
    with db.read() as session:
        users = session.scalars(select(User).order_by(User.name))
        return [UserView(user.name, user.role.value, user.active) for user in users]
