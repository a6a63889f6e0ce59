"""The DejaVu TrueType fonts that every Tandem PDF embeds.

ReportLab's built-in fonts (Helvetica and friends) are not embedded and
cover Latin-1 only, so "Zürich" prints but "Łódź" does not. The DejaVu fonts
cover the Latin, Greek and Cyrillic scripts and are embedded as subsets, so a PDF prints the
same on any machine.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

# The repository root contains resources/ next to the app package.
FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

_FONT_FILES = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the DejaVu fonts with ReportLab; later calls return at once.

    Parsing the two font files takes about 20 ms (measured on a two-core
    development machine), so it happens on the first document rendered
    rather than at import. Call it before creating a Paragraph in these fonts.

    Raises:
        FileNotFoundError: a font file is missing from ``FONTS_DIR``.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FONT_FILES.items():
            path = FONTS_DIR / file_name
            if not path.is_file():
                raise FileNotFoundError(
                    f"Font file {path} is missing: restore resources/fonts/ "
                    "from the Tandem installation."
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # Paragraphs look fonts up by family and weight. There is no italic,
        # so italic text prints upright.
        pdfmetrics.registerFontFamily(
            FONT_REGULAR,
            normal=FONT_REGULAR,
            bold=FONT_BOLD,
            italic=FONT_REGULAR,
            boldItalic=FONT_BOLD,
        )
        _registered = True
