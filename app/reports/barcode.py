"""A Code 128 barcode with its value printed underneath in the document font."""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.reports.fonts import FONT_REGULAR

# NOTE: 0.3 mm narrow bars and a 12 mm height are usual values for Code 128
# on laser-printed paper. No scanner has read these prints in a test yet.
_BAR_WIDTH = 0.3 * mm
_BAR_HEIGHT = 12 * mm
_TEXT_SIZE = 9.0
_TEXT_GAP = 3.0


class LabelledBarcode(Flowable):  # type: ignore[misc]
    """A Code 128 barcode of ``value`` with ``value`` printed centred under the bars.

    ReportLab's own human-readable line is drawn below the flowable's box in a
    font that is not embedded, so this flowable draws the text itself.

    With ``right_quiet_zone=False`` the bars end flush with the text above
    them. Pass it only where white space of at least ten bar widths (3 mm)
    follows anyway, such as the page margin.
    """

    def __init__(self, value: str, *, right_quiet_zone: bool = True) -> None:
        super().__init__()
        if not value or not all(" " <= character <= "~" for character in value):
            raise ValueError(
                f"{value!r} cannot be printed as a Code 128 barcode: use printable ASCII only."
            )
        self.value = value
        quiet_zone_options = {} if right_quiet_zone else {"rquiet": 0.0}
        self._barcode = Code128(
            value, barWidth=_BAR_WIDTH, barHeight=_BAR_HEIGHT, **quiet_zone_options
        )
        self._bars_centre = (
            self._barcode.lquiet
            + (self._barcode.width - self._barcode.lquiet - self._barcode.rquiet) / 2
        )
        self._text_height = _TEXT_SIZE + _TEXT_GAP
        self.width = self._barcode.width
        self.height = _BAR_HEIGHT + self._text_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Return the fixed size: the barcode with its quiet zones, plus the text line."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the bars and, under them, the value."""
        self._barcode.drawOn(self.canv, 0, self._text_height)
        self.canv.setFont(FONT_REGULAR, _TEXT_SIZE)
        self.canv.drawCentredString(self._bars_centre, 2.5, self.value)
