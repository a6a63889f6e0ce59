"""Printing results: one JSON document, aligned tables and label blocks for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.numbers import format_number, parse_number
from app.domain.states import PO_STATUS_LABELS, SO_STATUS_LABELS, POStatus, SOStatus
from app.services.views import format_money, to_jsonable

DESCRIPTION_WIDTH = 32
EMPTY = "-"


def print_json(value: Any) -> None:
    """Print ``value`` as one JSON document: money as strings, dates in ISO 8601."""
    sys.stdout.write(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False) + "\n")


def print_lines(lines: Iterable[str]) -> None:
    for line in lines:
        sys.stdout.write(line + "\n")


def cell(value: object) -> str:
    """Return the text of a table cell: money with two decimals, times local, None as a dash."""
    if value is None:
        return EMPTY
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, datetime):
        # Stored times are UTC; a time without a zone is read as UTC too.
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def shorten(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """Cut ``text`` to ``width`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Return the lines of a table with aligned columns.

    A column whose values are all numbers (int or Decimal) or None is right-aligned.
    """
    texts = [[cell(value) for value in row] for row in rows]
    numeric = [_is_numeric([row[i] for row in rows]) for i in range(len(headers))]
    widths = [max([len(header), *(len(row[i]) for row in texts)])
              for i, header in enumerate(headers)]
    lines = []
    for row in [list(headers), *texts]:
        parts = [text.rjust(width) if right else text.ljust(width)
                 for text, width, right in zip(row, widths, numeric, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return lines


def _is_numeric(values: Sequence[object]) -> bool:
    present = [value for value in values if value is not None]
    return bool(present) and all(isinstance(value, int | Decimal) and not isinstance(value, bool)
                                 for value in present)


def format_fields(fields: Sequence[tuple[str, object]]) -> list[str]:
    """Return ``label: value`` lines with the values aligned."""
    width = max(len(label) for label, _value in fields) + 1
    return [f"{label + ':':<{width}} {cell(value) or EMPTY}" for label, value in fields]


def so_status(value: str) -> str:
    """Return the label people read for an SO status value, such as "On order"."""
    try:
        return SO_STATUS_LABELS[SOStatus(value)]
    except ValueError:
        return value


def po_status(value: str) -> str:
    """Return the label people read for a PO status value, such as "Awaiting approval"."""
    try:
        return PO_STATUS_LABELS[POStatus(value)]
    except ValueError:
        return value


def document_number(prefix: str, text: str) -> str:
    """Return a typed number as people read it: ``po-45`` becomes ``PO-000045``."""
    record_id = parse_number(prefix, text)
    return text if record_id is None else format_number(prefix, record_id)
