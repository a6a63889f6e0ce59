"""The base of the dialogs that list what a change would touch before it is saved.

A subclass puts its fields into :attr:`ImpactDialog.form` and returns the
service call for the values typed from :meth:`ImpactDialog.change`. The base
runs that call through :func:`app.services.impact.preview`, which rolls it
back, and lists the sentences it returns. A change the rules forbid shows the
service's message instead, and the save button stays disabled. Saving runs
the same call for real.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import TandemError
from app.persistence.database import Database
from app.services.impact import preview
from app.services.queries import get_sales_order
from app.services.views import SalesOrderLineView
from app.ui.dialogs.grid import message_label, show_message
from app.ui.operations import run_action

# A service call that makes the change and returns what it did, one sentence each.
Change = Callable[[], list[str]]


class ImpactDialog(QDialog):
    """A change chosen in :attr:`form`, the sentences of what it touches, and a save button.

    The subclass sets the window title, which also titles error messages.
    With ``destructive`` set, the button that keeps everything as it is
    becomes the default, so Enter does not cancel a PO by accident.

    After a save, :attr:`done_lines` contains the sentences the service returned.
    """

    def __init__(self, db: Database, user: str, *, destructive: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user = user
        self.done_lines: list[str] = []

        self.form = QFormLayout()
        self.note = message_label("changeNote", note=True)
        self.impact_caption = QLabel(self.tr("Saving this change will:"))
        self.impact_list = QListWidget()
        self.impact_list.setObjectName("impactList")
        # Each sentence names an order, a line and a quantity: wrap it rather than cut it off.
        self.impact_list.setWordWrap(True)
        self.impact_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.impact_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.impact_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The list is as tall as its sentences, so the dialog opens without an empty block.
        self.impact_list.setSizeAdjustPolicy(
            QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.impact_list.setSpacing(1)
        self.choices = QLabel()
        self.choices.setObjectName("choicesLabel")
        self.choices.setWordWrap(True)
        self.choices.setTextFormat(Qt.TextFormat.PlainText)
        self.choices.setVisible(False)
        self.message = message_label("changeMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.keep_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.keep_button.setObjectName("keepButton")
        if destructive:
            self.save_button.setAutoDefault(False)
            self.keep_button.setDefault(True)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def label_buttons(self, save: str, keep: str = "") -> None:
        """Name the save button after the action, and the button that closes without a change.

        An empty ``keep`` leaves that button's standard "Cancel".
        """
        self.save_button.setText(save)
        if keep:
            self.keep_button.setText(keep)

    def lay_out(self, context: Sequence[QWidget] = ()) -> None:
        """Arrange the form, the ``context`` widgets, the impact list and the buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        for widget in context:
            layout.addWidget(widget)
        layout.addWidget(self.impact_caption)
        layout.addWidget(self.impact_list, 1)
        layout.addWidget(self.choices)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def change(self) -> Change | None:
        """Return the service call for the values typed, or None while nothing would change."""
        raise NotImplementedError

    def impact(self, change: Change) -> list[str]:
        """Return what ``change`` would touch, by default the sentences it returns, rolled back."""
        return preview(self._db, change)

    def no_impact_text(self) -> str:
        """Return the sentence listed when the change touches nothing else."""
        return self.tr("Change nothing else.")

    def choices_text(self, touched: Sequence[str]) -> str:
        """Return what the clerk can do after the change, or "" when there is nothing to add."""
        return ""

    def items(self) -> list[str]:
        """Return the sentences the impact list shows."""
        return [self.impact_list.item(row).text() for row in range(self.impact_list.count())]

    def update_impact(self) -> None:
        """List what the values typed would change, or why they cannot."""
        self.impact_list.clear()
        show_message(self.message, "")
        self._show_choices("")
        change = self.change()
        if change is None:
            self.save_button.setEnabled(False)
            return
        try:
            touched = self.impact(change)
        except TandemError as error:
            show_message(self.message, str(error))
            self.save_button.setEnabled(False)
            return
        self.impact_list.addItems(touched or [self.no_impact_text()])
        self._show_choices(self.choices_text(touched))
        self.save_button.setEnabled(True)

    def _show_choices(self, text: str) -> None:
        self.choices.setText(text)
        self.choices.setVisible(bool(text))

    def _save(self) -> None:
        change = self.change()
        if change is None:
            return
        done = run_action(self, self.windowTitle(), change)
        if done is not None:
            self.done_lines = done
            self.accept()


class SalesLineDialog(ImpactDialog):
    """An impact dialog about one line of an SO, picked in :attr:`line_combo`.

    The subclass sets the window title, adds its own fields to :attr:`form`
    after the line, calls
    :meth:`start` once the form is complete, and fills its fields for the
    chosen line in :meth:`line_chosen`.

    Raises:
        TandemError: from the constructor when the SO does not exist.
    """

    def __init__(self, db: Database, user: str, so_number: str,
                 parent: QWidget | None = None) -> None:
        view = get_sales_order(db, so_number)
        super().__init__(db, user, parent=parent)
        self._view = view
        self.line_combo = QComboBox()
        self.line_combo.setObjectName("lineCombo")
        for line in view.lines:
            self.line_combo.addItem(self.line_text(line), line.line)
        self.form.addRow(self.tr("&Line:"), self.line_combo)

    @property
    def line(self) -> SalesOrderLineView:
        """The SO line chosen, as it was when the dialog opened."""
        return self._view.lines[self.line_combo.currentIndex()]

    def line_text(self, line: SalesOrderLineView) -> str:
        """Return how the combo names ``line``."""
        return self.tr("Line {n}: {sku} {description} ({qty})").format(
            n=line.line, sku=line.sku, description=line.description, qty=line.ordered)

    def start(self, line_no: int) -> None:
        """Lay the dialog out and choose SO line ``line_no``, or the first line."""
        self.lay_out()
        self.line_combo.setCurrentIndex(max(0, self.line_combo.findData(line_no)))
        self._line_changed()
        self.line_combo.currentIndexChanged.connect(self._line_changed)

    def line_chosen(self) -> None:
        """Fill the subclass's fields for the line chosen, before the impact is listed."""

    def _line_changed(self) -> None:
        self.line_chosen()
        self.update_impact()
