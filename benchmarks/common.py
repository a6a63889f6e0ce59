"""Helpers shared by the benchmark scripts: timing, the real data, cached databases, output.

Every ``bench_*.py`` script prints, as its last line on stdout, one JSON
object ``{"figures": [...]}`` built by :func:`emit` from :class:`Figure`
objects. ``run_all.py`` collects those lines and writes ``docs/benchmarks.md``.

The full year of the Online Retail orders is imported once per git HEAD, data
file size and schema revision, and kept under the system's temporary folder
(``tandem-bench/``). Scripts that change data work on a copy
(:func:`working_copy`). Set ``TANDEM_BENCH_REBUILD=1`` to build the cached
files again once in each process that has it, for example after changing the
import code without committing (so set it for one script, not for ``make bench``),
or ``TANDEM_BENCH_KEY`` to a folder name under ``tandem-bench/`` to reuse
files built at another commit. Building the year with purchase orders takes
about 20 minutes on two cores, most of it in the services that move the POs.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app.bootstrap import open_database  # noqa: E402
from app.persistence.database import Database  # noqa: E402

log = logging.getLogger(__name__)

DATA_DIR = (REPO.parent / "shared" / "data" / "online-retail").resolve()
ORDERS_FILE = DATA_DIR / "orders-2010-12-to-2011-12.csv.gz"
SUPPLIERS_FILE = DATA_DIR / "suppliers.csv"
CATALOG_FILE = DATA_DIR / "supplier-catalog.csv"
STOCK_FILE = DATA_DIR / "stock-on-hand.csv"

CLERK = "clerk"
MANAGER = "manager"
REBUILD_ENV = "TANDEM_BENCH_REBUILD"
KEY_ENV = "TANDEM_BENCH_KEY"
_REBUILT: set[Path] = set()  # files that TANDEM_BENCH_REBUILD made this process build again
DEFAULT_RUNS = 5


@dataclass
class Figure:
    """One measured figure, as ``run_all.py`` reads it from a script's last stdout line.

    ``runs`` contains every measurement in ``unit`` ("s" for seconds, "MB" for
    megabytes). The JSON keys ``median_s`` and ``target_s`` carry the value in
    that unit too, so a memory figure has ``"unit": "MB"``. ``target_s`` is
    an absolute limit, ``ratio_limit`` a limit on median / ``baseline_s``.
    Either, both or neither may be set. ``note`` says why the figure is what it is.
    """

    name: str
    runs: list[float]
    target: str
    target_s: float | None = None
    baseline_name: str | None = None
    baseline_s: float | None = None
    ratio_limit: float | None = None
    note: str | None = None
    unit: str = "s"
    baseline_runs: list[float] = field(default_factory=list)

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["median_s"] = self.median_s
        if not self.baseline_runs:
            data.pop("baseline_runs")
        return data


def emit(figures: Sequence[Figure], skipped: str | None = None) -> None:
    """Print the figures as the last stdout line, in the format ``run_all.py`` reads.

    ``skipped`` names why nothing was measured (for example the real data is absent).
    """
    document: dict[str, object] = {"figures": [figure.to_json() for figure in figures]}
    if skipped is not None:
        document["skipped"] = skipped
    sys.stdout.flush()
    print(json.dumps(document), flush=True)


def skip_without_data() -> None:
    """Emit an empty result and exit when the Online Retail data is absent."""
    if not ORDERS_FILE.is_file():
        emit([], skipped=f"The Online Retail data is not at {DATA_DIR}.")
        raise SystemExit(0)


def time_call(function: Callable[[], object]) -> float:
    """Return the wall-clock seconds one call of ``function`` takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def time_runs(function: Callable[[], object], runs: int = DEFAULT_RUNS, warmup: int = 1,
              setup: Callable[[], object] | None = None) -> list[float]:
    """Time ``runs`` calls of ``function`` after ``warmup`` untimed calls.

    ``setup``, when given, runs untimed before every call, warm-up included.
    """
    timings: list[float] = []
    for index in range(warmup + runs):
        if setup is not None:
            setup()
        elapsed = time_call(function)
        if index >= warmup:
            timings.append(elapsed)
    return timings


def median_of(function: Callable[[], object], runs: int = DEFAULT_RUNS, warmup: int = 1,
              setup: Callable[[], object] | None = None) -> tuple[float, list[float]]:
    """Return the median seconds of ``runs`` timed calls and the runs themselves."""
    timings = time_runs(function, runs, warmup, setup)
    return statistics.median(timings), timings


def git_head() -> str:
    """Return the checkout's HEAD commit, or "no-git" outside a git checkout."""
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "no-git"
    return result.stdout.strip()


def schema_revision() -> str:
    from app.persistence.migrate import head_revision

    return head_revision() or "none"


def cache_dir() -> Path:
    """Return the folder of cached databases for this HEAD, data file and schema.

    ``TANDEM_BENCH_KEY`` names the folder instead.
    """
    size = ORDERS_FILE.stat().st_size if ORDERS_FILE.is_file() else 0
    key = os.environ.get(KEY_ENV) or f"{git_head()[:12]}-{size}-{schema_revision()}"
    folder = Path(tempfile.gettempdir()) / "tandem-bench" / key
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` so that only one process builds a cached file."""
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cached_database(name: str, build: Callable[[Path], None]) -> Path:
    """Return the cached SQLite file ``name``, calling ``build(path)`` to make it once.

    The file is built under another name and renamed when complete, so an
    interrupted build leaves nothing that looks finished.
    """
    folder = cache_dir()
    target = folder / name
    with _locked(folder / f"{name}.lock"):
        rebuild = bool(os.environ.get(REBUILD_ENV)) and target not in _REBUILT
        if target.exists() and not rebuild:
            return target
        partial = folder / f"{name}.partial"
        _remove_database(partial)
        _remove_database(target)
        started = time.perf_counter()
        build(partial)
        _checkpoint(partial)
        partial.rename(target)
        _REBUILT.add(target)
        log.info("Built %s in %.0f s", target, time.perf_counter() - started)
    return target


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so the file alone is the whole database."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()


def working_copy(cached: Path, folder: Path, name: str = "tandem.sqlite") -> Path:
    """Copy a cached database into ``folder`` for a script that changes data."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    _remove_database(target)
    shutil.copyfile(cached, target)
    return target


def open_db(path: Path) -> Database:
    """Open a benchmark database file with the application's own set-up (migrated)."""
    return open_database(str(path))


def new_database(path: Path, documents: Path | None = None) -> Database:
    """Create a migrated SQLite file with the starter users and a documents folder.

    The documents folder is ``documents``, or ``documents/`` beside the file.
    """
    from app.services.sample import ensure_starter_users

    _remove_database(path)
    db = open_db(path)
    ensure_starter_users(db)
    use_documents_folder(db, documents if documents is not None else path.parent / "documents")
    return db


def use_documents_folder(db: Database, folder: Path) -> None:
    """Set the folder that sent POs and packing slips are written to.

    A cached database names a folder that was deleted after it was built, so
    a script that sends POs or ships sets its own on its working copy.
    """
    from app.persistence.models import Setting
    from app.services.documents import DOCUMENTS_SETTING

    with db.write() as session:
        found = session.get(Setting, DOCUMENTS_SETTING)
        if found is None:
            session.add(Setting(key=DOCUMENTS_SETTING, value=str(folder)))
        else:
            found.value = str(folder)


def slice_orders(lines: int | None, folder: Path) -> Path:
    """Return the order file, or a plain CSV of its header and first ``lines`` rows.

    The file is in date order, so a slice is the first weeks of the year.
    """
    if lines is None:
        return ORDERS_FILE
    import gzip

    target = folder / f"orders-first-{lines}.csv"
    if target.exists():
        return target
    with gzip.open(ORDERS_FILE, "rt", encoding="utf-8", newline="") as source, \
            target.open("w", encoding="utf-8", newline="") as out:
        for number, text in enumerate(source):
            if number > lines:
                break
            out.write(text)
    return target


def import_year(db: Database, orders: Path = ORDERS_FILE, user: str = CLERK) -> dict[str, float]:
    """Import suppliers, catalog, stock and orders through the services; return seconds each."""
    from app.services import imports

    steps: list[tuple[str, Callable[[], object]]] = [
        ("suppliers", lambda: imports.import_suppliers(db, user, SUPPLIERS_FILE)),
        ("catalog", lambda: imports.import_catalog(db, user, CATALOG_FILE)),
        ("stock", lambda: imports.import_stock(db, user, STOCK_FILE)),
        ("orders", lambda: imports.import_orders(db, user, orders)),
    ]
    return {name: time_call(step) for name, step in steps}


def _build_full_year(path: Path) -> None:
    db = new_database(path)
    try:
        seconds = import_year(db)
    finally:
        db.dispose()
    log.info("Imported the full year into %s: %s", path, seconds)


def full_year_db() -> Path:
    """Return the cached database with the full year imported: orders, suppliers, catalog, stock.

    It has the starter users "clerk" and "manager" and no purchase orders.
    Treat it as read-only; use :func:`working_copy` to change data.
    """
    return cached_database("full-year.sqlite", _build_full_year)


def full_year_with_pos_db() -> Path:
    """Return the cached full-year database with purchase orders in every state.

    See ``benchmarks/purchasing_mix.py`` for what is drafted and how far each
    PO goes. Treat it as read-only; use :func:`working_copy` to change data.
    """
    from benchmarks.purchasing_mix import build_purchase_orders

    def build(path: Path) -> None:
        shutil.copyfile(full_year_db(), path)
        db = open_db(path)
        try:
            with tempfile.TemporaryDirectory(prefix="tandem-bench-documents-") as documents:
                use_documents_folder(db, Path(documents))
                build_purchase_orders(db)
        finally:
            db.dispose()

    return cached_database("full-year-with-pos.sqlite", build)


def table_counts(path: Path, tables: Sequence[str]) -> dict[str, int]:
    """Count the rows of ``tables`` in a SQLite file."""
    with sqlite3.connect(path) as connection:
        counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in tables}
    connection.close()
    return counts


def peak_rss_mb_of(command: Sequence[str], cwd: Path = REPO) -> tuple[int, float, str, str]:
    """Run ``command`` as a child process; return its exit code, max RSS in MB, stdout, stderr.

    The max RSS comes from ``wait4`` for that child alone (Linux reports it in KiB).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (child.returncode, usage.ru_maxrss / 1024,
                out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def configure_logging() -> None:
    """Log to stderr, so that stdout carries only the figures line."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(message)s")
