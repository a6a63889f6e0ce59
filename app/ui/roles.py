"""Item data roles that Tandem's table models add to Qt's own."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt

RecordIdRole: Final = int(Qt.ItemDataRole.UserRole) + 1
"""Role whose data is the database id (an int) of the record a row shows."""
