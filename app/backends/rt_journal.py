"""Request Tracker's history as Helpline's journal: pure functions, no I/O.

Notes and messages are RT's comments and correspondence; Helpline's own system events travel in the
Helpline custom field (placed by transaction, since RT's clock counts whole seconds); changes made in RT
itself (its web UI, a scrip) become events of their own, told once.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from app.backends.rt_fields import CF_STATE, STATUS_OF_RT
from app.domain.enums import EntryKind
from app.domain.models import Attachment, JournalEntry
from app.i18n import label, t

EVENT_ID_BASE = 1_000_000_000  # Helpline's own system events, numbered apart from RT's transaction ids
# A note's kind, author and pin travel in its subject: "[helpline:message_from_user pinned] Karin Dahl".
_SUBJECT = re.compile(r"^\[helpline:(?P<kind>[a-z_]+)(?P<pinned> pinned)?\]\s*(?P<author>.*)$")
_NOTE_TYPES = {"Comment": EntryKind.INTERNAL_NOTE, "Correspond": EntryKind.MESSAGE_TO_USER}


def parse_time(value: str | None) -> datetime | None:
    if not value or value.startswith("1970-01-01"):
        return None  # RT's "not set"
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def ref_id(value: Any) -> str | None:
    return str(value.get("id")) if isinstance(value, dict) else (str(value) if value else None)


def event_record(entry: JournalEntry, anchor: int, notes_before: int) -> dict[str, Any]:
    """A system event as the state keeps it. RT's clock and ours differ and RT counts whole seconds, so an
    event is placed by transaction instead: after the `notes_before`-th note newer than transaction
    `anchor` (the ticket's version when the event happened), or right after `anchor` itself."""
    return {**entry.model_dump(mode="json", exclude={"id"}), "after": [anchor, notes_before]}


_FIELD_TYPES = frozenset({"Status", "Set", "CustomField", "Take", "Untake", "Steal", "Give"})
_OWNER_TYPES = frozenset({"Take", "Untake", "Steal", "Give"})


def written_fields(body: dict[str, Any]) -> list[str]:
    """What a PUT (or a note carrying a status) changes, named as `_field_of` names RT's transactions."""
    names = [key for key in ("Subject", "Queue", "Owner", "Status", "Priority") if key in body]
    return names + [f"CF:{name}" for name in body.get("CustomFields") or {} if name != CF_STATE]


def _field_of(txn: dict[str, Any], cf_names: dict[str, str]) -> str:
    kind, field = txn.get("Type"), str(txn.get("Field") or "")
    if kind in _OWNER_TYPES:
        return "Owner"
    if kind == "CustomField":
        return f"CF:{cf_names.get(field, field)}"
    return "Status" if kind == "Status" else field


def _rt_changes(history: list[dict[str, Any]], cf_names: dict[str, str], queues: dict[str, str],
                writes: list[list[Any]]) -> list[JournalEntry]:
    """Field changes made in RT itself (its web UI, a scrip, another tool) as system events.

    Helpline's own writes are told by its own events. Each write is kept in the state as [the ticket's
    version before it, the fields it changed]; the first transaction after that version changing such a
    field is the write's own, any other is someone else's."""
    owed: list[tuple[int, list[str]]] = sorted((int(anchor), list(fields)) for anchor, fields in writes)
    events = []
    for txn in history:
        if txn.get("Type") not in _FIELD_TYPES:
            continue
        number, field = int(txn["id"]), _field_of(txn, cf_names)
        if field == f"CF:{CF_STATE}":
            continue
        own = next((fields for anchor, fields in reversed(owed) if anchor < number and field in fields), None)
        if own is not None:
            own.remove(field)
            continue
        text = _change_text(txn, cf_names, queues)
        if text:
            who = ref_id(txn.get("Creator")) or "?"
            events.append(JournalEntry(id=number, kind=EntryKind.SYSTEM_EVENT, author=who,
                                       created=parse_time(txn.get("Created")) or datetime.now(UTC),
                                       body=t("{change} (in RT, by {who})", change=text, who=who), event="rt"))
    return events


def _change_text(txn: dict[str, Any], cf_names: dict[str, str], queues: dict[str, str]) -> str | None:
    kind, field = txn.get("Type"), str(txn.get("Field") or "")
    old, new = str(txn.get("OldValue") or ""), str(txn.get("NewValue") or "")
    if kind == "Status":
        names = [label(STATUS_OF_RT[v]) if v in STATUS_OF_RT else v for v in (old, new)]
        return t("Status: {old} → {new}", old=names[0], new=names[1])
    if kind == "Set" and field == "Queue":
        return t("Moved from {old} to {new}", old=queues.get(old, old), new=queues.get(new, new))
    if kind in _OWNER_TYPES or (kind == "Set" and field == "Owner"):
        return t("Owner changed")
    if kind == "Set" and field == "Subject":
        return t("Subject: {value}", value=new)
    if kind == "CustomField" and cf_names.get(field, CF_STATE) != CF_STATE:
        return t("{field}: {value}", field=cf_names[field], value=new or "-")
    return None


def journal_of(history: list[dict[str, Any]], attachments: list[dict[str, Any]], state: dict[str, Any],
               agents: Collection[str] = (), cf_names: dict[str, str] | None = None,
               queues: dict[str, str] | None = None) -> tuple[str, list[JournalEntry], list[Attachment]]:
    """(description, journal, files): notes and messages from RT's transactions, Helpline's events from its
    state, oldest first; a pin changed later (state "pins") wins over the pin a note was written with.
    Correspondence from someone who is not an agent is the user's own mail, arrived through RT."""
    parts: dict[str, list[dict[str, Any]]] = {}
    for part in attachments:
        parts.setdefault(str(ref_id(part.get("TransactionId"))), []).append(part)
    pins = {str(k): bool(v) for k, v in (state.get("pins") or {}).items()}
    description = ""
    entries: list[JournalEntry] = []
    files: list[Attachment] = []
    for txn in history:
        txn_id = str(txn.get("id"))
        txn_parts = parts.get(txn_id, [])
        text = next((str(p.get("Content") or "") for p in txn_parts
                     if p.get("ContentType") == "text/plain" and not p.get("Filename")), "")
        created = parse_time(txn.get("Created")) or datetime.now(UTC)
        creator = ref_id(txn.get("Creator")) or "?"
        for part in txn_parts:
            if part.get("Filename"):
                files.append(Attachment(name=str(part["Filename"]), size=int(part.get("ContentLength") or 0),
                                        content_type=str(part.get("ContentType") or "application/octet-stream"),
                                        added=created, added_by=creator))
        kind = txn.get("Type")
        if kind == "Create":
            description = text
            continue
        if kind not in _NOTE_TYPES:
            continue  # field changes are Helpline's events (below); EmailRecord and the like are mail noise
        subject = next((str(p.get("Subject") or "") for p in txn_parts if p.get("Subject")), "")
        entry_kind, author, pinned = _NOTE_TYPES[kind], creator, False
        if kind == "Correspond" and agents and creator not in agents:
            entry_kind = EntryKind.MESSAGE_FROM_USER
        match = _SUBJECT.match(subject)
        if match and match.group("kind") in EntryKind.__members__.values():
            entry_kind = EntryKind(match.group("kind"))
            author = match.group("author").strip() or creator
            pinned = bool(match.group("pinned"))
        entries.append(JournalEntry(id=int(txn_id), kind=entry_kind, author=author, created=created, body=text,
                                    pinned=pins.get(txn_id, pinned)))
    notes = sorted(entries, key=lambda e: e.id)
    entries += _rt_changes(history, cf_names or {}, queues or {}, state.get("writes") or [])
    keys: dict[int, tuple[int, int, int]] = {e.id: (e.id, 0, 0) for e in entries}
    for index, raw in enumerate(state.get("events") or []):
        raw = dict(raw)
        anchor, notes_before = raw.pop("after", None) or (0, 0)
        event = JournalEntry.model_validate({**raw, "id": EVENT_ID_BASE + index})
        newer = [note.id for note in notes if note.id > anchor]
        place = newer[notes_before - 1] if 0 < notes_before <= len(newer) else anchor
        keys[event.id] = (place, 1, index)
        entries.append(event.model_copy(update={"pinned": pins.get(str(event.id), event.pinned)}))
    entries.sort(key=lambda e: keys[e.id])
    return description, entries, files
