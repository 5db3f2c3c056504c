"""Request Tracker's JSON to Helpline's tickets and back: pure functions, no I/O.

The mapping: team = queue, agent = privileged user, internal note = comment, message to the user =
correspondence, status = the `servicedesk` lifecycle, the ticket's own fields = custom fields, the journal =
history joined with attachments. What RT has no place for (flags, escalations, links, pins, Helpline's
system events, the matrix override) travels as one JSON document in the `Helpline` custom field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from app.backends.rt_fields import (
    CF_CATEGORY,
    CF_EXTERNAL_REF,
    CF_IMPACT,
    CF_KIND,
    CF_PENDING_REASON,
    CF_REQUESTED_FOR,
    CF_SERIAL,
    CF_STATE,
    CF_URGENCY,
    NOBODY,
    RT_STATUS,
    STATUS_OF_RT,
)
from app.domain.codes import format_code
from app.domain.enums import EntryKind, EscalationKind, EscalationStatus, Kind, Status
from app.domain.models import Attachment, JournalEntry, Ticket, TicketRow
from app.domain.priority import WORK_RANK, default_impact_urgency, priority_for
from app.errors import Unavailable
from app.i18n import label, t

# Ticket fields RT has no column for, kept in the Helpline custom field.
STATE_FIELDS = frozenset({
    "requester", "priority", "priority_reason", "expected_handling", "update_flag", "attention",
    "awaiting_acceptance", "primary_team", "started", "resolved_at", "closed_at", "escalations", "links",
})
# Ticket field -> custom field, for the fields that are RT custom fields.
CF_OF_FIELD = {
    "kind": CF_KIND, "pending_reason": CF_PENDING_REASON, "impact": CF_IMPACT, "urgency": CF_URGENCY,
    "serial_number": CF_SERIAL, "category": CF_CATEGORY, "requested_for": CF_REQUESTED_FOR,
    "external_ref": CF_EXTERNAL_REF,
}
EVENT_ID_BASE = 1_000_000_000  # Helpline's own system events, numbered apart from RT's transaction ids
# A note's kind, author and pin travel in its subject: "[helpline:message_from_user pinned] Karin Dahl".
_SUBJECT = re.compile(r"^\[helpline:(?P<kind>[a-z_]+)(?P<pinned> pinned)?\]\s*(?P<author>.*)$")
_NOTE_TYPES = {"Comment": EntryKind.INTERNAL_NOTE, "Correspond": EntryKind.MESSAGE_TO_USER}


def rt_priority(priority_rank: int) -> int:
    """RT sorts by a number, higher first: P1 becomes 90, P5 50 (Helpline's work order, R-PRIO-3)."""
    return 100 - 10 * priority_rank


def parse_time(value: str | None) -> datetime | None:
    if not value or value.startswith("1970-01-01"):
        return None  # RT's "not set"
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _ref_id(value: Any) -> str | None:
    return str(value.get("id")) if isinstance(value, dict) else (str(value) if value else None)


def custom_fields(item: dict[str, Any]) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for field in item.get("CustomFields") or []:
        found = field.get("values") or []
        values[str(field.get("name"))] = str(found[0]) if found else None
    return values


def read_state(cfs: dict[str, str | None]) -> dict[str, Any]:
    raw = cfs.get(CF_STATE)
    if not raw:
        return {}
    try:
        state = json.loads(raw)
    except ValueError:
        return {}  # someone edited it by hand in RT: the native fields still stand
    return state if isinstance(state, dict) else {}


def event_record(entry: JournalEntry, anchor: int, notes_before: int) -> dict[str, Any]:
    """A system event as the state keeps it. RT's clock and ours differ and RT counts whole seconds, so an
    event is placed by transaction instead: after the `notes_before`-th note newer than transaction
    `anchor` (the ticket's version when the event happened), or right after `anchor` itself."""
    return {**entry.model_dump(mode="json", exclude={"id"}), "after": [anchor, notes_before]}


def state_of(ticket: Ticket, events: list[dict[str, Any]], pins: dict[str, bool],
             writes: list[list[Any]] | None = None) -> str:
    data = ticket.model_dump(mode="json", include=STATE_FIELDS)
    data["events"] = events
    data["pins"] = pins
    data["writes"] = writes or []
    # Denormalised so TicketSQL can find the specialist's queue (R-ADVICE-1): CF.{Helpline} LIKE '…'.
    data["advice_team"] = TicketRow.data_of(ticket)["advice_team"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Who RT names as the last to change a ticket when nobody of the desk did: RT itself.
RT_ITSELF = frozenset({"RT_System", NOBODY})


def mailed_by_user(item: dict[str, Any], agents: Collection[str]) -> bool:
    """R-FLAG-1 for mail that reaches RT: the last change is by someone who is not an agent (the requester
    replying). Helpline keeps the flag up in its own state from the next write on, until an agent clears it."""
    last = _ref_id(item.get("LastUpdatedBy"))
    return bool(agents) and last is not None and last not in agents and last not in RT_ITSELF


def _native(item: dict[str, Any], queues: dict[str, str], etag: int,
            agents: Collection[str] = ()) -> dict[str, Any]:
    """The fields both a queue row and a whole ticket take from RT's own columns and custom fields."""
    cfs = custom_fields(item)
    state = read_state(cfs)
    if not state.get("update_flag") and mailed_by_user(item, agents):
        state["update_flag"] = item.get("LastUpdated")
    kind = Kind(cfs.get(CF_KIND) or Kind.INCIDENT.value)
    default_impact, default_urgency = default_impact_urgency(kind)
    impact = cfs.get(CF_IMPACT) or default_impact.value
    urgency = cfs.get(CF_URGENCY) or default_urgency.value
    status = STATUS_OF_RT.get(str(item.get("Status")), Status.NEW)
    owner = _ref_id(item.get("Owner"))
    requestors = [_ref_id(r) for r in item.get("Requestor") or []]
    number = int(item["id"])
    data: dict[str, Any] = {
        "id": number,
        "code": format_code(number),
        "kind": kind.value,
        "subject": str(item.get("Subject") or ""),
        "requester": state.get("requester") or next((r for r in requestors if r), None) or "(unknown)",
        "requested_for": cfs.get(CF_REQUESTED_FOR),
        "team": queues.get(_ref_id(item.get("Queue")) or "", _ref_id(item.get("Queue")) or "?"),
        "owner": None if owner in (None, NOBODY) else owner,
        "status": status.value,
        "pending_reason": cfs.get(CF_PENDING_REASON) if status is Status.PENDING else None,
        "priority": state.get("priority") or priority_for(kind, impact, urgency).value,  # type: ignore[arg-type]
        "serial_number": cfs.get(CF_SERIAL),
        "category": cfs.get(CF_CATEGORY),
        "update_flag": state.get("update_flag"),
        "attention": bool(state.get("attention")),
        "created": parse_time(item.get("Created")),
        "updated": parse_time(item.get("LastUpdated")),
        "started": state.get("started"),
        "resolved_at": state.get("resolved_at"),
        "version": etag,
        "impact": impact,
        "urgency": urgency,
        "external_ref": cfs.get(CF_EXTERNAL_REF),
        "state": state,
    }
    return data


_ROW_FIELDS = set(TicketRow.model_fields)


def row_of(item: dict[str, Any], queues: dict[str, str], agents: Collection[str] = ()) -> TicketRow:
    """A queue row from one item of a /tickets search. Rows carry version 0: RT's ETag (the newest
    transaction's id) comes only with the ticket itself, and every write reads that first."""
    data = _native(item, queues, 0, agents)
    state = data["state"]
    row = {key: value for key, value in data.items() if key in _ROW_FIELDS}
    row["advice_team"] = state.get("advice_team")
    return _validated(TicketRow, row, data["code"])


def _validated(model: Any, data: dict[str, Any], code: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Unavailable(f"{code} in RT cannot be shown: {where}: {first['msg']} (fix the ticket in RT)") from exc


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
            who = _ref_id(txn.get("Creator")) or "?"
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
        parts.setdefault(str(_ref_id(part.get("TransactionId"))), []).append(part)
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
        creator = _ref_id(txn.get("Creator")) or "?"
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


def ticket_of(item: dict[str, Any], etag: int, queues: dict[str, str], history: list[dict[str, Any]],
              attachments: list[dict[str, Any]], agents: Collection[str] = ()) -> Ticket:
    data = _native(item, queues, etag, agents)
    state = data.pop("state")
    cf_names = {str(cf.get("id")): str(cf.get("name")) for cf in item.get("CustomFields") or []}
    description, journal, files = journal_of(history, attachments, state, agents, cf_names, queues)
    data.update({key: state[key] for key in STATE_FIELDS if key in state})
    data.update(description=description, journal=journal, attachments=files)
    return _validated(Ticket, data, data["code"])


def waiting_advice(ticket: Ticket) -> bool:
    waiting = (EscalationStatus.OPEN, EscalationStatus.IN_PROGRESS)
    return any(e.kind is EscalationKind.ADVISORY and e.status in waiting for e in ticket.escalations)


def changes(before: Ticket, after: Ticket, state_before: str, state_after: str) -> dict[str, Any]:
    """The body of the PUT that takes RT from `before` to `after` (empty when only notes were added)."""
    body: dict[str, Any] = {}
    if after.subject != before.subject:
        body["Subject"] = after.subject
    if after.team != before.team:
        body["Queue"] = after.team
    if after.owner != before.owner:
        body["Owner"] = after.owner or NOBODY
    if after.status is not before.status:
        body["Status"] = RT_STATUS[after.status]
    if WORK_RANK[after.priority] != WORK_RANK[before.priority]:
        body["Priority"] = rt_priority(WORK_RANK[after.priority])
    fields: dict[str, Any] = {}
    for name, cf in CF_OF_FIELD.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            fields[cf] = None if new is None else str(getattr(new, "value", new))
    if state_after != state_before:
        fields[CF_STATE] = state_after
    if fields:
        body["CustomFields"] = fields
    return body
