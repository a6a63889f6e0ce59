"""Run every benchmark script and write the results to docs/benchmarks.md.

Each ``benchmarks/bench_*.py`` runs in its own process and prints, as its
last stdout line, one JSON object::

    {"figures": [{"name": str, "median_s": float, "runs": [float],
                  "target": str, "target_s": float | null,
                  "baseline_name": str | null, "baseline_s": float | null,
                  "ratio_limit": float | null,
                  "note": str (optional), "unit": "s" | "MB" (optional, default "s")}],
     "skipped": str (optional)}

``median_s``, ``runs`` and ``target_s`` are in ``unit``. A figure meets its
target when the median is at most ``target_s`` and, where a baseline is
given, the median divided by ``baseline_s`` is at most ``ratio_limit``.

A script that exits with an error or prints no such line is recorded as
failed with the end of its stderr, and the others still run. Results are also
kept in ``docs/benchmarks.json``, so ``--only NAME`` measures one script and
rewrites the page with the last results of the others.

Usage: ``python benchmarks/run_all.py [--only NAME] [--timeout SECONDS]``
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"
PAGE = REPO / "docs" / "benchmarks.md"
STDERR_TAIL_LINES = 30
DEFAULT_TIMEOUT_S = 3 * 3600


@dataclass
class ScriptResult:
    """The outcome of one script run: its figures, or the reason there are none."""

    script: str
    status: str  # "ok", "failed" or "skipped"
    seconds: float
    measured_at: str
    figures: list[dict[str, Any]]
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run one script, e.g. 'lists' or 'bench_lists.py'")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                        help="seconds after which a script is stopped and recorded as failed")
    parser.add_argument("--scripts", type=Path, default=BENCHMARKS,
                        help="folder of the bench_*.py scripts")
    parser.add_argument("--output", type=Path, default=PAGE, help="Markdown page to write")
    options = parser.parse_args(argv)

    scripts = find_scripts(options.scripts, options.only)
    if not scripts:
        print(f"No benchmark script matches {options.only!r} in {options.scripts}.",
              file=sys.stderr)
        return 2
    measured: dict[str, dict[str, Any]] = {}
    for script in scripts:
        print(f"Running {script.name} ...", file=sys.stderr, flush=True)
        result = run_script(script, options.timeout)
        print(f"{script.name}: {result.status} in {result.seconds:.0f} s", file=sys.stderr,
              flush=True)
        measured[script.name] = result.to_json()
    present = {script.name for script in find_scripts(options.scripts, None)}
    write_results(options.output, measured, present)
    print(f"Wrote {options.output}", file=sys.stderr)
    failed = [name for name, result in measured.items() if result["status"] == "failed"]
    return 1 if failed else 0


def write_results(page: Path, measured: dict[str, dict[str, Any]], present: set[str]) -> None:
    """Merge this run's results into the stored ones and write the JSON store and the page.

    The store is read again under a lock just before writing, so two runs
    with ``--only`` at the same time keep each other's results. Results of
    scripts that no longer exist are dropped.
    """
    store = page.with_suffix(".json")
    store.parent.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(str(store.resolve()).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"tandem-bench-results-{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        results = {name: result for name, result in load_results(store).items()
                   if name in present}
        results.update(measured)
        machine = machine_facts()
        store.write_text(json.dumps({"machine": machine, "scripts": results}, indent=1) + "\n",
                         encoding="utf-8")
        page.write_text(render_page(machine, results), encoding="utf-8")


def find_scripts(folder: Path, only: str | None) -> list[Path]:
    """Return the bench_*.py scripts in ``folder``, or the one that ``only`` names."""
    scripts = sorted(folder.glob("bench_*.py"))
    if only is None:
        return scripts
    requested = only.removesuffix(".py").removeprefix("bench_")
    return [script for script in scripts if script.stem.removeprefix("bench_") == requested]


def load_results(store: Path) -> dict[str, dict[str, Any]]:
    if not store.is_file():
        return {}
    try:
        scripts: dict[str, dict[str, Any]] = json.loads(store.read_text("utf-8"))["scripts"]
    except (ValueError, KeyError, TypeError):
        return {}
    return scripts


def run_script(script: Path, timeout: float) -> ScriptResult:
    """Run one script in a child process and read the figures from its last stdout line."""
    started = time.perf_counter()
    measured_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        completed = subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True,
                                   text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as error:
        return ScriptResult(script.name, "failed", time.perf_counter() - started, measured_at,
                            [], f"Stopped after {timeout:.0f} s.\n" + _tail(error.stderr))
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        message = f"Exit code {completed.returncode}.\n" + _tail(completed.stderr)
        return ScriptResult(script.name, "failed", seconds, measured_at, [], message)
    try:
        document = parse_last_line(completed.stdout)
    except ValueError as error:
        return ScriptResult(script.name, "failed", seconds, measured_at, [],
                            f"{error}\n" + _tail(completed.stderr))
    if document.get("skipped"):
        return ScriptResult(script.name, "skipped", seconds, measured_at, [],
                            str(document["skipped"]))
    return ScriptResult(script.name, "ok", seconds, measured_at, document["figures"])


def parse_last_line(stdout: str) -> dict[str, Any]:
    """Read the JSON object on the last non-empty stdout line and check its figures.

    Raises:
        ValueError: the line is missing, is not JSON, or a figure lacks a field.
    """
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        raise ValueError("The script printed nothing on stdout; expected a JSON line last.")
    try:
        document = json.loads(lines[-1])
    except ValueError as error:
        raise ValueError(f"The last stdout line is not JSON ({error}): {lines[-1][:200]}") from None
    if not isinstance(document, dict) or not isinstance(document.get("figures"), list):
        raise ValueError("The last stdout line has no 'figures' list.")
    for figure in document["figures"]:
        missing = [key for key in ("name", "median_s", "runs", "target") if key not in figure]
        if missing:
            raise ValueError(f"Figure {figure.get('name')!r} lacks {', '.join(missing)}.")
    return document


def _tail(text: str | bytes | None) -> str:
    if text is None:
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return "\n".join(text.rstrip().splitlines()[-STDERR_TAIL_LINES:])


def machine_facts() -> dict[str, str]:
    """Describe the machine: CPU model, cores, Python, SQLite and PySide6 versions, date."""
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count() or "unknown"),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": _package_version("PySide6-Essentials", "PySide6"),
        "sqlalchemy": _package_version("SQLAlchemy"),
        "system": f"{platform.system()} {platform.release()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text("utf-8")
    except OSError:
        return platform.processor() or "unknown"
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _package_version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def verdict(figure: dict[str, Any]) -> tuple[str, str]:
    """Return the ratio text and "met" or "missed by ..." for one figure."""
    median = float(figure["median_s"])
    unit = figure.get("unit") or "s"
    target_s = figure.get("target_s")
    baseline_s = figure.get("baseline_s")
    limit = figure.get("ratio_limit")
    misses: list[str] = []
    ratio_text = ""
    if target_s is not None and median > target_s:
        misses.append(f"{_amount(median - target_s, unit)} over "
                      f"({median / target_s:.1f}× the target)" if target_s else "over")
    if baseline_s:
        ratio = median / baseline_s
        ratio_text = f"{ratio:.2f}"
        if limit is not None and ratio > limit:
            misses.append(f"ratio {ratio:.2f} > {limit:g}")
    if target_s is None and limit is None:
        return ratio_text, "no target"
    if misses:
        return ratio_text, "**missed**: " + "; ".join(misses)
    return ratio_text, "met"


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        if value < 1:
            return f"{value * 1000:.1f} ms"
        return f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def render_page(machine: dict[str, str], results: dict[str, dict[str, Any]]) -> str:
    """Render the benchmark page: machine, one table per script, notes, how to reproduce."""
    lines = [
        "# Benchmarks",
        "",
        "Measured by `make bench` (`benchmarks/run_all.py`). Every figure is the median of",
        "the runs listed, on the full year of the Online Retail data set unless its",
        "name says otherwise. Times are wall-clock.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {machine['cpu']} |",
        f"| cores | {machine['cores']} |",
        f"| Python | {machine['python']} |",
        f"| SQLite | {machine['sqlite']} |",
        f"| PySide6 | {machine['pyside6']} |",
        f"| SQLAlchemy | {machine['sqlalchemy']} |",
        f"| system | {machine['system']} |",
        f"| date | {machine['date']} |",
        "",
        _summary(results),
        "",
    ]
    for name in sorted(results):
        lines += _script_section(name, results[name])
    lines += [
        "## How to reproduce",
        "",
        "```",
        "make bench                                  # every script, then this page",
        ".venv/bin/python benchmarks/run_all.py --only lists   # one script",
        ".venv/bin/python benchmarks/bench_import.py --lines 50000  # a quick slice",
        "```",
        "",
        "The scripts read `shared/data/online-retail/` beside the checkout and report",
        "themselves as skipped without it. The imported year is cached under the system's",
        "temporary folder (`tandem-bench/`), keyed by the git HEAD, the data file's size and",
        "the schema revision; `TANDEM_BENCH_REBUILD=1` builds it again, and",
        "`TANDEM_BENCH_KEY` reuses the files built at another commit (see",
        "`benchmarks/common.py`). Other programs running at the same time change the",
        "figures, so run on an idle machine.",
        "",
    ]
    return "\n".join(lines)


def _summary(results: dict[str, dict[str, Any]]) -> str:
    outcomes = [verdict(figure)[1] for result in results.values()
                for figure in result["figures"]]
    met = sum(outcome == "met" for outcome in outcomes)
    missed = sum(outcome.startswith("**missed") for outcome in outcomes)
    failed = sorted(name for name, result in results.items() if result["status"] == "failed")
    text = f"{met} figures met their target, {missed} missed it"
    if failed:
        text += f"; failed scripts: {', '.join(failed)}"
    return text + "."


def _script_section(name: str, result: dict[str, Any]) -> list[str]:
    lines = [f"## {name}", ""]
    status = result["status"]
    lines.append(f"Run {result['measured_at']}, {result['seconds']:.0f} s in all: {status}.")
    lines.append("")
    if status != "ok":
        lines += ["```", result.get("message", "").strip() or "(no message)", "```", ""]
        return lines
    lines += [
        "| figure | median | runs | target | baseline | ratio | result |",
        "|---|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for figure in result["figures"]:
        unit = figure.get("unit") or "s"
        ratio, outcome = verdict(figure)
        baseline = ""
        if figure.get("baseline_s") is not None:
            baseline = f"{figure.get('baseline_name') or 'baseline'}: " + _amount(
                float(figure["baseline_s"]), unit)
        runs = ", ".join(_amount(float(run), unit) for run in figure["runs"])
        lines.append(f"| {figure['name']} | {_amount(float(figure['median_s']), unit)} | "
                     f"{runs} | {figure['target']} | {baseline} | {ratio} | {outcome} |")
        if figure.get("note"):
            notes.append(f"- **{figure['name']}**: {figure['note']}")
    lines.append("")
    if notes:
        lines += ["Why:", "", *notes, ""]
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
