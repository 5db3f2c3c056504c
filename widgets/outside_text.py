"""Text from outside as the screen shows it: never markup, never a terminal sequence (app/plain_text.py).

Textual parses a plain string as markup in many places (a border title, a Static, a Label, an option, a
select's choices, a notification unless told otherwise): a name like "[/]" crashes the screen that shows
it and "[@click=app.quit]" runs an action. So text built from data reaches a widget only as the `Text` or
`Content` made here, or, where Textual wants a string (a notification), through `tell`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from rich.style import StyleType
from rich.text import Text
from textual.content import Content
from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from app.plain_text import printable

V = TypeVar("V")

SEPARATOR = " · "


def lines(text: str | None) -> str:
    """Each line shown as a one-line field (a name or a reason in a message is not prose), the breaks kept."""
    return "\n".join(printable(line) for line in (text or "").replace("\r\n", "\n").split("\n"))


def literal(text: str | None, style: StyleType = "") -> Text:
    """One line of outside text (newlines shown as ⏎), as it was written."""
    return Text(printable(text), style=style)


def literal_lines(text: str | None, style: StyleType = "") -> Text:
    """A message or a question of several lines, each shown as it was written."""
    return Text(lines(text), style=style)


def title(*parts: str | None) -> Content:
    """A frame's title (Textual parses a string border title as markup), its parts joined by " · "."""
    return Content(SEPARATOR.join(printable(part) for part in parts if part))


def options(choices: Iterable[tuple[str, V]]) -> list[tuple[Text, V]]:
    """A Select's choices: Textual shows a string choice as markup, a Text as written."""
    return [(literal(shown), value) for shown, value in choices]


def tell(node: DOMNode, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
         ) -> None:
    """A notification whose text may hold outside text: not markup, every line shown literally."""
    node.app.notify(lines(message), severity=severity, timeout=timeout, markup=False)
