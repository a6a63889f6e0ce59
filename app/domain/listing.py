"""Plain data for paged, sorted and filtered lists of records.

A service implements :class:`RowSource` over its own query, so a screen can
show a list of any length. The screen requests the number of matching
records first, then one page of rows at a time. Counting, sorting and filtering happen in the
source (in SQL), never over a whole table loaded into Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

Alignment = Literal["left", "right"]


@dataclass(frozen=True)
class Column:
    """One column of a list: its key for sorting, its title and its alignment.

    ``key`` is what :attr:`ListQuery.sort_key` carries, and the source maps it
    to its own SQL expression. Numbers are conventionally aligned right.
    """

    key: str
    title: str
    align: Alignment = "left"
    sortable: bool = True


@dataclass(frozen=True)
class ListQuery:
    """Filter and sort order of a list, as the user set them.

    ``text`` is a search string that the source matches against the columns
    it chooses (for example number, reference and customer). ``status``
    keeps only records in that status, or all records when None.
    ``sort_key`` is a :attr:`Column.key`, or None for the source's natural
    order. ``extra`` carries filters that only one source understands, such
    as a supplier id. It is treated as read-only and left out of the hash.
    """

    text: str = ""
    status: str | None = None
    sort_key: str | None = None
    descending: bool = False
    extra: Mapping[str, object] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Row:
    """One record of a list: its database id and its values in column order.

    ``attention`` marks a record that needs a person, and the list highlights it.
    """

    id: int
    values: tuple[object, ...]
    attention: bool = False


class RowSource(Protocol):
    """Counts and fetches the records of one list, one page at a time.

    ``fetch`` must return rows in a stable, total order for a given query (add
    the record id as the last sort key), so that pages neither overlap nor
    skip records.
    """

    @property
    def columns(self) -> Sequence[Column]:
        """The columns of every row, in the order of :attr:`Row.values`."""
        ...

    def count(self, query: ListQuery) -> int:
        """Count the records that match ``query``."""
        ...

    def fetch(self, query: ListQuery, offset: int, limit: int) -> list[Row]:
        """Fetch at most ``limit`` matching rows, skipping the first ``offset``."""
        ...
