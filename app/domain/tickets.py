"""Registering a ticket (R-TICKET-1..8, R-PRIO-1..2, R-STATUS-4)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from app.domain.codes import format_code
from app.domain.enums import EntryKind, Impact, Kind, Status, Urgency
from app.domain.errors import RuleViolation
from app.domain.journal import append_entry, system_event
from app.domain.models import Model, Team, Ticket
from app.domain.priority import default_impact_urgency, priority_for
from app.domain.status import apply_status_change
from app.domain.text_quality import subject_problems
from app.i18n import t

MAX_NAME_CHARS = 200


class NewTicket(Model):
    """What a person or a mail hook gives to register a ticket."""

    kind: Kind = Kind.INCIDENT
    subject: str
    description: str = ""
    requester: str
    requested_for: str | None = None
    team: str | None = None  # None: the registering agent's team
    impact: Impact | None = None
    urgency: Urgency | None = None
    category: str | None = None
    serial_number: str | None = None
    solution: str | None = None  # R-TICKET-8: a quick case, registered already resolved


def check_new_ticket(draft: NewTicket, *, actor: str, actor_name: str = "") -> list[tuple[str, str, str]]:
    """(field, rule, message) for every problem; empty when the ticket may be registered."""
    problems = [("subject", "R-TICKET-5", msg) for msg in subject_problems(draft.subject)]
    requester = draft.requester.strip()
    if not requester:
        problems.append(("requester", "R-TICKET-3", t("Who contacted support? The requester is required.")))
    elif requester.casefold() in {actor.casefold(), actor_name.casefold()} - {""}:
        problems.append(("requester", "R-TICKET-3", t("You are not the requester: enter the person who "
                                                      "contacted support.")))
    for name, value in (("requester", draft.requester), ("requested_for", draft.requested_for or "")):
        if len(value) > MAX_NAME_CHARS:
            problems.append((name, "R-TICKET-2", t("At most {n} characters.", n=MAX_NAME_CHARS)))
    if draft.requested_for and draft.requested_for.strip().casefold() == requester.casefold():
        problems.append(("requested_for", "R-TICKET-3", t("Leave requested-for empty when it is the requester.")))
    return problems


def build_ticket(
    number: int, draft: NewTicket, *, actor: str, team: Team, teams: Mapping[str, Team], now: datetime,
    actor_name: str = "",
) -> Ticket:
    """A new ticket in `team`'s queue, with its registration in the journal (R-JOURNAL-1)."""
    problems = check_new_ticket(draft, actor=actor, actor_name=actor_name)
    if problems:
        field, rule, message = problems[0]
        raise RuleViolation(rule, message, field)
    default_impact, default_urgency = default_impact_urgency(draft.kind)
    impact = draft.impact or default_impact
    urgency = draft.urgency or default_urgency
    ticket = Ticket(
        id=number,
        code=format_code(number),
        kind=draft.kind,
        subject=draft.subject.strip(),
        description=draft.description,
        requester=draft.requester.strip(),
        requested_for=(draft.requested_for or "").strip() or None,
        team=team.id,
        primary_team=team.id if team.primary else None,
        impact=impact,
        urgency=urgency,
        priority=priority_for(draft.kind, impact, urgency),
        category=(draft.category or "").strip() or None,
        serial_number=(draft.serial_number or "").strip() or None,
        created=now,
        updated=now,
    )
    system_event(ticket, "created", t("Registered by {actor} in {team}", actor=actor, team=team.name), now)
    if draft.description.strip():
        append_entry(ticket, EntryKind.MESSAGE_FROM_USER, ticket.requester, draft.description, now,
                     recorded_by=actor)  # R-JOURNAL-6: the user's words, typed in by the registering agent
    if draft.solution is not None:
        # R-TICKET-8: trivial work done at once is still registered, as a resolved ticket.
        ticket.owner = actor if actor in team.members else None
        apply_status_change(ticket, Status.RESOLVED, team=team, actor=actor, now=now, solution=draft.solution)
    return ticket
