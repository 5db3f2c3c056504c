"""Use cases: what the screens and the command line ask for, with the rules checked first.

The adapter checks the same rules again (so a script cannot bypass them); checking here as
well gives the user the refusal at once, at the field, before anything is sent.
"""

from __future__ import annotations

import asyncio
import base64
import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import downloads
from app.api.backend import MAX_PAGE, TicketQuery
from app.api.schemas import (
    AbsenceIn,
    AssignIn,
    AttachmentIn,
    DispatchIn,
    EscalationFormIn,
    EscalationIn,
    EscalationUpdateIn,
    FieldsIn,
    FlagsIn,
    HandoverIn,
    InboxReport,
    NoteIn,
    OutboxReport,
    PriorityIn,
    ReturnIn,
    SplitIn,
    StatusIn,
    TicketPage,
)
from app.api.schemas import Sort as Sort  # re-exported: the screens' word for a queue's order
from app.client import HelplineClient
from app.domain import dispatch as dispatch_rules
from app.domain import status as status_rules
from app.domain.advisory import AdvisoryRequest, check_advisory
from app.domain.categories import DEFAULT_CATEGORY_KEYWORDS, points_elsewhere
from app.domain.clock import utcnow
from app.domain.duplicates import Duplicate
from app.domain.enums import (
    AdvisoryBounce,
    EntryKind,
    EscalationKind,
    EscalationStatus,
    Impact,
    LineLevel,
    PendingReason,
    Priority,
    Recipients,
    Status,
    Urgency,
)
from app.domain.errors import RuleViolation
from app.domain.escalation_form import AttachmentRef, EscalationForm, FieldProblem, refusal, validate_form
from app.domain.flags import update_flag_overdue
from app.domain.limits import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES
from app.domain.models import Agent, Attachment, Team, Ticket, TicketRow
from app.domain.priority import priority_for
from app.domain.templates import redirect_to_portal
from app.domain.tickets import NewTicket, check_new_ticket, check_split
from app.downloads import default_folder as default_download_folder  # noqa: F401 - the screens' way to it
from app.errors import Invalid, NotFound
from app.finding import EARLIER_SHOWN, earlier_tickets, likely_duplicates_of
from app.i18n import t


class DuplicatesFound(Exception):
    """R-TICKET-6: likely duplicates to show before the new ticket is saved, each with why (issue 19)."""

    def __init__(self, found: list[Duplicate]) -> None:
        super().__init__(", ".join(each.row.code for each in found))
        self.found = found
        self.rows = [each.row for each in found]


@dataclass(frozen=True)
class MemberLoad:
    """A member's share of the team's work, as the dispatcher assigns (R-TEAM-3)."""

    open: int
    urgent: int  # P1 and P2
    overdue: int  # Update flags up too long (R-FLAG-1)
    absent: bool


class Desk:
    """The acting agent's desk: the client plus who I am and the teams, fetched once."""

    def __init__(self, client: HelplineClient, me: Agent, teams: list[Team], agents: list[Agent]) -> None:
        self.client = client
        self.me = me
        self.teams = {team.id: team for team in teams}
        self.agents = {agent.username: agent for agent in agents}
        # R-MAIL-1: the backend mails the user itself (RT); otherwise the workstation sends its outbox.
        self.mails_by_itself = False

    @classmethod
    async def connect(cls, client: HelplineClient) -> Desk:
        me = await client.me()
        desk = cls(client, me, await client.teams(), await client.agents())
        desk.mails_by_itself = (await client.meta()).mails_by_itself
        return desk

    async def set_absence(self, team: Team, agent: str, absent: bool) -> Team:
        """R-TEAM-3: a member marked absent or back by the team's dispatcher; the desk is read again."""
        changed = await self.client.set_absence(team.id, AbsenceIn(agent=agent, absent=absent))
        await self.refresh_directory()
        return changed

    async def refresh_directory(self) -> None:
        self.teams = {team.id: team for team in await self.client.teams()}
        self.agents = {agent.username: agent for agent in await self.client.agents()}

    # ----- who may do what (for the screens to offer only what is allowed) --------------------

    def my_teams(self) -> list[Team]:
        return [team for team in self.teams.values() if self.me.username in team.members]

    def team_of(self, ticket: Ticket | TicketRow) -> Team:
        team = self.teams.get(ticket.team)
        if team is None:
            # A backend's own queue (RT's General) holds tickets no team of this desk owns yet.
            raise NotFound(f"{ticket.code} is in {ticket.team!r}, which is not a team of this desk: dispatch it to "
                           "a team first")
        return team

    def allowed_statuses(self, ticket: Ticket) -> list[Status]:
        return status_rules.allowed_targets(ticket, self.team_of(ticket), utcnow())

    def can_assign(self, ticket: Ticket | TicketRow) -> bool:
        """R-DISPATCH-3: only a dispatcher of the holding team sees the assign action."""
        team = self.teams.get(ticket.team)  # a ticket in no team of this desk has no dispatcher here
        return team is not None and self.me.username in team.dispatchers

    def dispatch_targets(self, ticket: Ticket | TicketRow) -> list[Team]:
        """R-DISPATCH-6: teams only; never the current one or an advisory group."""
        return [team for team in self.teams.values() if team.id != ticket.team and not team.advisory]

    # ----- reading ------------------------------------------------------------------------------

    async def search(self, query: TicketQuery) -> TicketPage:
        return await self.client.search(query)

    async def ticket(self, code: str, latest: int | None = None) -> Ticket:
        """The ticket; with `latest`, perhaps only its newest entries (`journal_complete` says)."""
        return await self.client.get(code, latest)

    # ----- registering --------------------------------------------------------------------------

    async def create_ticket(self, draft: NewTicket, *, allow_duplicates: bool = False) -> Ticket:
        """R-TICKET-3/5 checked first; R-TICKET-6 likely duplicates raised unless allowed."""
        problems = check_new_ticket(draft, actor=self.me.username, actor_name=self.me.name)
        if problems:
            field, rule, message = problems[0]
            raise RuleViolation(rule, message, field)
        if not allow_duplicates:
            found = await likely_duplicates_of(self.client, draft)
            if found:
                raise DuplicatesFound(found)
        return await self.client.create(draft)

    async def earlier_tickets(self, requester: str, most: int = EARLIER_SHOWN) -> tuple[list[TicketRow], int]:
        """Issue 19: the requester's newest tickets of any status, newest first, and how many there are."""
        return await earlier_tickets(self.client, requester, most)

    async def add_call(self, code: str, draft: NewTicket) -> Ticket:
        """Issue 19, "add this call to it": the new call's words join an existing ticket instead of a new one, as
        the user's message recorded by the agent (R-JOURNAL-1/6), which raises the Update flag (R-FLAG-1). A
        Resolved twin goes back to In Progress first, as the user's reopen within 30 days (R-STATUS-6); a
        Closed one is refused by the rules (a new ticket linked to it is made instead)."""
        ticket = await self.client.get(code)
        words = draft.description.strip() or draft.subject.strip()
        if ticket.status is Status.RESOLVED:
            ticket = await self.set_status(ticket, Status.IN_PROGRESS, reason=t(
                "{who} called again: {subject}", who=draft.requester.strip(), subject=draft.subject.strip()))
        return await self.add_note(ticket, words, kind=EntryKind.MESSAGE_FROM_USER, author=draft.requester.strip())

    # ----- journal, flags, fields ---------------------------------------------------------------

    async def add_note(self, ticket: Ticket, body: str, *, kind: EntryKind = EntryKind.INTERNAL_NOTE,
                       pinned: bool = False, author: str | None = None, to: Recipients | None = None,
                       files: Sequence[AttachmentRef] = ()) -> Ticket:
        """`to`: whom a message to the user goes to (R-MAIL-1); `files`: picked from disk, read now and stored
        with the entry in the same write (issue 19)."""
        if not body.strip():
            raise RuleViolation("R-JOURNAL-1", "An empty entry says nothing: write the text first.", "body")
        attached = await asyncio.to_thread(_read_files, files) if files else []
        return await self.client.add_entry(ticket.code, NoteIn(kind=kind, body=body, pinned=pinned, author=author,
                                                               to=to, files=attached))

    # ----- attachments (issue 19) ---------------------------------------------------------------

    async def save_attachment(self, ticket: Ticket, attachment: Attachment, folder: Path) -> Path:
        """Fetched chunk by chunk into a new file in `folder` (never over one there: "name (1).ext")."""
        try:
            async with self.client.attachment(ticket.code, attachment) as chunks:
                return await downloads.save_chunks(chunks, folder, attachment.name)
        except OSError as error:
            raise Invalid(t("{name} could not be saved in {folder}: {reason}", name=attachment.name,
                            folder=str(folder), reason=error.strerror or str(error)), "folder") from error

    async def open_attachment(self, ticket: Ticket, attachment: Attachment, opener: str | None = None
                              ) -> tuple[Path, str | None]:
        """Saved to a private temporary folder, then handed to the system's opener (`opener` of config.toml, else
        xdg-open or open): (where it is, what went wrong opening it, None when nothing did)."""
        folder = await asyncio.to_thread(downloads.private_folder)
        path = await self.save_attachment(ticket, attachment, folder)
        return path, await downloads.open_with(downloads.opener_command(opener), path)

    async def redirect_to_portal(self, ticket: Ticket) -> Ticket:
        """R-JOURNAL-5: answer a message that reached me personally with the portal template."""
        return await self.add_note(ticket, redirect_to_portal(self.team_of(ticket).name),
                                   kind=EntryKind.MESSAGE_TO_USER)

    async def pin(self, ticket: Ticket, entry: int, pinned: bool) -> Ticket:
        return await self.client.pin(ticket.code, entry, pinned, ticket.version)

    async def set_flags(self, ticket: Ticket | str, *, update: bool | None = None, attention: bool | None = None
                        ) -> Ticket:
        """`ticket`: the one on screen, whose version is sent; or a code only (a marked queue row), whose ticket
        is read first for its version: flags are set, not toggled, so the newest version is as good as any."""
        if isinstance(ticket, str):
            ticket = await self.client.get(ticket, 1)
        return await self.client.set_flags(ticket.code, FlagsIn(update=update, attention=attention), ticket.version)

    async def set_fields(self, ticket: Ticket, fields: FieldsIn) -> Ticket:
        return await self.client.set_fields(ticket.code, fields, ticket.version)

    async def set_priority(self, ticket: Ticket, impact: Impact, urgency: Urgency, reason: str | None = None
                           ) -> Ticket:
        priority_for(ticket.kind, impact, urgency)  # R-PRIO-1/2: values of the ticket's matrix
        return await self.client.set_priority(ticket.code, PriorityIn(impact=impact, urgency=urgency,
                                                                      reason=reason), ticket.version)

    # ----- status -------------------------------------------------------------------------------

    async def set_status(self, ticket: Ticket, target: Status, *, pending_reason: PendingReason | None = None,
                         solution: str | None = None, reason: str | None = None, until: datetime | None = None,
                         message: str | None = None, to: Recipients | None = None) -> Ticket:
        """`reason`: why a Resolved ticket is reopened (R-STATUS-6); `until`, `message`: a dated pending's
        moment and the words to the user with a pending (R-STATUS-3); `to`: whom the letter of a resolve or a
        pending goes to (R-MAIL-1)."""
        status_rules.check_status_change(ticket, target, team=self.team_of(ticket), now=utcnow(),
                                         pending_reason=pending_reason, solution=solution, reason=reason,
                                         until=until)
        body = StatusIn(status=target, pending_reason=pending_reason, solution=solution, reason=reason, until=until,
                        message=message or None, to=to)
        return await self.client.set_status(ticket.code, body, ticket.version)

    async def begin_work(self, ticket: Ticket) -> Ticket:
        return await self.client.begin_work(ticket.code, ticket.version)

    # ----- hand-overs ---------------------------------------------------------------------------

    # R-DISPATCH-5: the desk's category keywords (config.toml `[categories]`), which the app sets on connecting;
    # the hand-over screens suggest a category from them.
    category_keywords: Mapping[str, Sequence[str]] = DEFAULT_CATEGORY_KEYWORDS

    def category_pointed_to(self, text: str, category: str | None) -> str | None:
        """R-DISPATCH-5: the category `text` points to when it is not `category`; None when they agree."""
        return points_elsewhere(text, category, self.category_keywords)

    def check_dispatch(self, ticket: Ticket, team: str, summary: str, *, category: str | None = None,
                       one_problem: bool = False) -> None:
        """The rules of a hand-over to `team`, checked here first (the adapter checks them again)."""
        # A journal read in part may hide an earlier statement: the adapter, which reads it whole, then decides.
        dispatch_rules.check_dispatch(ticket, team, teams=self.teams, agents=self.agents, summary=summary,
                                      category=category, one_problem=one_problem if ticket.journal_complete else None)

    async def dispatch(self, ticket: Ticket, team: str, summary: str, *, category: str | None = None,
                       pin_summary: bool = False, tell_user: bool = True, one_problem: bool = False) -> Ticket:
        """`one_problem`: the agent states that a ticket looking like several problems is one (R-TICKET-4)."""
        self.check_dispatch(ticket, team, summary, category=category, one_problem=one_problem)
        body = DispatchIn(team=team, summary=summary, category=category, pin_summary=pin_summary,
                          tell_user=tell_user, one_problem=one_problem)
        return await self.client.dispatch(ticket.code, body, ticket.version)

    async def handover_to_agent(self, ticket: Ticket, team: str, agent: str, *, agreed_with: str, summary: str,
                                category: str | None = None, one_problem: bool = False) -> Ticket:
        body = HandoverIn(team=team, agent=agent, agreed_with=agreed_with, summary=summary, category=category,
                          one_problem=one_problem)
        return await self.client.handover(ticket.code, body, ticket.version)

    async def assign(self, ticket: Ticket, agent: str) -> Ticket:
        dispatch_rules.check_assign(ticket, self.team_of(ticket), actor=self.me.username, agent=agent)
        return await self.client.assign(ticket.code, AssignIn(agent=agent), ticket.version)

    async def return_to_primary(self, ticket: Ticket, note: str) -> Ticket:
        dispatch_rules.return_target(ticket, self.teams)
        return await self.client.return_to_primary(ticket.code, ReturnIn(note=note), ticket.version)

    # ----- escalations --------------------------------------------------------------------------

    async def escalate(self, ticket: Ticket, body: EscalationIn) -> Ticket:
        return await self.client.escalate(ticket.code, body, ticket.version)

    async def escalate_hierarchical(self, ticket: Ticket, handler: str, note: str, stale_after: timedelta
                                    ) -> Ticket:
        body = EscalationIn(kind=EscalationKind.HIERARCHICAL, handler=handler, note=note,
                            stale_hours=stale_after.total_seconds() / 3600)
        return await self.escalate(ticket, body)

    async def escalate_advisory(self, ticket: Ticket, team: str, request: AdvisoryRequest) -> Ticket:
        """R-ADVICE-1/2: checked here first, so a request the specialists would bounce is not sent at all."""
        second_line = [other for other in self.teams.values() if other.line is LineLevel.SECOND and not other.advisory]
        check_advisory(request, second_line, utcnow())
        return await self.escalate(ticket, EscalationIn(kind=EscalationKind.ADVISORY, team=team, advisory=request))

    async def escalate_linked(self, ticket: Ticket, kind: EscalationKind, note: str, *, handler: str | None = None,
                              priority: int | None = None) -> Ticket:
        """R-LINK-1: a complaint, service report or action beside the ticket."""
        return await self.escalate(ticket, EscalationIn(kind=kind, note=note, handler=handler, priority=priority))

    async def move_escalation(self, ticket: Ticket, number: str, *, status: EscalationStatus | None = None,
                              handler: str | None = None) -> Ticket:
        """R-ESC-5: an escalation moved on (a status, a handler), each change a line of the ticket's journal."""
        body = EscalationUpdateIn(status=status, handler=handler)
        return await self.client.update_escalation(ticket.code, number, body, ticket.version)

    async def answer_advice(self, ticket: Ticket, number: str, note: str) -> Ticket:
        body = EscalationUpdateIn(status=EscalationStatus.ANSWERED, note=note)
        return await self.client.update_escalation(ticket.code, number, body, ticket.version)

    async def bounce_advice(self, ticket: Ticket, number: str, reason: AdvisoryBounce, note: str = "") -> Ticket:
        body = EscalationUpdateIn(status=EscalationStatus.BOUNCED, bounce_reason=reason, note=note or None)
        return await self.client.update_escalation(ticket.code, number, body, ticket.version)

    # ----- the escalation form (R-ESC-1/2) ------------------------------------------------------

    def check_form_one_problem(self, ticket: Ticket, form: EscalationForm) -> None:
        """R-TICKET-4 at once, on the text the form gives the ticket; a journal read in part leaves it to the
        adapter, which reads it whole."""
        if ticket.journal_complete:
            dispatch_rules.check_one_problem(ticket, one_problem=form.one_problem,
                                             text=f"{form.subject}\n{form.description}")

    def form_problems(self, form: EscalationForm) -> list[FieldProblem]:
        return validate_form(form, agent_username=self.me.username, agent_name=self.me.name,
                             team_ids=set(self.teams))

    async def submit_escalation_form(self, ticket: Ticket, form: EscalationForm) -> Ticket:
        """Refused at once when a field is missing or weak; otherwise the files are read and sent with it."""
        problems = self.form_problems(form)
        if problems:
            raise refusal(problems)
        self.check_form_one_problem(ticket, form)
        files = await asyncio.to_thread(_read_files, form.attachments)
        body = EscalationFormIn(form=form, files=files)
        return await self.client.submit_escalation_form(ticket.code, body, ticket.version)

    def duties_before_handover(self, priority: Priority, team_id: str | None) -> str | None:
        """R-PRIO-4: what a hand-over of this priority to this team asks, shown before it is sent."""
        team = self.teams.get(team_id or "")
        return dispatch_rules.handover_reminder(priority, team, self.agents) if team else None

    def reminder_after_handover(self, ticket: Ticket) -> str | None:
        """R-PRIO-4: for P1 and P2, whom to call now."""
        return dispatch_rules.handover_reminder(ticket.priority, self.team_of(ticket), self.agents)

    async def team_loads(self) -> dict[str, tuple[int, int]]:
        """R-DISPATCH-6: per team, how many open tickets it holds and how many of them are unassigned."""
        loads = {}
        for team in self.teams.values():
            open_ = await self.client.search(TicketQuery(open=True, team=team.id, limit=1))
            unassigned = await self.client.search(TicketQuery(open=True, team=team.id, owner="none", limit=1))
            loads[team.id] = (open_.total, unassigned.total)
        return loads

    async def member_loads(self, team: Team, overdue_after: timedelta) -> dict[str, MemberLoad]:
        """R-TEAM-3, finding 3 (follow-up and triage): what each member of `team` holds, for the assign picker."""
        now = utcnow()
        loads = {}
        for username in team.members:
            rows = (await self.client.search(TicketQuery(open=True, owner=username, limit=MAX_PAGE))).items
            loads[username] = MemberLoad(
                open=len(rows), urgent=sum(1 for row in rows if row.priority in (Priority.P1, Priority.P2)),
                overdue=sum(1 for row in rows if update_flag_overdue(row.update_flag, now, overdue_after)),
                absent=username in team.absent)
        return loads

    async def split(self, ticket: Ticket, subjects: list[str]) -> list[Ticket]:
        """R-TICKET-4 / R-DISPATCH-5: one ticket per further problem, linked to this one, before the hand-over.

        `subjects` are the problems, one a line. Of several, the first is the one this ticket keeps, so only the
        others become new tickets (none is a copy of this one); a single line is a problem split off. The
        adapter builds each new ticket from this one and the line, so each carries its own line only."""
        lines = [line.strip() for line in subjects if line.strip()]
        keep, split_off = (lines[0], lines[1:]) if len(lines) > 1 else ("", lines)
        check_split(ticket, split_off, teams=self.teams, actor=self.me.username)
        return await self.client.split(ticket.code, SplitIn(lines=split_off, keep=keep))

    async def auto_close(self) -> list[str]:
        return (await self.client.auto_close()).closed

    async def send_mail(self) -> OutboxReport:
        """R-MAIL-1: one round of the backend's outbox (the local store's; RT mails by itself)."""
        return await self.client.send_mail()

    async def fetch_mail(self) -> InboxReport:
        """R-MAIL-2: one round over the desk's IMAP mailbox (the local store's, when it names one)."""
        return await self.client.fetch_mail()


def _read_files(refs: Sequence[AttachmentRef]) -> list[AttachmentIn]:
    """Field h, or a note's files: read each picked file now; one that vanished or grew since it was picked is
    named."""
    if len(refs) > MAX_ATTACHMENTS:
        raise RuleViolation("R-ESC-1", t("A form takes at most {n} files.", n=MAX_ATTACHMENTS), "h")
    files, total = [], 0
    for ref in refs:
        path = Path(ref.path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise RuleViolation("R-ESC-1", f"{ref.path}: {error.strerror or error}", "h") from error
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise RuleViolation("R-ESC-1", f"{ref.path} is larger than {MAX_ATTACHMENT_BYTES // 2**20} MB", "h")
        total += len(data)
        if total > MAX_ATTACHMENTS_TOTAL_BYTES:
            raise RuleViolation("R-ESC-1", t("The files of one form may be {mb} MB together at most.",
                                             mb=MAX_ATTACHMENTS_TOTAL_BYTES // 2**20), "h")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        files.append(AttachmentIn(name=path.name, content_type=content_type, data=base64.b64encode(data)))
    return files
