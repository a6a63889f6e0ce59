"""CSV readers that turn order and master files into plain records.

The readers use neither the database nor Qt. Each returns an iterator of
records from ``app.importers.records`` and counts what it did with every row
in an ``ImportSummary``, by the categories in ``app.importers.categories``.
A file that cannot be imported at all raises ``ImportFormatError``. Every
reader takes ``progress``, called with the bytes read so far, and the total
is the file's size on disk. The formats are described in docs/import-formats.md.
"""

from app.importers.csvfile import Progress
from app.importers.errors import ImportFormatError
from app.importers.master import read_catalog, read_stock, read_suppliers
from app.importers.online_retail import read_online_retail_orders
from app.importers.records import (
    CatalogRecord,
    OrderLineRecord,
    OrderRecord,
    StockRecord,
    SupplierRecord,
)
from app.importers.sample import SampleFiles, sample_dir, sample_files
from app.importers.summary import ImportSummary
from app.importers.tandem import read_tandem_orders, write_tandem_orders

__all__ = [
    "CatalogRecord",
    "ImportFormatError",
    "ImportSummary",
    "OrderLineRecord",
    "OrderRecord",
    "Progress",
    "SampleFiles",
    "StockRecord",
    "SupplierRecord",
    "read_catalog",
    "read_online_retail_orders",
    "read_stock",
    "read_suppliers",
    "read_tandem_orders",
    "sample_dir",
    "sample_files",
    "write_tandem_orders",
]
