"""Fixtures that write small CSV files for the importer tests."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

WriteCsv = Callable[..., Path]


@pytest.fixture
def write_csv(tmp_path: Path) -> WriteCsv:
    """Return a function that writes a header and rows to a file in tmp_path.

    Call it as ``write_csv(name, header, rows, compress=False)``; with
    ``compress`` the file is gzip-compressed whatever its name.
    """

    def write(
        name: str,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        compress: bool = False,
    ) -> Path:
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        data = text.getvalue().encode("utf-8")
        path = tmp_path / name
        path.write_bytes(gzip.compress(data) if compress else data)
        return path

    return write
