"""Backend text never reaches the terminal as an escape sequence (CLI and TUI share this)."""

from __future__ import annotations

from app.plain_text import printable


def test_control_characters_are_made_visible() -> None:
    shown = printable("a\x1b[2Jb\x00c\x9bd\x07")
    assert shown == "a␛[2Jb\\x00c\\x9bd\\x07"
    assert all(ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0 for ch in shown)


def test_newlines_kept_or_marked_and_markup_untouched() -> None:
    assert printable("one\r\ntwo\nthree") == "one⏎two⏎three"
    assert printable("one\ntwo\x1b", keep_newlines=True) == "one\ntwo␛"
    assert printable("[bold red]x[/] æøå 🙂") == "[bold red]x[/] æøå 🙂"
    assert printable(None) == ""
