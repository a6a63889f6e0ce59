"""Event-loop stalls while the window imports the full year of orders on its worker thread.

Each run creates a migrated SQLite file with the starter users and imports
the suppliers, catalog and stock through the services (not timed). It then
shows the main window offscreen and imports the order file through the
window's own import path (:meth:`app.ui.imports.ImportActions.import_orders`: format
detection, line count, worker thread, progress dialog, summary box and page
refresh). A precise 10 ms QTimer on the GUI thread records how late each of
its ticks comes; a stall is the time between two ticks less 10 ms.

Figures, each over the runs:

- max stall while the worker imports (target: none above 100 ms);
- max stall in the second after the summary box opened, while the lists
  reload on the GUI thread (target: none above 100 ms);
- wall time of the whole GUI import, against the same import through the
  service without a window in this process (baseline, one run).

Usage: ``python benchmarks/bench_gui_import.py [--lines N] [--runs N]``
(``--lines`` imports only the first N order lines, for a quick check.)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.persistence.database import Database
from benchmarks.common import (
    CATALOG_FILE,
    CLERK,
    STOCK_FILE,
    SUPPLIERS_FILE,
    Figure,
    configure_logging,
    emit,
    new_database,
    skip_without_data,
    slice_orders,
    time_call,
)

TICK_MS = 10
# How long stalls are still recorded after the summary box opened, while the lists reload.
AFTER_IMPORT_S = 1.0
STALL_TARGET_S = 0.100
GUI_RATIO_LIMIT = 1.25
IMPORT_TIMEOUT_S = 3600


@dataclass
class Ticks:
    """Gaps between the timer's ticks, split at the first tick after the summary box opened."""

    during_import: list[float] = field(default_factory=list)
    after_import: list[float] = field(default_factory=list)
    last: float = 0.0
    box_seen: float | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, help="import only the first N order lines")
    parser.add_argument("--runs", type=int, default=3, help="GUI imports to run (default 3)")
    options = parser.parse_args()
    configure_logging()
    skip_without_data()
    application = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="tandem-bench-gui-import-") as folder:
        figures = _measure(Path(folder), options.lines, options.runs)
    application.quit()
    emit(figures)


def _measure(folder: Path, lines: int | None, runs: int) -> list[Figure]:
    orders = slice_orders(lines, folder)
    scope = "full year" if lines is None else f"first {lines:,} lines"
    import_stalls, refresh_stalls, walls = [], [], []
    for run in range(runs):
        ticks, wall = _gui_import(folder / f"gui-{run}.sqlite", orders)
        import_stalls.append(max(ticks.during_import, default=0.0))
        refresh_stalls.append(max(ticks.after_import, default=0.0))
        walls.append(wall)
    baseline = _service_import(folder / "service.sqlite", orders)
    return [
        Figure(f"max event-loop stall during the import ({scope})", import_stalls,
               f"<= {STALL_TARGET_S * 1000:g} ms", STALL_TARGET_S,
               note="The order file is read, stored and committed on the worker thread; "
                    "the GUI thread only redraws the progress dialog."),
        Figure(f"max stall while the summary opens and the lists reload ({scope})",
               refresh_stalls, f"<= {STALL_TARGET_S * 1000:g} ms", STALL_TARGET_S,
               note=f"Measured for {AFTER_IMPORT_S:g} s from the first tick after the summary "
                    "box opened. The lists reload on the GUI thread, one per event-loop turn."),
        Figure(f"GUI import wall time ({scope})", walls, f"<= {GUI_RATIO_LIMIT:g}x service",
               baseline_name="the same import through the service, no window",
               baseline_s=baseline, baseline_runs=[baseline], ratio_limit=GUI_RATIO_LIMIT),
    ]


def _prepared_database(path: Path) -> Database:
    from app.services import imports

    db = new_database(path)
    imports.import_suppliers(db, CLERK, SUPPLIERS_FILE)
    imports.import_catalog(db, CLERK, CATALOG_FILE)
    imports.import_stock(db, CLERK, STOCK_FILE)
    return db


def _gui_import(path: Path, orders: Path) -> tuple[Ticks, float]:
    from app.ui.main_window import MainWindow

    db = _prepared_database(path)
    window = MainWindow(db, CLERK, lambda _path: None)
    window.show()
    QApplication.processEvents()
    actions = window.import_actions
    ticks = Ticks()
    loop = QEventLoop()

    def tick() -> None:
        now = time.perf_counter()
        stall = max(0.0, now - ticks.last - TICK_MS / 1000)
        ticks.last = now
        if actions.result_box is None and ticks.box_seen is None:
            ticks.during_import.append(stall)
            return
        if ticks.box_seen is None:
            ticks.box_seen = now
        ticks.after_import.append(stall)
        if now - ticks.box_seen >= AFTER_IMPORT_S:
            loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    QTimer.singleShot(IMPORT_TIMEOUT_S * 1000, loop.quit)
    started = time.perf_counter()
    ticks.last = started
    timer.start()
    actions.import_orders(orders)
    loop.exec()
    timer.stop()
    if actions.result_box is None or ticks.box_seen is None:
        raise RuntimeError(f"The GUI import of {orders} did not finish.")
    wall = ticks.box_seen - started
    print(actions.result_box.headline.text(), file=sys.stderr)
    actions.result_box.close()
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    db.dispose()
    return ticks, wall


def _service_import(path: Path, orders: Path) -> float:
    from app.services import imports

    db = _prepared_database(path)
    try:
        return time_call(lambda: imports.import_orders(db, CLERK, orders))
    finally:
        db.dispose()


if __name__ == "__main__":
    main()
