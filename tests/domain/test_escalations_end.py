"""Finding 1 (follow-up and triage): escalations never ended. R-ESC-5: every escalation has a status, a handler
of the desk and a follow-up owner, each change is a journal line, and a functional one ends when its ticket
returns or is resolved."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.dispatch import apply_assign, apply_return_to_primary
from app.domain.enums import EscalationKind, EscalationStatus, Status
from app.domain.errors import RuleViolation
from app.domain.escalation_form import apply_escalation_form
from app.domain.escalations import escalation_priority, raise_linked, update_escalation
from app.domain.models import Agent, Ticket
from app.domain.status import apply_begin_work, apply_status_change
from tests.domain.factories import NOW, SOLUTION, p2, printer_form, teams

AGENTS = {u: Agent(username=u, name=u.title()) for u in ("anna", "lars", "sofie", "mikkel", "ida")}


def _escalated() -> Ticket:
    """The printer case handed to Infrastructure with the escalation form, by lars (first line)."""
    held = p2(owner="lars", status=Status.IN_PROGRESS, started=NOW - timedelta(hours=1))
    return apply_escalation_form(held, printer_form(), teams=teams(), agents=AGENTS, actor="lars", attachments=[],
                                 now=NOW)


def _lines(ticket: Ticket) -> list[str]:
    return [e.body for e in ticket.journal if e.event == "escalation"]


def test_a_functional_escalation_is_handled_by_the_receiving_team_and_followed_by_first_line() -> None:
    ticket = _escalated()
    (escalation,) = ticket.escalations
    assert (escalation.kind, escalation.handler, escalation.follow_up) == (EscalationKind.FUNCTIONAL,
                                                                            "infrastructure", "lars")
    assert escalation_priority(ticket, escalation) == ticket.priority.value, "a P2 ticket's escalation is P2"


def test_the_agent_who_gets_it_handles_it_and_it_is_in_progress() -> None:
    ticket = apply_assign(_escalated(), teams()["infrastructure"], actor="mikkel", agent="sofie", now=NOW)
    escalation = ticket.escalations[0]
    assert (escalation.handler, escalation.status) == ("sofie", EscalationStatus.IN_PROGRESS)
    assert any("handler sofie" in line for line in _lines(ticket))
    taken = apply_begin_work(_escalated(), team=teams()["infrastructure"], actor="mikkel", now=NOW)
    assert taken.escalations[0].handler == "mikkel", "beginning work takes it too"


def test_it_ends_when_the_ticket_returns_home() -> None:
    ticket = apply_assign(_escalated(), teams()["infrastructure"], actor="mikkel", agent="sofie", now=NOW)
    ticket = apply_return_to_primary(ticket, teams=teams(), agents=AGENTS, actor="sofie", solution_note=SOLUTION,
                                     now=NOW)
    assert ticket.escalations[0].status is EscalationStatus.DONE
    assert any("returned to Service Desk" in line for line in _lines(ticket))


def test_it_ends_when_the_ticket_is_resolved() -> None:
    ticket = _escalated()
    ticket.team = "support"  # sent back to first line by a plain dispatch, not the return (R-DISPATCH-4)
    ticket = apply_status_change(ticket, Status.RESOLVED, team=teams()["support"], actor="anna", now=NOW,
                                 solution=SOLUTION)
    assert ticket.escalations[0].status is EscalationStatus.DONE
    assert any("resolved" in line for line in _lines(ticket))


def test_a_handler_nobody_knows_is_refused_and_a_team_name_is_taken() -> None:
    ticket = p2()
    with pytest.raises(RuleViolation) as refused:
        raise_linked(ticket, EscalationKind.COMPLAINT, actor="anna", handler="zorro", priority=None,
                     note="User complains nobody called back", now=NOW, teams=teams(), agents=AGENTS)
    assert refused.value.rule == "R-ESC-5" and "zorro" in refused.value.message
    named = raise_linked(ticket, EscalationKind.COMPLAINT, actor="anna", handler="Infrastructure", priority=2,
                         note="User complains nobody called back", now=NOW, teams=teams(), agents=AGENTS)
    assert (named.handler, named.follow_up) == ("infrastructure", "anna")


def test_a_linked_one_is_moved_on_to_its_end_and_then_no_further() -> None:
    ticket = p2()
    raised = raise_linked(ticket, EscalationKind.COMPLAINT, actor="anna", handler="sofie", priority=2,
                          note="User complains nobody called back", now=NOW, teams=teams(), agents=AGENTS)
    update_escalation(ticket, raised.number, actor="sofie", now=NOW, status=EscalationStatus.IN_PROGRESS,
                      teams=teams(), agents=AGENTS)
    update_escalation(ticket, raised.number, actor="sofie", now=NOW, handler="mikkel", teams=teams(), agents=AGENTS)
    update_escalation(ticket, raised.number, actor="mikkel", now=NOW, status=EscalationStatus.WITHDRAWN,
                      teams=teams(), agents=AGENTS)
    assert ticket.escalations[0].status is EscalationStatus.WITHDRAWN and ticket.escalations[0].handler == "mikkel"
    assert len(_lines(ticket)) == 4, "raised, in progress, new handler, withdrawn: a line each"
    with pytest.raises(RuleViolation, match="ended"):
        update_escalation(ticket, raised.number, actor="anna", now=NOW, status=EscalationStatus.OPEN,
                          teams=teams(), agents=AGENTS)
    with pytest.raises(RuleViolation, match="answered or bounced"):
        other = raise_linked(ticket, EscalationKind.ACTION, actor="anna", handler=None, priority=None,
                             note="Order a spare fuser unit", now=NOW)
        update_escalation(ticket, other.number, actor="anna", now=NOW, status=EscalationStatus.ANSWERED)
