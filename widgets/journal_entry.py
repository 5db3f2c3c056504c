"""One journal entry, typed so that an internal note and a message to the user cannot be confused."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.domain.models import JournalEntry
from app.i18n import label, t
from app.plain_text import printable
from widgets.outside_text import literal_lines, title

# The CSS class per kind gives each its own frame and colour (styles/app.tcss).
KIND_CLASS = {
    "internal_note": "entry-internal",
    "message_to_user": "entry-to-user",
    "message_from_user": "entry-from-user",
    "supplier_message": "entry-supplier",
    "system_event": "entry-system",
}


def entry_title(entry: JournalEntry) -> list[str]:
    """The frame title's parts: kind, whose words, who typed them in for them (R-JOURNAL-6), when."""
    parts = [label(entry.kind).upper(), entry.author]
    if entry.recorded_by:
        parts.append(t("recorded by {agent}", agent=printable(entry.recorded_by)))
    parts.append(f"{entry.created:%Y-%m-%d %H:%M}")
    if entry.pinned:
        parts.insert(0, f"📌 {t('PINNED')}")
    return parts


class JournalEntryView(Static):
    def __init__(self, entry: JournalEntry) -> None:
        body = Text(printable(entry.body, keep_newlines=True))
        if entry.event is not None:  # a system event has no frame: its time leads the line
            # Its words are names (a team, an agent) put in a sentence, each line shown as one-line fields are.
            body = Text(f"{entry.created:%Y-%m-%d %H:%M}  ") + literal_lines(entry.body)
        super().__init__(body, classes=f"entry {KIND_CLASS[entry.kind.value]}")
        self.entry = entry
        # A Content, not a string: Textual parses a string border title as markup, and an author's name (a
        # mail sender's, on RT) is outside text.
        self.border_title = title(*entry_title(entry))
