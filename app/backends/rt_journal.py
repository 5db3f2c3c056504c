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

from app.backends.rt_fields import BOOKKEEPING_CFS, CF_STATE, RT_STATUS, STATUS_OF_RT, priority_of_rt
from app.domain.codes import format_code
from app.domain.enums import EntryKind, LinkKind
from app.domain.events import english
from app.domain.models import Attachment, JournalEntry, Link
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
    """The id in RT's reference to a record ({"id": …, "_url": …}), or the value itself."""
    if isinstance(value, dict):
        found = value.get("id", value.get("Name"))
        return str(found) if found is not None else None
    return str(value) if value else None


def person_name(user: Any) -> str | None:
    """How a person of RT is shown: their RealName where RT has one, else their login or address."""
    if isinstance(user, dict):
        return str(user.get("RealName") or "").strip() or str(user.get("Name") or user.get("id") or "") or None
    return ref_id(user)


def _author(user: Any, agents: Collection[str]) -> str:
    """A desk agent by login, as Helpline names agents everywhere; anyone else by their RealName."""
    login = ref_id(user) or "?"
    return login if login in agents else person_name(user) or login


# RT's link fields and _hyperlinks refs, as Helpline's link kinds.
_LINK_FIELDS = {"DependsOn": LinkKind.DEPENDS_ON, "DependedOnBy": LinkKind.DEPENDED_ON_BY,
                "RefersTo": LinkKind.REFERS_TO, "ReferredToBy": LinkKind.REFERRED_TO_BY,
                "MemberOf": LinkKind.MEMBER_OF, "Members": LinkKind.HAS_MEMBER, "HasMember": LinkKind.HAS_MEMBER}
_LINK_REFS = {"depends-on": LinkKind.DEPENDS_ON, "depended-on-by": LinkKind.DEPENDED_ON_BY,
              "refers-to": LinkKind.REFERS_TO, "referred-to-by": LinkKind.REFERRED_TO_BY,
              "parent": LinkKind.MEMBER_OF, "child": LinkKind.HAS_MEMBER}
_TICKET_URI = re.compile(r"/ticket/(\d+)/?$")


def _ticket_code(uri: str) -> str | None:
    match = _TICKET_URI.search(uri)
    return format_code(int(match.group(1))) if match else None


def links_of(item: dict[str, Any], history: list[dict[str, Any]]) -> list[Link]:
    """The links RT knows of (`rt link`, its web UI) and the tickets merged into this one."""
    links = []
    for ref in item.get("_hyperlinks") or []:
        kind = _LINK_REFS.get(str(ref.get("ref")))
        if kind is not None and ref.get("type") == "ticket" and str(ref.get("id") or "").isdigit():
            links.append(Link(code=format_code(int(ref["id"])), kind=kind))
    own = str(item.get("id"))
    for txn in history:
        merged = str(txn.get("ObjectId") or own)
        if txn.get("Type") == "AddLink" and txn.get("Field") == "MergedInto" and merged != own:
            links.append(Link(code=format_code(int(merged)), kind=LinkKind.MERGED_FROM))
    return links


def event_record(entry: JournalEntry, anchor: int, notes_before: int) -> dict[str, Any]:
    """A system event as the state keeps it. RT's clock and ours differ and RT counts whole seconds, so an
    event is placed by transaction instead: after the `notes_before`-th note newer than transaction
    `anchor` (the ticket's version when the event happened), or right after `anchor` itself. Without its
    event data (app/domain/events.py): with it the state grew past what RT's `CF.{Helpline} LIKE` searches
    still find (the requester's resolved tickets went missing: app/contract/search_checks.py), so on RT
    Helpline's own events keep the English words they were written with."""
    return {**entry.model_dump(mode="json", exclude={"id", "event_data"}), "after": [anchor, notes_before]}


_FIELD_TYPES = frozenset({"Status", "Set", "CustomField", "Take", "Untake", "Steal", "Give", "AddLink",
                          "DeleteLink"})
_OWNER_TYPES = frozenset({"Take", "Untake", "Steal", "Give"})


_BOOKKEEPING = frozenset(f"CF:{name}" for name in BOOKKEEPING_CFS)


def written_fields(body: dict[str, Any]) -> list[str]:
    """What a PUT (or a note carrying a status) changes, named as `_field_of` names RT's transactions."""
    names = [key for key in ("Subject", "Queue", "Owner", "Status", "Priority") if key in body]
    return names + [f"CF:{name}" for name in body.get("CustomFields") or {} if name not in BOOKKEEPING_CFS]


def _field_of(txn: dict[str, Any], cf_names: dict[str, str]) -> str:
    kind, field = txn.get("Type"), str(txn.get("Field") or "")
    if kind in _OWNER_TYPES:
        return "Owner"
    if kind == "CustomField":
        return f"CF:{cf_names.get(field, field)}"
    return "Status" if kind == "Status" else field


def _rt_changes(history: list[dict[str, Any]], cf_names: dict[str, str], queues: dict[str, str],
                writes: list[list[Any]], agents: Collection[str] = (), ticket_id: int = 0) -> list[JournalEntry]:
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
        if field in _BOOKKEEPING:
            continue
        own = next((fields for anchor, fields in reversed(owed) if anchor < number and field in fields), None)
        if own is not None:
            own.remove(field)
            continue
        text = _change_text(txn, cf_names, queues, ticket_id)
        if text:
            who = _author(txn.get("Creator"), agents)
            data = _status_data(txn, who)  # issue 19: what the mapping knows as data, read in each reader's words
            events.append(JournalEntry(id=number, kind=EntryKind.SYSTEM_EVENT, author=who,
                                       created=parse_time(txn.get("Created")) or datetime.now(UTC),
                                       body=english(data) if data else t("{change} (in RT, by {who})", change=text,
                                                                         who=who),
                                       event="rt", event_data=data))
    return events


def _status_data(txn: dict[str, Any], who: str) -> dict[str, Any] | None:
    """A status change in RT between two of RT's statuses Helpline knows, as event data (app/domain/events.py)."""
    old, new = str(txn.get("OldValue") or ""), str(txn.get("NewValue") or "")
    if txn.get("Type") != "Status" or old not in RT_STATUS.values() or new not in RT_STATUS.values():
        return None
    return {"event": "rt_status_changed", "from": STATUS_OF_RT[old].value, "to": STATUS_OF_RT[new].value,
            "actor": who}


def _status_name(rt_status: str) -> str:
    """A status as the agent knows it; one of RT's own (its `default` lifecycle) says which it was."""
    if rt_status in RT_STATUS.values():
        return label(STATUS_OF_RT[rt_status])
    if rt_status in STATUS_OF_RT:
        return t("{status} ({rt_status} in RT)", status=label(STATUS_OF_RT[rt_status]), rt_status=rt_status)
    return rt_status


def _change_text(txn: dict[str, Any], cf_names: dict[str, str], queues: dict[str, str],
                 ticket_id: int = 0) -> str | None:
    kind, field = txn.get("Type"), str(txn.get("Field") or "")
    old, new = str(txn.get("OldValue") or ""), str(txn.get("NewValue") or "")
    if kind == "Status":
        return t("Status: {old} → {new}", old=_status_name(old), new=_status_name(new))
    if kind == "Set" and field == "Priority":
        band = priority_of_rt(new)
        return t("Priority: {value}", value=band.value if band else new)
    if kind == "AddLink" and field == "MergedInto":
        merged = str(txn.get("ObjectId") or ticket_id)
        if merged == str(ticket_id):
            return None  # this ticket's side of the merge: told once, by the merged ticket's own transaction
        return t("{code} was merged into this ticket", code=format_code(int(merged)))
    if kind in ("AddLink", "DeleteLink") and field in _LINK_FIELDS:
        code = _ticket_code(new if kind == "AddLink" else old)
        if code is None:
            return None
        template = "Linked: {kind} {code}" if kind == "AddLink" else "Link removed: {kind} {code}"
        return t(template, kind=label(_LINK_FIELDS[field]).lower(), code=code)
    if kind == "Set" and field == "Queue":
        return t("Moved from {old} to {new}", old=queues.get(old, old), new=queues.get(new, new))
    if kind in _OWNER_TYPES or (kind == "Set" and field == "Owner"):
        return t("Owner changed")
    if kind == "Set" and field == "Subject":
        return t("Subject: {value}", value=new)
    if kind == "CustomField" and cf_names.get(field, CF_STATE) not in BOOKKEEPING_CFS:
        return t("{field}: {value}", field=cf_names[field], value=new or "-")
    return None


def journal_of(history: list[dict[str, Any]], attachments: list[dict[str, Any]], state: dict[str, Any],
               agents: Collection[str] = (), staff: Collection[str] = (), cf_names: dict[str, str] | None = None,
               queues: dict[str, str] | None = None, *, ticket_id: int = 0, requester: str = "",
               window_from: int = 0) -> tuple[str, list[JournalEntry], list[Attachment]]:
    """(description, journal, files): notes and messages from RT's transactions, Helpline's events from its
    state, oldest first; a pin changed later (state "pins") wins over the pin a note was written with.

    The ticket's Create transaction holds the user's report (opened by mail, `rt create` or Helpline): it
    is the description and the journal's first message from the user, as on the local store. A Create of
    a ticket merged into this one is a message of its own, never the description. Correspondence from
    someone who is not staff (`staff`: the desk's agents and RT's privileged users) is the user's own mail,
    arrived through RT. With `window_from` the history holds only the newest transactions (from that one
    on, plus the first report and pinned notes): Helpline's events placed before it are left out too."""
    staff = staff or agents
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
        by_user = bool(staff) and creator not in staff
        for part in txn_parts:
            if part.get("Filename"):
                files.append(Attachment(name=str(part["Filename"]), size=int(part.get("ContentLength") or 0),
                                        content_type=str(part.get("ContentType") or "application/octet-stream"),
                                        added=created, added_by=creator, ref=str(part.get("id") or "") or None,
                                        entry=int(txn_id)))  # issue 19: fetched by RT's id, listed under its note
        kind = txn.get("Type")
        if kind == "Create":
            own = str(txn.get("ObjectId") or ticket_id) == str(ticket_id)
            if own and not description:
                description = text
            if text.strip():
                # By mail the sender wrote it; otherwise staff recorded the requester's words.
                agent = _author(txn.get("Creator"), agents)
                author = agent if by_user else requester or creator
                entries.append(JournalEntry(id=int(txn_id), kind=EntryKind.MESSAGE_FROM_USER, author=author,
                                            created=created, body=text, pinned=pins.get(txn_id, False),
                                            recorded_by=None if by_user or agent == author else agent))
            continue
        if kind not in _NOTE_TYPES:
            continue  # field changes are Helpline's events (below); EmailRecord and the like are mail noise
        subject = next((str(p.get("Subject") or "") for p in txn_parts if p.get("Subject")), "")
        entry_kind, author, pinned = _NOTE_TYPES[kind], _author(txn.get("Creator"), agents), False
        recorder = author  # R-JOURNAL-6: the RT user who wrote the transaction
        if kind == "Correspond" and by_user:
            entry_kind = EntryKind.MESSAGE_FROM_USER
        match = _SUBJECT.match(subject)
        if match and match.group("kind") in EntryKind.__members__.values():
            entry_kind = EntryKind(match.group("kind"))
            author = match.group("author").strip() or creator
            pinned = bool(match.group("pinned"))
        entries.append(JournalEntry(id=int(txn_id), kind=entry_kind, author=author, created=created, body=text,
                                    pinned=pins.get(txn_id, pinned),
                                    recorded_by=recorder if recorder != author else None))
    notes = sorted(entries, key=lambda e: e.id)
    writes = state.get("writes") or []
    if window_from:
        # Writes before the window were told by their own transactions, outside it; the last of them may
        # straddle its edge, so it stays owed (rt_journal._rt_changes).
        before = [w for w in writes if int(w[0]) < window_from]
        writes = before[-1:] + [w for w in writes if int(w[0]) >= window_from]
    entries += _rt_changes([t for t in history if int(t["id"]) >= window_from], cf_names or {}, queues or {},
                           writes, agents, ticket_id)
    keys: dict[int, tuple[int, int, int]] = {e.id: (e.id, 0, 0) for e in entries}
    for index, raw in enumerate(state.get("events") or []):
        raw = dict(raw)
        anchor, notes_before = raw.pop("after", None) or (0, 0)
        event = JournalEntry.model_validate({**raw, "id": EVENT_ID_BASE + index})
        newer = [note.id for note in notes if note.id > anchor]
        place = newer[notes_before - 1] if 0 < notes_before <= len(newer) else anchor
        if window_from and int(anchor) < window_from and not pins.get(str(event.id), event.pinned):
            continue  # happened before the window: the whole journal (`o`) has it in its place
        keys[event.id] = (place, 1, index)
        entries.append(event.model_copy(update={"pinned": pins.get(str(event.id), event.pinned)}))
    entries.sort(key=lambda e: keys[e.id])
    return description, entries, files
