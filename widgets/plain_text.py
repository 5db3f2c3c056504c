"""Text from a backend is shown literally: no markup parsed, no escape sequence reaches the terminal."""

from __future__ import annotations

# C0 and C1 control characters become visible symbols (ESC would start a terminal sequence).
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0, 32), *range(0x7F, 0xA0)]}
_CONTROL[0x1B] = "␛"
_CONTROL[0x09] = " "


def printable(text: str | None) -> str:
    """One line of `text` safe to paint: control characters made visible, newlines shown as ⏎."""
    if not text:
        return ""
    return text.replace("\r\n", "⏎").replace("\n", "⏎").translate(_CONTROL)
