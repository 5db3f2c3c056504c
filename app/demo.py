"""The demo desk: teams from the escalation matrix of source 001 (docs/rules.md) and tickets from its priority examples.

Tickets are not written by hand: each one is registered and worked through the rulebook's own
functions (begin work, pending, dispatch, resolve, auto-close) at simulated times, so the demo
obeys every rule the workstation enforces. Pure and deterministic for a given `now` and seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from app.domain import dispatch, escalations, flags, journal, status
from app.domain.advisory import AdvisoryRequest
from app.domain.enums import (
    DATED_PENDING_REASONS,
    EntryKind,
    EscalationKind,
    EscalationStatus,
    Impact,
    Kind,
    LineLevel,
    LinkKind,
    PendingReason,
    Role,
    Status,
    Urgency,
)
from app.domain.errors import RuleViolation
from app.domain.models import Agent, Link, OfficeHours, Team, Ticket
from app.domain.tickets import NewTicket, build_ticket

F, S, SUP = LineLevel.FIRST, LineLevel.SECOND, LineLevel.SUPPLIER
R = Role

# (username, name, roles)
AGENTS: list[tuple[str, str, list[Role]]] = [
    ("anna", "Anna Berg", [R.FIRST_LINE, R.DISPATCHER]),
    ("lars", "Lars Nygaard", [R.FIRST_LINE]),
    ("maja", "Maja Lindqvist", [R.FIRST_LINE, R.TEAM_LEAD, R.PURCHASER]),
    ("jonas", "Jonas Østergaard", [R.FIRST_LINE]),
    ("freja", "Freja Holm", [R.FIRST_LINE, R.DISPATCHER]),
    ("pieter", "Pieter de Vries", [R.SECOND_LINE, R.DISPATCHER, R.TEAM_LEAD]),
    ("emma", "Emma Sjöberg", [R.SECOND_LINE]),
    ("mikkel", "Mikkel Dahl", [R.SECOND_LINE, R.DISPATCHER, R.TEAM_LEAD]),
    ("sofie", "Sofie Kjær", [R.SECOND_LINE]),
    ("henrik", "Henrik Ås", [R.SECOND_LINE]),
    ("sanne", "Sanne Jansen", [R.SECOND_LINE, R.DISPATCHER, R.THIRD_LINE]),
    ("oskar", "Oskar Bergström", [R.SECOND_LINE, R.DISPATCHER]),
    ("nora", "Nora Bakker", [R.SECOND_LINE]),
    ("tove", "Tove Lund", [R.THIRD_LINE, R.DISPATCHER]),
    ("ida", "Ida Mørk", [R.SECOND_LINE, R.DISPATCHER]),
    ("ruben", "Ruben Visser", [R.PROCESS_MANAGER, R.PROCESS_OWNER]),
]

DESK_ZONE = "Europe/Copenhagen"  # the demo desk's (R-TEAM-3): its hours mean the same on every machine
SECOND_LINE_HOURS = OfficeHours(weekdays=[0, 1, 2, 3, 4], opens=time(8), closes=time(16), time_zone=DESK_ZONE)

# (id, name, line, primary, members, dispatchers, lead); the escalation matrix of source 001 (docs/rules.md).
TEAMS: list[tuple[str, str, LineLevel, bool, list[str], list[str], str]] = [
    ("support", "Service Desk", F, True, ["anna", "lars", "maja", "jonas"], ["anna"], "maja"),
    ("hr-it", "HR IT", F, True, ["freja", "jonas"], ["freja"], "freja"),
    ("admin-apps", "Administrative Applications", S, False, ["pieter", "emma"], ["pieter"], "pieter"),
    ("general-apps", "General Applications", S, False, ["oskar", "nora", "emma"], ["oskar"], "oskar"),
    ("infrastructure", "Infrastructure", S, False, ["mikkel", "sofie", "henrik"], ["mikkel"], "mikkel"),
    ("development", "Development and User Experience", S, False, ["sanne", "nora"], ["sanne"], "sanne"),
    ("security", "Security", S, False, ["oskar", "henrik"], ["oskar"], "oskar"),
    ("supplier-netcare", "NetCare (supplier)", SUP, False, ["tove"], ["tove"], "tove"),
]

# (kind, subject, impact, urgency, category, second-line team or None, needs a serial number)
INC, SR = Kind.INCIDENT, Kind.SERVICE_REQUEST
SPECS: list[tuple[Kind, str, Impact, Urgency, str, str | None, bool]] = [
    # Priority 1 (source 001, docs/rules.md)
    (INC, "Wireless network down during digital exam in building 1532", Impact.COMPANY, Urgency.HIGH, "Network",
     "infrastructure", False),
    (INC, "Many users cannot reach mail and network drives", Impact.COMPANY, Urgency.HIGH, "Network",
     "infrastructure", False),
    (INC, "WAYF down: nobody can log in to Brightspace", Impact.COMPANY, Urgency.HIGH, "Application",
     "general-apps", False),
    (INC, "STADS is down", Impact.COMPANY, Urgency.HIGH, "Application", "admin-apps", False),
    # Priority 2
    (INC, "Auditorium equipment failed just before a lecture", Impact.DEPARTMENT, Urgency.HIGH, "AV", "infrastructure",
     True),
    (INC, "No student can hand in the digital exam", Impact.COMPANY, Urgency.MEDIUM, "Application", "general-apps",
     False),
    (INC, "Suspicious traffic from a user's PC", Impact.DEPARTMENT, Urgency.HIGH, "Security", "security", True),
    (INC, "Three Brightspace courses without access for students", Impact.DEPARTMENT, Urgency.HIGH, "Application",
     "general-apps", False),
    (INC, "Examiner cannot log in to the exam system", Impact.DEPARTMENT, Urgency.HIGH, "Access", "admin-apps", False),
    (SR, "New employee has no work computer", Impact.MUST_HAVE, Urgency.EXPEDITE, "Hardware", None, False),
    (SR, "External consultant needs accounts in our systems today", Impact.MUST_HAVE, Urgency.EXPEDITE, "Access",
     "admin-apps", False),
    (SR, "Live streaming for the rector's anniversary event", Impact.SHOULD_HAVE, Urgency.EXPEDITE, "AV",
     "infrastructure", False),
    # Priority 3
    (INC, "Minor error on one Brightspace team", Impact.INDIVIDUAL, Urgency.HIGH, "Application", "general-apps", False),
    (INC, "User's PC broke down and she cannot work", Impact.INDIVIDUAL, Urgency.HIGH, "Hardware", "supplier-netcare",
     True),
    (INC, "Outlook receives no mail; waiting for an important one", Impact.INDIVIDUAL, Urgency.HIGH, "Email", None,
     False),
    (INC, "Network printer on floor 2 does not print", Impact.DEPARTMENT, Urgency.MEDIUM, "Printing", "infrastructure",
     True),
    (SR, "Access to shared drive for the study office", Impact.MUST_HAVE, Urgency.STANDARD, "Access",
     "infrastructure", False),
    (SR, "Access to the functional mailbox for exams", Impact.MUST_HAVE, Urgency.STANDARD, "Access", None, False),
    (SR, "Access to student administration systems (STADS, EDDI)", Impact.SHOULD_HAVE, Urgency.EXPEDITE, "Access",
     "admin-apps", False),
    # Priority 4
    (INC, "Sporadic errors on a user's PC", Impact.INDIVIDUAL, Urgency.MEDIUM, "Hardware", None, True),
    (INC, "One Word document cannot be edited", Impact.INDIVIDUAL, Urgency.MEDIUM, "Application", None, False),
    (SR, "Add credit-transfer institutions in STADS", Impact.SHOULD_HAVE, Urgency.STANDARD, "Application",
     "admin-apps", False),
    # Priority 5
    (INC, "Local printer does not work", Impact.INDIVIDUAL, Urgency.LOW, "Printing", None, True),
    (INC, "Wired network dead in office 214 (Eduroam works)", Impact.INDIVIDUAL, Urgency.LOW, "Network",
     "infrastructure", False),
    (SR, "Help setting up a docking station", Impact.WHENEVER_POSSIBLE, Urgency.STANDARD, "Hardware", None, True),
    (SR, "Question about a field in STADS", Impact.WHENEVER_POSSIBLE, Urgency.STANDARD, "Application", None, False),
    # More of a normal week
    (SR, "Needs a new keyboard", Impact.WHENEVER_POSSIBLE, Urgency.STANDARD, "Hardware", None, False),
    (SR, "New mouse for the reception staff", Impact.SHOULD_HAVE, Urgency.STANDARD, "Hardware", None, False),
    (INC, "My computer hums loudly", Impact.INDIVIDUAL, Urgency.LOW, "Hardware", "supplier-netcare", True),
    (INC, "Colleague's phone does not ring", Impact.INDIVIDUAL, Urgency.MEDIUM, "Telephony", "infrastructure", True),
    (INC, "VPN drops every hour", Impact.INDIVIDUAL, Urgency.MEDIUM, "Network", "infrastructure", True),
    (INC, "Teams has no sound in meeting room Ørsted", Impact.DEPARTMENT, Urgency.LOW, "AV", None, True),
    (SR, "Licence for statistics software (SPSS)", Impact.SHOULD_HAVE, Urgency.STANDARD, "Software", None, False),
    (INC, "Phishing mail reported by the finance office", Impact.DEPARTMENT, Urgency.MEDIUM, "Security", "security",
     False),
    (SR, "New HR system role for the payroll assistant", Impact.MUST_HAVE, Urgency.STANDARD, "Access", None, False),
    (INC, "Web form on the student portal shows an error", Impact.DEPARTMENT, Urgency.MEDIUM, "Application",
     "development", False),
    (SR, "Laptop for a PhD student starting next month", Impact.SHOULD_HAVE, Urgency.STANDARD, "Hardware", None,
     False),
    (INC, "Screen flickers after docking", Impact.INDIVIDUAL, Urgency.LOW, "Hardware", None, True),
]

REQUESTERS = [
    "Karin Dahl", "Björn Sandberg", "Mette Kristensen", "Åsa Wikström", "Jens Præst", "Lotte Vermeulen",
    "Søren Bæk", "Ingrid Öberg", "Femke de Boer", "Rasmus Thøgersen", "Elin Åkesson", "Bram Smit",
]
SOLUTIONS = [
    "Restarted the service and confirmed with the user that it works again.",
    "Replaced the faulty cable and tested the connection together with the user.",
    "Granted the access in the directory; the user confirmed she can open it.",
    "Reinstalled the driver and printed a test page with the user on the phone.",
    "Delivered and set up the equipment at the user's desk; everything works.",
]
PENDING_REASONS = list(PendingReason)
# How many tickets end in each status; every status appears, Pending once per reason at least.
STATUS_PLAN = (
    [Status.NEW] * 11 + [Status.ASSIGNED] * 8 + [Status.IN_PROGRESS] * 14 + [Status.PENDING] * 19
    + [Status.RESOLVED] * 12 + [Status.CLOSED] * 10
)


@dataclass(frozen=True)
class DemoData:
    teams: list[Team]
    agents: list[Agent]
    tickets: list[Ticket]


def _teams() -> list[Team]:
    teams = [
        Team(id=tid, name=name, line=line, primary=primary, members=members, dispatchers=dispatchers,
             team_lead=lead, office_hours=SECOND_LINE_HOURS)
        for tid, name, line, primary, members, dispatchers, lead in TEAMS
    ]
    teams[0] = teams[0].model_copy(update={"absent": ["jonas"]})  # R-TEAM-3: the dispatcher watches his tickets
    teams.append(Team(id="specialists", name="Product Specialists", line=S, members=["ida"], dispatchers=["ida"],
                      team_lead="ida", advisory=True,
                      office_hours=OfficeHours(weekdays=[0, 1, 2, 3, 4, 5, 6], opens=time(7), closes=time(22),
                                               time_zone=DESK_ZONE)))
    return teams


class _Builder:
    """Works one ticket through the rules at simulated, increasing times."""

    def __init__(self, teams: dict[str, Team], agents: set[str], rng: random.Random) -> None:
        self.teams = teams
        self.agents = agents
        self.rng = rng

    def make(self, number: int, spec: tuple[Kind, str, Impact, Urgency, str, str | None, bool], target: Status,
             now: datetime) -> Ticket:
        kind, subject, impact, urgency, category, second_line, needs_serial = spec
        rng = self.rng
        home = self.teams["hr-it" if category == "Access" and number % 3 == 0 else "support"]
        agent = rng.choice([m for m in home.members if m not in home.absent])
        age = timedelta(hours=rng.uniform(2, 24 * 28)) if target is not Status.CLOSED else timedelta(days=70)
        if target is Status.RESOLVED and number % 4 == 0:
            age = timedelta(days=60)  # resolved more than 30 days ago: auto-close has work (R-STATUS-6)
        clock = now - age
        step = age / 20  # at most ~10 steps: the story ends within the first half of the ticket's life

        def tick() -> datetime:
            nonlocal clock
            clock += step * rng.uniform(0.5, 1.0)
            return clock

        requester = REQUESTERS[number % len(REQUESTERS)]
        requested_for = REQUESTERS[(number + 5) % len(REQUESTERS)] if number % 7 == 0 else None
        serial = f"PF{rng.randrange(10**6, 10**7)}" if needs_serial else None
        draft = NewTicket(kind=kind, subject=subject, requester=requester, requested_for=requested_for,
                          description=f"{subject}. Reported by phone; {requester.split()[0]} is at the office today.",
                          impact=impact, urgency=urgency, category=category, serial_number=serial)
        ticket = build_ticket(number, draft, actor=agent, team=home, teams=self.teams, now=clock)
        if target is Status.NEW:
            if second_line and number % 2:
                self._to_second_line(ticket, second_line, home.members[0], number, tick, begin=False)
            return self._finish(ticket, number, now)
        if target is Status.ASSIGNED:
            dispatcher = home.dispatchers[0]
            member = rng.choice([m for m in home.members if m != dispatcher] or home.members)
            dispatch.apply_assign(ticket, home, actor=dispatcher, agent=member, now=tick())
            return self._finish(ticket, number, now)
        status.apply_begin_work(ticket, team=home, actor=agent, now=tick())
        journal.append_entry(ticket, EntryKind.INTERNAL_NOTE, agent,
                             "Talked to the user: checked cables, restarted the device, same result.", tick())
        if second_line and target in (Status.IN_PROGRESS, Status.PENDING) and number % 2 == 0:
            self._to_second_line(ticket, second_line, agent, number, tick)
        if target is Status.PENDING:
            owner_team = self.teams[ticket.team]
            reason = PENDING_REASONS[number % len(PENDING_REASONS)]
            # A dated reason waits for a moment to come (R-STATUS-3): a few days from the demo's today.
            until = now + timedelta(days=1 + number % 6) if reason in DATED_PENDING_REASONS else None
            status.apply_status_change(ticket, Status.PENDING, team=owner_team, actor=ticket.owner or agent,
                                       now=tick(), pending_reason=reason, until=until)
        if target in (Status.RESOLVED, Status.CLOSED):
            if second_line and number % 2 == 1:
                self._to_second_line(ticket, second_line, agent, number, tick)
                holder = self.teams[ticket.team]
                # R-DISPATCH-7: the team holding it sends it back; its dispatcher when nobody there took it.
                expert = ticket.owner or holder.dispatchers[0]
                dispatch.apply_return_to_primary(
                    ticket, teams=self.teams, agents=self.agents, actor=expert, now=tick(),
                    solution_note="Solved at second line: the cause was a failed switch port, now replaced.")
                status.apply_begin_work(ticket, team=self.teams[ticket.team], actor=agent, now=tick())
            status.apply_status_change(ticket, Status.RESOLVED, team=self.teams[ticket.team], actor=agent,
                                       now=tick(), solution=SOLUTIONS[number % len(SOLUTIONS)])
            if target is Status.CLOSED:
                assert ticket.resolved_at is not None
                status.apply_auto_close(ticket, ticket.resolved_at + status.AUTO_CLOSE_AFTER)
        return self._finish(ticket, number, now)

    def _to_second_line(
        self, ticket: Ticket, team_id: str, agent: str, number: int, tick: Callable[[], datetime], begin: bool = True
    ) -> None:
        """R-ESC-2 style hand-over: pinned summary, dispatch, and a second-line agent begins work."""
        now = tick()
        team = self.teams[team_id]
        summary = (f"Summary: {ticket.subject}. Tried: restart, cable check, reinstall of the client. "
                   "The user needs it for daily work.")
        dispatch.apply_dispatch(ticket, team_id, teams=self.teams, agents=self.agents, actor=agent, summary=summary,
                                now=now, pin_summary=True)
        escalations.raise_functional(ticket, team, actor=agent, now=now)
        if team.line is SUP:
            ticket.external_ref = f"NC-{20000 + number}"  # R-JOURNAL-4
            journal.append_entry(ticket, EntryKind.SUPPLIER_MESSAGE, "NetCare",
                                 f"Case NC-{20000 + number} opened; technician on site within two days.",
                                 tick())
        if begin and number % 3:
            expert = self.rng.choice(team.members)
            status.apply_begin_work(ticket, team=team, actor=expert, now=tick())

    def _finish(self, ticket: Ticket, number: int, now: datetime) -> Ticket:
        """Flags and a user's follow-up on some open tickets (R-FLAG-1, R-FLAG-2)."""
        if ticket.status in (Status.CLOSED, Status.RESOLVED):
            return ticket
        if number % 5 == 0:
            hours = 30 if number % 10 == 0 else 3  # half of them overdue (> 24 h)
            when = max(ticket.updated, now - timedelta(hours=hours))
            journal.append_entry(ticket, EntryKind.MESSAGE_FROM_USER, ticket.requester,
                                 "Hi, is there any news on this? It is still not working.", when)
            flags.set_update_flag(ticket, True, actor=ticket.requester, now=when)
        if number % 6 == 0:
            flags.set_attention(ticket, True, actor=ticket.owner or "anna", now=ticket.updated)
        return ticket


def demo_people() -> tuple[list[Team], list[Agent]]:
    """The demo desk's teams and agents, without its tickets (the RT backend's default desk)."""
    agents = [Agent(username=u, name=n, email=f"{u}@desk.example", roles=roles, phone=f"+45 3312 {4401 + index}")
              for index, (u, n, roles) in enumerate(AGENTS)]
    return _teams(), agents


def build_demo(now: datetime, seed: int = 7) -> DemoData:
    rng = random.Random(seed)
    teams, agents = demo_people()
    team_map = {team.id: team for team in teams}
    builder = _Builder(team_map, {a.username for a in agents}, rng)
    tickets = []
    for index, target in enumerate(STATUS_PLAN):
        spec = SPECS[index % len(SPECS)]
        tickets.append(builder.make(index + 1, spec, target, now))
    _link_examples(tickets, now)
    _escalation_examples(tickets, team_map, now)
    return DemoData(teams=teams, agents=agents, tickets=tickets)


def _link_examples(tickets: list[Ticket], now: datetime) -> None:
    """A split pair (R-TICKET-4) and a closed ticket followed up by a new one (R-STATUS-6)."""
    parent, child = tickets[2], tickets[3]
    parent.links.append(Link(code=child.code, kind=LinkKind.SPLIT_INTO))
    child.links.append(Link(code=parent.code, kind=LinkKind.SPLIT_FROM))
    closed = next(t for t in tickets if t.status is Status.CLOSED)
    newer = tickets[0]
    closed.links.append(Link(code=newer.code, kind=LinkKind.FOLLOWED_UP_BY))
    newer.links.append(Link(code=closed.code, kind=LinkKind.FOLLOWS_UP))


def _escalation_examples(tickets: list[Ticket], teams: dict[str, Team], now: datetime) -> None:
    """An answered advisory escalation (R-ADVICE-1) and linked complaint and action (R-LINK-1)."""
    open_first_line = [t for t in tickets if t.status is Status.IN_PROGRESS and teams[t.team].primary]
    complained = open_first_line[1]
    escalations.raise_linked(complained, EscalationKind.COMPLAINT, actor="anna", handler="maja", priority=2,
                             note="The user complains about waiting four days without a computer.",
                             now=complained.updated)
    escalations.raise_linked(complained, EscalationKind.ACTION, actor="anna", handler="ruben", priority=3,
                             note="Keep three spare laptops ready for new employees.", now=complained.updated)
    advised = open_first_line[0]
    evening = (advised.updated + timedelta(days=1)).replace(hour=19, minute=30)
    if evening > now:
        evening -= timedelta(days=7)
    evening = max(evening, advised.updated)
    second_line = [t for t in teams.values() if t.line is S and not t.advisory]
    request = AdvisoryRequest(help_needed="How do we restore a deleted Teams channel with course files?",
                              why="The teacher lost all material and teaches at eight tomorrow.", routine_missing=True)
    try:
        escalation = escalations.raise_advisory(advised, request, teams["specialists"], second_line,
                                                actor=advised.owner or "lars", now=evening)
    except RuleViolation:
        return  # the last update fell inside office hours: this demo run has no advisory example
    escalations.update_escalation(advised, escalation.number, actor="ida", now=evening + timedelta(minutes=40),
                                  status=EscalationStatus.ANSWERED,
                                  note="Restore it from the deleted-channels list in the Teams admin centre.")
