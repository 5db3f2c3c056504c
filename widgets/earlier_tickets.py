"""The requester's earlier tickets under the requester field of the new-ticket form (issue 19): code, subject
and status, newest first, a few; hidden while there are none (app/finding.py looks them up)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.domain.models import TicketRow
from app.i18n import label, t
from widgets.outside_text import literal


def ticket_line(row: TicketRow) -> Text:
    """One ticket as a short line: its code, subject and status (the subject as written, never markup)."""
    line = literal(f"{row.code}  {row.subject}  ")
    line.append(label(row.status), style="dim")
    return line


class EarlierTickets(Static):
    DEFAULT_CSS = "EarlierTickets { color: $text-muted; padding: 0 0 0 2; }"

    def on_mount(self) -> None:
        self.display = False

    def show(self, rows: list[TicketRow], total: int) -> None:
        self.display = bool(rows)
        if not rows:
            self.update("")
            return
        shown = Text(t("Earlier tickets of this requester: {n}, newest first", n=total), style="bold")
        for row in rows:
            shown.append("\n")
            shown.append_text(ticket_line(row))
        self.update(shown)
