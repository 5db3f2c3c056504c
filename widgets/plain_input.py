"""An input line that shows control and invisible characters in its value as visible ones.

The value may come from outside (a ticket's subject put in a form, a pasted line, a saved filter) and is
kept exactly as it is: only what is drawn changes, one character for one, so the cursor stays in place.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input

from app.plain_text import one_for_one


class PlainInput(Input):
    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(one_for_one(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(one_for_one(self.value[:position]), 4))
