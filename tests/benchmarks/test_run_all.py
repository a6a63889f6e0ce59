"""The benchmark runner: figures collected, failures recorded, the page written."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from benchmarks import run_all

GOOD = """
import json
print("warming up")
print(json.dumps({"figures": [
    {"name": "open list", "median_s": 0.02, "runs": [0.02, 0.03, 0.01],
     "target": "<= 50 ms", "target_s": 0.05, "baseline_name": None, "baseline_s": None,
     "ratio_limit": None, "note": "Counted in SQL."},
    {"name": "import", "median_s": 3.0, "runs": [3.0], "target": "<= 2.5x raw",
     "target_s": None, "baseline_name": "raw", "baseline_s": 1.0, "ratio_limit": 2.5},
]}))
"""
FAILING = """
import sys
sys.stderr.write("Traceback (most recent call last):\\nValueError: no such table\\n")
sys.exit(3)
"""


def _scripts(folder: Path) -> Path:
    folder.mkdir()
    (folder / "bench_good.py").write_text(textwrap.dedent(GOOD), "utf-8")
    (folder / "bench_failing.py").write_text(textwrap.dedent(FAILING), "utf-8")
    (folder / "bench_skipped.py").write_text(
        'print(\'{"figures": [], "skipped": "no data here"}\')\n', "utf-8")
    return folder


def test_run_all_writes_page(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    code = run_all.main(["--scripts", str(_scripts(tmp_path / "scripts")),
                         "--output", str(page)])
    text = page.read_text("utf-8")
    assert code == 1
    assert "| open list | 20.0 ms |" in text
    assert "| met |" in text
    assert "**missed**: ratio 3.00 > 2.5" in text
    assert "ValueError: no such table" in text
    assert "no data here" in text
    assert "- **open list**: Counted in SQL." in text
    assert "1 figures met their target, 1 missed it; failed scripts: bench_failing.py" in text


def test_run_all_only_keeps_others(tmp_path: Path) -> None:
    scripts = _scripts(tmp_path / "scripts")
    page = tmp_path / "benchmarks.md"
    run_all.main(["--scripts", str(scripts), "--output", str(page)])
    (scripts / "bench_failing.py").write_text("print('{\"figures\": []}')\n", "utf-8")
    code = run_all.main(["--scripts", str(scripts), "--output", str(page), "--only", "failing"])
    stored = json.loads(page.with_suffix(".json").read_text("utf-8"))["scripts"]
    assert code == 0
    assert stored["bench_failing.py"]["status"] == "ok"
    assert stored["bench_good.py"]["figures"][0]["name"] == "open list"


def test_figure_without_fields_rejected() -> None:
    with pytest.raises(ValueError, match="lacks median_s, runs, target"):
        run_all.parse_last_line('{"figures": [{"name": "x"}]}')
