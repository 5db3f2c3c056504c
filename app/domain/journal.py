"""Journal entries: append-only, pinned first (R-JOURNAL-1, R-JOURNAL-2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.enums import EntryKind
from app.domain.errors import RuleViolation
from app.domain.events import english
from app.domain.limits import MAX_ENTRY_CHARS
from app.domain.models import JournalEntry, Ticket
from app.i18n import t

SYSTEM_AUTHOR = "system"
# R-ESC-4: the events that are work on a ticket and so restart its progress clock. Raising or clearing a flag,
# pinning, assigning, accepting, setting a field and raising an escalation are not; every written entry is,
# save the user's own message (a user asking "any news?" is no progress of the desk's).
PROGRESS_EVENTS = frozenset({"created", "status", "dispatch", "split"})


def append_entry(
    ticket: Ticket,
    kind: EntryKind,
    author: str,
    body: str,
    now: datetime,
    *,
    pinned: bool = False,
    event: str | None = None,
    recorded_by: str | None = None,
    progress: bool | None = None,
    event_data: dict[str, Any] | None = None,
) -> JournalEntry:
    """Add one entry to the ticket (in place) and return it. Nothing is ever edited (R-JOURNAL-1).
    `progress`: whether it restarts the progress clock (R-ESC-4); None: as is_progress says."""
    if kind is not EntryKind.SYSTEM_EVENT and not body.strip():
        raise RuleViolation("R-JOURNAL-1", t("An empty entry says nothing: write the text first."), "body")
    if len(body) > MAX_ENTRY_CHARS:
        raise RuleViolation("R-JOURNAL-1", t("The entry is too long to store."), "body")
    entry = JournalEntry(
        id=(ticket.journal[-1].id + 1) if ticket.journal else 1,
        kind=kind,
        author=author,
        created=now,
        body=body,
        pinned=pinned,
        event=event,
        event_data=event_data,
        recorded_by=recorded_by if recorded_by and recorded_by != author else None,
    )
    ticket.journal.append(entry)
    ticket.updated = now
    if is_progress(kind, event) if progress is None else progress:
        ticket.progressed = now
    return entry


def is_progress(kind: EntryKind, event: str | None) -> bool:
    """R-ESC-4: a note, a message to the user or from a supplier, a status change, a hand-over."""
    if kind is EntryKind.SYSTEM_EVENT:
        return event in PROGRESS_EVENTS
    return kind is not EntryKind.MESSAGE_FROM_USER


def system_event(ticket: Ticket, event: str, body: str, now: datetime, *, actor: str) -> JournalEntry:
    """R-JOURNAL-1: every action leaves a system event; R-JOURNAL-6: it names the agent who acted (SYSTEM_AUTHOR
    only for what no agent did, such as the housekeeping's auto-close)."""
    return append_entry(ticket, EntryKind.SYSTEM_EVENT, actor, body, now, event=event)


def record_event(ticket: Ticket, event: str, data: dict[str, Any], now: datetime, *, actor: str) -> JournalEntry:
    """A system event as data (issue 19): each reader sees it in their language (app/domain/events.py), the body
    keeps its English words for mail, other adapters and older clients."""
    return append_entry(ticket, EntryKind.SYSTEM_EVENT, actor, english(data), now, event=event, event_data=data)


def set_pinned(ticket: Ticket, entry_id: int, pinned: bool, actor: str, now: datetime) -> JournalEntry:
    """R-JOURNAL-2: pinning is the one change to an entry; it is itself journalled."""
    for index, entry in enumerate(ticket.journal):
        if entry.id == entry_id:
            updated = entry.model_copy(update={"pinned": pinned})
            ticket.journal[index] = updated
            record_event(ticket, "pin", {"event": "pinned" if pinned else "unpinned", "entry": entry_id,
                                         "actor": actor}, now, actor=actor)
            return updated
    raise RuleViolation("R-JOURNAL-2", t("There is no entry {id} on {code}.", id=entry_id, code=ticket.code))


def ordered_for_reading(entries: list[JournalEntry]) -> list[JournalEntry]:
    """R-JOURNAL-2: pinned entries first, then the rest oldest first (newest last)."""
    return [e for e in entries if e.pinned] + [e for e in entries if not e.pinned]
