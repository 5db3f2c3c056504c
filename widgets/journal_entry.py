"""What names a journal entry: its frame's title (widgets/journal_view.py draws the entries)."""

from __future__ import annotations

from app.domain.enums import Delivery
from app.domain.models import JournalEntry, Letter
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


def delivery_line(letter: Letter) -> str:
    """R-MAIL-1: to whom a message to the user went and where its delivery stands, under the entry."""
    to = ", ".join(letter.to) or ", ".join(letter.names)
    state = label(letter.delivery).lower()
    if letter.delivery is Delivery.SENT and letter.sent:
        state += f" {letter.sent:%Y-%m-%d %H:%M}"
    reason = f": {letter.reason}" if letter.reason else ""
    if letter.delivery is Delivery.DEFERRED and letter.next_try:
        reason += " · " + t("next try {moment}", moment=f"{letter.next_try:%H:%M}")
    return f"✉ {t('to {people}', people=to)} · {state}{reason}"
