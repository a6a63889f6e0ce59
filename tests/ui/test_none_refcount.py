"""PySide6 must keep None's reference count when a Python model returns None to Qt.

PySide6 6.12.0 on CPython 3.11 drops one reference to None each time a Python
``data()`` or ``headerData()`` override returns None to Qt, and the
interpreter aborts with "Fatal Python error: none_dealloc" once the count
reaches zero. The probe below runs in a child interpreter, so such an abort
fails one test with its exit code instead of ending the whole test run.

Run as a script, this file is the probe: ``python test_none_refcount.py
NONE_RETURNS DROPPED`` prints one JSON object with None's reference count
before and after the calls.

NOTE: only PySide6 6.11.3 has run this probe, and it passes there. The abort
path was checked by releasing references to None on purpose, not with 6.12.0.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import subprocess
import sys

import PySide6
import pytest
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView

NONE_RETURNS = 20_000
_ROOT = QModelIndex()
_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.UserRole,
)
_PIN = "PySide6-Essentials>=6.11.3,<6.12; python_version < '3.12'"


class NoneModel(QAbstractTableModel):
    """Table whose every cell and header is None, counting the None returns."""

    def __init__(self) -> None:
        super().__init__()
        self.none_returns = 0
        self.references_to_drop = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 50

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return self._none()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        return self._none()

    def _none(self) -> object:
        self.none_returns += 1
        if self.references_to_drop:
            # Fault injection: the same loss that the PySide6 fault causes.
            self.references_to_drop -= 1
            ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))
        return None


def _call_through_proxy(proxy: QSortFilterProxyModel, calls: int) -> None:
    """Make ``calls`` data() and headerData() calls that reach the model through Qt."""
    rows = proxy.rowCount()
    columns = proxy.columnCount()
    for number in range(calls // 2):
        role = _ROLES[number % len(_ROLES)]
        proxy.data(proxy.index(number % rows, number % columns), role)
        proxy.headerData(number % columns, Qt.Orientation.Horizontal, role)


def _paint(view: QTableView, times: int) -> None:
    for _ in range(times):
        view.viewport().repaint()
        view.grab()


def measure(none_returns: int, dropped: int) -> dict[str, object]:
    """Measure None's reference count before and after ``none_returns`` None returns to Qt.

    ``dropped`` references to None are released on purpose during the calls
    and given back after the second count, so the probe's own check can be
    shown to fail.
    """
    app = QApplication.instance() or QApplication([])
    model = NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.resize(640, 480)
    view.show()
    app.processEvents()
    # The first calls and paints raise None's count by a few hundred for good
    # (one-time set-up in Qt and PySide6), which would hide a small loss.
    _call_through_proxy(proxy, 1_000)
    _paint(view, 1)

    gc.collect()
    before = sys.getrefcount(None)
    model.none_returns = 0
    model.references_to_drop = dropped
    proxy.sort(0)
    _call_through_proxy(proxy, none_returns)
    _paint(view, 3)
    gc.collect()
    after = sys.getrefcount(None)

    for _ in range(dropped - model.references_to_drop):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return {"before": before, "after": after, "none_returns": model.none_returns}


def _run_probe(dropped: int) -> dict[str, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, __file__, str(NONE_RETURNS), str(dropped)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert result.returncode == 0, (
        f"Probe interpreter with PySide6 {PySide6.__version__} exited with code "
        f"{result.returncode}; stderr ends with:\n{result.stderr[-2000:]}"
    )
    measured: dict[str, int] = json.loads(result.stdout.splitlines()[-1])
    return measured


def test_none_returns_keep_refcount() -> None:
    measured = _run_probe(dropped=0)

    assert measured["none_returns"] >= NONE_RETURNS
    assert measured["after"] >= measured["before"], (
        f"None lost {measured['before'] - measured['after']} references over "
        f"{measured['none_returns']} None returns to Qt with PySide6 {PySide6.__version__}"
    )


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="CPython 3.12 and later never free None"
)
def test_probe_detects_lost_reference() -> None:
    measured = _run_probe(dropped=10)

    assert measured["after"] < measured["before"]


def test_pyside6_pin_on_python_3_11() -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("PySide6 6.12 is safe from CPython 3.12 on, where None is immortal")
    version = PySide6.__version__
    assert PySide6.__version_info__[:2] != (6, 12), (
        f"PySide6 {version} is installed on Python {sys.version.split()[0]}, and it "
        f"aborts after a few thousand None returns from models. The dependency {_PIN} "
        "in pyproject.toml excludes it: reinstall with `pip install -e '.[dev]'`."
    )


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]), int(sys.argv[2]))))
