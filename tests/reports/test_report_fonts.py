"""Registering the embedded DejaVu fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reports import fonts


def test_fonts_shipped() -> None:
    assert (fonts.FONTS_DIR / "DejaVuSans.ttf").is_file()
    assert (fonts.FONTS_DIR / "DejaVuSans-Bold.ttf").is_file()
    assert (fonts.FONTS_DIR / "LICENSE-DejaVu.txt").is_file()


def test_fonts_missing_file_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "FONTS_DIR", tmp_path)
    monkeypatch.setattr(fonts, "_registered", False)

    with pytest.raises(FileNotFoundError, match=r"DejaVuSans\.ttf is missing"):
        fonts.register_fonts()
