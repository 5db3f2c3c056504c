"""The local JSON store adapter: answers the adapter API from a store folder, in-process.

Every operation applies the same rule functions the client's use cases check first, so a
script calling the API directly is refused exactly like the workstation (R-DISPATCH-6).
Store work runs in a worker thread so the event loop (and the TUI on it) never waits on disk.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from app.api import API_VERSION
from app.api.backend import JournalWindow, TicketQuery
from app.api.schemas import (
    ClosedList,
    EscalationFormIn,
    Meta,
    Sort,
    SplitIn,
)
from app.backends.change_operations import ChangeOperations
from app.backends.changes import Changes, home_team
from app.backends.local_store import LocalStore, NewFile
from app.domain import escalation_form, status
from app.domain.clock import utcnow
from app.domain.dispatch import check_holder
from app.domain.enums import OPEN_STATUSES, Status
from app.domain.escalations import hierarchical_reasons
from app.domain.models import Agent, Attachment, Team, Ticket, TicketRow
from app.domain.priority import WORK_RANK
from app.domain.tickets import NewTicket, build_split_child, build_ticket, check_split, link_split
from app.errors import Conflict, Unauthorized

R = TypeVar("R")
QUERY_CACHE_SIZE = 16  # the views, the status line's counts and the filter as it is typed
_RANK = {priority.value: rank for priority, rank in WORK_RANK.items()}
_OPEN = {s.value for s in OPEN_STATUSES}


class LocalBackend(ChangeOperations):
    """DeskBackend over a LocalStore. `clock` is injectable so tests can travel in time."""

    def __init__(self, store: LocalStore, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.changes = Changes(store.teams, store.agents)
        self._cache: OrderedDict[tuple[int, str, int], list[dict[str, Any]]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._haystacks: dict[int, tuple[dict[str, Any], str]] = {}
        self._warming: threading.Thread | None = None
        # Looked up at each call, so a test can move this module's `utcnow` in time.
        self.clock = clock or (lambda: utcnow())

    @classmethod
    def open(cls, root: Path, read_only: bool = False, trust_foreign: bool = False,
             clock: Callable[[], datetime] | None = None) -> LocalBackend:
        """`trust_foreign`: open a store folder of another user, or one others may write, knowingly."""
        return cls(LocalStore(root, read_only=read_only, trust_foreign=trust_foreign), clock)

    # ----- helpers ------------------------------------------------------------------------------

    def _agent(self, actor: str) -> Agent:
        agent = self.store.agents().get(actor)
        if agent is None:
            raise Unauthorized(f"{actor!r} is not an agent of this desk")
        return agent

    def _team(self, team_id: str) -> Team:
        return self.changes.team(team_id)

    async def _change(
        self, actor: str, code: str, version: int | None, change: Callable[[Ticket, datetime], object]
    ) -> Ticket:
        def work() -> Ticket:
            self._agent(actor)
            now = self.clock()
            return self.store.update(code, lambda ticket: change(ticket, now), version)

        return await run_in_threadpool(work)

    async def _run(self, work: Callable[[], R]) -> R:
        return await run_in_threadpool(work)

    async def _read(self, actor: str, work: Callable[[], R]) -> R:
        """Check who asks, then read (in the worker thread)."""

        def checked() -> R:
            self._agent(actor)
            return work()

        return await run_in_threadpool(checked)

    # ----- reading ------------------------------------------------------------------------------

    async def meta(self) -> Meta:
        # Never the store's path: whoever calls a served adapter learns nothing of the machine.
        return Meta(api_version=API_VERSION, adapter="local", description="local JSON store")

    async def me(self, actor: str) -> Agent:
        return await self._run(lambda: self._agent(actor))

    async def teams(self, actor: str) -> list[Team]:
        return await self._read(actor, lambda: list(self.store.teams().values()))

    async def agents(self, actor: str) -> list[Agent]:
        return await self._read(actor, lambda: list(self.store.agents().values()))

    async def get(self, actor: str, code: str, window: JournalWindow | None = None) -> Ticket:
        """With `window.latest`, the newest entries and the pinned ones only: reading a long journal from the
        disk costs little, but sending all of it (megabytes) on every open would not."""
        latest = window.latest if window is not None else None
        return await self._read(actor, lambda: journal_window(self.store.get(code), latest))

    async def search(self, actor: str, query: TicketQuery) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            rows = self._selected(query)
            self._warm_haystacks()
            page = rows[query.offset : query.offset + query.limit]
            return {"items": page, "total": len(rows), "offset": query.offset, "limit": query.limit}

        return await self._read(actor, work)

    def _selected(self, query: TicketQuery) -> list[dict[str, Any]]:
        """The rows a query selects, in order. Kept for the next page of the same query while no row changed,
        so paging through 100,000 rows filters and sorts once instead of once per page; a text filter narrows
        the view's kept rows (or, as it is typed, the previous letter's), so a keystroke never sorts again."""
        rows, generation = self.store.rows_and_generation()
        now = self.clock()
        key = self._cache_key(generation, query, now)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        if query.q:
            typed = query.q[:-1]
            shorter = self._cache.get(self._cache_key(generation, query.model_copy(update={"q": typed}), now))
            if shorter is None or not typed:
                shorter = self._selected(query.model_copy(update={"q": None}))
            needle = query.q.casefold()
            selected = [row for row in shorter if needle in self._haystack(row)]
        else:
            selected = filter_rows(rows, query, now)
        with self._cache_lock:
            self._cache[key] = selected
            while len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return selected

    @staticmethod
    def _cache_key(generation: int, query: TicketQuery, now: datetime) -> tuple[int, str, int]:
        # R-ESC-4 candidates and overdue flags depend on the time, so those queries are kept a minute at most.
        timed = query.stale_hours is not None or query.flag_older_than_hours is not None
        minute = int(now.timestamp() // 60) if timed else 0
        return generation, query.model_dump_json(exclude={"offset", "limit"}), minute

    def _warm_haystacks(self) -> None:
        """Fold every row's filter text once, in the background after the first search, so the agent's
        first keystroke in the filter does not pay for 100,000 rows."""
        if self._warming is not None:
            return

        def warm() -> None:
            for row in self.store.rows():
                self._haystack(row)

        self._warming = threading.Thread(target=warm, name="helpline-haystacks", daemon=True)
        self._warming.start()

    def _haystack(self, row: dict[str, Any]) -> str:
        """What the text filter searches in a row, folded once per version of the row."""
        kept = self._haystacks.get(row["id"])
        if kept is not None and kept[0] is row:
            return kept[1]
        text = "\n".join((row["code"], row["subject"], row["requester"], row["serial_number"] or "")).casefold()
        self._haystacks[row["id"]] = (row, text)
        return text

    # ----- writing ------------------------------------------------------------------------------

    async def create(self, actor: str, body: NewTicket) -> Ticket:
        def work() -> Ticket:
            agent = self._agent(actor)
            teams = self.store.teams()
            team_id = body.team or home_team(agent, teams)
            team = self._team(team_id)
            now = self.clock()
            return self.store.create_ticket(
                lambda number: build_ticket(number, body, actor=actor, actor_name=agent.name, team=team,
                                            teams=teams, now=now)
            )

        return await self._run(work)

    async def submit_escalation_form(
        self, actor: str, code: str, body: EscalationFormIn, version: int | None
    ) -> Ticket:
        """R-ESC-2. A dry run of the whole change first, so a refused or stale form writes nothing at all; then
        the files and the ticket in one write of the store, so they land together or not at all."""

        def work() -> Ticket:
            self._agent(actor)
            now = self.clock()
            teams, agents = self.store.teams(), self.store.agents()

            def apply(ticket: Ticket, stored: list[Attachment]) -> Ticket:
                return escalation_form.apply_escalation_form(
                    ticket, body.form, teams=teams, agents=agents, actor=actor, attachments=stored, now=now)

            current = self.store.get(code)
            if version is not None and current.version != version:
                raise Conflict(f"{code} was changed by someone else (version {current.version}, you had {version}): "
                               "reload it and try again")
            apply(current, [])  # the dry run: raises exactly what the real change would
            files = [NewFile(f.name, f.data, f.content_type) for f in body.files]
            return self.store.update_with_files(code, files, apply, version, actor, now)

        return await run_in_threadpool(work)

    async def split(self, actor: str, code: str, body: SplitIn) -> list[Ticket]:
        """R-TICKET-4: each line becomes a ticket in the parent's queue, built from the parent; all stay linked.
        Checked whole before the first child is made (R-DISPATCH-7), so a refused split writes nothing."""

        def work() -> list[Ticket]:
            self._agent(actor)
            teams = self.store.teams()
            lines = check_split(self.store.get(code), body.lines, teams=teams, actor=actor)
            created = []
            for line in lines:
                parent = self.store.get(code)
                now = self.clock()

                def build(number: int, line: str = line, parent: Ticket = parent, now: datetime = now) -> Ticket:
                    return build_split_child(number, parent, line, actor=actor, teams=teams, now=now)

                created.append(self.store.create_ticket(build))

            def link_parent(ticket: Ticket) -> None:
                check_holder(ticket, teams, actor)
                link_split(ticket, created, actor=actor, now=self.clock(), keep=body.keep)

            return [self.store.update(code, link_parent), *created]

        return await self._run(work)

    async def auto_close(self, actor: str) -> ClosedList:
        """R-STATUS-6: close what was resolved 30 days ago or more."""

        def work() -> ClosedList:
            self._agent(actor)
            now = self.clock()
            closed = []
            for row in self.store.rows():
                if row["status"] != Status.RESOLVED.value:
                    continue
                ticket_row = TicketRow.model_validate(row)
                if ticket_row.resolved_at and now - ticket_row.resolved_at >= status.AUTO_CLOSE_AFTER:
                    self.store.update(row["code"], lambda ticket: status.apply_auto_close(ticket, now))
                    closed.append(row["code"])
            return ClosedList(closed=closed)

        return await self._run(work)


def journal_window(ticket: Ticket, latest: int | None) -> Ticket:
    """The ticket with its pinned entries and its newest `latest` other ones (`journal_complete` says whether
    any were left out); the whole ticket without `latest`."""
    if latest is None:
        return ticket
    unpinned = [entry for entry in ticket.journal if not entry.pinned]
    if len(unpinned) <= latest:
        return ticket
    keep = {id(entry) for entry in unpinned[-latest:]}
    entries = [entry for entry in ticket.journal if entry.pinned or id(entry) in keep]
    return ticket.model_copy(update={"journal": entries, "journal_complete": False})


def _moment(value: datetime | str) -> datetime:
    """A row's time: a datetime, or its ISO text as rows read from the index keep it."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value.replace("Z", "+00:00"))


def filter_rows(rows: list[dict[str, Any]], query: TicketQuery, now: datetime) -> list[dict[str, Any]]:
    """Apply a TicketQuery to raw queue rows (plain dicts, for speed), sorted as asked."""
    selected = rows
    if query.team is not None:
        selected = [r for r in selected if r["team"] == query.team]
    if query.owner is not None:
        owner = None if query.owner == "none" else query.owner
        selected = [r for r in selected if r["owner"] == owner]
    if query.status:
        wanted = {s.value for s in query.status}
        selected = [r for r in selected if r["status"] in wanted]
    if query.open is not None:
        selected = [r for r in selected if (r["status"] in _OPEN) == query.open]
    if query.update_flag is not None:
        selected = [r for r in selected if (r["update_flag"] is not None) == query.update_flag]
    if query.flag_older_than_hours is not None:
        raised_before = now - timedelta(hours=query.flag_older_than_hours)
        selected = [r for r in selected if r["update_flag"] is not None
                    and _moment(r["update_flag"]) < raised_before]
    if query.attention is not None:
        selected = [r for r in selected if r["attention"] == query.attention]
    if query.advice_team is not None:
        selected = [r for r in selected if r.get("advice_team") == query.advice_team]
    if query.requester is not None:
        who = query.requester.strip().casefold()
        selected = [r for r in selected if who in (r["requester"].casefold(), (r["requested_for"] or "").casefold())]
    if query.q:
        needle = query.q.casefold()
        selected = [
            r for r in selected
            if needle in r["code"].casefold() or needle in r["subject"].casefold()
            or needle in r["requester"].casefold() or needle in (r["serial_number"] or "").casefold()
        ]
    if query.stale_hours is not None:
        stale_after = timedelta(hours=query.stale_hours)
        selected = [r for r in selected if r["status"] in _OPEN
                    and hierarchical_reasons(TicketRow.model_validate(r), now, stale_after)]
    keys: dict[Sort, Callable[[dict[str, Any]], Any]] = {
        Sort.WORK: lambda r: (_RANK[r["priority"]], r["created"], r["id"]),
        Sort.AGE: lambda r: (r["created"], r["id"]),
        Sort.UPDATED: lambda r: (r["updated"], r["id"]),
        Sort.CODE: lambda r: r["id"],
    }
    return sorted(selected, key=keys[query.sort])
