"""Registering a ticket and splitting one (R-TICKET-1..8, R-PRIO-1..2, R-STATUS-4, R-DISPATCH-7)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from app.domain.codes import format_code
from app.domain.dispatch import check_holder
from app.domain.enums import OPEN_STATUSES, EntryKind, Impact, Kind, LinkKind, Status, Urgency
from app.domain.errors import RuleViolation
from app.domain.journal import append_entry, record_event
from app.domain.models import Link, Model, Team, Ticket
from app.domain.priority import default_impact_urgency, priority_for
from app.domain.status import apply_status_change
from app.domain.text_quality import MAX_SUBJECT_CHARS, subject_problems
from app.i18n import t

MAX_NAME_CHARS = 200
MAX_SPLIT_PARTS = 20  # more separate problems than this in one ticket is a list, not a split


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


def check_registering_team(team: Team, teams: Mapping[str, Team]) -> None:
    """R-DISPATCH-7: a ticket is registered in a first-line team, which becomes its primary team; one registered
    straight into second line could neither be returned (R-DISPATCH-4) nor resolved (R-STATUS-5)."""
    if team.primary:
        return
    first_line = ", ".join(other.name for other in teams.values() if other.primary)
    raise RuleViolation(
        "R-DISPATCH-7",
        t("{team} is not a first-line team: register the ticket in a first-line team ({teams}) and hand it over "
          "from there.", team=team.name, teams=first_line or "-"),
        "team",
    )


def build_ticket(
    number: int, draft: NewTicket, *, actor: str, team: Team, teams: Mapping[str, Team], now: datetime,
    actor_name: str = "",
) -> Ticket:
    """A new ticket in `team`'s queue, with its registration in the journal (R-JOURNAL-1)."""
    check_registering_team(team, teams)
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
    record_event(ticket, "created", {"event": "registered", "actor": actor, "team": team.name}, now, actor=actor)
    if draft.description.strip():
        append_entry(ticket, EntryKind.MESSAGE_FROM_USER, ticket.requester, draft.description, now,
                     recorded_by=actor)  # R-JOURNAL-6: the user's words, typed in by the registering agent
    if draft.solution is not None:
        # R-TICKET-8: trivial work done at once is still registered, as a resolved ticket.
        ticket.owner = actor if actor in team.members else None
        apply_status_change(ticket, Status.RESOLVED, team=team, actor=actor, now=now, solution=draft.solution)
    return ticket


def split_lines(lines: Sequence[str]) -> list[str]:
    """The separate problems given for a split, one a line, without blank lines."""
    return [line.strip() for line in lines if line.strip()]


def check_split(parent: Ticket, lines: Sequence[str], *, teams: Mapping[str, Team], actor: str) -> list[str]:
    """R-TICKET-4 / R-DISPATCH-7: raise unless `parent` may be split into one new ticket per line; the lines."""
    check_holder(parent, teams, actor)
    if parent.status not in OPEN_STATUSES:
        raise RuleViolation("R-TICKET-4", t("Only an open ticket is split."))
    problems = split_lines(lines)
    if not problems:
        raise RuleViolation("R-TICKET-4", t("Give each separate problem on a line of its own."), "lines")
    if len(problems) > MAX_SPLIT_PARTS:
        raise RuleViolation("R-TICKET-4", t("A ticket is split into at most {n} tickets at once.",
                                            n=MAX_SPLIT_PARTS), "lines")
    for line in problems:
        for message in subject_problems(split_subject(line)):
            raise RuleViolation("R-TICKET-5", f"{line}: {message}", "lines")
    return problems


def split_subject(line: str) -> str:
    """A split-off problem's line as its subject, cut at a word when it is longer than a subject may be."""
    text = " ".join(line.split())
    if len(text) <= MAX_SUBJECT_CHARS:
        return text
    cut = text[: MAX_SUBJECT_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "…"


def build_split_child(
    number: int, parent: Ticket, line: str, *, actor: str, teams: Mapping[str, Team], now: datetime
) -> Ticket:
    """R-TICKET-4: one split-off problem as a new ticket in the parent's queue. Its text is its own line, the
    user's words typed in by the agent (R-JOURNAL-6); requester, requested-for, serial number, category and
    kind (and the impact and urgency, until someone judges them again) come from the parent, and it links back.

    Not a registration: it joins the parent's team, second line too, and keeps the parent's primary team."""
    text = line.strip()
    holder = teams.get(parent.team)
    primary = parent.primary_team or (parent.team if holder is not None and holder.primary else None)
    ticket = Ticket(
        id=number,
        code=format_code(number),
        kind=parent.kind,
        subject=split_subject(text),
        description=text,
        requester=parent.requester,
        requested_for=parent.requested_for,
        team=parent.team,
        primary_team=primary,
        impact=parent.impact,
        urgency=parent.urgency,
        priority=priority_for(parent.kind, parent.impact, parent.urgency),
        category=parent.category,
        serial_number=parent.serial_number,
        created=now,
        updated=now,
        links=[Link(code=parent.code, kind=LinkKind.SPLIT_FROM)],
    )
    team_name = holder.name if holder is not None else parent.team
    record_event(ticket, "created", {"event": "split_from", "parent": parent.code, "actor": actor, "team": team_name},
                 now, actor=actor)
    append_entry(ticket, EntryKind.MESSAGE_FROM_USER, parent.requester, text, now, recorded_by=actor)
    return ticket


def link_split(parent: Ticket, children: Sequence[Ticket], *, actor: str, now: datetime, keep: str = "") -> Ticket:
    """R-TICKET-4: the parent keeps its first problem (named by `keep`, when given) and links to each child."""
    if keep.strip():
        record_event(parent, "split", {"event": "split_keeps", "actor": actor, "problem": " ".join(keep.split())},
                     now, actor=actor)
    for child in children:
        parent.links.append(Link(code=child.code, kind=LinkKind.SPLIT_INTO))
        record_event(parent, "split", {"event": "split_made", "child": child.code, "actor": actor}, now, actor=actor)
    return parent
