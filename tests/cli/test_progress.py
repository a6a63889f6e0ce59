"""The progress line of ``import orders`` on a terminal: bar, percentage, rate, time left."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.commands_data import BAR_WIDTH, ProgressBar
from tests.cli.conftest import run_main, subprocess_env
from tests.conftest import REPO


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _bar(columns: int = 200) -> tuple[ProgressBar, io.StringIO, Clock]:
    stream = io.StringIO()
    clock = Clock()
    return ProgressBar("Importing orders", stream, clock, lambda: columns), stream, clock


def _frames(stream: io.StringIO) -> list[str]:
    return [frame.rstrip() for frame in stream.getvalue().split("\r")[1:]]


def test_first_frame_without_rate() -> None:
    bar, stream, _clock = _bar()

    bar.bytes_read(250, 1000)

    filled = BAR_WIDTH // 4
    assert _frames(stream) == [
        "Importing orders  [" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]   25 %"]


def test_rate_and_time_left() -> None:
    bar, stream, clock = _bar()
    bar.bytes_read(100_000, 1_000_000)
    clock.now = 2.0

    bar.bytes_read(300_000, 1_000_000)
    bar_text = "[" + "#" * 7 + "-" * (BAR_WIDTH - 7) + "]"

    assert _frames(stream)[-1] == (f"Importing orders  {bar_text}   30 %  100.0 KB/s  "
                                   "about 7 s left")


def test_redraw_limited() -> None:
    bar, stream, clock = _bar()
    bar.bytes_read(100, 1000)
    clock.now = 0.05

    bar.orders_stored(500)
    bar.bytes_read(200, 1000)

    assert len(_frames(stream)) == 1


def test_final_frame() -> None:
    bar, stream, clock = _bar()
    bar.bytes_read(100, 1000)
    clock.now = 75.0
    bar.bytes_read(1000, 1000)
    bar.orders_stored(1_611)

    bar.finish()

    assert stream.getvalue().endswith("\n")
    assert _frames(stream)[-1] == ("Importing orders  [" + "#" * BAR_WIDTH + "]  100 %  "
                                   "took 1 min 15 s  1,611 orders stored")


def test_narrow_terminal_cut() -> None:
    bar, stream, _clock = _bar(columns=30)

    bar.bytes_read(500, 1000)

    assert all(len(frame) <= 29 for frame in _frames(stream))


def test_shorter_frame_wipes() -> None:
    bar, stream, clock = _bar()
    bar.bytes_read(100_000, 1_000_000)
    clock.now = 2.0
    bar.bytes_read(300_000, 1_000_000)
    long_frame = stream.getvalue().split("\r")[-1]
    clock.now = 2.5
    bar.orders_stored(12)

    bar.finish()

    last = stream.getvalue().split("\r")[-1]
    assert len(last.rstrip("\n")) >= len(long_frame)


@pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal as on Linux")
def test_terminal_shows_bar(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path)
    assert run_main(env, "--user", "ann", "user", "add", "ann", "--role", "clerk").returncode == 0
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "900001,P-300,Test item,3,2011-01-04 10:00:00,2.50,12345.0,United Kingdom\n",
        encoding="utf-8")
    controller, terminal = pty.openpty()

    with subprocess.Popen([sys.executable, "main.py", "--user", "ann", "import", "orders",
                           str(orders), "--json"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                          stderr=terminal) as process:
        os.close(terminal)
        out, _ = process.communicate(timeout=120)
        shown = _read_all(controller)

    assert process.returncode == 0
    assert out.startswith(b"{")
    last = shown.replace(b"\r\n", b"\n").split(b"\r")[-1].decode().rstrip()
    pattern = (r"Importing orders  \[#{" + str(BAR_WIDTH)
               + r"}\]  100 %  took \d+ s  1 order stored")
    assert re.fullmatch(pattern, last), last


def _read_all(descriptor: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:
            # Linux reports EIO once the other end of the pseudo-terminal is closed.
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks)
