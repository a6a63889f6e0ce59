"""Opening CSV files for the readers: gzip detection, UTF-8 text, header check.

Every reader accepts plain CSV and gzip-compressed CSV alike. The readers
detect gzip from the file's first bytes, not from its name. Text must be UTF-8, with or
without a byte order mark. Row numbers count the header as row 1, as a
spreadsheet shows them, and a quoted value spanning several lines is one row.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.i18n import _
from app.importers.categories import BLANK_ROWS
from app.importers.errors import ImportFormatError
from app.importers.summary import ImportSummary

Progress = Callable[[int], None]
"""Called with the number of bytes read so far from the file as stored.

The total for a progress bar is ``path.stat().st_size``. For a gzip file,
both that total and the reported position count compressed bytes.
"""

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
PROGRESS_EVERY_ROWS = 1000


@dataclass(frozen=True)
class CsvLayout:
    """The columns that one kind of file has, named as in its header row."""

    title: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


class CsvRows:
    """The data rows of an open CSV file, iterated as (row number, values).

    Blank rows are skipped and counted in the summary. ``columns`` maps each
    column name of the header to its index in the values.
    """

    def __init__(
        self,
        path: Path,
        reader: Iterator[list[str]],
        raw: IO[bytes],
        columns: dict[str, int],
        summary: ImportSummary | None,
        progress: Progress | None,
    ) -> None:
        self.path = path
        self.columns = columns
        self._reader = reader
        self._raw = raw
        self._summary = summary
        self._progress = progress

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        row_number = 1
        try:
            for values in self._reader:
                row_number += 1
                if row_number % PROGRESS_EVERY_ROWS == 0:
                    self._report_progress()
                if not any(values):
                    if self._summary is not None:
                        self._summary.add(BLANK_ROWS, _("row {row}").format(row=row_number))
                    continue
                yield row_number, values
        except (UnicodeDecodeError, csv.Error, EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise _damaged(self.path, row_number + 1, error) from error
        self._report_progress()

    def _report_progress(self) -> None:
        if self._progress is not None:
            self._progress(self._raw.tell())


@contextmanager
def open_csv(
    path: str | os.PathLike[str],
    layout: CsvLayout,
    summary: ImportSummary | None = None,
    progress: Progress | None = None,
) -> Iterator[CsvRows]:
    """Open ``path``, check its header against ``layout`` and yield its data rows.

    Raises:
        ImportFormatError: the file is empty, a ZIP archive, not UTF-8 text,
            damaged, or its header does not match ``layout``.
        OSError: the file cannot be opened or read.
    """
    path = Path(path)
    with path.open("rb") as raw:
        magic = raw.peek(len(ZIP_MAGIC))[: len(ZIP_MAGIC)]
        if magic.startswith(ZIP_MAGIC):
            raise ImportFormatError(
                _(
                    "{path} is a ZIP archive, such as an Excel workbook, not a CSV file. "
                    "Save or extract it as CSV (UTF-8) and import that file."
                ).format(path=path)
            )
        binary: gzip.GzipFile | io.BufferedReader = raw
        if magic.startswith(GZIP_MAGIC):
            binary = gzip.GzipFile(fileobj=raw, mode="rb")
        with io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
            reader = csv.reader(text)
            try:
                header = next(reader, None)
            except (UnicodeDecodeError, csv.Error, EOFError, gzip.BadGzipFile, zlib.error) as error:
                raise _damaged(path, 1, error) from error
            columns = _check_header(path, layout, header)
            yield CsvRows(path, reader, raw, columns, summary, progress)


def _check_header(path: Path, layout: CsvLayout, header: list[str] | None) -> dict[str, int]:
    expected = ", ".join(layout.required + layout.optional)
    if not header or not any(header):
        raise ImportFormatError(
            _(
                "{path} is empty: expected {title} whose first row names the columns {expected}."
            ).format(path=path, title=_(layout.title), expected=expected)
        )

    names = [name.strip() for name in header]
    known = set(layout.required) | set(layout.optional)
    missing = [name for name in layout.required if name not in names]
    unknown = [name for name in names if name not in known]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if missing or unknown or repeated:
        problems = []
        if missing:
            problems.append(_("missing {names}").format(names=", ".join(missing)))
        if unknown:
            problems.append(_("unexpected {names}").format(names=", ".join(unknown)))
        if repeated:
            problems.append(_("repeated {names}").format(names=", ".join(repeated)))
        raise ImportFormatError(
            _(
                "{path} is not {title}: expected the columns {expected}, "
                "but found {found} ({problems}). "
                "Check that you chose the right file and that its first row names these columns."
            ).format(
                path=path,
                title=_(layout.title),
                expected=expected,
                found=", ".join(names),
                problems="; ".join(problems),
            )
        )
    return {name: index for index, name in enumerate(names)}


def _damaged(path: Path, row_number: int, error: Exception) -> ImportFormatError:
    if isinstance(error, UnicodeDecodeError):
        return ImportFormatError(
            _(
                "{path} is not UTF-8 text (near row {row}). "
                "Save it as CSV with UTF-8 encoding and import it again."
            ).format(path=path, row=row_number)
        )
    return ImportFormatError(
        _(
            "{path} cannot be read near row {row}: {error}. "
            "Check that the file is complete, or export it again."
        ).format(path=path, row=row_number, error=error)
    )
