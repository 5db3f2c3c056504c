"""A screen's one-line title (the queue's view, sort, filter and marks), drawn literally.

A `Static` asks for a new layout of the whole screen on every update, as its size might change; this line's
size never does, and the queue retitles it on every filter key (issue 16: two layouts a key were most of a
keystroke's cost), so it only repaints.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from widgets.outside_text import literal


class TitleLine(Widget):
    DEFAULT_CSS = "TitleLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, title: str | None) -> None:
        self._text = literal(title)
        self.refresh()

    def render(self) -> Text:
        return self._text
