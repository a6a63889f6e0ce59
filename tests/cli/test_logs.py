"""Logging as main.py configures it: the file, stderr, and uncaught exceptions."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from app.cli.logs import configure_logging, current_log_file, install_excepthook

log = logging.getLogger("tests.cli")


def test_info_in_file_only(log_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log.info("PO-000045 received: %d units", 12)

    assert capsys.readouterr().err == ""
    assert "INFO tests.cli" in log_file.read_text(encoding="utf-8")
    assert "PO-000045 received: 12 units" in log_file.read_text(encoding="utf-8")


def test_warning_on_stderr(log_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log.warning("Stock count for %s is below zero", "85123A")

    assert capsys.readouterr().err == "warning: Stock count for 85123A is below zero\n"
    assert "WARNING tests.cli" in log_file.read_text(encoding="utf-8")


def test_traceback_in_file_only(log_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        raise ValueError("bad figure")
    except ValueError:
        log.exception("Receiving PO-000045 failed")

    assert capsys.readouterr().err == ""
    text = log_file.read_text(encoding="utf-8")
    assert "Receiving PO-000045 failed" in text
    assert "ValueError: bad figure" in text


def test_current_log_file(log_file: Path) -> None:
    assert current_log_file() == log_file


def test_unwritable_log_folder(tmp_path: Path, restore_logging: None,
                               capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")

    assert configure_logging(blocker / "log") is None

    assert "warning: Cannot write the log file" in capsys.readouterr().err
    assert current_log_file() is None


def test_excepthook_logs_traceback(log_file: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise RuntimeError("window broke")
    except RuntimeError as error:
        sys.excepthook(RuntimeError, error, error.__traceback__)

    assert capsys.readouterr().err == (
        f"Unexpected error: window broke; see the log at {log_file}.\n")
    text = log_file.read_text(encoding="utf-8")
    assert "CRITICAL app.cli.logs" in text
    assert "RuntimeError: window broke" in text
