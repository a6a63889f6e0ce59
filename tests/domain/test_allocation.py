"""Allocation and tolerance arithmetic, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.allocation import (
    LineFigures,
    Sourcing,
    check_line,
    derive_so_status,
    distribute,
    over_receipt_limit,
    promised_date,
    purchase_quantity,
    split_supply,
)
from app.domain.states import SOStatus


@pytest.mark.parametrize(
    ("needed", "moq", "pack", "expected"),
    [(5, 1, 1, 5), (5, 12, 1, 12), (5, 1, 6, 6), (7, 12, 5, 15), (13, 12, 6, 18), (0, 12, 6, 0)],
)
def test_purchase_quantity(needed: int, moq: int, pack: int, expected: int) -> None:
    assert purchase_quantity(needed, moq, pack) == expected


@pytest.mark.parametrize(
    ("needed", "free", "sourcing", "expected"),
    [
        (5, 10, Sourcing.AUTO, (5, 0)),
        (5, 3, Sourcing.AUTO, (3, 2)),
        (5, 0, Sourcing.AUTO, (0, 5)),
        (5, 10, Sourcing.BACK_TO_BACK, (0, 5)),
        (5, 3, Sourcing.STOCK, (3, 0)),
        (5, -2, Sourcing.AUTO, (0, 5)),
    ],
)
def test_split_supply(needed: int, free: int, sourcing: Sourcing,
                      expected: tuple[int, int]) -> None:
    assert split_supply(needed, free, sourcing) == expected


def test_distribute_oldest_first() -> None:
    assert distribute(7, [3, 3, 3]) == [3, 3, 1]
    assert distribute(2, [0, 5]) == [0, 2]
    assert distribute(20, [3, 3]) == [3, 3]


@pytest.mark.parametrize(
    ("ordered", "percent", "limit"),
    [
        (10, Decimal("0"), 10),
        (10, Decimal("5"), 10),
        (10, Decimal("10"), 11),
        (7, Decimal("50"), 10),
    ],
)
def test_over_receipt_limit(ordered: int, percent: Decimal, limit: int) -> None:
    assert over_receipt_limit(ordered, percent) == limit


def test_promised_date_uses_longest_lead_time() -> None:
    assert promised_date(date(2011, 1, 3), [5, 14, 7], 2) == date(2011, 1, 19)
    assert promised_date(date(2011, 1, 3), [], 2) == date(2011, 1, 5)


def test_line_invariant_holds() -> None:
    figures = LineFigures(ordered=10, cancelled=1, from_stock=3, on_order=4, confirmed=4,
                          received=2, shipped=5)
    assert figures.still_to_source == 2
    assert (figures.from_stock + figures.on_order + figures.still_to_source
            + figures.cancelled) == figures.ordered
    check_line(figures)


def test_check_line_rejects_shipping_more_than_available() -> None:
    figures = LineFigures(ordered=5, cancelled=0, from_stock=1, on_order=4, confirmed=4,
                          received=1, shipped=3)
    with pytest.raises(AssertionError):
        check_line(figures)


def _line(ordered: int, from_stock: int = 0, on_order: int = 0, received: int = 0,
          shipped: int = 0, unsent: int = 0) -> LineFigures:
    return LineFigures(ordered=ordered, cancelled=0, from_stock=from_stock, on_order=on_order,
                       confirmed=on_order, received=received, shipped=shipped,
                       on_unsent_po=unsent)


@pytest.mark.parametrize(
    ("lines", "status"),
    [
        ([_line(5)], SOStatus.AWAITING_PURCHASE),
        ([_line(5, on_order=5, unsent=5)], SOStatus.AWAITING_PURCHASE),
        ([_line(5, on_order=5)], SOStatus.ON_ORDER),
        ([_line(5, on_order=5, received=3)], SOStatus.PARTLY_READY),
        ([_line(5, from_stock=5)], SOStatus.READY_TO_SHIP),
        ([_line(5, from_stock=2, on_order=3, received=3)], SOStatus.READY_TO_SHIP),
        ([_line(5, on_order=5, received=5, shipped=3)], SOStatus.PARTLY_SHIPPED),
        ([_line(5, on_order=5, received=5, shipped=5)], SOStatus.SHIPPED),
        ([_line(2, from_stock=2, shipped=2), _line(3, on_order=3)], SOStatus.PARTLY_SHIPPED),
    ],
)
def test_derive_so_status(lines: list[LineFigures], status: SOStatus) -> None:
    assert derive_so_status(lines) is status
