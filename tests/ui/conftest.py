"""Qt set-up shared by the tests of the user interface."""

from __future__ import annotations

import os
from collections.abc import Generator

# Qt reads the platform once, when the first application object is created,
# so the variable must be set before any test module imports Qt widgets.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

# More nested modal dialogs than this means one refuses to close.
_MAX_NESTED_MODALS = 10


def _close_modal_widgets() -> list[str]:
    """Close every open modal widget and return their window titles."""
    if not isinstance(QCoreApplication.instance(), QApplication):
        return []
    titles: list[str] = []
    modal: QWidget | None = QApplication.activeModalWidget()
    while modal is not None and len(titles) < _MAX_NESTED_MODALS:
        titles.append(modal.windowTitle() or type(modal).__name__)
        if not modal.close():
            modal.hide()
        modal = QApplication.activeModalWidget()
    return titles


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Fail a test that leaves a modal dialog open, after closing the dialog.

    The check runs right after the test function, before fixture teardown,
    because pytest-qt closes the widgets registered with ``qtbot.addWidget``
    (and with them their dialogs) before any fixture's teardown code runs.
    A test that already failed only gets its dialogs closed.
    """
    try:
        result = yield
    except BaseException:
        _close_modal_widgets()
        raise
    titles = _close_modal_widgets()
    if titles:
        pytest.fail(f"Test left modal dialogs open: {titles}. Close or accept them in the test.")
    return result
