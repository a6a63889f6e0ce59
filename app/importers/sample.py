"""Paths of the sample data shipped with Tandem in resources/sample."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class SampleFiles(NamedTuple):
    """The four sample files: orders in the Online Retail format and the master files."""

    orders: Path
    suppliers: Path
    catalog: Path
    stock: Path


def sample_dir() -> Path:
    """Return the resources/sample folder of the source tree this module belongs to."""
    return Path(__file__).resolve().parents[2] / "resources" / "sample"


def sample_files() -> SampleFiles:
    """Return the paths of the sample orders, suppliers, catalog and stock files."""
    folder = sample_dir()
    return SampleFiles(
        orders=folder / "orders-sample.csv.gz",
        suppliers=folder / "suppliers.csv",
        catalog=folder / "supplier-catalog.csv",
        stock=folder / "stock-on-hand.csv",
    )
