"""Document numbers as users see and type them: SO-000123, PO-000045, SH-000067."""

from __future__ import annotations

import re

SO_PREFIX = "SO"
PO_PREFIX = "PO"
SHIPMENT_PREFIX = "SH"

_NUMBER = re.compile(r"^\s*([A-Za-z]{2})-?(\d{1,12})\s*$")


def format_number(prefix: str, record_id: int) -> str:
    """Return the number shown for the record with database id ``record_id``."""
    return f"{prefix}-{record_id:06d}"


def parse_number(prefix: str, text: str) -> int | None:
    """Return the id in a typed number such as ``po-45`` or ``PO-000045``, or None.

    Scanners and people drop zeros and change case, so both are accepted.
    """
    match = _NUMBER.match(text)
    if match is None or match.group(1).upper() != prefix:
        return None
    return int(match.group(2))
