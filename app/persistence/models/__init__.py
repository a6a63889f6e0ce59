"""SQLAlchemy 2 typed models of Tandem."""

from app.persistence.models.audit import AuditEvent
from app.persistence.models.base import Base
from app.persistence.models.master import (
    CatalogEntry,
    Customer,
    Product,
    Role,
    Setting,
    Supplier,
    User,
)
from app.persistence.models.purchasing import (
    Allocation,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
)
from app.persistence.models.sales import (
    AttentionReason,
    Payment,
    SalesOrder,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
    StockReservation,
)

__all__ = [
    "Allocation",
    "AttentionReason",
    "AuditEvent",
    "Base",
    "CatalogEntry",
    "Customer",
    "Payment",
    "Product",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "Receipt",
    "ReceiptLine",
    "Role",
    "SalesOrder",
    "SalesOrderLine",
    "Setting",
    "Shipment",
    "ShipmentLine",
    "StockReservation",
    "Supplier",
    "User",
]
