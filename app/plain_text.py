"""Text from outside is shown literally: no escape sequence reaches the terminal, nothing hides or reorders it.

Outside is everything Helpline did not write itself: a ticket's fields, a mail sender's name on RT, a team's
name in the directory, an error a server sent, a file name, a draft. The TUI (which also never parses markup
in such text: widgets/outside_text.py) and the command line show it only through these functions.
"""

from __future__ import annotations

# C0 and C1 control characters become visible symbols (ESC would start a terminal sequence: a title, the
# clipboard, a cleared screen).
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0, 32), *range(0x7F, 0xA0)]}
_CONTROL[0x1B] = "␛"
_CONTROL[0x09] = "    "


def _shown(code: int) -> str:
    return f"⟨U+{code:04X}⟩"


# Bidi embeddings, overrides and isolates reorder everything after them ("\u202eevil.exe" reads backwards):
# made visible wherever they are. So are lone surrogates, which a JSON document can carry and no terminal
# can be sent (encoding them fails).
_REORDERING = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)]
# Invisible characters: bidi marks, zero-width spaces and joiners, the word joiner, the byte order mark, the
# soft hyphen and every other format character (Unicode category Cf, tests/test_plain_text.py checks the
# list against this Python's tables), tag characters. A one-line field (a name, a subject, a team) is told
# apart at a glance, so each is shown there; a body keeps them, as Persian, Hebrew and emoji need them.
_INVISIBLE = [
    0x00AD, *range(0x0600, 0x0606), 0x061C, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x180E,
    *range(0x200B, 0x2010), *range(0x2060, 0x2065), *range(0x206A, 0x2070), 0xFEFF, *range(0xFFF9, 0xFFFC),
    0x110BD, 0x110CD, *range(0x13430, 0x13440), *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), 0xE0001,
    *range(0xE0020, 0xE0080),
]

# keep_newlines: a body, its lines kept. Line and paragraph separators are line breaks like any other.
_BODY: dict[int, str] = {**_CONTROL, **{code: _shown(code) for code in _REORDERING}, 0x2028: "\n", 0x2029: "\n"}
del _BODY[0x0A]
# One line: every invisible character shown, every line break a ⏎.
_ONE_LINE: dict[int, str] = {**_BODY, **{code: _shown(code) for code in _INVISIBLE}, 0x0A: "⏎", 0x2028: "⏎",
                             0x2029: "⏎"}

# A field being edited needs one character per character, or its cursor would not match the text: C0 as
# the control pictures (␛ for ESC), DEL as ␡, anything else not to be shown as the replacement character.
_ONE_FOR_ONE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0, 32) if code != 0x09}
_ONE_FOR_ONE[0x0A] = "⏎"
_ONE_FOR_ONE[0x7F] = "␡"
_ONE_FOR_ONE.update({code: "\ufffd" for code in [*range(0x80, 0xA0), *_REORDERING, *_INVISIBLE, 0x2028, 0x2029]})


def printable(text: str | None, keep_newlines: bool = False) -> str:
    """`text` safe to print: control characters made visible, and so are bidi overrides and (in one line)
    invisible characters, e.g. ⟨U+202E⟩; newlines kept (`keep_newlines`, for a body) or shown as ⏎."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    return text.translate(_BODY if keep_newlines else _ONE_LINE)


def one_for_one(text: str) -> str:
    """`text` with each character that must not reach the terminal replaced by one visible character (same
    length, same positions): how a field the agent edits shows its value without changing it."""
    return text.translate(_ONE_FOR_ONE)
