"""The queue of purchase orders awaiting a manager's approval, oldest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.numbers import PO_PREFIX
from app.services.lists import ApprovalQueueSource
from app.ui.pages.list_page import ListPage, PageSetup
from app.ui.pages.purchase_actions import PurchaseOrderActions
from app.ui.workstation import Workstation

# Rows on either side of the decided PO's old row searched for the next PO.
_NEXT_SEARCH_ROWS = 2


class ApprovalsPage(ListPage):
    """Enter opens the approval dialog on the selected PO.

    After an approval or a rejection the PO leaves the queue and the page
    selects the PO that followed it in the list, without opening its
    dialog, so the manager looks at the list again and goes on with Enter.
    When that PO left the queue too, the row the decided PO was on stays
    selected. A dialog closed without a decision changes nothing.
    """

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        setup = PageSetup(
            source=ApprovalQueueSource(workstation.db),
            prefix=PO_PREFIX,
            filter_hint=QCoreApplication.translate(
                "ApprovalsPage", "Number, supplier or SKU"),
            sort_key="submitted_at",
            stretch_key="supplier",
        )
        super().__init__(workstation, setup, parent)
        self.setObjectName("approvalsPage")
        self.order_actions = PurchaseOrderActions(workstation, self, self.current_number)
        self.set_open_action(self.order_actions.review)
        self.add_action(self.order_actions.open)
        # Ids of the PO under review and of the one after it, while its dialog is open.
        self._reviewing: tuple[int, int | None] | None = None
        self.order_actions.review.triggered.connect(self._review_started)

    def _review_started(self) -> None:
        row = self.current_row()
        dialog = self.order_actions.dialog
        if row is None or dialog is None:
            return
        following = self.model.row_at(row + 1)
        self._reviewing = (self.model.record_id(row),
                           following.id if following is not None else None)
        dialog.finished.connect(self._review_finished)

    def _review_finished(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self._reviewing = None

    def refresh(self) -> None:
        """Read the queue again; after a decision, select the PO that followed the decided one."""
        row = self.current_row()
        super().refresh()
        if self._reviewing is None or row is None:
            return
        decided, following = self._reviewing
        nearby = self._rows_near(row)
        if decided in nearby:
            return
        self._reviewing = None
        if following in nearby:
            self.select_row(nearby[following])

    def _rows_near(self, row: int) -> dict[int, int]:
        """Return the rows around ``row``, keyed by record id."""
        found = {}
        for near in range(max(0, row - _NEXT_SEARCH_ROWS), row + _NEXT_SEARCH_ROWS + 1):
            shown = self.model.row_at(near)
            if shown is not None:
                found[shown.id] = near
        return found
