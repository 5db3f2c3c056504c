"""What names a journal entry: its frame's title (widgets/journal_view.py draws the entries)."""

from __future__ import annotations

from app.domain.models import JournalEntry
from app.i18n import label, t
from app.plain_text import printable


def entry_title(entry: JournalEntry) -> list[str]:
    """The frame title's parts: kind, whose words, who typed them in for them (R-JOURNAL-6), when."""
    parts = [label(entry.kind).upper(), entry.author]
    if entry.recorded_by:
        parts.append(t("recorded by {agent}", agent=printable(entry.recorded_by)))
    parts.append(f"{entry.created:%Y-%m-%d %H:%M}")
    if entry.pinned:
        parts.insert(0, f"📌 {t('PINNED')}")
    return parts
