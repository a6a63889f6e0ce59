"""The command line asks for a password once the database has an administrator."""

from __future__ import annotations

import pytest

from app.persistence.database import Database
from app.services import auth, passwords
from tests.cli.conftest import Run
from tests.conftest import CLERK


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the scrypt cost so the tests stay quick; the format stays the same."""
    monkeypatch.setattr(passwords, "_N", 2**10)


@pytest.fixture
def secured(people: Database) -> Database:
    auth.create_first_admin(people, "ada", "admin secret")
    auth.set_password(people, "ada", CLERK, "clerk secret")
    return people


def test_no_password_needed_without_admin(run: Run) -> None:
    assert run("so", "list", "--json").code == 0


def test_password_from_environment(run: Run, secured: Database,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_PASSWORD", "clerk secret")
    assert run("so", "list", "--json").code == 0


def test_wrong_password_refused(run: Run, secured: Database,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_PASSWORD", "guess")
    result = run("so", "list")
    assert result.code == 1
    assert "user name or password is wrong" in result.err
    assert result.out == ""


def test_missing_password_in_pipe_explained(run: Run, secured: Database,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TANDEM_PASSWORD", raising=False)
    result = run("so", "list")
    assert result.code == 1
    assert "TANDEM_PASSWORD" in result.err
