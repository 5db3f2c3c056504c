"""Ticket codes like `HL-1234` and how they travel in subjects (R-TICKET-7)."""

from __future__ import annotations

import re

PREFIX = "HL"
_CODE = re.compile(r"\bHL-(\d{1,9})\b", re.IGNORECASE)
_EXACT = re.compile(r"^\s*HL-(\d{1,9})\s*$", re.IGNORECASE)


def format_code(number: int) -> str:
    return f"{PREFIX}-{number}"


def parse_code(text: str) -> int | None:
    """The number of a code typed by a person (`hl-42`, ` HL-42 `), or None."""
    match = _EXACT.match(text)
    return int(match.group(1)) if match else None


def codes_in(text: str) -> list[str]:
    """Every ticket code mentioned in a text, in order, without repeats (R-TICKET-7)."""
    seen: dict[str, None] = {}
    for match in _CODE.finditer(text):
        seen.setdefault(format_code(int(match.group(1))), None)
    return list(seen)


def tag_subject(subject: str, code: str) -> str:
    """The subject of an outgoing message, carrying `[HL-n]` once (R-TICKET-7)."""
    if code.upper() in (c.upper() for c in codes_in(subject)):
        return subject
    return f"[{code}] {subject}".rstrip()


def ticket_for_inbound(subject: str) -> str | None:
    """The ticket an inbound mail joins: the first code in its subject (R-TICKET-7)."""
    found = codes_in(subject)
    return found[0] if found else None
