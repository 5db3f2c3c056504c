"""Status changes: which are allowed and what they do (R-STATUS-1..7, R-FLAG-1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain import escalations, flags
from app.domain.enums import DATED_PENDING_REASONS, EntryKind, LineLevel, PendingReason, Status
from app.domain.errors import RuleViolation
from app.domain.journal import SYSTEM_AUTHOR, append_entry, record_event
from app.domain.models import Team, Ticket
from app.domain.templates import dear_user
from app.domain.text_quality import note_problems
from app.i18n import label, t

# R-STATUS-6: a resolved ticket closes by itself after this, and can be reopened until then.
AUTO_CLOSE_AFTER = timedelta(days=30)
# R-STATUS-6, R-FLAG-1: a reopen says why, in more than a word or two ("Printer jams again").
MIN_REOPEN_REASON_CHARS = 10

# R-STATUS-1/2: moves a person may make. Resolved -> Closed is the system's alone (R-STATUS-6);
# Resolved -> In Progress is the reopen; Closed is final.
_MOVES: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING, Status.RESOLVED}),
    Status.ASSIGNED: frozenset({Status.IN_PROGRESS, Status.PENDING, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.PENDING, Status.RESOLVED}),
    Status.PENDING: frozenset({Status.IN_PROGRESS, Status.PENDING, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS}),
    Status.CLOSED: frozenset(),
}


def person_moves() -> dict[Status, frozenset[Status]]:
    """The moves a person may make, from each status (what a backend's own workflow must allow)."""
    return dict(_MOVES)


def can_resolve(team: Team) -> bool:
    """R-STATUS-5: second-line, third-line and supplier teams hand the solution back instead."""
    return team.line is LineLevel.FIRST


def within_reopen_window(ticket: Ticket, now: datetime) -> bool:
    """R-STATUS-6: the 30 days after resolving."""
    return ticket.resolved_at is not None and now < ticket.resolved_at + AUTO_CLOSE_AFTER


def auto_close_due(ticket: Ticket, now: datetime) -> bool:
    """R-STATUS-6: resolved for 30 days or more."""
    return ticket.status is Status.RESOLVED and not within_reopen_window(ticket, now)


def allowed_targets(ticket: Ticket, team: Team, now: datetime) -> list[Status]:
    """The status changes a person may make now, for the UI to offer (and nothing else)."""
    targets = []
    for target in _MOVES[ticket.status]:
        try:
            check_status_change(ticket, target, team=team, now=now, probing=True)
        except RuleViolation:
            continue
        targets.append(target)
    return sorted(targets, key=list(Status).index)


def check_status_change(
    ticket: Ticket,
    target: Status,
    *,
    team: Team,
    now: datetime,
    pending_reason: PendingReason | None = None,
    solution: str | None = None,
    reason: str | None = None,
    probing: bool = False,
    until: datetime | None = None,
) -> None:
    """Raise RuleViolation unless a person may move `ticket` to `target`.

    `probing` skips the checks on what the person still has to type (pending reason, solution, why it is
    reopened),
    so the UI can ask whether a move is possible at all.
    """
    current = ticket.status
    if current is Status.CLOSED:
        raise RuleViolation(
            "R-STATUS-6", t("{code} is Closed, which is final: make a new ticket linked to it.", code=ticket.code)
        )
    if target is Status.CLOSED:
        raise RuleViolation(
            "R-STATUS-6", t("Nobody closes a ticket by hand: a Resolved ticket closes by itself after 30 days.")
        )
    if current is Status.RESOLVED:
        if target is not Status.IN_PROGRESS:
            raise RuleViolation("R-STATUS-6", t("A Resolved ticket can only be reopened (to In Progress)."))
        if not within_reopen_window(ticket, now):
            raise RuleViolation(
                "R-STATUS-6", t("The 30 days to reopen {code} are over: make a new ticket linked to it.",
                                code=ticket.code)
            )
        problems = [] if probing else note_problems(reason or "", min_chars=MIN_REOPEN_REASON_CHARS)
        if problems:
            raise RuleViolation("R-STATUS-6", t("Say why {code} is reopened: ", code=ticket.code) + problems[0],
                                "reason")
        return
    if target not in _MOVES[current]:
        raise RuleViolation(
            "R-STATUS-2", t("{code} cannot go from {old} to {new}.", code=ticket.code, old=label(current),
                            new=label(target))
        )
    if target is Status.ASSIGNED and ticket.owner is None:
        raise RuleViolation("R-STATUS-2", t("Assigned means the ticket has an owner: assign it to someone."))
    if target is Status.RESOLVED and not can_resolve(team):
        raise RuleViolation(
            "R-STATUS-5",
            t("{team} is not a first-line team: write the solution as a note, keep In Progress and "
              "dispatch the ticket back to its primary team, which resolves it.", team=team.name),
        )
    if probing:
        return
    if target is Status.PENDING and pending_reason is None:
        raise RuleViolation("R-STATUS-3", t("Pending needs a reason the user can see."), "pending_reason")
    if (target is Status.PENDING and current is Status.PENDING and pending_reason == ticket.pending_reason
            and until == ticket.pending_until):
        raise RuleViolation("R-STATUS-3", t("The ticket is already pending for that reason."), "pending_reason")
    if target is Status.PENDING and not probing and pending_reason in DATED_PENDING_REASONS:
        if until is None:
            raise RuleViolation("R-STATUS-3", t("{reason} waits for a moment: give its date.",
                                                reason=label(pending_reason)), "until")
        if until <= now:
            raise RuleViolation("R-STATUS-3", t("The date of {reason} is past: give one to come.",
                                                reason=label(pending_reason)), "until")
    if target is Status.RESOLVED:
        problems = note_problems(solution or "")
        if problems:
            raise RuleViolation("R-STATUS-4", t("Resolved needs a solution text: ") + problems[0], "solution")


def apply_status_change(
    ticket: Ticket,
    target: Status,
    *,
    team: Team,
    actor: str,
    now: datetime,
    pending_reason: PendingReason | None = None,
    solution: str | None = None,
    reason: str | None = None,
    until: datetime | None = None,
    message: str | None = None,
) -> Ticket:
    """Check, then change `ticket` in place: the status, its journal events and side effects.

    `reason`: why a Resolved ticket is reopened (R-STATUS-6), recorded as the actor's internal note. `until`:
    the moment a dated pending reason waits for; `message`: words to the user with a pending (finding 6,
    follow-up and triage), sent as a message, which answers the user (R-FLAG-1)."""
    check_status_change(ticket, target, team=team, now=now, pending_reason=pending_reason, solution=solution,
                        reason=reason, until=until)
    old = ticket.status
    reopening = old is Status.RESOLVED
    if target is Status.RESOLVED:
        # R-STATUS-4: no ticket becomes Resolved without the user being told.
        append_entry(ticket, EntryKind.MESSAGE_TO_USER, actor, dear_user(solution or "", ticket.code, team.name), now)
        ticket.resolved_at = now
        ticket.returned_solution = None
        flags.set_update_flag(ticket, False, actor=actor, now=now, reason=t("answered the user"))  # R-FLAG-1
        escalations.end_functional(ticket, actor=actor, now=now, why=("resolved", ""))  # R-ESC-5
    if reopening:
        ticket.resolved_at = None
    if target is Status.IN_PROGRESS and ticket.started is None:
        ticket.started = now
    ticket.pending_reason = pending_reason if target is Status.PENDING else None
    dated = target is Status.PENDING and pending_reason in DATED_PENDING_REASONS
    ticket.pending_until = until if dated else None
    ticket.status = target
    said: dict[str, object] = {"event": "status_changed", "from": old.value, "to": target.value, "actor": actor}
    if pending_reason and target is Status.PENDING:
        said["reason"] = pending_reason.value
        if dated and until is not None:
            said["until"] = until.astimezone(UTC).isoformat()
    record_event(ticket, "status", said, now, actor=actor)
    if target is Status.PENDING and message and message.strip():
        append_entry(ticket, EntryKind.MESSAGE_TO_USER, actor, message.strip(), now)
        flags.set_update_flag(ticket, False, actor=actor, now=now, reason=t("answered the user"))  # R-FLAG-1
    if reopening:
        # R-STATUS-6: a reopened ticket goes back to In Progress with the Update flag, raised by the actor and
        # journalled (R-FLAG-1, R-JOURNAL-6), the reason written down as the actor's note.
        append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, t("Reopened: {reason}", reason=(reason or "").strip()),
                     now)
        flags.set_update_flag(ticket, True, actor=actor, now=now, reason=t("reopened"))
    return ticket


def apply_auto_close(ticket: Ticket, now: datetime) -> Ticket:
    """R-STATUS-6: the system closes a ticket resolved 30 days ago."""
    if not auto_close_due(ticket, now):
        raise RuleViolation("R-STATUS-6", t("{code} is not due to close yet.", code=ticket.code))
    ticket.status = Status.CLOSED
    ticket.closed_at = now
    # No agent closes it: the desk's housekeeping does, and says so.
    record_event(ticket, "status", {"event": "auto_closed"}, now, actor=SYSTEM_AUTHOR)
    return ticket


def apply_begin_work(ticket: Ticket, *, team: Team, actor: str, now: datetime) -> Ticket:
    """R-STATUS-2 "Begin work", R-DISPATCH-3: a member takes a ticket of their own team."""
    if actor not in team.members:
        raise RuleViolation(
            "R-DISPATCH-3", t("Only a member of {team} can begin work on its tickets.", team=team.name)
        )
    if ticket.owner not in (None, actor):
        raise RuleViolation(
            "R-DISPATCH-3", t("{code} belongs to {owner}: ask the team's dispatcher to reassign it.",
                              code=ticket.code, owner=ticket.owner)
        )
    if ticket.owner is None:
        ticket.owner = actor
        record_event(ticket, "assign", {"event": "taken", "actor": actor}, now, actor=actor)
    escalations.take_functional(ticket, agent=actor, actor=actor, now=now)  # R-ESC-5
    # R-PRIO-4: the receiving agent beginning work is the acceptance of a P2 hand-over.
    if ticket.awaiting_acceptance:
        ticket.awaiting_acceptance = False
        record_event(ticket, "accept", {"event": "p2_accepted", "actor": actor}, now, actor=actor)
    if ticket.status is not Status.IN_PROGRESS:
        apply_status_change(ticket, Status.IN_PROGRESS, team=team, actor=actor, now=now)
    return ticket


def status_words(status: Status, pending_reason: PendingReason | None) -> str:
    """A status as the agent reads it, its pending reason said once (issue 19): "Pending - agreed appointment"
    names Pending already and is shown alone; "Ready for installation" does not, and keeps the status before it."""
    state = label(status)
    if pending_reason is None:
        return state
    reason = label(pending_reason)
    return reason if reason.casefold().startswith(state.casefold()) else f"{state}: {reason}"
