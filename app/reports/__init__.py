"""Printed documents: the purchase order and the packing slip, as PDF.

Reports read the plain dataclasses of ``app.domain.documents`` and import no
database or Qt code.
"""

from app.reports.packing_slip import render_packing_slip
from app.reports.purchase_order import render_purchase_order

__all__ = ["render_packing_slip", "render_purchase_order"]
