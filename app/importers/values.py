"""Reading single CSV values: whole numbers, decimal amounts, dates and times.

Numbers are written with ASCII digits, an optional leading minus sign and a
dot as the decimal separator, without thousands separators or exponents.
Dates and times are ISO 8601 (``2010-12-01``, ``2010-12-01 08:26:00``),
without a time zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from app.i18n import _

_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class InvalidRow(Exception):
    """A row that cannot be read, with the reason in the user's words as ``str(error)``."""


class InvalidValue(InvalidRow):
    """A value that cannot be read, named with its column in ``str(error)``."""

    def __init__(self, column: str, value: str, expected: str) -> None:
        super().__init__(column, value, expected)
        self.column = column
        self.value = value
        self.expected = expected

    def __str__(self) -> str:
        if not self.value:
            return _("{column} is missing").format(column=self.column)
        return _("{column} {value!r} is not {expected}").format(
            column=self.column, value=self.value, expected=self.expected
        )


def parse_int(column: str, text: str) -> int:
    """Return the whole number written in ``text``, or raise InvalidValue."""
    if not _INTEGER.fullmatch(text):
        raise InvalidValue(column, text, _("a whole number"))
    return int(text)


def parse_decimal(column: str, text: str) -> Decimal:
    """Return the decimal amount written in ``text``, or raise InvalidValue."""
    if not _DECIMAL.fullmatch(text):
        raise InvalidValue(column, text, _("an amount such as 12.50"))
    return Decimal(text)


def parse_datetime(column: str, text: str) -> datetime:
    """Return the date and time in ``text``, midnight for a date alone."""
    expected = _("a date and time such as 2010-12-01 08:26")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValue(column, text, expected) from None
    if value.tzinfo is not None:
        raise InvalidValue(column, text, expected)
    return value


def parse_date(column: str, text: str) -> date:
    """Return the calendar date in ``text``, or raise InvalidValue."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(column, text, _("a date such as 2010-12-01")) from None


def check_width(values: list[str], columns: dict[str, int]) -> None:
    """Raise InvalidRow unless the row has as many values as the header has columns."""
    if len(values) != len(columns):
        raise InvalidRow(
            _("expected {expected} values, found {found}").format(
                found=len(values), expected=len(columns)
            )
        )


def field(values: list[str], columns: dict[str, int], column: str) -> str:
    """Return the value of ``column`` without surrounding spaces, or "" if it is absent."""
    index = columns.get(column)
    if index is None or index >= len(values):
        return ""
    return values[index].strip()
