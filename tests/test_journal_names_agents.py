"""R-JOURNAL-6: every journal entry names the agent who made it, system events included.

Each was found by a user; each test below fails on the code as it was when found. They go through the local
adapter as a user meets it; the adapter contract (check_every_event_names_its_agent_R_JOURNAL_6) proves the
status change of every adapter, RT's too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.api.schemas import DispatchIn, EscalationIn, StatusIn
from app.client import HelplineClient
from app.connect import local_client
from app.domain.enums import EntryKind, EscalationKind, Impact, Status, Urgency
from app.domain.models import JournalEntry, Ticket
from app.domain.tickets import NewTicket
from app.seed import seed_demo
from tests.domain.factories import SOLUTION, SUMMARY


@pytest.fixture
async def clients(store_dir: Path) -> AsyncIterator[dict[str, HelplineClient]]:
    seed_demo(store_dir)
    made = {who: local_client(store_dir, who) for who in ("anna", "sofie", "mikkel")}
    yield made
    for client in made.values():
        await client.aclose()


def _events(ticket: Ticket, event: str | None = None) -> list[JournalEntry]:
    return [e for e in ticket.journal if e.kind is EntryKind.SYSTEM_EVENT and event in (None, e.event)]


async def _new(anna: HelplineClient, impact: Impact = Impact.INDIVIDUAL, urgency: Urgency = Urgency.LOW) -> Ticket:
    return await anna.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                       impact=impact, urgency=urgency, category="Printing"))


async def test_finding_6_a_status_change_names_the_agent_R_JOURNAL_6(clients: dict[str, HelplineClient]) -> None:
    """Finding 6 (rules for every agent): anna began work and the journal said "Status: New → In Progress", by
    "system". The event is anna's and says so."""
    anna = clients["anna"]
    made = await _new(anna)
    begun = await anna.begin_work(made.code, made.version)
    status = _events(begun, "status")
    assert [(e.author, e.body) for e in status] == [("anna", "Status: New → In Progress, by anna")]
    assert all(e.author != "system" for e in _events(begun)), [(e.author, e.body) for e in _events(begun)]


async def test_finding_6_a_p2_acceptance_is_journalled_R_JOURNAL_6(clients: dict[str, HelplineClient]) -> None:
    """Finding 6 (rules for every agent): sofie began work on a P2 anna had handed to Infrastructure, which is her
    acceptance of it (R-PRIO-4), and the journal never said so. It says "P2 accepted by sofie"."""
    anna, sofie = clients["anna"], clients["sofie"]
    made = await _new(anna, Impact.DEPARTMENT, Urgency.HIGH)
    assert made.priority.value == "P2"
    handed = await anna.dispatch(made.code, DispatchIn(team="infrastructure", summary=SUMMARY), made.version)
    assert handed.awaiting_acceptance
    accepted = await sofie.begin_work(handed.code, handed.version)
    assert not accepted.awaiting_acceptance
    assert [(e.author, e.body) for e in _events(accepted, "accept")] == [("sofie", "P2 accepted by sofie")]


async def test_finding_6_a_hierarchical_escalation_names_raiser_and_handler_R_JOURNAL_6(
    clients: dict[str, HelplineClient]
) -> None:
    """Finding 6 (rules for every agent): mikkel drew ruben in, and the journal said "Hierarchical escalation
    HL-1-E2 raised, ruben", as if ruben had raised it. It names mikkel as the raiser and ruben as drawn in."""
    anna, mikkel = clients["anna"], clients["mikkel"]
    made = await _new(anna, Impact.COMPANY, Urgency.HIGH)
    handed = await anna.dispatch(made.code, DispatchIn(team="infrastructure", summary=SUMMARY), made.version)
    raised = await mikkel.escalate(handed.code, EscalationIn(
        kind=EscalationKind.HIERARCHICAL, handler="ruben", note="Please find a second technician for this today."),
        handed.version)
    number = raised.escalations[-1].number
    assert [(e.author, e.body) for e in _events(raised, "escalation")] == [
        ("mikkel", f"Hierarchical escalation {number} raised by mikkel, drawing in ruben")]


async def test_finding_6_a_resolved_ticket_names_who_resolved_it_R_JOURNAL_6(
    clients: dict[str, HelplineClient]
) -> None:
    """Finding 6 (rules for every agent): a resolved ticket has no owner and no event said who resolved it. The
    resolve is the resolver's event and names them."""
    anna = clients["anna"]
    made = await _new(anna)
    begun = await anna.begin_work(made.code, made.version)
    resolved = await anna.set_status(begun.code, StatusIn(status=Status.RESOLVED, solution=SOLUTION),
                                     begun.version)
    assert resolved.status is Status.RESOLVED
    last = _events(resolved, "status")[-1]
    assert (last.author, last.body) == ("anna", "Status: In Progress → Resolved, by anna")
