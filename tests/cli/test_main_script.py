"""main.py in a subprocess: exit codes, clean stdout, and the log file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import run_main, subprocess_env


def test_refused_exit_code(tmp_path: Path) -> None:
    result = run_main(subprocess_env(tmp_path), "so", "show", "SO-000042", "--json")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == ("tandem: Sales order 'SO-000042' not found. Type a number such "
                             "as SO-000123 or the shop's order reference.\n")


def test_usage_exit_code(tmp_path: Path) -> None:
    result = run_main(subprocess_env(tmp_path), "receive", "PO-000001", "85123A")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "argument SKU=QTY: '85123A' is not in the form SKU=QTY" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the log folder follows XDG_STATE_HOME")
def test_json_and_log_file(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path)

    result = run_main(env, "--user", "ann", "user", "add", "ann", "--role", "manager", "--json")

    assert result.returncode == 0
    assert json.loads(result.stdout) == {"name": "ann", "role": "manager", "active": True}
    assert result.stderr == ""
    log = tmp_path / "state" / "Tandem" / "log" / "tandem.log"
    assert "User 'ann' added as manager" in log.read_text(encoding="utf-8")
