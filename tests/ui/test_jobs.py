"""The job runner, its progress dialog and the rate arithmetic behind the time left."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import RuleViolation
from app.ui.jobs import JobCancelled, JobControl, JobProgress, JobRunner
from app.ui.widgets.job_progress import JobProgressDialog, RateMeter, format_duration

SIGNAL_TIMEOUT_MS = 10_000


def test_rate_needs_span() -> None:
    meter = RateMeter(window_s=10, min_span_s=1)

    meter.add(100, now=0.0)
    meter.add(150, now=0.5)

    assert meter.rate() is None
    assert meter.seconds_left(1000) is None


def test_rate_and_time_left() -> None:
    meter = RateMeter(window_s=10, min_span_s=1)

    meter.add(100, now=0.0)
    meter.add(300, now=2.0)

    assert meter.rate() == 100.0
    assert meter.seconds_left(1000) == 7.0


def test_rate_follows_window() -> None:
    meter = RateMeter(window_s=10, min_span_s=1)
    for second in range(0, 21):
        # 10 units a second for the first 10 seconds, then 50 a second.
        done = second * 10 if second <= 10 else 100 + (second - 10) * 50
        meter.add(done, now=float(second))

    assert meter.rate() == 50.0


@pytest.mark.parametrize(("seconds", "text"), [
    (0.4, "0 s"), (44.6, "45 s"), (130, "2 min 10 s"), (3900, "1 h 5 min"),
])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def _dialog(qtbot: QtBot, now: list[float], **options: object) -> JobProgressDialog:
    dialog = JobProgressDialog("Import Orders", "Importing orders.csv…", "lines",
                               clock=lambda: now[0], **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_dialog_counts_and_rate(qtbot: QtBot) -> None:
    now = [0.0]
    dialog = _dialog(qtbot, now, approximate=True)

    dialog.show_progress(JobProgress(1_000, 10_000, "12 orders stored so far"))
    now[0] = 2.0
    dialog.show_progress(JobProgress(3_000, 10_000, "50 orders stored so far"))

    assert dialog.count_label.text() == "About 3,000 of 10,000 lines (30 %)"
    assert dialog.rate_label.text() == "1,000 lines per second · about 7 s left"
    assert dialog.detail_label.text() == "50 orders stored so far"
    assert dialog.bar.maximum() == 10_000
    assert dialog.bar.value() == 3_000


def test_dialog_cancel_once(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, [0.0], cancelling_text="Cancelling after this batch…")
    requests: list[bool] = []
    dialog.cancel_requested.connect(lambda: requests.append(True))
    dialog.show()

    dialog.cancel_button.click()
    dialog.reject()
    dialog.close()

    assert requests == [True]
    assert dialog.isVisible()
    assert not dialog.cancel_button.isEnabled()
    assert dialog.rate_label.text() == "Cancelling after this batch…"
    dialog.done_and_close()
    assert not dialog.isVisible()


def test_dialog_without_cancel(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, [0.0], can_cancel=False)
    requests: list[bool] = []
    dialog.cancel_requested.connect(lambda: requests.append(True))
    dialog.show()

    dialog.reject()

    assert requests == []
    assert not dialog.cancel_button.isVisible()
    assert dialog.isVisible()
    dialog.done_and_close()


def test_runner_succeeds(qtbot: QtBot) -> None:
    def work(control: JobControl) -> str:
        control.report(1, 2, "half")
        control.report(2, 2, "all")
        return "done"

    runner = JobRunner("test job", work)
    reports: list[JobProgress] = []
    runner.progressed.connect(reports.append)

    with qtbot.waitSignals([runner.succeeded, runner.finished], timeout=SIGNAL_TIMEOUT_MS,
                           check_params_cbs=[lambda result: result == "done", None]):
        runner.start()

    assert reports == [JobProgress(1, 2, "half"), JobProgress(2, 2, "all")]
    assert not runner.running


def test_runner_cancelled(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(control: JobControl) -> None:
        started.set()
        while True:
            control.check()
            # Waiting on an event lets the test's cancel in without a busy loop.
            threading.Event().wait(0.01)

    runner = JobRunner("test job", work)
    with qtbot.waitSignal(runner.stopped, timeout=SIGNAL_TIMEOUT_MS):
        runner.start()
        assert started.wait(SIGNAL_TIMEOUT_MS / 1000)
        runner.cancel()

    assert runner.cancel_requested
    assert not runner.running


@pytest.mark.parametrize(("error", "message"), [
    (RuleViolation("SO-000001 is complete."), "SO-000001 is complete."),
    (PermissionError(13, "Permission denied"),
     "[Errno 13] Permission denied. Check the path and its permissions, then try again."),
    (ValueError("bad value"), "Stopped by an unexpected error: bad value. The log has the "
                              "details."),
    (JobCancelled(), None),
])
def test_runner_errors(qtbot: QtBot, error: Exception, message: str | None) -> None:
    def work(_control: JobControl) -> None:
        raise error

    runner = JobRunner("test job", work)
    signal = runner.stopped if message is None else runner.failed
    with qtbot.waitSignal(signal, timeout=SIGNAL_TIMEOUT_MS) as blocker:
        runner.start()

    if message is not None:
        assert blocker.args == [message]
