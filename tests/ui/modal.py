"""A helper that answers the modal message boxes an action opens with exec()."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

# Poll this often for the box, and give up after this many polls (five seconds).
_POLL_MS = 20
_MAX_POLLS = 250


class ModalAnswer:
    """Waits for the next modal message box, records its texts and presses a button.

    Create it before the action that opens the box. It polls with a timer,
    so it also works while the box runs its own event loop in ``exec()``.
    """

    def __init__(self, button: str | Callable[[QMessageBox], None]) -> None:
        self.title = ""
        self.text = ""
        self.informative = ""
        self.answered = False
        self.error = ""
        self._button = button
        self._polls = 0
        self._timer = QTimer()
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        self._polls += 1
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if self._polls > _MAX_POLLS:
                self._timer.stop()
            return
        self._timer.stop()
        self.title = box.windowTitle()
        self.text = box.text()
        self.informative = box.informativeText()
        self.answered = True
        if callable(self._button):
            self._button(box)
            return
        for button in box.buttons():
            if button.text().replace("&", "") == self._button:
                button.click()
                return
        # An exception would not leave the timer's slot, so the box is closed and noted.
        self.error = (f"No button {self._button!r} in box {self.title!r}: "
                      f"{[b.text() for b in box.buttons()]}")
        box.reject()
