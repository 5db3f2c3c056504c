"""The column titles above the queue, laid out for the width the header has when it is drawn.

The header spans the same width as the list below it, so laying the titles out from its own
width (which Textual re-renders on every resize) can never disagree with the rows, whatever
order the two widgets are laid out and resized in.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from widgets.ticket_list import TicketList


class ColumnHeader(Widget):
    DEFAULT_CSS = """
    ColumnHeader { height: 1; color: $text-muted; }
    """

    def render(self) -> Text:
        lists = self.screen.query(TicketList)
        return Text(lists.first().header(self.size.width) if lists else "", style="bold")
