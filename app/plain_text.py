"""Text from a backend is shown literally: no escape sequence reaches the terminal.

Used by the TUI (which also never parses markup in such text) and by the command line.
"""

from __future__ import annotations

# C0 and C1 control characters become visible symbols (ESC would start a terminal sequence).
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0, 32), *range(0x7F, 0xA0)]}
_CONTROL[0x1B] = "␛"
_CONTROL[0x09] = "    "


def printable(text: str | None, keep_newlines: bool = False) -> str:
    """`text` safe to print: control characters made visible; newlines kept or shown as ⏎."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    if keep_newlines:
        return "\n".join(line.translate(_CONTROL) for line in text.split("\n"))
    return text.replace("\n", "⏎").translate(_CONTROL)
