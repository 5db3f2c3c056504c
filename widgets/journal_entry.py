"""What names a journal entry: its frame's title (widgets/journal_view.py draws the entries)."""

from __future__ import annotations

from app.domain.enums import Delivery
from app.domain.models import Attachment, JournalEntry, Letter
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


def file_line(attachment: Attachment) -> str:
    """Issue 19: a file an entry came with, under its text (f in the journal opens or saves it)."""
    return "📎 " + t("{name} ({size}): f opens or saves it", name=attachment.name, size=_size(attachment.size))


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def folded_quotes(body: str) -> str:
    """A user's mail with the quoted earlier mail at its end (the "> " lines, and the "On …, X wrote:" line
    before them) as one line saying how many lines it holds; a mail that quotes between its own lines, or
    only quotes, is left as it is."""
    lines = body.split("\n")
    start = len(lines)
    while start > 0 and (lines[start - 1].lstrip().startswith(">") or not lines[start - 1].strip()):
        start -= 1
    quoted = [line for line in lines[start:] if line.strip()]
    if not quoted:
        return body
    if start > 0 and lines[start - 1].rstrip().endswith(":"):  # the attribution line
        start -= 1
    own = "\n".join(lines[:start]).rstrip()
    if not own.strip():
        return body
    return own + "\n" + t("› {n} quoted lines of earlier mail (Q shows them)", n=len(lines) - start)
