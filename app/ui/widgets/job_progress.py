"""The progress dialog of a long-running job: units done, rate, time left and Cancel."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.jobs import JobProgress

# The rate is measured over the reports of this many seconds, so it follows changes in speed.
RATE_WINDOW_S: Final = 10.0
# No rate is shown before the reports span this many seconds, because it would jump about.
MIN_RATE_SPAN_S: Final = 1.0
_DIALOG_WIDTH: Final = 460


class RateMeter:
    """Units per second over the last :data:`RATE_WINDOW_S` seconds, and the time left.

    Times are in seconds on any monotonic clock; :meth:`add` receives them,
    so the arithmetic does not depend on the clock.
    """

    def __init__(self, window_s: float = RATE_WINDOW_S,
                 min_span_s: float = MIN_RATE_SPAN_S) -> None:
        self._window_s = window_s
        self._min_span_s = min_span_s
        self._samples: deque[tuple[float, int]] = deque()

    def add(self, done: int, now: float) -> None:
        """Record that ``done`` units were done at time ``now``."""
        self._samples.append((now, done))
        # Keep one sample older than the window, so the span covers the whole window.
        while len(self._samples) > 2 and self._samples[1][0] <= now - self._window_s:
            self._samples.popleft()

    def rate(self) -> float | None:
        """Return units per second, or None until the samples span enough time."""
        if len(self._samples) < 2:
            return None
        (first_time, first_done), (last_time, last_done) = self._samples[0], self._samples[-1]
        span = last_time - first_time
        if span < self._min_span_s:
            return None
        return max(0.0, (last_done - first_done) / span)

    def seconds_left(self, total: int) -> float | None:
        """Return the seconds until ``total`` units are done at the current rate, or None."""
        rate = self.rate()
        if rate is None or rate <= 0 or not self._samples:
            return None
        return max(0.0, (total - self._samples[-1][1]) / rate)


def format_duration(seconds: float) -> str:
    """Format a duration for a person: "45 s", "2 min 10 s" or "1 h 5 min"."""
    translate = QCoreApplication.translate
    whole = round(seconds)
    if whole < 60:
        return translate("JobProgressDialog", "{s} s").format(s=whole)
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return translate("JobProgressDialog", "{m} min {s} s").format(m=minutes, s=secs)
    hours, minutes = divmod(minutes, 60)
    return translate("JobProgressDialog", "{h} h {m} min").format(h=hours, m=minutes)


class JobProgressDialog(QDialog):
    """Window-modal progress of a job: a bar, units done of the total, rate, time left, Cancel.

    ``unit`` names what is counted, in the plural ("lines", "packing slips").
    With ``approximate`` the counts are estimates, shown with "about". Until the
    first report the bar runs without a value and shows ``waiting_text``.
    Cancel, Escape and closing the dialog emit ``cancel_requested`` once; the
    dialog then shows ``cancelling_text`` and stays open until its owner
    closes it with :meth:`done_and_close`. With ``can_cancel=False`` there is
    no Cancel button, and Escape and closing do nothing.
    """

    cancel_requested = Signal()

    def __init__(self, title: str, headline: str, unit: str, parent: QWidget | None = None,
                 *, approximate: bool = False, waiting_text: str = "",
                 cancelling_text: str = "", can_cancel: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("jobProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._unit = unit
        self._approximate = approximate
        self._cancelling_text = cancelling_text or self.tr("Cancelling…")
        self._clock = clock
        self._meter = RateMeter()
        self._can_cancel = can_cancel
        self._cancelled = False
        self._closing = False

        self.headline = QLabel(headline)
        self.headline.setObjectName("progressHeadline")
        self.headline.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("progressBar")
        self.bar.setRange(0, 0)
        # The count label shows the percentage, with the counts it comes from.
        self.bar.setTextVisible(False)
        self.count_label = QLabel(waiting_text)
        self.count_label.setObjectName("progressCount")
        self.rate_label = QLabel()
        self.rate_label.setObjectName("progressRate")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("progressDetail")
        self.detail_label.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.request_cancel)
        self._lay_out()
        # After _lay_out, because the button box shows the buttons added to it.
        self.cancel_button.setVisible(can_cancel)

    def _lay_out(self) -> None:
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(_DIALOG_WIDTH)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def show_progress(self, progress: JobProgress) -> None:
        """Show one report of the job."""
        self._meter.add(progress.done, self._clock())
        if progress.detail:
            self.detail_label.setText(progress.detail)
        if progress.total is None or progress.total <= 0:
            self.bar.setRange(0, 0)
            self.count_label.setText(self._done_text(progress.done))
            self.rate_label.setText(self._rate_text(None))
            return
        done = min(progress.done, progress.total)
        self.bar.setRange(0, progress.total)
        self.bar.setValue(done)
        self.count_label.setText(self._done_of_total_text(done, progress.total))
        self.rate_label.setText(self._rate_text(progress.total))

    def _done_text(self, done: int) -> str:
        if self._approximate:
            return self.tr("About {done} {unit} so far").format(done=f"{done:,}",
                                                                 unit=self._unit)
        return self.tr("{done} {unit} so far").format(done=f"{done:,}", unit=self._unit)

    def _done_of_total_text(self, done: int, total: int) -> str:
        values = {"done": f"{done:,}", "total": f"{total:,}", "unit": self._unit,
                  "percent": done * 100 // total}
        if self._approximate:
            return self.tr("About {done} of {total} {unit} ({percent} %)").format(**values)
        return self.tr("{done} of {total} {unit} ({percent} %)").format(**values)

    def _rate_text(self, total: int | None) -> str:
        if self._cancelled:
            return self._cancelling_text
        rate = self._meter.rate()
        if rate is None:
            return self.tr("Measuring the rate…")
        text = self.tr("{rate} {unit} per second").format(rate=f"{rate:,.0f}", unit=self._unit)
        left = None if total is None else self._meter.seconds_left(total)
        if left is not None:
            text += " · " + self.tr("about {time} left").format(time=format_duration(left))
        return text

    def request_cancel(self) -> None:
        """Ask the job to stop, once; the dialog stays open until the job has stopped.

        A dialog made with ``can_cancel=False`` ignores the request.
        """
        if self._cancelled or not self._can_cancel:
            return
        self._cancelled = True
        self.cancel_button.setEnabled(False)
        self.rate_label.setText(self._cancelling_text)
        self.cancel_requested.emit()

    def reject(self) -> None:
        # Escape cancels the job instead of hiding a dialog whose job still runs.
        if self._closing:
            super().reject()
            return
        self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            super().closeEvent(event)
            return
        event.ignore()
        self.request_cancel()

    def done_and_close(self) -> None:
        """Close the dialog for good, once the job has ended."""
        self._closing = True
        self.close()
        self.deleteLater()
