"""Global options: --db as a file path, TANDEM_DB, --user and TANDEM_USER, in either place."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import open_database
from app.cli import main
from app.persistence.database import Database
from app.services.users import list_users
from tests.cli.conftest import Run
from tests.conftest import MANAGER


def names_in(path: Path) -> list[str]:
    db = open_database(str(path))
    try:
        return [user.name for user in list_users(db)]
    finally:
        db.dispose()


def test_db_option_file_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shop" / "tandem.sqlite"

    code = main(["--db", str(path), "user", "add", "ann", "--role", "clerk"])

    assert code == 0
    assert capsys.readouterr().out == "User ann added as clerk.\n"
    assert names_in(path) == ["ann"]


def test_db_option_sqlite_url(tmp_path: Path) -> None:
    path = tmp_path / "by-url.sqlite"

    assert main(["--db", f"sqlite:///{path}", "user", "add", "ann", "--role", "clerk"]) == 0

    assert names_in(path) == ["ann"]


def test_tandem_db_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("TANDEM_DB", str(path))

    assert main(["user", "add", "ann", "--role", "manager"]) == 0

    assert names_in(path) == ["ann"]


def test_db_option_beats_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANDEM_DB", str(tmp_path / "from-env.sqlite"))
    path = tmp_path / "from-option.sqlite"

    assert main(["--db", str(path), "user", "add", "ann", "--role", "clerk"]) == 0

    assert names_in(path) == ["ann"]
    assert not (tmp_path / "from-env.sqlite").exists()


def test_options_after_command(people: Database, order: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", str(people.path), "--user", "clara", "po", "draft", order])
    main(["--db", str(people.path), "--user", "clara", "po", "submit", "PO-000001"])
    capsys.readouterr()

    code = main(["po", "approve", "po-1", "--db", str(people.path), "--user", MANAGER])

    assert code == 0
    assert capsys.readouterr().out == f"PO-000001 approved by {MANAGER}.\n"


def test_tandem_user_variable(run: Run, people: Database, order: str,
                              monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    run("po", "draft", order)
    run("po", "submit", "PO-000001")
    monkeypatch.setenv("TANDEM_USER", MANAGER)
    capsys.readouterr()

    code = main(["--db", str(people.path), "po", "approve", "PO-000001", "--json"])

    assert code == 0
    assert capsys.readouterr().out.count(f'"approved_by": "{MANAGER}"') == 1


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "usage: tandem" in capsys.readouterr().out
