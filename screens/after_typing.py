"""Saving a form only after the keys typed before ctrl+s have reached its fields.

ctrl+s is a priority binding, so that it works from whichever field has the focus. A priority binding
runs as its key arrives at the app, ahead of keys the focused field has not handled yet: text typed fast,
or pasted, followed at once by ctrl+s was saved without its last letters (or refused as empty). The
decorated action is queued behind those keys, on the focused field itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


def after_typing(action: Callable[[S], None]) -> Callable[[S], None]:
    @functools.wraps(action)
    def queued(screen: S) -> None:
        field = screen.focused
        (field if field is not None else screen).call_later(action, screen)

    return queued
