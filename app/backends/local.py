"""The local JSON store adapter: answers the adapter API from a store folder, in-process.

Every operation applies the same rule functions the client's use cases check first, so a
script calling the API directly is refused exactly like the workstation (R-DISPATCH-6).
Store work runs in a worker thread so the event loop (and the TUI on it) never waits on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

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
    SplitIn,
)
from app.api.streams import FileStream
from app.backends.change_operations import ChangeOperations
from app.backends.changes import Changes, home_team
from app.backends.letter_files import desk_letters
from app.backends.local_store import LocalStore, NewFile
from app.backends.store_attachments import chunks_of
from app.domain import escalation_form, status
from app.domain.absence import apply_absence
from app.domain.clock import utcnow
from app.domain.dispatch import check_holder
from app.domain.enums import EntryKind, Status
from app.domain.journal import SYSTEM_AUTHOR, append_entry
from app.domain.letters import NO_MAIL_CONFIGURED, queue_letters
from app.domain.models import Agent, Attachment, Team, Ticket, TicketRow
from app.domain.templates import closed_notice, use_desk_letters
from app.domain.tickets import NewTicket, build_split_child, build_ticket, check_split, link_split
from app.errors import Conflict, Unauthorized
from app.i18n import t
from app.mail.imap_fetch import fetch_unseen
from app.mail.inbound import KEPT_FOLDER, kept_mail
from app.mail.outbox import deliver_due
from app.mail.settings import MailSettings

R = TypeVar("R")


class LocalBackend(ChangeOperations):
    """DeskBackend over a LocalStore. `clock` is injectable so tests can travel in time."""

    def __init__(self, store: LocalStore, clock: Callable[[], datetime] | None = None,
                 mail: MailSettings | None = None) -> None:
        self.store = store
        self.changes = Changes(store.teams, store.agents)
        # Looked up at each call, so a test can move this module's `utcnow` in time.
        self.clock = clock or (lambda: utcnow())
        self.mail = mail  # R-MAIL-1: None, and every letter is recorded as not sent
        # R-MAIL-1: the desk's own letters, in its language, checked now (a broken one is named, not sent).
        use_desk_letters(desk_letters(store.files, store.root, mail.language if mail else None))

    @classmethod
    def open(cls, root: Path, read_only: bool = False, trust_foreign: bool = False,
             clock: Callable[[], datetime] | None = None, mail: MailSettings | None = None) -> LocalBackend:
        """`trust_foreign`: open a store folder of another user, or one others may write, knowingly."""
        return cls(LocalStore(root, read_only=read_only, trust_foreign=trust_foreign), clock, mail)

    def _mail_domain(self) -> str | None:
        """Of the desk's address (its letters' Message-IDs); None: no mail configured, letters are not sent."""
        return self.mail.domain if self.mail else None

    def _with_letters(self, change: Callable[[Ticket], R], now: datetime) -> Callable[[Ticket], R]:
        """`change`, and a letter queued for each message to the user it writes, in the same store write
        (R-MAIL-1): a crash loses both or neither."""

        def changed(ticket: Ticket) -> R:
            written = ticket.journal[-1].id if ticket.journal else 0
            result = change(ticket)
            queue_letters(ticket, written, now, self._mail_domain())
            return result

        return changed

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
            return self.store.update(code, self._with_letters(lambda ticket: change(ticket, now), now), version)

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

    async def set_absence(self, actor: str, team: str, body: AbsenceIn) -> Team:
        def work() -> Team:
            self._agent(actor)
            return self.store.change_absence(team, lambda held: apply_absence(held, actor=actor, agent=body.agent,
                                                                            absent=body.absent), actor)

        return await self._run(work)

    async def agents(self, actor: str) -> list[Agent]:
        return await self._read(actor, lambda: list(self.store.agents().values()))

    async def get(self, actor: str, code: str, window: JournalWindow | None = None) -> Ticket:
        """With `window.latest`, the newest entries and the pinned ones only: reading a long journal from the
        disk costs little, but sending all of it (megabytes) on every open would not."""
        latest = window.latest if window is not None else None
        return await self._read(actor, lambda: self.store.get(code, latest))

    async def search(self, actor: str, query: TicketQuery) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            page, total = self.store.search(query, self.clock())
            return {"items": page, "total": total, "offset": query.offset, "limit": query.limit}

        return await self._read(actor, work)

    async def attachment(self, actor: str, code: str, attachment: str) -> FileStream:
        """Issue 19: one of the ticket's files, read from disk a chunk at a time as it is sent."""
        listed, fd, size = await self._read(actor, lambda: self.store.open_attachment(code, attachment))
        return FileStream(listed.name, size, listed.content_type, chunks_of(fd, size))

    # ----- writing ------------------------------------------------------------------------------

    async def add_entry(self, actor: str, code: str, body: NoteIn, version: int | None) -> Ticket:
        """R-JOURNAL-1; with files (issue 19), they are stored beside the ticket in the same write as the entry
        that lists them, or not at all (app/backends/store_attachments.py)."""
        change = self.changes.add_entry(actor, body)
        if not body.files:
            return await self._change(actor, code, version, change)

        def work() -> Ticket:
            self._agent(actor)
            now = self.clock()

            def apply(ticket: Ticket, stored: list[Attachment]) -> None:
                written = ticket.journal[-1].id if ticket.journal else 0
                change(ticket, now)
                entry = next(e for e in ticket.journal if e.id > written and e.kind is body.kind)
                for file in stored:
                    file.entry = entry.id
                ticket.attachments.extend(stored)

            files = [NewFile(f.name, f.data, f.content_type) for f in body.files]
            return self.store.update_with_files(
                code, files, lambda ticket, stored: self._with_letters(lambda held: apply(held, stored), now)(ticket),
                version, actor, now)

        return await run_in_threadpool(work)


    async def create(self, actor: str, body: NewTicket) -> Ticket:
        def work() -> Ticket:
            agent = self._agent(actor)
            teams = self.store.teams()
            team_id = body.team or home_team(agent, teams)
            team = self._team(team_id)
            now = self.clock()
            def build(number: int) -> Ticket:
                ticket = build_ticket(number, body, actor=actor, actor_name=agent.name, team=team, teams=teams,
                                      now=now)
                queue_letters(ticket, 0, now, self._mail_domain())  # a quick case's letter
                return ticket

            return self.store.create_ticket(build)

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
            def with_letters(ticket: Ticket, stored: list[Attachment]) -> Ticket:
                return self._with_letters(lambda held: apply(held, stored), now)(ticket)

            return self.store.update_with_files(code, files, with_letters, version, actor, now)

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

    async def send_mail(self, actor: str) -> OutboxReport:
        """R-MAIL-1: one round of the outbox. Without `[mail]` there is nothing to send: every letter was
        recorded as not sent when it was written."""

        def work() -> OutboxReport:
            self._agent(actor)
            if self.mail is None:
                return OutboxReport(problem=t(NO_MAIL_CONFIGURED))
            return deliver_due(self.store, self.mail, self.clock)

        return await self._run(work)

    async def fetch_mail(self, actor: str) -> InboxReport:
        """R-MAIL-2: one round over the IMAP mailbox, when `[mail]` names one."""

        def work() -> InboxReport:
            self._agent(actor)
            report = InboxReport() if self.mail is None or not self.mail.imap_host else fetch_unseen(
                self.store, self.mail, self.clock)
            report.kept, report.kept_folder = kept_mail(self.store), KEPT_FOLDER
            return report

        return await self._run(work)

    def _closed(self, ticket: Ticket, now: datetime) -> None:
        """R-STATUS-6, R-MAIL-1: closed, and its user told so by the local store (RT's own scrips tell RT's)."""
        status.apply_auto_close(ticket, now)
        team = self.store.teams().get(ticket.team)
        append_entry(ticket, EntryKind.MESSAGE_TO_USER, SYSTEM_AUTHOR,
                     closed_notice(ticket.code, team.name if team else None), now, progress=False)

    async def auto_close(self, actor: str) -> ClosedList:
        """R-STATUS-6: close what was resolved 30 days ago or more."""

        def work() -> ClosedList:
            self._agent(actor)
            now = self.clock()
            closed = []
            for row in self.store.rows(Status.RESOLVED.value):
                ticket_row = TicketRow.model_validate(row)
                if ticket_row.resolved_at and now - ticket_row.resolved_at >= status.AUTO_CLOSE_AFTER:
                    self.store.update(row["code"], self._with_letters(lambda ticket: self._closed(ticket, now), now))
                    closed.append(row["code"])
            return ClosedList(closed=closed)

        return await self._run(work)

