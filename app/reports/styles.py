"""Paragraph styles, colours and sizes shared by the printed documents."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.reports.fonts import FONT_BOLD, FONT_REGULAR

PAGE_SIZE = A4
MARGIN_SIDE = 15 * mm
MARGIN_TOP = 15 * mm
# The bottom margin leaves room for the footer line with the page number.
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_SIDE

BODY_SIZE = 9.0
BODY_LEADING = 11.0
TABLE_SIZE = 8.5
TABLE_LEADING = 10.5
SMALL_SIZE = 7.5
CELL_PADDING = 3.0

RULE_COLOUR = colors.HexColor("#9a9a9a")
HEADER_BACKGROUND = colors.HexColor("#e4e4e4")
MUTED_TEXT = colors.HexColor("#444444")

TITLE = ParagraphStyle(
    "title",
    fontName=FONT_BOLD,
    fontSize=18,
    leading=22,
    alignment=TA_RIGHT,
)
BODY = ParagraphStyle("body", fontName=FONT_REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING)
PARTY_NAME = ParagraphStyle("party_name", parent=BODY, fontName=FONT_BOLD, fontSize=11, leading=14)
LABEL = ParagraphStyle(
    "label",
    parent=BODY,
    fontSize=SMALL_SIZE,
    leading=9,
    textColor=MUTED_TEXT,
)
DETAIL_LABEL = ParagraphStyle("detail_label", parent=BODY, textColor=MUTED_TEXT)
DETAIL_VALUE = ParagraphStyle("detail_value", parent=BODY, fontName=FONT_BOLD)

# Table cells. splitLongWords (on by default, set here to say so) breaks a
# word wider than its column, such as a long SKU, instead of letting it run
# into the next column.
CELL = ParagraphStyle(
    "cell",
    fontName=FONT_REGULAR,
    fontSize=TABLE_SIZE,
    leading=TABLE_LEADING,
    alignment=TA_LEFT,
    splitLongWords=1,
)
CELL_RIGHT = ParagraphStyle("cell_right", parent=CELL, alignment=TA_RIGHT)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=FONT_BOLD)
CELL_BOLD_RIGHT = ParagraphStyle("cell_bold_right", parent=CELL_BOLD, alignment=TA_RIGHT)
