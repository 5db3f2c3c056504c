"""One translation function for every user-facing string (English is the key, gettext style).

Danish and Swedish cover the domain vocabulary (statuses, pending reasons, priorities, the
escalation form); any text without a translation falls back to English. Pure: no file I/O.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import da, sv
from app.i18n.labels import DUTIES, ENUM_LABELS, FORM_LABELS

LANGUAGES = ("en", "da", "sv")
_CATALOGS: dict[str, dict[str, str]] = {"en": {}, "da": da.CATALOG, "sv": sv.CATALOG}
_current = "en"

__all__ = ["DUTIES", "FORM_LABELS", "LANGUAGES", "get_language", "label", "set_language", "t"]


def set_language(code: str) -> None:
    global _current
    if code not in _CATALOGS:
        raise ValueError(f"language {code!r} is not supported; choose one of {', '.join(LANGUAGES)}")
    _current = code


def get_language() -> str:
    return _current


def t(text: str, /, **kwargs: object) -> str:
    """`text` in the current language, formatted with `kwargs`."""
    translated = _CATALOGS[_current].get(text, text)
    return translated.format(**kwargs) if kwargs else translated


def label(member: StrEnum) -> str:
    """The display name of an enum member in the current language."""
    return t(ENUM_LABELS[(type(member).__name__, member.value)])
