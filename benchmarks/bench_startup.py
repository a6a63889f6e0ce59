"""Time from starting ``python main.py`` to the window's first paint, and to filled pages.

Each run starts ``python main.py`` offscreen (``QT_QPA_PLATFORM=offscreen``)
in a child process with ``TANDEM_EXIT_AFTER_SHOW`` set, so the program quits
after the step measured and prints the wall-clock time of each step. A run's
time is that step's time less the time just before the child was started, so
it includes starting the interpreter. Every run after the first finds the
database already created and migrated, as on a workstation.

Figures:

- window on screen, empty database: ``TANDEM_EXIT_AFTER_SHOW=1``. The
  baseline is the start-up order used before, run by this script in a child
  (``--load-first``): load the command line, open the database and build and
  fill every page, then show the window.
- pages filled, empty database: ``TANDEM_EXIT_AFTER_SHOW=ready``.
- pages filled, full year: the same on a copy of the full-year database
  (the orders of the year that import stores), when the Online Retail data
  is present.

Usage: ``python benchmarks/bench_startup.py [--runs N] [--no-full-year]``
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    ORDERS_FILE,
    REPO,
    Figure,
    configure_logging,
    emit,
    full_year_db,
    table_counts,
    working_copy,
)

SHOWN_TARGET_S = 1.0
STAMP = "tandem-startup"
CHILD_TIMEOUT_S = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="starts per figure (default 7)")
    parser.add_argument("--no-full-year", action="store_true",
                        help="leave out the start on the full-year database")
    parser.add_argument("--load-first", metavar="DB", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.load_first:
        _start_loading_first(options.load_first)
        return
    configure_logging()
    runs = max(5, options.runs)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-startup-") as folder:
        emit(_measure(Path(folder), runs, full_year=not options.no_full_year))


def _measure(folder: Path, runs: int, full_year: bool) -> list[Figure]:
    empty = folder / "empty.sqlite"
    shown = _time_starts(empty, "1", "window-shown", runs, folder)
    before = _time_starts(empty, "load-first", "window-shown", runs, folder)
    ready = _time_starts(empty, "ready", "pages-filled", runs, folder)
    figures = [
        Figure("window on screen (empty database)", shown, f"<= {SHOWN_TARGET_S:g} s",
               SHOWN_TARGET_S, baseline_name="loading everything before the window",
               baseline_s=statistics.median(before), baseline_runs=before,
               note="The window shows before SQLAlchemy, the services and the database "
                    "load; they load on a worker thread after the first paint."),
        Figure("pages filled (empty database)", ready, "no target",
               note="Includes loading SQLAlchemy, Alembic, the services and ReportLab's "
                    "package, opening the database and the first fetch of every list."),
    ]
    if full_year and ORDERS_FILE.is_file():
        year = working_copy(full_year_db(), folder, "full-year.sqlite")
        orders = table_counts(year, ["sales_order"])["sales_order"]
        filled = _time_starts(year, "ready", "pages-filled", runs, folder)
        figures.append(Figure(f"pages filled (full-year database, {orders:,} orders)", filled,
                              "no target",
                              note="Counts and the first page of every list, in SQL."))
    return figures


def _time_starts(db: Path, mode: str, step: str, runs: int, folder: Path) -> list[float]:
    """Start the program ``runs`` times after one untimed start; return seconds to ``step``."""
    timings = []
    for index in range(runs + 1):
        seconds = _start_once(db, mode, step, folder)
        if index > 0:
            timings.append(seconds)
    return timings


def _start_once(db: Path, mode: str, step: str, folder: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TANDEM_DB=str(db),
               XDG_STATE_HOME=str(folder / "state"), TANDEM_EXIT_AFTER_SHOW=mode)
    env.pop("TANDEM_USER", None)
    if mode == "load-first":
        command = [sys.executable, str(Path(__file__).resolve()), "--load-first", str(db)]
    else:
        command = [sys.executable, "main.py"]
    started = time.time()
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=CHILD_TIMEOUT_S, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {result.returncode}: "
                           f"{result.stderr[-2000:]}")
    for line in result.stdout.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == STAMP and words[1] == step:
            return float(words[2]) - started
    raise RuntimeError(f"{' '.join(command)} printed no '{STAMP} {step}' line: "
                       f"{result.stdout[-2000:]}")


def _start_loading_first(db_value: str) -> None:
    """Start as before: command line, database and every page first, then the window."""
    importlib.import_module("app.cli")
    from app.cli.logs import configure_logging as configure_app_logging
    from app.cli.parser import build_parser

    configure_app_logging()
    build_parser()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import open_database
    from app.ui.app import choose_user
    from app.ui.main_window import MainWindow

    application = QApplication(sys.argv[:1])
    db = open_database(db_value)
    window = MainWindow(db, choose_user(db, None))

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                print(f"{STAMP} window-shown {time.time():.6f}", flush=True)
                QTimer.singleShot(0, application.quit)
            return False

    painted = FirstPaint()
    window.installEventFilter(painted)
    window.show()
    application.exec()
    db.dispose()


if __name__ == "__main__":
    main()
