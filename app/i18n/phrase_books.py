"""Phrase books: a feature's own words in every language, kept beside the main catalogues.

Each module listed in `_BOOKS` defines `DA`, `SV` and `NL`: English text -> translation. They are
merged into the language's catalogue by app/i18n/__init__.py; a phrase in two books must agree
(tests/test_i18n.py).
"""

from __future__ import annotations

from types import ModuleType

from app.i18n import book_attachments, book_events, book_finding, book_screen, book_snippets, book_ui

_BOOKS: tuple[ModuleType, ...] = (book_attachments, book_events, book_finding, book_screen, book_snippets, book_ui)


def _merged(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for book in _BOOKS:
        merged |= getattr(book, language.upper())
    return merged


PHRASE_BOOKS: dict[str, dict[str, str]] = {code: _merged(code) for code in ("da", "sv", "nl")}
