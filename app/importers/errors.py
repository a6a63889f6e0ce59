"""The error raised when a whole file cannot be imported."""

from __future__ import annotations

from app.domain.errors import InvalidInput


class ImportFormatError(InvalidInput, ValueError):
    """A file is not in the expected format: wrong header, not UTF-8 text, damaged.

    ``str(error)`` names the file, what was expected, what was found and what
    to do. Rows that cannot be read do not raise this error: the readers leave
    them out and count them in the import summary.
    """
