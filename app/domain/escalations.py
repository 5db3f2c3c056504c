"""Escalation records raised from a ticket (R-ESC-3, R-ESC-4, R-ESC-5, R-ADVICE-1, R-LINK-1, R-LINK-2).

R-ESC-5: each is followed up until it ends. Its handler is a team or an agent of the desk (checked), its
follow-up owner is first line for a functional one (who raised it) and the person drawn in for a hierarchical
one; every change of it is a journal line, and a functional one ends when its ticket returns or is resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from app.domain.advisory import AdvisoryRequest, advisory_note, check_advisory
from app.domain.clock import span
from app.domain.enums import (
    ACTIVE_ESCALATION_STATUSES,
    LINKED_ESCALATION_KINDS,
    NOT_STARTED_STATUSES,
    OPEN_STATUSES,
    AdvisoryBounce,
    EntryKind,
    EscalationKind,
    EscalationStatus,
    Priority,
    Status,
)
from app.domain.errors import RuleViolation
from app.domain.journal import append_entry, record_event
from app.domain.models import Agent, Escalation, Team, Ticket
from app.domain.text_quality import note_problems
from app.i18n import label, t


class Progressing(Protocol):
    """What R-ESC-4 looks at; a full Ticket and a queue TicketRow both have it."""

    priority: Priority
    status: Status
    created: datetime
    updated: datetime
    progressed: datetime | None


def last_progress(ticket: Progressing) -> datetime:
    """R-ESC-4: the last work on the ticket; a ticket stored before that was kept has only its last change."""
    return ticket.progressed or ticket.updated


def hierarchical_reasons(ticket: Progressing, now: datetime, stale_after: timedelta) -> list[str]:
    """R-ESC-4: why a ticket should draw in a dispatcher, team lead or process manager; empty if none.
    Flags, pins and assigning leave the clock alone (app/domain/journal.py is_progress)."""
    if ticket.status not in OPEN_STATUSES:
        return []
    reasons = []
    if ticket.priority is Priority.P1:
        reasons.append(t("P1"))
    if ticket.status in NOT_STARTED_STATUSES and now - ticket.created > stale_after:
        reasons.append(t("not started for {span}", span=span(now - ticket.created)))
    elif now - last_progress(ticket) > stale_after:
        reasons.append(t("no progress for {span}", span=span(now - last_progress(ticket))))
    return reasons


def _next_number(ticket: Ticket) -> str:
    """Each escalation has its own number (R-LINK-1), unique within the desk via the ticket code."""
    return f"{ticket.code}-E{len(ticket.escalations) + 1}"


def _record(ticket: Ticket, escalation: Escalation, now: datetime, handler_name: str | None = None) -> Escalation:
    """`handler_name`: the handler as people know it (a team's name), for the journal line."""
    ticket.escalations.append(escalation)
    actor = escalation.created_by
    # R-JOURNAL-6: the raiser and the one drawn in are different people; name each for what they did.
    said: dict[str, object] = {"event": "escalation_raised", "kind": escalation.kind.value,
                               "number": escalation.number, "actor": actor}
    if escalation.handler and escalation.handler != actor:
        said["handler"] = handler_name or escalation.handler
    record_event(ticket, "escalation", said, now, actor=actor)
    return escalation


def check_handler(handler: str, teams: Mapping[str, Team], agents: Mapping[str, Agent]) -> str:
    """R-ESC-5: a handler is a team (its id or name) or an agent (username) of the desk; returned as the id."""
    wanted = handler.strip()
    if wanted in teams or wanted in agents:
        return wanted
    named = [team.id for team in teams.values() if team.name.casefold() == wanted.casefold()]
    if len(named) == 1:
        return named[0]
    raise RuleViolation("R-ESC-5", t("{handler} is neither a team nor an agent of the desk.", handler=wanted),
                        "handler")


def raise_functional(ticket: Ticket, team: Team, *, actor: str, now: datetime) -> Escalation:
    """R-ESC-3: recorded beside the dispatch; the receiving team handles it, first line (the actor) follows up.
    Its priority is the ticket's (escalation_priority)."""
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=EscalationKind.FUNCTIONAL, created=now, created_by=actor,
                   handler=team.id, team=team.id, follow_up=actor),
        now, team.name,
    )


def parties_in(escalations: Iterable[Mapping[str, Any]]) -> set[str]:
    """Who is party to these escalations (queue rows' EscalationRow data): who raised each, handles it (an agent
    or a team) or follows it up; whom "Escalations I follow" finds them for."""
    return {who for e in escalations for who in (e.get("created_by"), e.get("handler"), e.get("follow_up")) if who}


def parties_of(username: str, teams: Mapping[str, Team]) -> list[str]:
    """Whom an agent's "Escalations I follow" covers (R-ESC-5): the agent, and each team the agent is in."""
    return [username, *sorted(team.id for team in teams.values() if username in team.members)]


def escalation_priority(ticket: Ticket, escalation: Escalation) -> str:
    """R-LINK-2's priority column: a functional escalation has its ticket's; the others their own, if given."""
    if escalation.kind is EscalationKind.FUNCTIONAL:
        return ticket.priority.value
    return str(escalation.priority) if escalation.priority is not None else "-"


def raise_hierarchical(
    ticket: Ticket, *, actor: str, handler: str, note: str, now: datetime, stale_after: timedelta,
    agents: Mapping[str, Agent] | None = None,
) -> Escalation:
    """R-ESC-4: draw in a dispatcher, team lead or process manager who then follows up."""
    reasons = hierarchical_reasons(ticket, now, stale_after)
    if not reasons:
        raise RuleViolation(
            "R-ESC-4", t("{code} is not P1 and is moving: a hierarchical escalation is for P1 tickets and "
                         "tickets not started or without progress.", code=ticket.code)
        )
    if not handler.strip():
        raise RuleViolation("R-ESC-4", t("Name who follows up (dispatcher, team lead or process manager)."),
                            "handler")
    if agents is not None and handler.strip() not in agents:
        raise RuleViolation("R-ESC-5", t("{handler} is not an agent of the desk.", handler=handler.strip()),
                            "handler")
    if note_problems(note):
        raise RuleViolation("R-ESC-4", t("Say what you need from them."), "note")
    # Asking someone to follow up is no work on the ticket itself: it stays a candidate until work resumes.
    append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, note.strip(), now, progress=False)
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=EscalationKind.HIERARCHICAL, created=now, created_by=actor,
                   handler=handler.strip(), follow_up=handler.strip(), note=f"{', '.join(reasons)}: {note.strip()}"),
        now,
    )


def raise_advisory(
    ticket: Ticket, request: AdvisoryRequest, specialists: Team, second_line: Iterable[Team], *, actor: str,
    now: datetime,
) -> Escalation:
    """R-ADVICE-1/2: ask a specialist group; the ticket keeps its team, owner and status."""
    if not specialists.advisory:
        raise RuleViolation("R-ADVICE-1", t("{team} does not give advisory answers.", team=specialists.name),
                            "team")
    if ticket.status not in OPEN_STATUSES:
        raise RuleViolation("R-ADVICE-1", t("Only an open ticket can ask for advice."))
    check_advisory(request, second_line, now)
    note = advisory_note(request)
    append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, note, now)
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=EscalationKind.ADVISORY, created=now, created_by=actor,
                   handler=specialists.id, team=specialists.id, follow_up=actor, note=note),
        now, specialists.name,
    )


def raise_linked(
    ticket: Ticket, kind: EscalationKind, *, actor: str, handler: str | None, priority: int | None, note: str,
    now: datetime, teams: Mapping[str, Team] | None = None, agents: Mapping[str, Agent] | None = None,
) -> Escalation:
    """R-LINK-1: a complaint, service report or action with its own number, status, handler and priority."""
    if kind not in LINKED_ESCALATION_KINDS:
        raise RuleViolation("R-LINK-1", t("{kind} is not a linked escalation.", kind=label(kind)), "kind")
    if ticket.status is Status.CLOSED:
        raise RuleViolation("R-STATUS-6", t("{code} is Closed, which is final.", code=ticket.code))
    if note_problems(note):
        raise RuleViolation("R-LINK-1", t("Describe the {kind}.", kind=label(kind)), "note")
    named = (handler or "").strip() or None
    if named and teams is not None and agents is not None:
        named = check_handler(named, teams, agents)
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=kind, created=now, created_by=actor, handler=named,
                   priority=priority, note=note.strip(), follow_up=actor),
        now,
    )


# R-ESC-5: where an escalation may be moved by hand; an advisory one is answered or bounced (R-ADVICE-1).
MOVES = {EscalationStatus.OPEN, EscalationStatus.IN_PROGRESS, EscalationStatus.DONE, EscalationStatus.WITHDRAWN}


def update_escalation(
    ticket: Ticket, number: str, *, actor: str, now: datetime, status: EscalationStatus | None = None,
    handler: str | None = None, note: str | None = None, bounce_reason: AdvisoryBounce | None = None,
    teams: Mapping[str, Team] | None = None, agents: Mapping[str, Agent] | None = None,
) -> Escalation:
    """Move an escalation on (R-ESC-5): a new status, a new handler (a team or an agent of the desk), each a
    journal line; an answer or bounce of an advisory one comes back as a note (R-ADVICE-1). One that has ended
    is not moved again."""
    for index, escalation in enumerate(ticket.escalations):
        if escalation.number != number:
            continue
        answering = escalation.kind is EscalationKind.ADVISORY and status in (EscalationStatus.ANSWERED,
                                                                             EscalationStatus.BOUNCED)
        if (escalation.status not in ACTIVE_ESCALATION_STATUSES and (status is not None or handler is not None)
                and not answering):  # advice answered twice is named by _advisory_reply (R-ADVICE-1)
            raise RuleViolation("R-ESC-5", t("{number} is {status} already: it has ended.", number=number,
                                             status=label(escalation.status)), "status")
        if answering and status is not None:
            note = _advisory_reply(escalation, actor, status, note, bounce_reason, teams)
        elif status is not None and status not in MOVES:
            raise RuleViolation("R-ESC-5", t("Only advice is answered or bounced; {number} is moved to open, in "
                                             "progress, done or withdrawn.", number=number), "status")
        changes: dict[str, object] = {"updated": now}
        if status is not None:
            changes["status"] = status
        if handler is not None:
            named = handler.strip() or None
            if named and teams is not None and agents is not None:
                named = check_handler(named, teams, agents)
            changes["handler"] = named
        updated = escalation.model_copy(update=changes)
        ticket.escalations[index] = updated
        if note and note.strip():
            append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, note.strip(), now)
        _journal_move(ticket, escalation, updated, actor, now)
        return updated
    raise RuleViolation("R-LINK-2", t("{code} has no escalation {number}.", code=ticket.code, number=number))


def _journal_move(ticket: Ticket, before: Escalation, after: Escalation, actor: str, now: datetime,
                  why: tuple[str, str] | None = None) -> None:
    """R-ESC-5: each change of an escalation is a line of its ticket's journal, saying what changed."""
    said: dict[str, object] = {"event": "escalation_moved", "number": after.number, "status": after.status.value,
                               "actor": actor}
    if after.handler != before.handler:
        said["handler"] = after.handler
    if why is not None:
        said["why"], said["team"] = why
    record_event(ticket, "escalation", said, now, actor=actor)


def end_functional(ticket: Ticket, *, actor: str, now: datetime, why: tuple[str, str]) -> None:
    """R-ESC-5: a functional escalation is done when its ticket returns (R-DISPATCH-4) or is resolved.
    `why`: ("resolved", "") or ("returned", the team's name), as app/domain/events.py words it."""
    for index, escalation in enumerate(ticket.escalations):
        if escalation.kind is EscalationKind.FUNCTIONAL and escalation.status in ACTIVE_ESCALATION_STATUSES:
            done = escalation.model_copy(update={"status": EscalationStatus.DONE, "updated": now})
            ticket.escalations[index] = done
            _journal_move(ticket, escalation, done, actor, now, why)


def take_functional(ticket: Ticket, *, agent: str, actor: str, now: datetime) -> None:
    """R-ESC-5: the receiving team's agent who gets the ticket (assigned, or beginning work) handles its
    functional escalation from then on, and it is in progress."""
    for index, escalation in enumerate(ticket.escalations):
        if (escalation.kind is EscalationKind.FUNCTIONAL and escalation.status in ACTIVE_ESCALATION_STATUSES
                and escalation.team == ticket.team
                and (escalation.handler != agent or escalation.status is EscalationStatus.OPEN)):
            taken = escalation.model_copy(update={"status": EscalationStatus.IN_PROGRESS, "handler": agent,
                                                  "updated": now})
            ticket.escalations[index] = taken
            _journal_move(ticket, escalation, taken, actor, now)


def _advisory_reply(
    escalation: Escalation, actor: str, status: EscalationStatus, note: str | None,
    bounce_reason: AdvisoryBounce | None, teams: Mapping[str, Team] | None,
) -> str:
    """R-ADVICE-1/2: only the specialists answer; an answer is a note, a bounce names one of the three reasons."""
    if escalation.status not in (EscalationStatus.OPEN, EscalationStatus.IN_PROGRESS):
        raise RuleViolation("R-ADVICE-1", t("{number} is already {status}.", number=escalation.number,
                                            status=label(escalation.status)))
    team = (teams or {}).get(escalation.team or "")
    if teams is not None and (team is None or actor not in team.members):
        raise RuleViolation("R-ADVICE-1", t("Only the specialist group asked answers {number}.",
                                            number=escalation.number))
    text = (note or "").strip()
    if status is EscalationStatus.BOUNCED:
        if bounce_reason is None:
            raise RuleViolation("R-ADVICE-2", t("Say why it is bounced back."), "bounce_reason")
        return "\n".join(filter(None, [t("Advice {number} bounced back: {reason}", number=escalation.number,
                                         reason=label(bounce_reason)), text]))
    if note_problems(text):
        raise RuleViolation("R-ADVICE-1", t("Write the advice as a note."), "note")
    return t("Advice {number}:", number=escalation.number) + "\n" + text
