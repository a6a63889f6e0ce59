"""Administering users from the command line."""

from __future__ import annotations

import pytest

from app.persistence.database import Database
from app.services import passwords
from app.services.users import list_users
from tests.cli.conftest import Run
from tests.conftest import CLERK, MANAGER


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the scrypt cost so the tests stay quick; the format stays the same."""
    monkeypatch.setattr(passwords, "_N", 2**10)


@pytest.fixture
def admin(run: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("TANDEM_NEW_PASSWORD", "admin secret")
    assert run("user", "first-admin", "ada").code == 0
    monkeypatch.setenv("TANDEM_PASSWORD", "admin secret")
    return run


def test_first_admin_then_password_needed(admin: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TANDEM_PASSWORD")
    result = admin("so", "list", user="ada")
    assert result.code == 1
    assert "TANDEM_PASSWORD" in result.err


def test_admin_sets_role_and_limit(admin: Run, people: Database) -> None:
    assert admin("user", "role", CLERK, "manager", user="ada").code == 0
    assert admin("user", "limit", MANAGER, "750.00", user="ada").code == 0
    roles = {user.name: user.role for user in list_users(people)}
    assert roles[CLERK] == "manager"


def test_deactivated_user_listed_inactive(admin: Run, people: Database) -> None:
    assert admin("user", "deactivate", CLERK, user="ada").code == 0
    active = {user.name: user.active for user in list_users(people)}
    assert active[CLERK] is False


def test_new_password_from_environment(admin: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_NEW_PASSWORD", "clerk secret")
    assert admin("user", "passwd", CLERK, user="ada").code == 0
    monkeypatch.setenv("TANDEM_PASSWORD", "clerk secret")
    assert admin("so", "list", user=CLERK).code == 0


def test_missing_new_password_explained(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TANDEM_NEW_PASSWORD", raising=False)
    result = run("user", "first-admin", "ada")
    assert result.code == 1
    assert "TANDEM_NEW_PASSWORD" in result.err


def test_clerk_cannot_add_users(admin: Run, people: Database,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_NEW_PASSWORD", "clerk secret")
    assert admin("user", "passwd", CLERK, user="ada").code == 0
    monkeypatch.setenv("TANDEM_PASSWORD", "clerk secret")

    result = admin("user", "add", "eve", "--role", "admin", user=CLERK)

    assert result.code == 1
    assert f"{CLERK} cannot add users: only an administrator can" in result.err
    assert "eve" not in {user.name for user in list_users(people)}


def test_admin_adds_user(admin: Run, people: Database) -> None:
    result = admin("user", "add", "eve", "--role", "clerk", user="ada")
    assert result.code == 0
    assert "eve can sign in once a password is set" in result.out
    assert "eve" in {user.name for user in list_users(people)}


def test_second_first_admin_explained(admin: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TANDEM_PASSWORD")
    monkeypatch.delenv("TANDEM_NEW_PASSWORD")

    result = admin("user", "first-admin", "other")

    assert result.code == 1
    assert "This database already has an administrator" in result.err
