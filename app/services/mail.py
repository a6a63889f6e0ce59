"""E-mail drafts to suppliers, written as .eml files for the user's mail program.

Nothing is sent from Tandem: the draft opens in the mail program, where a
person reads it and presses Send.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from app.domain.errors import DocumentNotWritten
from app.i18n import _


def write_po_draft(out: Path, *, to: str, sender: str, po_number: str, revision: int,
                   company: str, supplier: str, pdf: Path) -> Path:
    """Write an unsent e-mail with the PO's PDF attached; return the .eml file."""
    message = EmailMessage()
    message["To"] = to
    message["From"] = sender
    message["Date"] = formatdate(localtime=True)
    message["Subject"] = _("Purchase order {po} (revision {revision}) from {company}").format(
        po=po_number, revision=revision, company=company)
    # NOTE: Outlook reads X-Unsent as "open as a draft". No mail program was tried
    # here, and others may show the file as received mail.
    message["X-Unsent"] = "1"
    message.set_content(_(
        "Dear {supplier},\n\nplease find attached our purchase order {po}. Kindly confirm "
        "the quantities and delivery dates, quoting {po}.\n\nKind regards,\n{company}\n"
    ).format(supplier=supplier, po=po_number, company=company))
    try:
        message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf",
                               filename=pdf.name)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(bytes(message))
    except OSError as error:
        raise DocumentNotWritten(_("Could not write the e-mail draft {path}: {reason}. Choose "
                                   "another folder, then try again.").format(
            path=out, reason=error.strerror or error)) from error
    return out
