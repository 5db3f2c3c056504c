"""The Request Tracker 5 adapter: answers the Helpline adapter API by calling RT's REST2 API.

Mounted in-process like the local store (app.api.server over httpx.ASGITransport), it reads a ticket from
RT, applies the same change the local store would (app.backends.changes, so every rule holds), and writes
back only what changed: one PUT with If-Match for the fields (a stale write is a conflict, never a silent
overwrite), then a comment or correspondence per new note. Teams, their line level, dispatchers and office
hours come from the desk file: RT has queues but no place for those.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from app.api import API_VERSION
from app.api.backend import JournalWindow, TicketQuery
from app.api.schemas import (
    AbsenceIn,
    ClosedList,
    EscalationFormIn,
    InboxReport,
    Meta,
    NoteIn,
    OutboxReport,
    PinIn,
    Sort,
    SplitIn,
)
from app.api.streams import FileStream
from app.backends.change_operations import ChangeOperations
from app.backends.changes import Change, Changes, home_team
from app.backends.rt_client import RtClient
from app.backends.rt_fetch import PERSON, fetch_ticket
from app.backends.rt_fields import (
    CF_PROGRESSED,
    CF_STATE,
    CF_UPDATE_FLAG,
    GONE,
    NOBODY,
    RT_ITSELF,
    rt_moment,
    rt_priority,
)
from app.backends.rt_journal import event_record, ref_id, written_fields
from app.backends.rt_mapping import (
    CF_OF_FIELD,
    changes,
    custom_fields,
    read_state,
    row_of,
    state_of,
    ticket_of,
)
from app.backends.rt_query import ticket_sql
from app.backends.store_attachments import safe_file_name
from app.domain import escalation_form, journal, status
from app.domain.clock import utcnow
from app.domain.codes import parse_code
from app.domain.dispatch import check_holder
from app.domain.enums import EntryKind, Status
from app.domain.errors import RuleViolation
from app.domain.limits import DOWNLOAD_CHUNK_BYTES, MAX_DOWNLOAD_BYTES
from app.domain.models import Agent, Attachment, JournalEntry, Team, Ticket, TicketRow
from app.domain.priority import WORK_RANK
from app.domain.tickets import NewTicket, build_split_child, build_ticket, check_split, link_split
from app.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from app.i18n import t

PAGE = 100  # RT's page size, and the most Helpline asks of it at once
ROW_BATCH = 25  # rows read whole per request, several requests at once
ROW_CACHE_SETTLE = timedelta(seconds=2)
# What the journal screen shows first, and what a write reads (the rules only append to the journal).
LATEST = 20
ROW_FIELDS = "Subject,Status,Owner,Queue,Created,LastUpdated,LastUpdatedBy,Requestor,CustomFields,Priority"
_ORDER = {Sort.WORK: ("Priority,Created,id", "DESC,ASC,ASC"), Sort.AGE: ("Created,id", "ASC,ASC"),
          Sort.UPDATED: ("LastUpdated,id", "ASC,ASC"), Sort.CODE: ("id", "ASC")}


@dataclass(frozen=True)
class Desk:
    """What RT has no place for: the teams' line level, dispatchers and hours, and the agents' roles."""

    teams: dict[str, Team]
    agents: dict[str, Agent]


@dataclass
class _Loaded:
    ticket: Ticket
    etag: str
    events: list[dict[str, Any]]  # Helpline's system events as the state keeps them (rt_mapping.event_record)
    writes: list[list[Any]]  # Helpline's own writes: [version before, fields changed] (rt_mapping._rt_changes)
    stored_state: str  # the Helpline field as RT holds it: a write compares against this, not a rebuild
    pins: dict[str, bool]
    rt_status: str  # RT's own word: a ticket deleted or rejected in RT is gone (rt_fields.GONE)
    mail_flag: str | None  # the Update flag rt-setup's scrip stamped on a user's mail (rt_fields.CF_UPDATE_FLAG)


class RtBackend(ChangeOperations):
    """DeskBackend over RT 5. `connect(actor)` gives the REST2 client that acts as that agent."""

    def __init__(self, connect: Callable[[str], RtClient], desk: Desk, *, url: str,
                 clock: Callable[[], datetime] | None = None) -> None:
        self._connect = connect
        self._clients: dict[str, RtClient] = {}
        self.desk = desk
        self.url = url
        self.changes = Changes(lambda: desk.teams, lambda: desk.agents)
        self.clock = clock or (lambda: utcnow())
        self._queues: dict[str, str] = {}
        self._row_cache: dict[str, tuple[str | None, TicketRow]] = {}  # id -> (RT's LastUpdated, row)
        self._people: dict[str, dict[str, Any]] = {}  # RT user -> RT's record of them (RealName, Privileged)

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()

    # ----- helpers ------------------------------------------------------------------------------

    def _agent(self, actor: str) -> Agent:
        agent = self.desk.agents.get(actor)
        if agent is None:
            raise Unauthorized(f"{actor!r} is not an agent of this desk")
        return agent

    def _rt(self, actor: str) -> RtClient:
        self._agent(actor)
        if actor not in self._clients:
            self._clients[actor] = self._connect(actor)
        return self._clients[actor]

    async def _queue_names(self, rt: RtClient) -> dict[str, str]:
        if not self._queues:
            items = await rt.pages("/queues/all", fields="Name")
            self._queues = {str(q["id"]): str(q["Name"]) for q in items}
        return self._queues

    @staticmethod
    def _number(code: str) -> int:
        number = parse_code(code)
        if number is None:
            raise NotFound(f"{code!r} is not a ticket code like HL-42")
        return number

    async def _person(self, rt: RtClient, login: str) -> dict[str, Any]:
        if login not in self._people:
            try:
                self._people[login] = await rt.get(f"/user/{quote(login, safe='@')}")
            except (NotFound, Forbidden):  # RT hides them from this agent: what the login itself tells
                self._people[login] = {"id": login, "Name": login, "Privileged": 0,
                                       "EmailAddress": login if "@" in login else None}
        return self._people[login]

    async def _staff(self, rt: RtClient, history: list[dict[str, Any]]) -> set[str]:
        """Who in RT is not the user: the desk's agents, RT itself, and RT's privileged users (its admins,
        staff outside the desk), read from RT once per person."""
        staff = {*self.desk.agents, *RT_ITSELF}
        logins = {login for txn in history if (login := ref_id(txn.get("Creator"))) and login not in staff}
        people = await asyncio.gather(*(self._person(rt, login) for login in sorted(logins)))
        return staff | {str(person.get("Name")) for person in people if person.get("Privileged")}

    async def _load(self, rt: RtClient, code: str, latest: int | None = None) -> _Loaded:
        """The ticket as the rules see it; with `latest`, its journal's newest entries only (rt_fetch)."""
        number = self._number(code)
        fetched, queues = await asyncio.gather(
            fetch_ticket(rt, number, latest, lambda item: _pinned(read_state(custom_fields(item)))),
            self._queue_names(rt))
        item, etag, history, parts = fetched.item, fetched.etag, fetched.history, fetched.parts
        digits = etag.removeprefix("W/").strip('"')  # RT's ETag is the newest transaction's id
        version = int(digits) if digits.isdigit() else 0
        if str(item.get("Queue", {}).get("id")) not in queues:
            self._queues.clear()  # a queue made since: read the names again
            queues = await self._queue_names(rt)
        requestors, staff = await asyncio.gather(
            asyncio.gather(*(self._person(rt, login) for r in item.get("Requestor") or [] if (login := ref_id(r)))),
            self._staff(rt, history))
        item = {**item, "Requestor": list(requestors)}
        ticket = ticket_of(item, version, queues, history, parts, self.desk.agents, staff, fetched.window_from)
        stored = custom_fields(item)
        state = read_state(stored)
        pins = {str(k): bool(v) for k, v in (state.get("pins") or {}).items()}
        return _Loaded(ticket, etag, events=list(state.get("events") or []), pins=pins,
                       writes=list(state.get("writes") or []), stored_state=stored.get(CF_STATE) or "",
                       rt_status=str(item.get("Status") or ""), mail_flag=stored.get(CF_UPDATE_FLAG))

    async def _change(self, actor: str, code: str, version: int | None, change: Change,
                      files: Sequence[Attachment] = (), data: Sequence[bytes] = (), *, whole: bool = False) -> Ticket:
        """Load, apply `change`, write. The rules only append to a journal, so the newest entries are enough
        (a long journal costs RT seconds to list); `whole` for a change that may touch any entry (a pin)."""
        rt = self._rt(actor)
        latest = None if whole else LATEST
        loaded = await self._load(rt, code, latest)
        ticket = loaded.ticket
        if version is not None and version != ticket.version:
            raise Conflict(f"{code} was changed by someone else (version {ticket.version}, you had "
                           f"{version}): reload it and try again")
        if loaded.rt_status in GONE:
            raise Invalid(f"{ticket.code} is {loaded.rt_status} in RT: it is gone and takes no more changes "
                          "(an RT admin can restore it)", "status")
        after = ticket.model_copy(deep=True)
        now = self.clock()
        try:
            change(after, now)
        except NotFound as exc:
            if ticket.team in self.desk.teams:
                raise
            raise Invalid(f"{ticket.code} is in RT queue {ticket.team}, not a Helpline team: dispatch it to a "
                          "team first", "team") from exc
        new = after.journal[len(ticket.journal):]
        if ticket.no_mail_address and any(entry.kind is EntryKind.MESSAGE_TO_USER for entry in new):
            # RT mails only requesters with an address: say in the journal that this letter reached nobody.
            journal.system_event(after, "not_mailed", t("Not mailed: {requester} has no e-mail address in RT",
                                                        requester=ticket.requester), now, actor=actor)
        await self._write(rt, loaded, after, list(zip(files, data, strict=True)))
        return (await self._load(rt, ticket.code, latest)).ticket

    async def _write(self, rt: RtClient, loaded: _Loaded, after: Ticket,
                     files: list[tuple[Attachment, bytes]]) -> None:
        """Fields first, in one PUT with If-Match (a stale write changes nothing); then the notes. A status
        change rides on the last note: RT reopens a ticket on correspondence (its "Open Inactive Tickets"
        scrip), so a solution mailed to the user must go before the Resolved, not after it."""
        before = loaded.ticket
        new = after.journal[len(before.journal):]  # the rules only ever append (R-JOURNAL-1)
        notes = [entry for entry in new if entry.kind is not EntryKind.SYSTEM_EVENT]
        events = list(loaded.events)
        for position, entry in enumerate(new):
            if entry.kind is EntryKind.SYSTEM_EVENT:
                notes_before = sum(1 for e in new[:position] if e.kind is not EntryKind.SYSTEM_EVENT)
                events.append(event_record(entry, before.version, notes_before))
        pins = dict(loaded.pins)
        was = {entry.id: entry.pinned for entry in before.journal}
        pins.update({str(e.id): e.pinned for e in after.journal if e.id in was and was[e.id] != e.pinned})
        fields = written_fields(changes(before, after, "", ""))
        writes = loaded.writes + ([[before.version, fields]] if fields else [])
        # Against what RT holds, so what was only derived on reading (a user's mail raising the Update flag)
        # is stored by the next write, whatever it is.
        body = changes(before, after, loaded.stored_state, state_of(after, events, pins, writes))
        if loaded.mail_flag and after.update_flag is None:  # an agent cleared the flag a user's mail raised
            body.setdefault("CustomFields", {})[CF_UPDATE_FLAG] = None
        if after.progressed is not None and after.progressed != before.progressed:  # R-ESC-4
            body.setdefault("CustomFields", {})[CF_PROGRESSED] = rt_moment(after.progressed)
        if files and not notes:
            notes = [JournalEntry(id=0, kind=EntryKind.INTERNAL_NOTE, author=rt.username or "", created=after.updated,
                                  body=", ".join(a.name for a, _ in files))]
        new_status = body.pop("Status", None) if notes else None
        etag: str | None = loaded.etag
        if "Queue" in body:
            # A hand-over first and alone: RT may refuse the move inside a 200 (a queue of another lifecycle
            # without a status map), and then nothing else may be written, least of all the user's letter.
            move: dict[str, Any] = {key: body.pop(key) for key in ("Queue", "Owner") if key in body}
            etag = await self._update_verified(rt, before.id, move, etag)
        if body:
            await self._update_verified(rt, before.id, body, etag)
        for index, note in enumerate(notes):
            kind, message = _message(note, files if index == 0 else [])
            if index == len(notes) - 1 and new_status is not None:
                message["Status"] = new_status
            transaction = await rt.message(before.id, kind, message)
            if note.pinned and kind == "correspond" and transaction is not None:
                pins[str(transaction)] = True  # mail to the user carries no marker of ours: pin it in the state
                await rt.update(before.id, {"CustomFields": {CF_STATE: state_of(after, events, pins, writes)}}, None)

    async def _update_verified(self, rt: RtClient, number: int, body: dict[str, Any], etag: str | None) -> str:
        """PUT, then read RT's columns back: RT answers 200 with messages whose wording is no contract, so
        what it did is checked against what was asked. The new ETag, for a write that follows."""
        await rt.update(number, body, etag)
        item, new_etag = await rt.get_with_etag(f"/ticket/{number}")
        queues = await self._queue_names(rt)
        held = {"Queue": queues.get(str(ref_id(item.get("Queue"))), ref_id(item.get("Queue"))),
                "Owner": ref_id(item.get("Owner")), "Status": item.get("Status"), "Subject": item.get("Subject"),
                "Priority": int(str(item.get("Priority") or 0))}
        refused = [key for key in held if key in body and str(held[key]) != str(body[key])]
        if refused:
            said = ", ".join(f"{key} is still {held[key]!r}" for key in refused)
            raise Invalid(f"RT did not make the change ({said}): nothing else was written", refused[0].lower())
        return new_etag

    # ----- reading ------------------------------------------------------------------------------

    async def meta(self) -> Meta:
        # A session that fell back to the password on every request says so (RT's base URL or whitelist is off).
        fallbacks = [c.fallback_reason for c in self._clients.values() if c.fallback_reason]
        return Meta(api_version=API_VERSION, adapter="rt", mails_by_itself=True,
                    description="; ".join([f"Request Tracker 5 at {self.url}", *fallbacks[:1]]))

    async def me(self, actor: str) -> Agent:
        return self._agent(actor)

    async def teams(self, actor: str) -> list[Team]:
        self._agent(actor)
        return list(self.desk.teams.values())

    async def set_absence(self, actor: str, team: str, body: AbsenceIn) -> Team:
        """R-TEAM-3: on RT the desk file (rt-setup's desk.json) is the directory, which this adapter only reads."""
        self._agent(actor)
        raise RuleViolation("R-TEAM-3", f"on Request Tracker, absence is kept in the desk file ({team}'s "
                            "\"absent\"): ask whoever keeps it to change it; workstations read it when they start")

    async def agents(self, actor: str) -> list[Agent]:
        self._agent(actor)
        return list(self.desk.agents.values())

    async def get(self, actor: str, code: str, window: JournalWindow | None = None) -> Ticket:
        return (await self._load(self._rt(actor), code, window.latest if window else None)).ticket

    async def attachment(self, actor: str, code: str, attachment: str) -> FileStream:
        """Issue 19: one of the ticket's files by RT's attachment id. Looked up among this ticket's attachments
        first, so no id of another ticket (or a part that is no file) is sent; RT's REST2 gives the content whole,
        base64 in JSON, so this adapter holds it once and sends it on in chunks."""
        rt = self._rt(actor)
        number = self._number(code)
        if not (attachment.isascii() and attachment.isdigit() and len(attachment) <= 12):
            raise NotFound(t("{code} has no attachment {name}", code=code, name=repr(attachment[:80])))
        found = await rt.json("POST", f"/ticket/{number}/attachments", json=[{"field": "id", "value": attachment}],
                              params={"fields": "Filename,ContentType,ContentLength"})
        part = next((p for p in found.get("items") or [] if str(p.get("id")) == attachment and p.get("Filename")),
                    None)
        if part is None:
            raise NotFound(t("{code} has no attachment {name}", code=code, name=repr(attachment)))
        if int(part.get("ContentLength") or 0) > MAX_DOWNLOAD_BYTES:
            raise Invalid(t("{name} is larger than {mb} MB.", name=str(part["Filename"]),
                            mb=MAX_DOWNLOAD_BYTES // 2**20))
        whole = await rt.get(f"/attachment/{attachment}")
        try:
            data = base64.b64decode(str(whole.get("Content") or ""), validate=False)
        except ValueError as exc:
            raise Invalid(f"RT sent attachment {attachment} in a form that is not base64") from exc

        async def chunks() -> Any:
            for start in range(0, len(data), DOWNLOAD_CHUNK_BYTES):
                yield data[start:start + DOWNLOAD_CHUNK_BYTES]

        return FileStream(safe_file_name(str(part["Filename"])), len(data),
                          str(part.get("ContentType") or "application/octet-stream"), chunks())

    async def add_entry(self, actor: str, code: str, body: NoteIn, version: int | None) -> Ticket:
        """R-JOURNAL-1; a note's or a letter's files (issue 19) ride on its comment or correspondence, so RT
        stores the entry and its files in one transaction (and mails a letter's files to the user)."""
        change = self.changes.add_entry(actor, body)
        if not body.files:
            return await self._change(actor, code, version, change)
        now = self.clock()
        files = [Attachment(name=safe_file_name(f.name), size=len(f.data), content_type=f.content_type, added=now,
                            added_by=actor) for f in body.files]
        return await self._change(actor, code, version, change, files, [f.data for f in body.files])

    async def pin(self, actor: str, code: str, entry: int, body: PinIn, version: int | None) -> Ticket:
        return await self._change(actor, code, version, self.changes.pin(actor, entry, body), whole=True)

    async def search(self, actor: str, query: TicketQuery) -> dict[str, Any]:
        """One TicketSQL search; Helpline's offset and limit become RT's 100-row pages, fetched together."""
        if query.flag_older_than_hours is not None:
            return await self._overdue(actor, query)
        if query.pending_due:
            return await self._pending_due(actor, query)
        rt = self._rt(actor)
        sql = ticket_sql(query, self.clock(), self.desk.teams)
        orderby, order = _ORDER[query.sort]
        first, last = query.offset // PAGE + 1, (query.offset + query.limit - 1) // PAGE + 1
        params = {"query": sql, "fields": "LastUpdated", "orderby": orderby, "order": order, "per_page": PAGE}
        pages, queues = await asyncio.gather(
            asyncio.gather(*(rt.get("/tickets", **params, page=n) for n in range(first, last + 1))),
            self._queue_names(rt),
        )
        items = [item for page in pages for item in page.get("items") or []]
        skip = query.offset - (first - 1) * PAGE
        rows = await self._rows(rt, items[skip : skip + query.limit], queues)
        total = pages[0].get("total")
        if total is None:  # RT leaves it out for some users: a lower bound is the best there is
            total = query.offset + len(rows)
        return {"items": [r.model_dump(mode="json") for r in rows], "total": int(total), "offset": query.offset,
                "limit": query.limit}

    async def _overdue(self, actor: str, query: TicketQuery) -> dict[str, Any]:
        """Flags up longer than asked (R-FLAG-1): TicketSQL cannot compare the moment a flag kept in Helpline's
        state was raised, so every flagged row is read (few on a desk that answers) and counted here."""
        raised_before = self.clock() - timedelta(hours=query.flag_older_than_hours or 0)
        flagged = query.model_copy(update={"flag_older_than_hours": None, "update_flag": True})
        return await self._judged(actor, query, flagged, lambda row: bool(
            row["update_flag"] and datetime.fromisoformat(row["update_flag"]) < raised_before))

    async def _pending_due(self, actor: str, query: TicketQuery) -> dict[str, Any]:
        """Pending tickets whose moment has come (R-STATUS-3): the moment is kept in Helpline's state too, so
        every pending row of the query is read (a team has few) and judged here."""
        now = self.clock()
        pending = query.model_copy(update={"pending_due": None, "status": [Status.PENDING]})
        return await self._judged(actor, query, pending, lambda row: bool(
            row["pending_until"] and datetime.fromisoformat(row["pending_until"]) <= now))

    async def _judged(self, actor: str, query: TicketQuery, wider: TicketQuery,
                      keep: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The rows of `wider` that `keep` judges here, where TicketSQL cannot, paged and counted as `query`."""
        wider = wider.model_copy(update={"offset": 0, "limit": PAGE})
        rows: list[dict[str, Any]] = []
        while True:
            page = await self.search(actor, wider)
            rows += [row for row in page["items"] if keep(row)]
            if len(page["items"]) < PAGE:
                break
            wider = wider.model_copy(update={"offset": wider.offset + PAGE})
        return {"items": rows[query.offset : query.offset + query.limit], "total": len(rows),
                "offset": query.offset, "limit": query.limit}

    async def _rows(self, rt: RtClient, items: list[dict[str, Any]], queues: dict[str, str]) -> list[TicketRow]:
        """Queue rows for search results that carry only id and LastUpdated. RT spends about 6 ms a row on
        custom fields, so a row is read whole only when it changed since it was last read, in parallel
        batches: a refreshed queue costs one cheap search instead of 600 ms a page."""
        settled = datetime.now(UTC) - ROW_CACHE_SETTLE
        wanted = [str(item["id"]) for item in items
                  if self._row_cache.get(str(item["id"]), (None,))[0] != item.get("LastUpdated")]
        batches = [wanted[i : i + ROW_BATCH] for i in range(0, len(wanted), ROW_BATCH)]
        found = await asyncio.gather(*(
            rt.get("/tickets", query=" OR ".join(f"id = {n}" for n in batch), fields=ROW_FIELDS, per_page=PAGE,
                   **{"fields[Requestor]": PERSON})
            for batch in batches))
        fresh = {str(item["id"]): item for page in found for item in page.get("items") or []}
        rows = []
        for item in items:
            key = str(item["id"])
            if key in fresh:
                row = row_of(fresh[key], queues)
                # RT counts whole seconds: a row changed this very second may change again unseen.
                if row.updated < settled:
                    self._row_cache[key] = (fresh[key].get("LastUpdated"), row)
                rows.append(row)
            elif key in self._row_cache:
                rows.append(self._row_cache[key][1])
        return rows

    # ----- writing ------------------------------------------------------------------------------

    async def create(self, actor: str, body: NewTicket) -> Ticket:
        rt = self._rt(actor)
        agent = self._agent(actor)
        team = self.changes.team(body.team or home_team(agent, self.desk.teams))
        built = build_ticket(1, body, actor=actor, actor_name=agent.name, team=team, teams=self.desk.teams,
                             now=self.clock())
        return await self._create_built(rt, built)

    async def _create_built(self, rt: RtClient, built: Ticket) -> Ticket:
        """Write a ticket the rules built (numbered 1 until RT gives it its own) as a new RT ticket."""
        events = [event_record(e, 0, 0) for e in built.journal if e.kind is EntryKind.SYSTEM_EVENT]
        fields = {cf: str(getattr(v, "value", v)) for name, cf in CF_OF_FIELD.items()
                  if (v := getattr(built, name)) is not None and name != "pending_reason"}
        fields[CF_STATE] = state_of(built, events, {})
        if built.progressed is not None:
            fields[CF_PROGRESSED] = rt_moment(built.progressed)
        request: dict[str, Any] = {
            "Queue": built.team, "Subject": built.subject, "CustomFields": fields, "Owner": built.owner or NOBODY,
            "Priority": rt_priority(WORK_RANK[built.priority]),
        }
        if built.description:
            request.update(Content=built.description, ContentType="text/plain")
        if "@" in built.requester:
            request["Requestor"] = built.requester
        made = await rt.create("/ticket", request)
        code = f"HL-{int(made['id'])}"
        # The description rides on RT's Create transaction, which is the journal's first message from the user
        # (rt_journal.journal_of); the rest of what build_ticket wrote (a quick case's solution and status,
        # R-TICKET-8) follows as a change.
        rest = [e for e in built.journal if e.kind is not EntryKind.SYSTEM_EVENT
                and not (e.kind is EntryKind.MESSAGE_FROM_USER and e.body == built.description)]
        if built.status is not Status.NEW or rest:
            loaded = await self._load(rt, code)
            target = built.model_copy(update={"id": loaded.ticket.id, "code": code,
                                              "journal": loaded.ticket.journal + rest})
            await self._write(rt, loaded, target, [])
        return (await self._load(rt, code)).ticket

    async def submit_escalation_form(
        self, actor: str, code: str, body: EscalationFormIn, version: int | None
    ) -> Ticket:
        """R-ESC-2: the files ride on the summary comment, so RT stores the note and its files together."""
        now = self.clock()
        files = [Attachment(name=f.name, size=len(f.data), content_type=f.content_type, added=now, added_by=actor)
                 for f in body.files]

        def change(ticket: Ticket, now: datetime) -> None:
            escalation_form.apply_escalation_form(ticket, body.form, teams=self.desk.teams, agents=self.desk.agents,
                                                  actor=actor, attachments=files, now=now)

        return await self._change(actor, code, version, change, files, [f.data for f in body.files])

    async def split(self, actor: str, code: str, body: SplitIn) -> list[Ticket]:
        """R-TICKET-4: each line becomes a ticket in the parent's queue, built from the parent, its link back in
        Helpline's state from the start; then the parent links to them. Checked whole before the first child is
        made (R-DISPATCH-7), so a refused split makes nothing in RT."""
        rt = self._rt(actor)
        parent = (await self._load(rt, code)).ticket
        lines = check_split(parent, body.lines, teams=self.desk.teams, actor=actor)
        children = []
        for line in lines:
            built = build_split_child(1, parent, line, actor=actor, teams=self.desk.teams, now=self.clock())
            children.append(await self._create_built(rt, built))

        def link_parent(ticket: Ticket, now: datetime) -> None:
            check_holder(ticket, self.desk.teams, actor)
            link_split(ticket, children, actor=actor, now=now, keep=body.keep)

        return [await self._change(actor, code, None, link_parent), *children]

    async def send_mail(self, actor: str) -> OutboxReport:
        """RT mails the requestors on every correspondence itself (R-MAIL-1): there is no outbox to send."""
        await self.me(actor)
        return OutboxReport(mails_by_itself=True)

    async def fetch_mail(self, actor: str) -> InboxReport:
        """RT takes its users' mail itself (rt-mailgate): there is no mailbox for the workstation to read."""
        await self.me(actor)
        return InboxReport(mails_by_itself=True)

    async def auto_close(self, actor: str) -> ClosedList:
        """R-STATUS-6: close what was resolved 30 days ago or more (Helpline keeps when it was resolved)."""
        now = self.clock()
        query = TicketQuery(status=[Status.RESOLVED], limit=PAGE, sort=Sort.CODE)
        due = []
        while True:  # every resolved row first: closing one takes it out of the pages still to come
            page = await self.search(actor, query)
            due += [row["code"] for row in page["items"] if row["resolved_at"]
                    and now - datetime.fromisoformat(row["resolved_at"]) >= status.AUTO_CLOSE_AFTER]
            if len(page["items"]) < PAGE:
                break
            query = query.model_copy(update={"offset": query.offset + PAGE})
        for code in due:
            await self._change(actor, code, None, lambda ticket, now: status.apply_auto_close(ticket, now))
        return ClosedList(closed=due)


def _pinned(state: dict[str, Any]) -> list[int]:
    return [int(key) for key, on in (state.get("pins") or {}).items() if on and str(key).isdigit()]


def _rt_file_type(declared: str, data: bytes) -> str:
    """What RT is told a file is: RT recodes a text/* part into UTF-8, so a text file that is not UTF-8 already
    (Latin-1, binary behind a text type) goes as bytes, to come back identical (issue 19)."""
    if declared.lower().startswith("text/"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
    return declared


def _message(note: JournalEntry, files: list[tuple[Attachment, bytes]]) -> tuple[str, dict[str, Any]]:
    """(comment or correspond, body). Only a message to the user is correspondence, which RT mails; the
    user's or a supplier's message logged by an agent is a comment whose subject says what it is."""
    body: dict[str, Any] = {"Content": note.body, "ContentType": "text/plain"}
    if files:
        body["Attachments"] = [{"FileName": a.name, "FileType": _rt_file_type(a.content_type, data),
                                "FileContent": base64.b64encode(data).decode()} for a, data in files]
    if note.kind is EntryKind.MESSAGE_TO_USER:
        return "correspond", body
    if note.kind is not EntryKind.INTERNAL_NOTE or note.pinned:
        pinned = " pinned" if note.pinned else ""
        body["Subject"] = f"[helpline:{note.kind.value}{pinned}] {note.author}"
    return "comment", body

