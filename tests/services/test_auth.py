"""Signing in and the administrator's work on users."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from app.persistence.database import Database
from app.persistence.models import User
from app.services import auth, passwords
from app.services.users import add_user, list_users
from tests.conftest import CLERK, MANAGER

ADMIN = "ada"
SECRET = "correct horse"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the scrypt cost so the tests stay quick; the format stays the same."""
    monkeypatch.setattr(passwords, "_N", 2**10)


@pytest.fixture
def secured(people: Database) -> Database:
    auth.create_first_admin(people, ADMIN, SECRET)
    return people


def test_first_admin_turns_on_passwords(people: Database) -> None:
    assert not auth.passwords_required(people)
    auth.create_first_admin(people, ADMIN, SECRET)
    assert auth.passwords_required(people)
    assert auth.sign_in(people, ADMIN, SECRET).role == "admin"


def test_only_one_first_admin(secured: Database) -> None:
    with pytest.raises(PermissionDenied, match="already has an administrator"):
        auth.create_first_admin(secured, "eve", "another secret")


def test_wrong_password_and_unknown_user_read_alike(secured: Database) -> None:
    with pytest.raises(auth.SignInFailed) as wrong:
        auth.sign_in(secured, ADMIN, "not the secret")
    with pytest.raises(auth.SignInFailed) as unknown:
        auth.sign_in(secured, "nobody", "not the secret")
    assert str(wrong.value) == str(unknown.value)
    assert "nobody" not in str(unknown.value)


def test_user_without_password_cannot_sign_in(secured: Database) -> None:
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(secured, CLERK, "")
    auth.set_password(secured, ADMIN, CLERK, "clerk password")
    assert auth.sign_in(secured, CLERK, "clerk password").name == CLERK


def test_deactivated_user_cannot_sign_in_but_stays(secured: Database) -> None:
    auth.set_password(secured, ADMIN, CLERK, "clerk password")
    auth.set_active(secured, ADMIN, CLERK, False)
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(secured, CLERK, "clerk password")
    assert CLERK in [user.name for user in list_users(secured)]


def test_only_admin_manages_users(secured: Database) -> None:
    with pytest.raises(PermissionDenied, match="only an administrator"):
        auth.set_role(secured, MANAGER, CLERK, "manager")
    with pytest.raises(PermissionDenied, match="only an administrator"):
        auth.set_password(secured, MANAGER, CLERK, "new password")
    auth.set_role(secured, ADMIN, CLERK, "manager")
    assert {user.name: user.role for user in list_users(secured)}[CLERK] == "manager"


def test_user_sets_own_password(secured: Database) -> None:
    auth.set_password(secured, MANAGER, MANAGER, "my own secret")
    assert auth.sign_in(secured, MANAGER, "my own secret").name == MANAGER


def test_short_password_rejected(people: Database) -> None:
    with pytest.raises(InvalidInput, match="at least 8 characters; this one has 5"):
        auth.create_first_admin(people, ADMIN, "short")


def test_password_stored_only_as_hash(secured: Database) -> None:
    with secured.read() as session:
        stored = session.scalar(select(User.password_hash).where(User.name == ADMIN))
    assert stored is not None
    assert SECRET not in stored
    assert stored.startswith("scrypt$")


def test_add_user_then_limit(secured: Database) -> None:
    add_user(secured, ADMIN, "otto", "manager")
    auth.set_approval_limit(secured, ADMIN, "otto", "500.00")
    with pytest.raises(PermissionDenied):
        auth.set_approval_limit(secured, MANAGER, "otto", "900.00")


def test_clerk_limit_rejected(secured: Database) -> None:
    with pytest.raises(RuleViolation, match=f"{CLERK} is a clerk and approves nothing"):
        auth.set_approval_limit(secured, ADMIN, CLERK, "500.00")
