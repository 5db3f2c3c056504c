"""One journal entry, typed so that an internal note and a message to the user cannot be confused."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.domain.models import JournalEntry
from app.i18n import label, t
from app.plain_text import printable

# The CSS class per kind gives each its own frame and colour (styles/app.tcss).
KIND_CLASS = {
    "internal_note": "entry-internal",
    "message_to_user": "entry-to-user",
    "message_from_user": "entry-from-user",
    "supplier_message": "entry-supplier",
    "system_event": "entry-system",
}


class JournalEntryView(Static):
    def __init__(self, entry: JournalEntry) -> None:
        title = f"{label(entry.kind).upper()} · {printable(entry.author)} · {entry.created:%Y-%m-%d %H:%M}"
        if entry.pinned:
            title = f"📌 {t('PINNED')} · " + title
        body = Text(printable(entry.body, keep_newlines=True))
        if entry.event is not None:  # a system event has no frame: its time leads the line
            body = Text(f"{entry.created:%Y-%m-%d %H:%M}  ") + body
        super().__init__(body, classes=f"entry {KIND_CLASS[entry.kind.value]}")
        self.entry = entry
        self.border_title = title
