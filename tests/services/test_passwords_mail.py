"""Password hashes and supplier e-mail drafts."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from app.services import passwords
from app.services.mail import write_po_draft


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower the scrypt cost so the tests stay quick; the format stays the same."""
    monkeypatch.setattr(passwords, "_N", 2**10)


def test_password_round_trip() -> None:
    stored = passwords.hash_password("Tr1cky pässword")
    assert stored.startswith("scrypt$1024$8$1$")
    assert passwords.verify_password("Tr1cky pässword", stored)
    assert not passwords.verify_password("tr1cky pässword", stored)


def test_same_password_different_salt() -> None:
    assert passwords.hash_password("same") != passwords.hash_password("same")


@pytest.mark.parametrize("stored", ["", "plain", "bcrypt$1$2$3$aa$bb", "scrypt$x$8$1$aa$bb"])
def test_malformed_hash_never_matches(stored: str) -> None:
    assert not passwords.verify_password("anything", stored)


def test_po_draft_carries_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "PO-000007.pdf"
    pdf.write_bytes(b"%PDF-1.4 test bytes")
    out = write_po_draft(tmp_path / "mail" / "PO-000007.eml", to="orders@s1.example",
                         sender="buyer@tandem.example", po_number="PO-000007", revision=2,
                         company="Tandem Wholesale Ltd", supplier="Supplier One", pdf=pdf)

    message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    attachments = list(message.iter_attachments())
    assert message["To"] == "orders@s1.example"
    assert message["X-Unsent"] == "1"
    assert "PO-000007" in message["Subject"]
    assert len(attachments) == 1
    assert attachments[0].get_filename() == "PO-000007.pdf"
    assert attachments[0].get_content() == b"%PDF-1.4 test bytes"
