"""The page frame every Tandem document shares: margins, footer and "Page n of m".

The total page count is known only after the last page is laid out, so
``NumberedCanvas`` keeps each finished page back and draws all footers when
the document is saved. That is one layout pass, not two.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.i18n import _
from app.reports.fonts import FONT_REGULAR, register_fonts
from app.reports.styles import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    MUTED_TEXT,
    PAGE_SIZE,
    RULE_COLOUR,
    SMALL_SIZE,
)

# The footer rule sits 6 mm below the frame, the footer text 3.5 mm below the rule.
_FOOTER_RULE_Y = MARGIN_BOTTOM - 6 * mm
_FOOTER_BASELINE = _FOOTER_RULE_Y - 3.5 * mm


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that prints ``footer_label`` and "Page n of m" at the foot of every page."""

    def __init__(self, *args: Any, footer_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_label = footer_label
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        """Hold the finished page back and start a new one."""
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw every held page's footer, now that the page count is known, and write the file."""
        page_count = len(self._held_pages)
        for page_state in self._held_pages:
            self.__dict__.update(page_state)
            self._draw_footer(page_count)
            super().showPage()
        super().save()

    def _draw_footer(self, page_count: int) -> None:
        width = PAGE_SIZE[0]
        page_text = _("Page {page} of {pages}").format(page=self.getPageNumber(), pages=page_count)
        self.saveState()
        self.setStrokeColor(RULE_COLOUR)
        self.setLineWidth(0.5)
        self.line(MARGIN_SIDE, _FOOTER_RULE_Y, width - MARGIN_SIDE, _FOOTER_RULE_Y)
        self.setFillColor(MUTED_TEXT)
        self.setFont(FONT_REGULAR, SMALL_SIZE)
        self.drawString(MARGIN_SIDE, _FOOTER_BASELINE, self._footer_label)
        self.drawRightString(width - MARGIN_SIDE, _FOOTER_BASELINE, page_text)
        self.restoreState()


def build_document(
    out: Path | BinaryIO,
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
    footer_label: str,
) -> None:
    """Lay ``story`` out on A4 pages and write the PDF to ``out``.

    Args:
        out: a file path, or a binary stream that is written to and left open.
        story: the flowables, top to bottom.
        title: the PDF's title metadata.
        author: the PDF's author metadata, usually the company name.
        subject: the PDF's subject metadata.
        footer_label: the text at the left of every page's footer, naming the document.
    """
    register_fonts()
    target: str | BinaryIO = os.fspath(out) if isinstance(out, os.PathLike) else out
    # The frame has no padding of its own, so tables of FRAME_WIDTH line up
    # exactly with the margins and the footer rule.
    frame = Frame(
        MARGIN_SIDE,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        target,
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_SIDE,
        rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator="Tandem",
        pageCompression=1,
        # Without this the canvas names Helvetica in every page's resources,
        # a font that is not embedded.
        initialFontName=FONT_REGULAR,
    )
    document.build(story, canvasmaker=partial(NumberedCanvas, footer_label=footer_label))
