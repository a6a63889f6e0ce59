"""Long-running work on a worker thread: progress reports, cancelling and one outcome.

A screen hands :class:`JobRunner` a work function. The function runs on a
QThread and receives a :class:`JobControl`, through which it reports progress
and learns that the person cancelled. The runner lives on the GUI thread and
emits exactly one outcome signal (``succeeded``, ``stopped`` or ``failed``),
then ``finished``, once the thread has ended. The work must not touch widgets.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QObject, QThread, Signal

from app.domain.errors import TandemError

log = logging.getLogger(__name__)

# How long closing the window waits for a cancelled job to end, in milliseconds.
STOP_WAIT_MS: Final = 60_000


class JobCancelled(Exception):
    """Raised by work that stopped early because the person cancelled it."""


@dataclass(frozen=True)
class JobProgress:
    """One progress report: units done, the total when known, and a line of detail."""

    done: int
    total: int | None = None
    detail: str = ""


class JobControl:
    """The work function's handle on the worker thread: the cancel flag and progress reports."""

    def __init__(self, stop: threading.Event, report: Callable[[JobProgress], None]) -> None:
        self._stop = stop
        self._report = report

    def cancelled(self) -> bool:
        """Return True once the person has cancelled the job."""
        return self._stop.is_set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` if the person has cancelled the job."""
        if self._stop.is_set():
            raise JobCancelled

    def report(self, done: int, total: int | None = None, detail: str = "") -> None:
        """Send a progress report to the GUI thread, where the progress dialog shows it."""
        self._report(JobProgress(done, total, detail))


Work = Callable[[JobControl], object]


class _Worker(QObject):
    """Runs the work function on the worker thread and turns its outcome into a signal."""

    progressed = Signal(object)
    succeeded = Signal(object)
    stopped = Signal()
    failed = Signal(str)

    def __init__(self, name: str, work: Work, stop: threading.Event,
                 cancel_errors: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self._name = name
        self._work = work
        self._stop = stop
        self._cancel_errors = cancel_errors

    def run(self) -> None:
        control = JobControl(self._stop, self.progressed.emit)
        try:
            result = self._work(control)
        except self._cancel_errors:
            log.info("%s cancelled", self._name)
            self.stopped.emit()
        except TandemError as error:
            log.info("%s abandoned: %s", self._name, error)
            self.failed.emit(str(error))
        except OSError as error:
            # A file that cannot be read or written; the service rolled its transaction back.
            log.error("%s failed on a file", self._name, exc_info=True)
            self.failed.emit(self.tr("{error}. Check the path and its permissions, then try "
                                     "again.").format(error=error))
        except Exception as error:
            # A bug: logged with its traceback, and the window must not wait forever.
            log.exception("%s failed", self._name)
            self.failed.emit(self.tr("Stopped by an unexpected error: {error}. The log has "
                                     "the details.").format(error=error))
        else:
            self.succeeded.emit(result)


def _freeze_long_lived_objects() -> None:
    """Take the objects alive now out of the cyclic garbage collector's full collections.

    A full collection walks every tracked object while holding the GIL, so
    the GUI thread waits for it. With the window, SQLAlchemy and the services
    loaded that is about 100,000 objects and 0.1 s (measured with
    benchmarks/bench_gui_import.py on a 2-core VM), and a large import
    triggers several. What is alive when a job starts (modules, widgets,
    caches) lives on anyway. Cyclic garbage alive at this moment is never
    collected, which the smaller pauses outweigh.
    """
    gc.freeze()


class JobRunner(QObject):
    """Runs one work function on a worker thread and reports back on the GUI thread.

    ``cancel_errors`` are the exceptions that mean the work stopped because
    :meth:`cancel` was called, so they end in ``stopped`` rather than ``failed``.
    A :class:`~app.domain.errors.TandemError` or an ``OSError`` ends in
    ``failed`` with a message for the person. Any other exception is logged
    with its traceback and ends in ``failed`` too. ``finished`` follows the
    outcome signal, after the thread has ended.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    stopped = Signal()
    failed = Signal(str)
    finished = Signal()

    def __init__(self, name: str, work: Work, parent: QObject | None = None,
                 cancel_errors: tuple[type[BaseException], ...] = (JobCancelled,)) -> None:
        super().__init__(parent)
        self.name = name
        self._work = work
        self._cancel_errors = cancel_errors
        self._stop = threading.Event()
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def start(self) -> None:
        """Start the work on a new worker thread; a runner runs its work once at a time."""
        if self._thread is not None:
            return
        worker = _Worker(self.name, self._work, self._stop, self._cancel_errors)
        thread = QThread(self)
        thread.setObjectName(self.name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self.progressed)
        worker.succeeded.connect(self._succeeded)
        worker.stopped.connect(self._stopped)
        worker.failed.connect(self._failed)
        self._worker, self._thread = worker, thread
        log.info("%s started", self.name)
        _freeze_long_lived_objects()
        thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check; the outcome signal follows when it has."""
        self._stop.set()

    def wait(self, timeout_ms: int = STOP_WAIT_MS) -> bool:
        """Cancel the work and block until its thread ends; return False on a timeout.

        For closing the window: the outcome signal is not delivered after this.
        """
        self._stop.set()
        if self._thread is None:
            return True
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    def _succeeded(self, result: object) -> None:
        self._end()
        self.succeeded.emit(result)
        self.finished.emit()

    def _stopped(self) -> None:
        self._end()
        self.stopped.emit()
        self.finished.emit()

    def _failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
        self.finished.emit()

    def _end(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = None
        self._worker = None
