"""Start-up: the window shows before the database opens, then fills, then offers the sample."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import main
from app.bootstrap import open_database
from app.cli.context import USER_ENV
from app.persistence.database import Database
from app.services.users import add_user
from app.ui.app import EXIT_AFTER_SHOW_ENV, STARTUP_STAMP, Startup
from app.ui.dialogs.first_admin import FirstAdminDialog
from tests.conftest import REPO, add_product
from tests.ui.modal import ModalAnswer

START_TIMEOUT_MS = 60_000
STEPS = ["window shown", "modules loaded", "database opened", "pages filled"]


class RecordingOpener:
    """Opens the database as the application does, noting what had happened before."""

    def __init__(self) -> None:
        self.startup: Startup | None = None
        self.seen: list[tuple[bool, list[str]]] = []

    def __call__(self, value: str | None) -> Database:
        assert self.startup is not None
        self.seen.append((self.startup.window.isVisible(), list(self.startup.milestones)))
        return open_database(value)


def _start(qtbot: QtBot, db_value: str, user: str | None = None
           ) -> tuple[Startup, RecordingOpener]:
    opener = RecordingOpener()
    startup = Startup(db_value, user, open_database=opener, open_document=lambda _path: None)
    opener.startup = startup
    window = startup.start()
    qtbot.addWidget(window)
    return startup, opener


def _continue_without_passwords(qtbot: QtBot, startup: Startup) -> None:
    """Answer the first-administrator question of a new database with "no administrator"."""
    qtbot.waitUntil(lambda: isinstance(startup.dialog, FirstAdminDialog),
                    timeout=START_TIMEOUT_MS)
    dialog = startup.dialog
    assert isinstance(dialog, FirstAdminDialog)
    assert not startup.window.attached
    dialog.skip_button.click()


def test_window_before_database(qtbot: QtBot, tmp_path: Path) -> None:
    startup, opener = _start(qtbot, str(tmp_path / "new.sqlite"))

    assert startup.window.isVisible()
    assert not startup.window.attached
    assert opener.seen == []
    _continue_without_passwords(qtbot, startup)
    answer = ModalAnswer("No")
    qtbot.waitUntil(lambda: answer.answered, timeout=START_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "sample offered" in startup.milestones, timeout=START_TIMEOUT_MS)
    assert opener.seen == [(True, ["window shown", "modules loaded"])]
    assert startup.milestones == [*STEPS, "sample offered"]
    assert answer.title == "Load the Sample Warehouse?"
    window = startup.window
    assert window.attached
    assert window.workstation.user == "clerk"
    assert window.navigation.item(0).text() == "Sales orders (0)"
    assert window.sample_loader is None
    startup.finish()


def test_sample_offer_loads(qtbot: QtBot, tmp_path: Path) -> None:
    startup, _opener = _start(qtbot, str(tmp_path / "new.sqlite"))

    _continue_without_passwords(qtbot, startup)
    answer = ModalAnswer("Yes")
    qtbot.waitUntil(lambda: answer.answered, timeout=START_TIMEOUT_MS)
    loader = startup.window.sample_loader
    assert loader is not None
    assert loader.running
    assert loader.progress is not None
    assert loader.progress.isVisible()
    loader.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not loader.running, timeout=START_TIMEOUT_MS)
    assert loader.notice is not None
    assert loader.notice.text().startswith("Loading stopped: no orders were stored.")
    loader.notice.accept()
    startup.finish()


def test_no_offer_with_data(qtbot: QtBot, db: Database) -> None:
    add_user(db, "", "nora", "manager")
    add_product(db, "P-1")
    assert db.path is not None

    startup, _opener = _start(qtbot, str(db.path))

    qtbot.waitUntil(lambda: startup.window.attached, timeout=START_TIMEOUT_MS)
    assert startup.milestones == STEPS
    assert startup.window.workstation.user == "nora"
    startup.finish()


def test_database_error_shown(qtbot: QtBot, tmp_path: Path) -> None:
    answer = ModalAnswer("OK")

    startup, _opener = _start(qtbot, str(tmp_path))

    qtbot.waitUntil(lambda: answer.answered, timeout=START_TIMEOUT_MS)
    assert answer.title == "Cannot Open the Database"
    assert answer.text.startswith(f"Cannot open the database {tmp_path}:")
    assert startup.exit_code == 1
    assert not startup.window.isVisible()
    assert startup.milestones == ["window shown", "modules loaded"]
    startup.finish()


@pytest.mark.parametrize(("argv", "expected"), [
    ([], {}),
    (["--db", "a.sqlite"], {"db": "a.sqlite"}),
    (["--user=ann", "--db=sqlite:///x"], {"user": "ann", "db": "sqlite:///x"}),
    (["--db"], None),
    (["--db", "--user"], None),
    (["--help"], None),
    (["so", "list"], None),
    (["--user", "ann", "so", "list"], None),
])
def test_window_options(argv: list[str], expected: dict[str, str] | None) -> None:
    assert main.window_options(argv) == expected


def test_user_variable_matches() -> None:
    assert main.USER_ENV == USER_ENV


def test_main_steps_in_order(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key not in ("TANDEM_DB", "TANDEM_USER")}
    env.update({"QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_SHOW_ENV: "ready",
                "TANDEM_DB": str(tmp_path / "tandem.sqlite"),
                "XDG_STATE_HOME": str(tmp_path / "state")})

    result = subprocess.run([sys.executable, "main.py"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert [words[0] for words in lines] == [STARTUP_STAMP] * 4
    assert [words[1] for words in lines] == [step.replace(" ", "-") for step in STEPS]
    times = [float(words[2]) for words in lines]
    assert times == sorted(times)
