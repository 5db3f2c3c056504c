"""Binding descriptions in the agent's language, for every reader of them at once (issue 19).

The footer (widgets/key_bar.py), `?` and the command palette all read `screen.active_bindings`, which Textual
builds from each class's `_merged_bindings`. Rewriting those once, after the language is set, translates every
reader without touching a screen's BINDINGS list: the English stays the key (as for `t()`), kept aside so a
later switch of language translates from English again.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from app.i18n import get_language, t

_ENGLISH = "_helpline_english_bindings"


def _every_node_class() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    waiting: list[type[DOMNode]] = [DOMNode]
    while waiting:
        cls = waiting.pop()
        found.append(cls)
        waiting.extend(cls.__subclasses__())
    return found


def _import_screens_and_widgets() -> None:
    """Screens are imported when first opened; their classes must exist before their bindings are shown."""
    import screens
    import widgets

    for package in (screens, widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")


def _translated(binding: Binding) -> Binding:
    return replace(binding, description=t(binding.description)) if binding.description else binding


_spoken = False  # whether some class's bindings were ever rewritten (then English must be written back too)


def speak_bindings() -> None:
    """Every screen's and widget's binding descriptions in the current language (English as written)."""
    global _spoken
    if get_language() == "en" and not _spoken:
        return  # as written: the start of an English workstation pays nothing (bench/: start headless)
    _spoken = True
    _import_screens_and_widgets()
    for cls in _every_node_class():
        merged = cls.__dict__.get("_merged_bindings")
        if merged is None:
            continue
        english: BindingsMap = cls.__dict__.get(_ENGLISH) or merged
        setattr(cls, _ENGLISH, english)
        cls._merged_bindings = BindingsMap.from_keys(
            {key: [_translated(binding) for binding in bindings] for key, bindings in english.key_to_bindings.items()})
