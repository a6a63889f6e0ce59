"""Running the command line in-process against a test database, and through main.py."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.cli.logs import configure_logging
from app.persistence.database import Database
from app.services import drafting, purchasing, sales
from app.services.sales import NewLine, NewSalesOrder
from tests.conftest import CLERK, MANAGER, REPO, add_product


@dataclass(frozen=True)
class Result:
    """Exit code and output of one command."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)


Run = Callable[..., Result]


@pytest.fixture
def run(people: Database, capsys: pytest.CaptureFixture[str]) -> Run:
    """Return a function that runs ``app.cli.main`` on the test database as a user."""

    def run_command(*args: str, user: str = CLERK) -> Result:
        capsys.readouterr()
        code = main(["--db", str(people.path), "--user", user, *args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run_command


@pytest.fixture
def order(people: Database) -> str:
    """An SO of 5 x P-200, none in stock, from supplier S1 at 70.00 a unit."""
    add_product(people, "P-200", cost="70.00")
    new = NewSalesOrder("C1", "Customer One", [NewLine("P-200", 5, Decimal("120.00"))],
                        reference="WEB-1001")
    return sales.create_sales_order(people, CLERK, new)


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    """Return an environment for main.py with its database, log and data folders in tmp_path."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("TANDEM_DB", "TANDEM_USER")}
    env["TANDEM_DB"] = str(tmp_path / "tandem.sqlite")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def run_main(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python main.py ARGS`` from the repository root."""
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Remove the handlers and levels a test's configure_logging call added."""
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.NOTSET)


@pytest.fixture
def log_file(tmp_path: Path, restore_logging: None) -> Path:
    """Configure logging as main.py does, into tmp_path."""
    path = configure_logging(tmp_path / "log")
    assert path is not None
    return path


@pytest.fixture
def sent_po(people: Database, order: str) -> str:
    """The PO bought for ``order``: drafted, submitted by the clerk, approved and sent."""
    po = drafting.draft_purchase_orders(people, CLERK, order).created[0]
    purchasing.submit(people, CLERK, po)
    purchasing.approve(people, MANAGER, po)
    purchasing.send(people, CLERK, po)
    return po
