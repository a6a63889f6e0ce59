"""Signing in, and the administrator's work on users.

Password checks start when the first administrator is created, and a fresh
embedded database prompts the first person to create one. From then on every
user signs in with a password. A user whose password was never set cannot
sign in until an administrator sets one. A database without an administrator
(one made by scripts, or from before logins existed) works as before, with
the acting user named and no password.

A failed sign-in says the same thing whether the name or the password was
wrong, so nobody learns which user names exist.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation, TandemError
from app.i18n import _
from app.persistence.database import Database
from app.persistence.models import Role, User
from app.services.context import acting_user, audit, parse_amount
from app.services.passwords import hash_password, verify_password
from app.services.users import UserView

log = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 8
# Verified against when the user name is unknown, so both failures cost the same time.
_DUMMY_HASH = "scrypt$16384$8$1$00000000000000000000000000000000$" + "00" * 32


class SignInFailed(TandemError):
    """The user name or the password is wrong, or the user is deactivated."""


def passwords_required(db: Database) -> bool:
    """Return True once an administrator exists, so that every user needs a password."""
    with db.read() as session:
        admins = session.scalar(select(func.count()).select_from(User).where(
            User.role == Role.ADMIN, User.password_hash.is_not(None)))
    return bool(admins)


def check_no_admin(db: Database) -> None:
    """Raise PermissionDenied when the database has an administrator already."""
    with db.read() as session:
        _check_no_admin(session)


def create_first_admin(db: Database, name: str, password: str) -> UserView:
    """Create the first administrator of a database that has none."""
    _check_password(password)
    with db.write() as session:
        _check_no_admin(session)
        user = session.scalars(select(User).where(User.name == name.strip())).first()
        if user is None:
            user = User(name=_check_name(name), role=Role.ADMIN)
            session.add(user)
        user.role = Role.ADMIN
        user.active = True
        user.password_hash = hash_password(password)
        audit(session, user.name, "user.first_admin", number=user.name,
              after={"role": Role.ADMIN.value})
    log.info("First administrator %r created", name)
    return UserView(user.name, Role.ADMIN.value, True)


def _check_no_admin(session: Session) -> None:
    if session.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN)):
        raise PermissionDenied(_("This database already has an administrator. Sign in, or "
                                 "ask the administrator to add you."))


def sign_in(db: Database, name: str, password: str) -> UserView:
    """Check a user's password and return the user.

    Raises:
        SignInFailed: with one message for an unknown name, a wrong password
            and a deactivated user.
    """
    with db.read() as session:
        user = session.scalars(select(User).where(User.name == name.strip())).first()
        found = None if user is None else UserView(user.name, user.role.value, user.active)
        stored = user.password_hash if user is not None else None
    matches = verify_password(password, stored or _DUMMY_HASH)
    if found is None or not found.active or not stored or not matches:
        log.warning("Failed sign-in for %r", name)
        raise SignInFailed(_("The user name or password is wrong. Check both and try again."))
    return found


def set_password(db: Database, acting: str, name: str, password: str) -> None:
    """Set a user's password: their own, or anyone's for an administrator."""
    _check_password(password)
    with db.write() as session:
        person = acting_user(session, acting)
        user = _target(session, name)
        if person.id != user.id:
            _require_admin(person, _("reset another user's password"))
        user.password_hash = hash_password(password)
        audit(session, acting, "user.set_password", number=user.name)


def set_role(db: Database, acting: str, name: str, role: str) -> None:
    """Change a user's role; administrators only."""
    try:
        chosen = Role(role.strip().lower())
    except ValueError:
        raise InvalidInput(_("'{role}' is not a role. Use clerk, manager or admin.").format(
            role=role)) from None
    with db.write() as session:
        _require_admin(acting_user(session, acting), _("change roles"))
        user = _target(session, name)
        before = user.role
        user.role = chosen
        audit(session, acting, "user.set_role", number=user.name,
              before={"role": before.value}, after={"role": chosen.value})


def set_active(db: Database, acting: str, name: str, active: bool) -> None:
    """Deactivate or reactivate a user; users are never deleted, so history keeps names."""
    with db.write() as session:
        person = acting_user(session, acting)
        _require_admin(person, _("deactivate users"))
        user = _target(session, name)
        if user.id == person.id and not active:
            raise PermissionDenied(_("You cannot deactivate yourself. Ask another "
                                     "administrator."))
        user.active = active
        audit(session, acting, "user.set_active", number=user.name, after={"active": active})


def set_approval_limit(db: Database, acting: str, name: str, limit: str | None) -> None:
    """Set the largest PO total a manager may approve; None or empty removes the limit.

    A clerk approves nothing, so a limit for a clerk is rejected rather than
    stored where it would do nothing.
    """
    amount: Decimal | None = parse_amount(limit) if limit else None
    with db.write() as session:
        _require_admin(acting_user(session, acting), _("set approval limits"))
        user = _target(session, name)
        if amount is not None and user.role is Role.CLERK:
            raise RuleViolation(_("{name} is a clerk and approves nothing, so a limit of "
                                  "{limit} would have no effect. Make {name} a manager "
                                  "first.").format(name=user.name, limit=amount))
        before = user.approval_limit
        user.approval_limit = amount
        audit(session, acting, "user.set_approval_limit", number=user.name,
              before={"limit": None if before is None else str(before)},
              after={"limit": None if amount is None else str(amount)})


def _target(session: Session, name: str) -> User:
    user = session.scalars(select(User).where(User.name == name.strip())).first()
    if user is None:
        raise InvalidInput(_("User '{name}' does not exist. Check the name.").format(name=name))
    return user


def _require_admin(user: User, what: str) -> None:
    if user.role is not Role.ADMIN:
        raise PermissionDenied(_("{user} cannot {what}: only an administrator can. Ask an "
                                 "administrator.").format(user=user.name, what=what))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("A password needs at least {n} characters; this one has {m}.")
                           .format(n=MIN_PASSWORD_LENGTH, m=len(password)))


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 80:
        raise InvalidInput(_("A user name needs 1 to 80 characters, not '{name}'.").format(
            name=name))
    return name
