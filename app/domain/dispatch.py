"""Hand-overs go to a team, never to an agent, and only its holders hand a ticket over (R-DISPATCH-1..7, R-TEAM-2,
R-PRIO-4, R-STATUS-7)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import datetime

from app.domain import escalations
from app.domain.enums import EntryKind, LinkKind, Priority, Status
from app.domain.errors import RuleViolation
from app.domain.journal import append_entry, record_event
from app.domain.models import Agent, Team, Ticket
from app.domain.templates import moved_to_team
from app.domain.text_quality import note_problems
from app.i18n import t

# R-DISPATCH-5 hint: words that often join two separate problems in one message.
_SEVERAL_PROBLEMS = re.compile(
    r"(\balso\b|\banother (problem|issue|thing)\b|\bsecond(ly)? problem\b|\bdessutom\b|\bockså\b"
    r"|\bog også\b|\bdesuden\b|\bbovendien\b|\book nog\b)",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(\d+[.)]|[-*•])\s+\S", re.MULTILINE)


def mentions_several_problems(text: str) -> bool:
    """R-DISPATCH-5 / R-TICKET-4: a hint that a ticket should be split before hand-over."""
    return bool(_SEVERAL_PROBLEMS.search(text)) or len(_NUMBERED.findall(text)) >= 2


ONE_PROBLEM_EVENT = "one_problem"


def was_split(ticket: Ticket) -> bool:
    """R-TICKET-4: the ticket was split (its further problems are tickets of their own) or is a part split off,
    whose text is the one line the agent gave it."""
    return any(link.kind in (LinkKind.SPLIT_INTO, LinkKind.SPLIT_FROM) for link in ticket.links)


def stated_one_problem(ticket: Ticket) -> bool:
    """An agent already stated, in the journal, that this ticket holds one problem (at an earlier hand-over)."""
    return any(entry.kind is EntryKind.SYSTEM_EVENT and entry.event == ONE_PROBLEM_EVENT for entry in ticket.journal)


def needs_split_or_statement(ticket: Ticket, text: str | None = None) -> bool:
    """R-TICKET-4 / R-DISPATCH-5: `ticket` (or `text`, the subject and description it is about to get) looks like
    several problems, and was neither split nor stated to be one problem."""
    text = f"{ticket.subject}\n{ticket.description}" if text is None else text
    return mentions_several_problems(text) and not was_split(ticket) and not stated_one_problem(ticket)


def check_one_problem(ticket: Ticket, *, one_problem: bool, text: str | None = None) -> None:
    """R-TICKET-4: a ticket that looks like several problems is split before a hand-over, or the agent states that
    it is one problem (`one_problem`, journalled by the hand-over)."""
    if one_problem or not needs_split_or_statement(ticket, text):
        return
    raise RuleViolation(
        "R-TICKET-4",
        t("{code} seems to hold several problems: split it into linked tickets first (ctrl+t), or state that it is "
          "one problem (ctrl+o; the journal names you).", code=ticket.code),
        "one_problem",
    )


def _journal_one_problem(ticket: Ticket, *, one_problem: bool | None, actor: str, now: datetime) -> None:
    """R-JOURNAL-6: the statement that let a multi-problem-looking ticket through names who made it."""
    if one_problem and needs_split_or_statement(ticket):
        record_event(ticket, ONE_PROBLEM_EVENT, {"event": "one_problem", "actor": actor}, now, actor=actor)


def _closed_for_handover(ticket: Ticket) -> None:
    if ticket.status in (Status.RESOLVED, Status.CLOSED):
        raise RuleViolation(
            "R-STATUS-6", t("{code} is resolved or closed: reopen it before handing it over.", code=ticket.code)
        )


def check_holder(ticket: Ticket, teams: Mapping[str, Team], actor: str) -> None:
    """R-DISPATCH-7: only a member (or dispatcher) of the team holding `ticket` hands it over, escalates it with
    the form, splits or returns it; anyone else is told to add a note or draw in that team's dispatcher."""
    team = teams.get(ticket.team)
    if team is None:
        # A ticket in no team of this desk (a queue RT keeps for itself) has no holder yet: moving it into a
        # team is how it reaches the desk at all.
        return
    if actor in team.members or actor in team.dispatchers:
        return
    raise RuleViolation(
        "R-DISPATCH-7",
        t("{code} is held by {team}: only its members hand it over, escalate, split or return it. Add a note "
          "instead, or draw in {team}'s dispatcher ({dispatchers}) with a hierarchical escalation.",
          code=ticket.code, team=team.name, dispatchers=", ".join(team.dispatchers)),
    )


def check_dispatch(
    ticket: Ticket,
    target: str,
    *,
    teams: Mapping[str, Team],
    agents: Collection[str],
    summary: str,
    category: str | None = None,
    actor: str | None = None,
    one_problem: bool | None = False,
    text: str | None = None,
) -> Team:
    """Raise RuleViolation unless `ticket` may be handed to the team named `target`; return that team.

    With `actor`, also that they belong to the team holding it (R-DISPATCH-7): every adapter passes who acts.
    `one_problem`: the agent states that a ticket looking like several problems is one (R-TICKET-4); None when
    that question does not arise (a return home, R-DISPATCH-4: the ticket was handed over once already).
    `text`: the subject and description the hand-over gives the ticket, when it changes them (the form)."""
    if target in agents and target not in teams:
        # R-DISPATCH-6: whatever the caller, an agent is not a dispatch target.
        raise RuleViolation(
            "R-DISPATCH-6", t("{target} is an agent: hand-overs go to a team, whose dispatcher assigns.",
                              target=target), "team"
        )
    if actor is not None:
        check_holder(ticket, teams, actor)
    team = teams.get(target)
    if team is None:
        raise RuleViolation("R-DISPATCH-1", t("There is no team {target}.", target=target), "team")
    _closed_for_handover(ticket)
    if team.id == ticket.team:
        raise RuleViolation("R-TEAM-2", t("{code} is already in {team}'s queue.", code=ticket.code,
                                          team=team.name), "team")
    if team.advisory:
        raise RuleViolation(
            "R-ADVICE-1", t("{team} gives advice and takes no tickets: ask for an advisory escalation instead.",
                            team=team.name), "team"
        )
    if ticket.awaiting_acceptance:
        raise RuleViolation(
            "R-PRIO-4", t("{code} is P2 and its receiving agent has not accepted it yet: it is not "
                          "dispatched further until they do.", code=ticket.code)
        )
    problems = note_problems(summary)
    if problems:
        raise RuleViolation("R-JOURNAL-3", t("A hand-over needs a summary note. ") + problems[0], "summary")
    if not (category or ticket.category or "").strip():
        raise RuleViolation(
            "R-DISPATCH-5", t("Set the category before handing over (check it against the description)."),
            "category",
        )
    if one_problem is not None:
        check_one_problem(ticket, one_problem=one_problem, text=text)
    return team


def apply_dispatch(
    ticket: Ticket,
    target: str,
    *,
    teams: Mapping[str, Team],
    agents: Collection[str],
    actor: str,
    summary: str,
    now: datetime,
    category: str | None = None,
    pin_summary: bool = False,
    tell_user: bool = True,
    one_problem: bool | None = False,
    said: str = "dispatched",
) -> Ticket:
    """Check, then hand `ticket` to a team in place: owner cleared, status kept (R-DISPATCH-1, R-STATUS-7).
    `said`: the journal's event for it (R-JOURNAL-6; app/domain/events.py), with the team and the actor."""
    team = check_dispatch(ticket, target, teams=teams, agents=agents, summary=summary, category=category,
                          actor=actor, one_problem=one_problem)
    _journal_one_problem(ticket, one_problem=one_problem, actor=actor, now=now)
    _hand_over(ticket, team, teams=teams, actor=actor, summary=summary, now=now, category=category,
               pin_summary=pin_summary, tell_user=tell_user)
    record_event(ticket, "dispatch", {"event": said, "team": team.name, "actor": actor}, now, actor=actor)
    return ticket


def _hand_over(
    ticket: Ticket,
    team: Team,
    *,
    teams: Mapping[str, Team],
    actor: str,
    summary: str,
    now: datetime,
    category: str | None,
    pin_summary: bool,
    tell_user: bool,
) -> None:
    """What every hand-over does: summary note, category, new queue, no owner, user told."""
    append_entry(ticket, EntryKind.INTERNAL_NOTE, actor, summary.strip(), now, pinned=pin_summary)
    if category and category.strip():
        ticket.category = category.strip()
    old_team = teams.get(ticket.team)
    if ticket.primary_team is None and old_team is not None and old_team.primary:
        ticket.primary_team = old_team.id  # R-DISPATCH-4: remember where it must come back
    ticket.team = team.id
    ticket.owner = None  # R-DISPATCH-1: the receiving team's dispatcher assigns
    ticket.returned_solution = None  # handed on: what came back before is no longer the last word
    if ticket.status is Status.ASSIGNED:
        ticket.status = Status.NEW  # Assigned means "has an owner" (R-STATUS-2)
    # R-STATUS-7: In Progress and Pending are kept across the hand-over.
    ticket.awaiting_acceptance = ticket.priority is Priority.P2  # R-PRIO-4
    if tell_user:
        told = moved_to_team(team.name, ticket.code, old_team.name if old_team else None)  # signed by the sender
        append_entry(ticket, EntryKind.MESSAGE_TO_USER, actor, told, now)


def return_target(ticket: Ticket, teams: Mapping[str, Team]) -> Team:
    """R-DISPATCH-4: the primary team a ticket solved elsewhere goes back to."""
    team = teams.get(ticket.primary_team or "")
    if team is None:
        raise RuleViolation("R-DISPATCH-4", t("{code} has no primary team to return to.", code=ticket.code))
    if team.id == ticket.team:
        raise RuleViolation("R-DISPATCH-4", t("{code} is already with its primary team.", code=ticket.code))
    return team


def apply_return_to_primary(
    ticket: Ticket, *, teams: Mapping[str, Team], agents: Collection[str], actor: str, solution_note: str,
    now: datetime,
) -> Ticket:
    """R-DISPATCH-4 / R-STATUS-5: second line writes its solution and sends the ticket home (R-DISPATCH-7: only
    the team holding it does)."""
    check_holder(ticket, teams, actor)
    team = return_target(ticket, teams)
    # R-PRIO-4: the receiving agent of a P2 accepted it by solving it, so the way back is open,
    # and the primary team that resolves it owes no further acceptance.
    ticket.awaiting_acceptance = False
    apply_dispatch(ticket, team.id, teams=teams, agents=agents, actor=actor, summary=solution_note, now=now,
                   tell_user=False, one_problem=None,  # R-TICKET-4 was settled when it left home
                   said="returned")
    ticket.awaiting_acceptance = False
    ticket.returned_solution = solution_note.strip()  # first line's resolve letter starts from it
    escalations.end_functional(ticket, actor=actor, now=now, why=("returned", team.name))
    return ticket


def apply_direct_handover(
    ticket: Ticket,
    target_team: str,
    agent: str,
    *,
    teams: Mapping[str, Team],
    agents: Collection[str],
    actor: str,
    agreed_with: str,
    summary: str,
    now: datetime,
    category: str | None = None,
    one_problem: bool = False,
) -> Ticket:
    """R-DISPATCH-2: straight to an agent, only after an agreement that is stated and journalled."""
    team = check_dispatch(ticket, target_team, teams=teams, agents=agents, summary=summary, category=category,
                          actor=actor, one_problem=one_problem)
    if not agreed_with.strip():
        raise RuleViolation(
            "R-DISPATCH-2", t("Name the agent you agreed the hand-over with."), "agreed_with"
        )
    if agreed_with.strip() != agent:
        raise RuleViolation(
            "R-DISPATCH-2", t("The hand-over goes to the agent it was agreed with ({agent}).", agent=agreed_with),
            "agreed_with",
        )
    if agent not in team.members:
        raise RuleViolation("R-TEAM-2", t("{agent} is not a member of {team}.", agent=agent, team=team.name),
                            "agent")
    _journal_one_problem(ticket, one_problem=one_problem, actor=actor, now=now)
    _hand_over(ticket, team, teams=teams, actor=actor, summary=summary, now=now, category=category,
               pin_summary=False, tell_user=True)
    ticket.owner = agent
    if ticket.status is Status.NEW:
        ticket.status = Status.ASSIGNED
    record_event(ticket, "dispatch", {"event": "handed_direct", "agent": agent, "team": team.name, "actor": actor},
                 now, actor=actor)
    return ticket


def check_assign(ticket: Ticket, team: Team, *, actor: str, agent: str) -> None:
    """R-DISPATCH-3: only a dispatcher of the holding team assigns, and only to its members."""
    if ticket.status is Status.CLOSED:
        raise RuleViolation("R-STATUS-6", t("{code} is Closed, which is final.", code=ticket.code))
    if team.id != ticket.team:
        raise RuleViolation("R-TEAM-2", t("{code} is not in {team}'s queue.", code=ticket.code, team=team.name))
    if actor not in team.dispatchers:
        raise RuleViolation(
            "R-DISPATCH-3", t("Only a dispatcher of {team} assigns its tickets (taking one yourself is "
                              "Begin work).", team=team.name), "agent"
        )
    if agent not in team.members:
        raise RuleViolation("R-TEAM-2", t("{agent} is not a member of {team}.", agent=agent, team=team.name),
                            "agent")


def apply_assign(ticket: Ticket, team: Team, *, actor: str, agent: str, now: datetime) -> Ticket:
    check_assign(ticket, team, actor=actor, agent=agent)
    ticket.owner = agent
    if ticket.status is Status.NEW:
        ticket.status = Status.ASSIGNED
    record_event(ticket, "assign", {"event": "assigned", "agent": agent, "actor": actor}, now, actor=actor)
    escalations.take_functional(ticket, agent=agent, actor=actor, now=now)  # R-ESC-5
    return ticket


def _people_to_call(team: Team) -> list[str]:
    """The receiving team's dispatchers, then its team lead: each once (one person is often both)."""
    return list(dict.fromkeys([*team.dispatchers, *([team.team_lead] if team.team_lead else [])]))


def _callee(username: str, team: Team, agents: Mapping[str, Agent]) -> str:
    roles = [t("dispatcher")] if username in team.dispatchers else []
    roles += [t("team lead")] if username == team.team_lead else []
    agent = agents.get(username)
    named = f"{agent.name} ({username})" if agent else username
    phone = t("phone {number}", number=agent.phone) if agent and agent.phone else t("no phone number in the directory")
    return ", ".join([named, f" {t('and')} ".join(roles), phone])


def handover_reminder(priority: Priority, team: Team, agents: Mapping[str, Agent]) -> str | None:
    """R-PRIO-4 / R-ESC-2: what a P1 or P2 hand-over to `team` asks of the agent, shown before it is sent and
    acknowledged after; None otherwise. Finding 2 (follow-up and triage): each person once, with what they are
    and the number to call from the directory."""
    if priority not in (Priority.P1, Priority.P2):
        return None
    callees = f" {t('or')} ".join(_callee(username, team, agents) for username in _people_to_call(team))
    if priority is Priority.P1:
        return t("P1: call {team} now: {callees}. Nothing else until work has started; team leads join the "
                 "prioritisation.", team=team.name, callees=callees)
    return t("P2: call {team} now: {callees}. The receiving agent must accept it before it can be dispatched "
             "further.", team=team.name, callees=callees)
