"""Text folded for searching: the one folding of the queue's filter, the store's index and the snippet list."""

from __future__ import annotations

import unicodedata

# Letters that fold to others without a combining mark to drop (NFKD leaves them): as a Nordic desk types them.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th"})


def folded(text: str) -> str:
    """Case and diacritics folded, on both sides of a search: "oberg" finds Öberg, "soren" Søren, "praest"
    Præst, and "Öberg" finds oberg (issue 19, finding things)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
