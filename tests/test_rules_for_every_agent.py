"""Rules that hold for every agent, whoever they are: only the team holding a ticket hands it over, a ticket is
registered in a first-line team, and a split makes one ticket per further problem (R-DISPATCH-7, R-TICKET-4).

Each was found by a user; each test below fails on the code as it was when found. The domain is checked first,
then the local adapter through HTTP and the command line as a user meets it; the adapter contract
(app/contract/checks.py) proves the same of every adapter, RT's too."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from app.api.backend import TicketQuery
from app.cli import main
from app.client import USER_HEADER, HelplineClient
from app.connect import local_client
from app.domain import dispatch
from app.domain.enums import EntryKind, LinkKind, Status
from app.domain.errors import RuleViolation
from app.domain.escalation_form import apply_escalation_form
from app.domain.models import Ticket
from app.domain.tickets import NewTicket, build_ticket
from app.seed import seed_demo
from app.usecases import Desk
from tests.domain.factories import AGENTS, NOW, SOLUTION, SUMMARY, infra, printer_form, support, teams, ticket


def _split(parent: Ticket, actor: str) -> object:
    from app.domain.tickets import check_split  # built for R-TICKET-4; absent from the code as it was found

    return check_split(parent, ["Scanner on floor 3 does not scan"], teams=teams(), actor=actor)


HAND_OVERS: dict[str, Callable[[Ticket, str], object]] = {
    "dispatch": lambda t, actor: dispatch.apply_dispatch(
        t, "infrastructure", teams=teams(), agents=AGENTS, actor=actor, summary=SUMMARY, now=NOW),
    "escalation form": lambda t, actor: apply_escalation_form(
        t, printer_form(), teams=teams(), agents={}, actor=actor, attachments=[], now=NOW),
    "direct hand-over": lambda t, actor: dispatch.apply_direct_handover(
        t, "infrastructure", "sofie", teams=teams(), agents=AGENTS, actor=actor, agreed_with="sofie",
        summary=SUMMARY, now=NOW),
    "return": lambda t, actor: dispatch.apply_return_to_primary(
        t, teams=teams(), agents=AGENTS, actor=actor, solution_note=SOLUTION, now=NOW),
    "split": _split,
}


@pytest.mark.parametrize("hand_over", list(HAND_OVERS))
def test_finding_1_only_the_holding_team_hands_a_ticket_over_R_DISPATCH_7(hand_over: str) -> None:
    """Finding 1 (rules for every agent): sofie, of Infrastructure, handed Service Desk's HL-4 to Security, and the
    user got a "Dear user" letter from her. Every hand-over of a ticket another team holds is refused, naming
    that team and what she can do instead, and nothing on the ticket changes."""
    held = ticket(code="HL-4", id=4)
    before = held.model_dump()
    with pytest.raises(RuleViolation) as refused:
        HAND_OVERS[hand_over](held, "sofie")
    assert refused.value.rule == "R-DISPATCH-7"
    message = refused.value.message
    assert "Service Desk" in message and "anna" in message and "note" in message, message
    assert held.model_dump() == before, "a refused hand-over writes nothing"


def test_members_and_dispatchers_of_the_holding_team_still_hand_over_R_DISPATCH_7() -> None:
    """lars is a plain member of Service Desk and hands over; sofie returns what Infrastructure holds."""
    held = ticket()
    dispatch.apply_dispatch(held, "infrastructure", teams=teams(), agents=AGENTS, actor="lars", summary=SUMMARY,
                            now=NOW)
    assert held.team == "infrastructure"
    dispatch.apply_return_to_primary(held, teams=teams(), agents=AGENTS, actor="sofie", solution_note=SOLUTION,
                                     now=NOW)
    assert held.team == "support"
    dispatch.apply_dispatch(held, "infrastructure", teams=teams(), agents=AGENTS, actor="anna", summary=SUMMARY,
                            now=NOW)
    with pytest.raises(RuleViolation) as refused:
        dispatch.apply_return_to_primary(held, teams=teams(), agents=AGENTS, actor="lars", solution_note=SOLUTION,
                                         now=NOW)
    assert refused.value.rule == "R-DISPATCH-7" and "Infrastructure" in refused.value.message


def test_finding_2_a_ticket_is_registered_in_a_first_line_team_R_DISPATCH_7() -> None:
    """Finding 2 (rules for every agent): `helpline new --team infrastructure` registered a ticket straight into
    second line, with no primary team to return to (R-DISPATCH-4) and so never resolved (R-STATUS-5). Only a
    first-line team registers; the refusal names the teams that do."""
    draft = NewTicket(subject="Switch port in room 214 is dead", requester="Karin Dahl")
    with pytest.raises(RuleViolation) as refused:
        build_ticket(1, draft, actor="sofie", team=infra(), teams=teams(), now=NOW)
    assert (refused.value.rule, refused.value.field) == ("R-DISPATCH-7", "team")
    assert "Infrastructure" in refused.value.message and "Service Desk" in refused.value.message
    made = build_ticket(1, draft, actor="anna", team=support(), teams=teams(), now=NOW)
    assert (made.team, made.primary_team) == ("support", "support")


def test_finding_3_a_split_off_problem_is_a_ticket_of_its_own_R_TICKET_4() -> None:
    """Finding 3 (rules for every agent): a split copied the parent's whole text into each part and lost its
    serial number and category. The new ticket's text is its own line, the user's words recorded by the agent
    (R-JOURNAL-6); it inherits requester, requested-for, serial number, category and kind, and links back."""
    from app.domain.tickets import build_split_child, link_split  # absent from the code as it was found

    parent = ticket(description="1. The printer jams\n2. The scanner does not scan", requested_for="Bo Ek",
                    serial_number="CNB1K2345", category="Printing")
    line = "Scanner on floor 3 does not scan"
    child = build_split_child(8, parent, line, actor="anna", teams=teams(), now=NOW)
    assert (child.code, child.subject, child.description) == ("HL-8", line, line)
    inherited = ("requester", "requested_for", "serial_number", "category", "kind", "team", "primary_team")
    assert {name: getattr(child, name) for name in inherited} == {name: getattr(parent, name) for name in inherited}
    said = [e for e in child.journal if e.kind is not EntryKind.SYSTEM_EVENT]
    assert [(e.kind, e.author, e.recorded_by, e.body) for e in said] == [
        (EntryKind.MESSAGE_FROM_USER, "Eva Holm", "anna", line)]
    assert [(link.code, link.kind) for link in child.links] == [("HL-7", LinkKind.SPLIT_FROM)]
    link_split(parent, [child], actor="anna", now=NOW, keep="The printer jams")
    assert [(link.code, link.kind) for link in parent.links] == [("HL-8", LinkKind.SPLIT_INTO)]
    assert parent.status is Status.NEW and parent.description.startswith("1. The printer jams")


def test_a_split_off_problem_in_second_line_stays_there_with_its_primary_team_R_TICKET_4() -> None:
    """A split is not a registration: what Infrastructure splits stays in its queue and can still go home."""
    from app.domain.tickets import build_split_child

    parent = ticket(team="infrastructure", primary_team="support")
    child = build_split_child(8, parent, "Switch port in room 214 is dead", actor="sofie", teams=teams(), now=NOW)
    assert (child.team, child.primary_team) == ("infrastructure", "support")


# ----- the local adapter, as a user meets it ---------------------------------------------------------------


@pytest.fixture
async def clients(store_dir: Path) -> AsyncIterator[dict[str, HelplineClient]]:
    seed_demo(store_dir)
    made = {who: local_client(store_dir, who) for who in ("anna", "sofie")}
    yield made
    for client in made.values():
        await client.aclose()


async def _post(client: HelplineClient, code: str, operation: str, body: dict[str, Any], version: int) -> Any:
    return await client.http.post(f"/v1/tickets/{code}/{operation}", json=body,
                                  headers={USER_HEADER: client.actor, "If-Match": f'"{version}"'})


async def test_finding_1_the_local_adapter_refuses_another_teams_hand_over_R_DISPATCH_7(
    clients: dict[str, HelplineClient]
) -> None:
    """Finding 1 (rules for every agent): as sofie on a Service Desk ticket with no owner, `d` to Security was
    carried out. The adapter refuses it, and the return, and leaves her the note."""
    anna, sofie = clients["anna"], clients["sofie"]
    page = await anna.search(TicketQuery(open=True, team="support", owner="none", limit=1))
    held = await anna.get(page.items[0].code)
    for operation, body in (("dispatch", {"team": "security", "summary": SUMMARY}),
                            ("return", {"note": SOLUTION})):
        response = await _post(sofie, held.code, operation, body, held.version)
        assert response.status_code == 422 and response.json()["rule"] == "R-DISPATCH-7", response.text
        assert "Service Desk" in response.json()["detail"]
    assert (await anna.get(held.code)).version == held.version, "nothing was written"
    noted = await _post(sofie, held.code, "journal", {"body": "Security may want to look at this one."},
                        held.version)
    assert noted.status_code == 200 and noted.json()["team"] == "support"


def test_finding_2_helpline_new_refuses_a_second_line_team_R_DISPATCH_7(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 2 (rules for every agent): `helpline new --team infrastructure` registered the ticket. It is
    refused in one line naming the rule, and nothing is registered."""
    seed_demo(store_dir)
    args = ["--store", str(store_dir), "new", "--subject", "Switch port in room 214 is dead", "--requester",
            "Karin Dahl"]
    code = main([*args, "--team", "infrastructure"])
    _, err = capsys.readouterr()
    assert code != 0 and "R-DISPATCH-7" in err and err.count("\n") == 1, err
    assert main([*args, "--team", "support"]) == 0
    listed = capsys.readouterr().out.strip()
    assert listed.startswith("HL-")


async def test_finding_3_splitting_two_lines_makes_one_new_ticket_R_TICKET_4(
    clients: dict[str, HelplineClient]
) -> None:
    """Finding 3 (rules for every agent): `ctrl+t` with two lines made two tickets, one a copy of the parent
    (which stayed open), both with the parent's whole text and neither with its serial number or category. The
    parent keeps the first line's problem; the second becomes a ticket of its own."""
    anna = clients["anna"]
    desk = await Desk.connect(anna)
    made = await anna.create(NewTicket(
        subject="Printer jams and also the scanner on floor 3 is broken", requester="Eva Holm",
        requested_for="Bo Ek", description="The printer jams. Also the scanner on floor 3 does not scan.",
        serial_number="CNB1K2345", category="Printing"))
    parent, *children = await desk.split(made, ["Printer on floor 2 jams", "Scanner on floor 3 does not scan"])
    assert len(children) == 1, [child.subject for child in children]
    child = children[0]
    assert (child.subject, child.description) == ("Scanner on floor 3 does not scan",) * 2
    assert (child.requester, child.requested_for, child.serial_number, child.category, child.kind) == (
        "Eva Holm", "Bo Ek", "CNB1K2345", "Printing", made.kind)
    said = [(e.author, e.recorded_by, e.body) for e in child.journal if e.kind is EntryKind.MESSAGE_FROM_USER]
    assert said == [("Eva Holm", "anna", "Scanner on floor 3 does not scan")]
    assert [link.code for link in parent.links] == [child.code] and parent.status is Status.NEW
    assert [link.code for link in child.links] == [made.code]
    assert any("Printer on floor 2 jams" in e.body for e in parent.journal if e.event == "split")
