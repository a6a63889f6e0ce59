"""A window-modal box that shows the outcome of a job with its full report as text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_BOX_WIDTH = 640
# A longer report scrolls; a shorter one gets a box just tall enough for it.
_MAX_VISIBLE_LINES = 16
# Pixels around the text inside the report's frame.
_REPORT_CHROME = 16


class ResultBox(QDialog):
    """A headline and a read-only, selectable report below it, closed with Close or Escape.

    The report keeps its lines as given and wraps long ones, so a summary with
    examples can be read, selected and copied in full. :meth:`add_button`
    adds a button beside Close, such as "Open Folder".
    """

    def __init__(self, title: str, headline: str, report: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBox")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.headline = QLabel(headline)
        self.headline.setObjectName("resultHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.report = QPlainTextEdit(report)
        self.report.setObjectName("resultReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.report.setVisible(bool(report))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self._fit_height(report)

    def _fit_height(self, report: str) -> None:
        lines = max(1, len(report.splitlines()))
        shown = min(_MAX_VISIBLE_LINES, lines)
        height = shown * self.report.fontMetrics().lineSpacing() + _REPORT_CHROME
        if lines <= _MAX_VISIBLE_LINES:
            self.report.setFixedHeight(height)
        else:
            self.report.setMinimumHeight(height)
        self.resize(_BOX_WIDTH, self.sizeHint().height())

    def add_button(self, text: str, name: str) -> QPushButton:
        """Add a button left of Close; the caller connects its ``clicked`` signal."""
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        return button
