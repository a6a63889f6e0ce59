"""Parsing ``SKU=QTY`` and ``SKU=QTY@YYYY-MM-DD`` arguments of confirm, receive and ship.

A SKU may itself contain ``=`` or spaces, so the text is split on its last
``=``. The quantity is a whole number of units, 0 or more. Parse errors are
``argparse.ArgumentTypeError``, which argparse reports as usage errors (exit
code 2) that name the argument.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from app.i18n import _

_QUANTITY = re.compile(r"[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class SkuQuantity(NamedTuple):
    """One ``SKU=QTY[@date]`` argument."""

    sku: str
    quantity: int
    expected_date: date | None = None


def sku_quantity(text: str) -> SkuQuantity:
    """Parse ``SKU=QTY``, such as ``85123A=6``."""
    sku, quantity_text = _split(text, _("SKU=QTY, such as 85123A=6"))
    return SkuQuantity(sku, _quantity(text, quantity_text, _("SKU=QTY, such as 85123A=6")))


def sku_quantity_date(text: str) -> SkuQuantity:
    """Parse ``SKU=QTY`` or ``SKU=QTY@YYYY-MM-DD``, such as ``85123A=6@2024-06-30``."""
    form = _("SKU=QTY or SKU=QTY@YYYY-MM-DD, such as 85123A=6@2024-06-30")
    sku, rest = _split(text, form)
    quantity_text, at, date_text = rest.partition("@")
    quantity = _quantity(text, quantity_text, form)
    if not at:
        return SkuQuantity(sku, quantity)
    return SkuQuantity(sku, quantity, _date(text, date_text.strip()))


def _split(text: str, form: str) -> tuple[str, str]:
    sku, equals, rest = text.rpartition("=")
    if not equals or not sku.strip():
        raise argparse.ArgumentTypeError(
            _("'{text}' is not in the form {form}.").format(text=text, form=form))
    return sku.strip(), rest.strip()


def _quantity(text: str, quantity_text: str, form: str) -> int:
    if not _QUANTITY.fullmatch(quantity_text):
        raise argparse.ArgumentTypeError(
            _("'{text}' has no whole number of units after '=': use the form {form}.").format(
                text=text, form=form))
    return int(quantity_text)


def _date(text: str, date_text: str) -> date:
    try:
        if not _DATE.fullmatch(date_text):
            raise ValueError(date_text)
        return date.fromisoformat(date_text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' has no valid date after '@': write it as YYYY-MM-DD, such as "
              "2024-06-30.").format(text=text)) from None


class CollectItems(argparse.Action):
    """Collect ``SKU=QTY`` values into a list; a SKU given twice is a usage error.

    Repeated options (``--reject A=1 --reject B=2``) add to the same list. An
    empty positional list is stored as None, which the services read as
    "everything open".
    """

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        new = [values] if isinstance(values, SkuQuantity) else list(values or [])
        items: list[SkuQuantity] = list(getattr(namespace, self.dest, None) or []) + new
        seen: set[str] = set()
        for item in items:
            if item.sku in seen:
                parser.error(_("SKU '{sku}' is given twice in {name}; give each SKU once.")
                             .format(sku=item.sku, name=option_string or self.metavar))
            seen.add(item.sku)
        setattr(namespace, self.dest, items or None)


def quantities(items: list[SkuQuantity] | None) -> dict[str, int] | None:
    """Return ``{sku: quantity}``, or None when no items were given."""
    if items is None:
        return None
    return {item.sku: item.quantity for item in items}
