"""A text area that shows control and invisible characters in its text as visible ones.

Its text may come from outside (a ticket's description in the escalation form, a draft, a field being
edited) and is kept exactly as it is: only what is drawn changes, one character for one.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from app.plain_text import one_for_one


class PlainTextArea(TextArea):
    def get_line(self, line_index: int) -> Text:
        # As TextArea draws a line, from the one-for-one text: the same length, so the cursor, the selection
        # and the highlights stay where they were (a Text of the raw line would even drop some controls).
        return Text(one_for_one(self.document.get_line(line_index)), end="", no_wrap=True)
