"""Backend text never reaches the terminal as an escape sequence (CLI and TUI share this)."""

from __future__ import annotations

import sys
import unicodedata

from app.plain_text import one_for_one, printable

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # embeddings, overrides, isolates
MARKS_AND_ZERO_WIDTH = "\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"


def test_control_characters_are_made_visible() -> None:
    shown = printable("a\x1b[2Jb\x00c\x9bd\x07")
    assert shown == "a␛[2Jb\\x00c\\x9bd\\x07"
    assert all(ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0 for ch in shown)


def test_newlines_kept_or_marked_and_markup_untouched() -> None:
    assert printable("one\r\ntwo\nthree") == "one⏎two⏎three"
    assert printable("one\ntwo\x1b", keep_newlines=True) == "one\ntwo␛"
    assert printable("[bold red]x[/] æøå 🙂") == "[bold red]x[/] æøå 🙂"
    assert printable(None) == ""


def test_bidi_overrides_and_invisible_characters_are_named_in_one_line() -> None:
    assert printable("\u202eexe.txt a\u200bb") == "⟨U+202E⟩exe.txt a⟨U+200B⟩b"
    assert printable(BIDI + MARKS_AND_ZERO_WIDTH) == "".join(f"⟨U+{ord(ch):04X}⟩" for ch in BIDI + MARKS_AND_ZERO_WIDTH)
    assert printable("tag\U000e0041\U000e007f") == "tag⟨U+E0041⟩⟨U+E007F⟩", "tag characters hide text too"
    assert printable("one\u2028two\u2029") == "one⏎two⏎"


def test_a_body_keeps_what_real_writing_needs_but_never_a_reordering_character() -> None:
    body = "سلام\u200cدنیا\n👩\u200d💻 \u200fשלום"  # a Persian joiner, an emoji sequence, a right-to-left mark
    assert printable(body, keep_newlines=True) == body
    assert printable("a\u202eb\nc\u2066d\u2069", keep_newlines=True) == "a⟨U+202E⟩b\nc⟨U+2066⟩d⟨U+2069⟩"
    assert printable("one\u2028two", keep_newlines=True) == "one\ntwo"


def test_a_lone_surrogate_cannot_reach_the_terminal() -> None:
    shown = printable("a\ud800b") + printable("c\udfffd", keep_newlines=True) + one_for_one("\ud83d")
    assert shown == "a⟨U+D800⟩bc⟨U+DFFF⟩d\ufffd"
    shown.encode("utf-8")  # would raise for a lone surrogate


def test_every_format_character_of_this_python_is_named_in_one_line() -> None:
    """The list in app/plain_text.py is written out (looking each character up would cost the 1 MB note);
    this checks it against the Unicode tables of the Python that runs the tests."""
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if unicodedata.category(chr(code)) == "Cf" and printable(chr(code)) == chr(code)]
    assert missed == []


def test_one_for_one_keeps_length_and_positions() -> None:
    value = "a\x1b]0;x\x07\tb\u202ec\u200bd\n\x7f\x9b"
    shown = one_for_one(value)
    assert len(shown) == len(value) and shown == "a␛]0;x␇\tb\ufffdc\ufffdd⏎␡\ufffd"
    assert one_for_one("[bold]Åsa[/] 🙂") == "[bold]Åsa[/] 🙂"


def test_the_screens_get_text_and_content_never_markup() -> None:
    from rich.text import Text

    from widgets.outside_text import lines, literal, options, title

    assert literal("[/] [@click=app.quit]x[/]\x1b").plain == "[/] [@click=app.quit]x[/]␛"
    assert title("MESSAGE FROM USER", "[/]", None, "\u202eevil").plain == "MESSAGE FROM USER · [/] · ⟨U+202E⟩evil"
    assert lines("one [b]\u200b\ntwo\x1b") == "one [b]⟨U+200B⟩\ntwo␛"
    assert options([("[reverse]r[/]", 1)]) == [(Text("[reverse]r[/]"), 1)]
