"""Escalation records raised from a ticket (R-ESC-3, R-ESC-4, R-ADVICE-1, R-LINK-1, R-LINK-2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Protocol

from app.domain.advisory import AdvisoryRequest, advisory_note, check_advisory
from app.domain.clock import span
from app.domain.enums import (
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
from app.domain.journal import append_entry, system_event
from app.domain.models import Escalation, Team, Ticket
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


def _record(ticket: Ticket, escalation: Escalation, now: datetime) -> Escalation:
    ticket.escalations.append(escalation)
    actor = escalation.created_by
    # R-JOURNAL-6: the raiser and the one drawn in are different people; name each for what they did.
    if escalation.handler and escalation.handler != actor:
        text = t("{kind} escalation {number} raised by {actor}, drawing in {handler}", kind=label(escalation.kind),
                 number=escalation.number, actor=actor, handler=escalation.handler)
    else:
        text = t("{kind} escalation {number} raised by {actor}", kind=label(escalation.kind),
                 number=escalation.number, actor=actor)
    system_event(ticket, "escalation", text, now, actor=actor)
    return escalation


def raise_functional(ticket: Ticket, team: Team, *, actor: str, now: datetime) -> Escalation:
    """R-ESC-3: recorded beside the dispatch; first line (the actor) follows up on it."""
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=EscalationKind.FUNCTIONAL, created=now, created_by=actor,
                   handler=actor, team=team.id),
        now,
    )


def raise_hierarchical(
    ticket: Ticket, *, actor: str, handler: str, note: str, now: datetime, stale_after: timedelta
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
    if note_problems(note):
        raise RuleViolation("R-ESC-4", t("Say what you need from them."), "note")
    # Asking someone to follow up is no work on the ticket itself: it stays a candidate until work resumes.
    append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, note.strip(), now, progress=False)
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=EscalationKind.HIERARCHICAL, created=now, created_by=actor,
                   handler=handler.strip(), note=f"{', '.join(reasons)}: {note.strip()}"),
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
                   team=specialists.id, note=note),
        now,
    )


def raise_linked(
    ticket: Ticket, kind: EscalationKind, *, actor: str, handler: str | None, priority: int | None, note: str,
    now: datetime,
) -> Escalation:
    """R-LINK-1: a complaint, service report or action with its own number, status, handler and priority."""
    if kind not in LINKED_ESCALATION_KINDS:
        raise RuleViolation("R-LINK-1", t("{kind} is not a linked escalation.", kind=label(kind)), "kind")
    if ticket.status is Status.CLOSED:
        raise RuleViolation("R-STATUS-6", t("{code} is Closed, which is final.", code=ticket.code))
    if note_problems(note):
        raise RuleViolation("R-LINK-1", t("Describe the {kind}.", kind=label(kind)), "note")
    return _record(
        ticket,
        Escalation(number=_next_number(ticket), kind=kind, created=now, created_by=actor,
                   handler=(handler or "").strip() or None, priority=priority, note=note.strip()),
        now,
    )


def update_escalation(
    ticket: Ticket, number: str, *, actor: str, now: datetime, status: EscalationStatus | None = None,
    handler: str | None = None, note: str | None = None, bounce_reason: AdvisoryBounce | None = None,
    teams: Mapping[str, Team] | None = None,
) -> Escalation:
    """Move an escalation on; an answer or bounce of an advisory one comes back as a note (R-ADVICE-1)."""
    for index, escalation in enumerate(ticket.escalations):
        if escalation.number != number:
            continue
        if escalation.kind is EscalationKind.ADVISORY and status in (EscalationStatus.ANSWERED,
                                                                     EscalationStatus.BOUNCED):
            note = _advisory_reply(escalation, actor, status, note, bounce_reason, teams)
        changes: dict[str, object] = {"updated": now}
        if status is not None:
            changes["status"] = status
        if handler is not None:
            changes["handler"] = handler.strip() or None
        updated = escalation.model_copy(update=changes)
        ticket.escalations[index] = updated
        if note and note.strip():
            append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, note.strip(), now)
        system_event(
            ticket, "escalation",
            t("Escalation {number}: {status}, by {actor}", number=number, status=label(updated.status), actor=actor),
            now, actor=actor,
        )
        return updated
    raise RuleViolation("R-LINK-2", t("{code} has no escalation {number}.", code=ticket.code, number=number))


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
