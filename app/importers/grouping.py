"""Grouping the rows of an order file into orders by their order number.

Order files list the rows of one order one after another. When an order
number comes back after other orders, its parts are joined into one order,
which is yielded when its last part has been read. Finding such numbers takes
a first pass over the file that reads only the order number column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

Row = tuple[int, list[str]]


@dataclass
class RowGroup:
    """The rows of one order number, in file order.

    ``part_starts`` contains the first row number of each contiguous part, so it
    has more than one entry when the order was split across the file.
    """

    reference: str
    rows: list[Row] = field(default_factory=list)
    part_starts: list[int] = field(default_factory=list)


def _reference(values: list[str], key_index: int) -> str:
    return values[key_index].strip() if key_index < len(values) else ""


def count_split_parts(rows: Iterable[Row], key_index: int) -> dict[str, int]:
    """Return the order numbers whose rows form several parts, with the number of parts."""
    parts: dict[str, int] = {}
    previous: str | None = None
    for _row_number, values in rows:
        reference = _reference(values, key_index)
        if reference != previous:
            parts[reference] = parts.get(reference, 0) + 1
            previous = reference
    return {reference: count for reference, count in parts.items() if count > 1}


def group_rows(rows: Iterable[Row], key_index: int, split: dict[str, int]) -> Iterator[RowGroup]:
    """Yield one RowGroup per order number, joining the parts listed in ``split``.

    ``split`` comes from ``count_split_parts`` over the same rows. The parts of
    a split order stay in memory until its last part is read.
    """
    # NOTE: a file sorted by another column than the order number splits most
    # orders, and then most of the file is held here until its end.
    remaining = dict(split)
    pending: dict[str, RowGroup] = {}
    current: RowGroup | None = None
    for row_number, values in rows:
        reference = _reference(values, key_index)
        if current is None or reference != current.reference:
            if current is not None:
                yield from _finish_part(current, remaining, pending)
            current = pending.pop(reference, None) or RowGroup(reference)
            current.part_starts.append(row_number)
        current.rows.append((row_number, values))
    if current is not None:
        yield from _finish_part(current, remaining, pending)
    # Parts still pending here mean that the file changed between the two
    # passes. They are yielded as they are.
    yield from pending.values()


def _finish_part(
    group: RowGroup, remaining: dict[str, int], pending: dict[str, RowGroup]
) -> Iterator[RowGroup]:
    if group.reference not in remaining:
        yield group
        return
    remaining[group.reference] -= 1
    if remaining[group.reference] == 0:
        del remaining[group.reference]
        yield group
    else:
        pending[group.reference] = group
