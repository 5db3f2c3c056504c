"""A text area that shows control and invisible characters in its text as visible ones.

Its text may come from outside (a ticket's description in the escalation form, a draft, a field being
edited) and is kept exactly as it is: only what is drawn changes, one character for one.

Typing `::` opens the desk's canned answers (issue 19, screens/snippet_picker.py); the one picked replaces the
`::` with its placeholders filled from the open ticket and the agent (screens/canned.py).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import TextArea

from app.plain_text import one_for_one


class PlainTextArea(TextArea):
    def get_line(self, line_index: int) -> Text:
        # As TextArea draws a line, from the one-for-one text: the same length, so the cursor, the selection
        # and the highlights stay where they were (a Text of the raw line would even drop some controls).
        return Text(one_for_one(self.document.get_line(line_index)), end="", no_wrap=True)

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)
        if event.character != ":" or self.read_only:
            return
        row, column = self.cursor_location
        if self.document.get_line(row)[:column].endswith("::"):
            from screens.canned import offer_snippets  # the screens import this widget

            offer_snippets(self, (row, column - 2))
