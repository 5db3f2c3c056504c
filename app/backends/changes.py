"""The changes each write operation makes to a ticket, shared by every adapter.

Each method returns a `Change`: a function that checks the rulebook and changes a ticket in place at a
given time. An adapter loads the ticket, applies the change and stores the result its own way (a JSON
file, or Request Tracker's fields and transactions), so a refusal is the same whichever adapter answers
(R-DISPATCH-6) and no rule is written twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from app.api.schemas import (
    AssignIn,
    DispatchIn,
    EscalationIn,
    EscalationUpdateIn,
    FieldsIn,
    FlagsIn,
    HandoverIn,
    NoteIn,
    PinIn,
    PriorityIn,
    ReturnIn,
    StatusIn,
)
from app.domain import dispatch as dispatch_rules
from app.domain import escalations, flags, journal, status
from app.domain.enums import EntryKind, EscalationKind, LineLevel, Status
from app.domain.errors import RuleViolation
from app.domain.models import Agent, Team, Ticket
from app.domain.priority import priority_for
from app.domain.text_quality import subject_problems
from app.errors import Invalid, NotFound
from app.i18n import t

Change = Callable[[Ticket, datetime], object]


class Changes:
    """The write operations of the adapter API as ticket changes, over a desk's teams and agents."""

    def __init__(self, teams: Callable[[], Mapping[str, Team]], agents: Callable[[], Mapping[str, Agent]]) -> None:
        self.teams = teams
        self.agents = agents

    def team(self, team_id: str) -> Team:
        team = self.teams().get(team_id)
        if team is None:
            raise NotFound(f"there is no team {team_id!r}")
        return team

    def add_entry(self, actor: str, body: NoteIn) -> Change:
        def change(ticket: Ticket, now: datetime) -> None:
            author = actor
            if body.kind in (EntryKind.MESSAGE_FROM_USER, EntryKind.SUPPLIER_MESSAGE) and body.author:
                author = body.author
            if body.kind is EntryKind.SYSTEM_EVENT:
                raise RuleViolation("R-JOURNAL-1", t("System events are written by the system only."), "kind")
            if ticket.status is Status.CLOSED and body.kind is not EntryKind.INTERNAL_NOTE:
                raise RuleViolation("R-STATUS-6", t("{code} is Closed: make a new ticket linked to it.",
                                                    code=ticket.code))
            # R-JOURNAL-6: the authenticated agent is always recorded, whoever's words they are.
            entry = journal.append_entry(ticket, body.kind, author, body.body, now, pinned=body.pinned,
                                         recorded_by=actor)
            if body.kind is EntryKind.MESSAGE_TO_USER:
                entry.to = body.to  # R-MAIL-1
            if body.kind is EntryKind.MESSAGE_FROM_USER:
                flags.set_update_flag(ticket, True, actor=author, now=now)  # R-FLAG-1
            elif body.kind is EntryKind.MESSAGE_TO_USER:  # R-FLAG-1: the user has an answer
                flags.set_update_flag(ticket, False, actor=actor, now=now, reason=t("answered the user"))

        return change

    def pin(self, actor: str, entry: int, body: PinIn) -> Change:
        return lambda ticket, now: journal.set_pinned(ticket, entry, body.pinned, actor, now)

    def set_status(self, actor: str, body: StatusIn) -> Change:
        def change(ticket: Ticket, now: datetime) -> None:
            written = len(ticket.journal)
            status.apply_status_change(
                ticket, body.status, team=self.team(ticket.team), actor=actor, now=now,
                pending_reason=body.pending_reason, solution=body.solution, reason=body.reason, until=body.until,
                message=body.message)
            for entry in ticket.journal[written:]:  # the resolve letter or the pending notice (R-MAIL-1)
                if entry.kind is EntryKind.MESSAGE_TO_USER:
                    entry.to = body.to

        return change

    def begin_work(self, actor: str) -> Change:
        return lambda ticket, now: status.apply_begin_work(ticket, team=self.team(ticket.team), actor=actor, now=now)

    def set_priority(self, actor: str, body: PriorityIn) -> Change:
        def change(ticket: Ticket, now: datetime) -> None:
            new = priority_for(ticket.kind, body.impact, body.urgency)
            old = ticket.priority
            ticket.impact, ticket.urgency, ticket.priority = body.impact, body.urgency, new
            ticket.priority_reason = (body.reason or "").strip() or None
            reason = f": {ticket.priority_reason}" if ticket.priority_reason else ""
            journal.system_event(ticket, "priority", t("Priority {old} → {new}", old=old.value, new=new.value)
                                 + reason, now, actor=actor)

        return change

    def set_flags(self, actor: str, body: FlagsIn) -> Change:
        def change(ticket: Ticket, now: datetime) -> None:
            if body.update is not None:
                flags.set_update_flag(ticket, body.update, actor=actor, now=now)
            if body.attention is not None:
                flags.set_attention(ticket, body.attention, actor=actor, now=now)

        return change

    def set_fields(self, actor: str, body: FieldsIn) -> Change:
        def change(ticket: Ticket, now: datetime) -> None:
            if ticket.status is Status.CLOSED:
                raise RuleViolation("R-STATUS-6", t("{code} is Closed, which is final.", code=ticket.code))
            if body.subject is not None:
                problems = subject_problems(body.subject)
                if problems:
                    raise RuleViolation("R-TICKET-5", problems[0], "subject")
                ticket.retitle = False  # R-MAIL-2: the agent has given it a title that says what it is about
            for name, value in body.model_dump(exclude_none=True).items():
                new = value.strip() or None
                if getattr(ticket, name) != new:
                    setattr(ticket, name, new)
                    journal.system_event(ticket, "field", t("{field}: {value}", field=name, value=new or "-"), now,
                                        actor=actor)

        return change

    def dispatch(self, actor: str, body: DispatchIn) -> Change:
        if body.agent is not None:
            # R-DISPATCH-6: refused before anything is read or written.
            raise RuleViolation("R-DISPATCH-6", t("Hand-overs go to a team, never to an agent."), "agent")
        return lambda ticket, now: dispatch_rules.apply_dispatch(
            ticket, body.team, teams=self.teams(), agents=self.agents(), actor=actor, summary=body.summary, now=now,
            category=body.category, pin_summary=body.pin_summary, tell_user=body.tell_user,
            one_problem=body.one_problem)

    def handover(self, actor: str, body: HandoverIn) -> Change:
        return lambda ticket, now: dispatch_rules.apply_direct_handover(
            ticket, body.team, body.agent, teams=self.teams(), agents=self.agents(), actor=actor,
            agreed_with=body.agreed_with, summary=body.summary, now=now, category=body.category,
            one_problem=body.one_problem)

    def assign(self, actor: str, body: AssignIn) -> Change:
        return lambda ticket, now: dispatch_rules.apply_assign(ticket, self.team(ticket.team), actor=actor,
                                                               agent=body.agent, now=now)

    def return_to_primary(self, actor: str, body: ReturnIn) -> Change:
        return lambda ticket, now: dispatch_rules.apply_return_to_primary(
            ticket, teams=self.teams(), agents=self.agents(), actor=actor, solution_note=body.note, now=now)

    def escalate(self, actor: str, body: EscalationIn) -> Change:
        def change(ticket: Ticket, now: datetime) -> None:
            if body.kind is EscalationKind.FUNCTIONAL:
                raise Invalid("a functional escalation is a dispatch: use /dispatch", "kind")
            if body.kind is EscalationKind.HIERARCHICAL:
                escalations.raise_hierarchical(ticket, actor=actor, handler=body.handler or "", note=body.note,
                                               now=now, stale_after=timedelta(hours=body.stale_hours),
                                               agents=self.agents())
            elif body.kind is EscalationKind.ADVISORY:
                if body.advisory is None or not body.team:
                    raise Invalid("an advisory escalation needs `team` and `advisory`", "advisory")
                second_line = [team for team in self.teams().values()
                               if team.line is LineLevel.SECOND and not team.advisory]
                escalations.raise_advisory(ticket, body.advisory, self.team(body.team), second_line,
                                           actor=actor, now=now)
            else:
                escalations.raise_linked(ticket, body.kind, actor=actor, handler=body.handler,
                                         priority=body.priority, note=body.note, now=now, teams=self.teams(),
                                         agents=self.agents())

        return change

    def update_escalation(self, actor: str, number: str, body: EscalationUpdateIn) -> Change:
        return lambda ticket, now: escalations.update_escalation(
            ticket, number, actor=actor, now=now, status=body.status, handler=body.handler, note=body.note,
            bounce_reason=body.bounce_reason, teams=self.teams(), agents=self.agents())


def home_team(agent: Agent, teams: Mapping[str, Team]) -> str:
    """The first primary team the agent belongs to; a new ticket lands there (R-TEAM-2)."""
    for team in teams.values():
        if agent.username in team.members and team.primary:
            return team.id
    for team in teams.values():
        if agent.username in team.members:
            return team.id
    raise RuleViolation("R-TEAM-2", t("{agent} is in no team: name the team of the ticket.", agent=agent.username),
                        "team")
