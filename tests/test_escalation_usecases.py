"""R-ESC-1/2, R-ADVICE-1/2, R-LINK-1, R-DISPATCH-3/6 through the use cases and the adapter API (local store)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.api.backend import TicketQuery
from app.backends.local_store import LocalStore
from app.client import USER_HEADER
from app.connect import local_client
from app.domain.advisory import AdvisoryRequest
from app.domain.enums import (
    AdvisoryBounce,
    EscalationKind,
    EscalationStatus,
    Status,
)
from app.domain.errors import RuleViolation
from app.domain.escalation_form import AttachmentRef, EscalationForm
from app.domain.models import Ticket
from app.domain.tickets import NewTicket
from app.seed import seed_demo
from app.usecases import Desk
from tests.domain.factories import printer_form

EVENING = datetime(2026, 11, 18, 19, 30, tzinfo=UTC)  # Wednesday 20:30 in Copenhagen: second line closed
AS_LARS = {USER_HEADER: "lars"}
MIDDAY = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
ADVICE = AdvisoryRequest(help_needed="How do we restore a deleted Teams channel for a course?",
                         why="The teacher lost all files and the exam starts tomorrow morning.", routine_missing=True)


@pytest.fixture
async def desks(store_dir: Path) -> AsyncIterator[dict[str, Desk]]:
    seed_demo(store_dir)
    clients = {who: local_client(store_dir, who) for who in ("lars", "mikkel", "sofie", "ida")}
    yield {who: await Desk.connect(client) for who, client in clients.items()}
    for client in clients.values():
        await client.aclose()


async def new_ticket(desk: Desk) -> Ticket:
    return await desk.create_ticket(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                              category="Printing"), allow_duplicates=True)


def filled(tmp_path: Path, **changes: object) -> EscalationForm:
    photo = tmp_path / "jam.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the jam \xff\xd9")
    return printer_form(**{"attachments": [AttachmentRef(path=str(photo), size=photo.stat().st_size)], **changes})


async def test_submitted_form_stores_files_and_hands_over_R_ESC_2(desks: dict[str, Desk], tmp_path: Path,
                                                                  store_dir: Path) -> None:
    lars = desks["lars"]
    ticket = await new_ticket(lars)
    done = await lars.submit_escalation_form(ticket, filled(tmp_path))
    assert (done.team, done.owner) == ("infrastructure", None)
    assert [a.name for a in done.attachments] == ["jam.jpg"]
    stored = LocalStore(store_dir)
    assert stored.attachment_path(done.code, "jam.jpg").read_bytes() == (tmp_path / "jam.jpg").read_bytes()
    assert any(e.pinned and "Power-cycled the printer" in e.body for e in done.journal)
    assert done.escalations[-1].kind is EscalationKind.FUNCTIONAL


async def test_a_weak_form_is_refused_before_anything_is_sent_R_ESC_1(desks: dict[str, Desk], tmp_path: Path) -> None:
    lars = desks["lars"]
    ticket = await new_ticket(lars)
    with pytest.raises(RuleViolation) as refused:
        await lars.submit_escalation_form(ticket, filled(tmp_path, serial_number=""))
    assert refused.value.field == "e"
    assert (await lars.ticket(ticket.code)).version == ticket.version


async def test_the_adapter_refuses_a_weak_form_sent_directly_R_ESC_1(store_dir: Path) -> None:
    seed_demo(store_dir)
    client = local_client(store_dir, "lars")
    try:
        ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm"))
        body = {"form": {"requester": "Lars Nygaard", "target_team": "sofie"},
                "files": [{"name": "x.txt", "data": base64.b64encode(b"x").decode()}]}
        response = await client.http.post(f"/v1/tickets/{ticket.code}/escalation-form", json=body,
                                          headers={"If-Match": f'"{ticket.version}"', USER_HEADER: "lars"})
        assert response.status_code == 422 and response.json()["rule"] == "R-TICKET-3"
        assert (await client.get(ticket.code)).team == ticket.team
    finally:
        await client.aclose()


async def test_a_file_that_vanished_after_picking_is_named_R_ESC_1(desks: dict[str, Desk], tmp_path: Path) -> None:
    lars = desks["lars"]
    ticket = await new_ticket(lars)
    form = filled(tmp_path)
    (tmp_path / "jam.jpg").unlink()
    with pytest.raises(RuleViolation) as refused:
        await lars.submit_escalation_form(ticket, form)
    assert refused.value.field == "h" and "jam.jpg" in refused.value.message


async def test_advice_only_when_second_line_is_closed_and_answered_by_the_specialists_R_ADVICE_1_2(
    desks: dict[str, Desk], monkeypatch: pytest.MonkeyPatch
) -> None:
    lars, ida = desks["lars"], desks["ida"]
    ticket = await new_ticket(lars)
    ticket = await lars.begin_work(ticket)
    for module in ("app.usecases", "app.backends.local"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: MIDDAY)
    with pytest.raises(RuleViolation) as open_hours:
        await lars.escalate_advisory(ticket, "specialists", ADVICE)
    assert open_hours.value.rule == "R-ADVICE-2" and "Second line is open" in open_hours.value.message
    for module in ("app.usecases", "app.backends.local"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: EVENING)
    asked = await lars.escalate_advisory(ticket, "specialists", ADVICE)
    assert (asked.owner, asked.status, asked.team) == ("lars", Status.IN_PROGRESS, ticket.team)
    waiting = await ida.search(TicketQuery(advice_team="specialists"))
    assert [row.code for row in waiting.items] == [ticket.code]
    number = asked.escalations[-1].number
    with pytest.raises(RuleViolation) as outsider:
        await desks["sofie"].answer_advice(asked, number, "Restore it from the site's recycle bin, then re-share.")
    assert outsider.value.rule == "R-ADVICE-1"
    bounced = await ida.bounce_advice(asked, number, AdvisoryBounce.ROUTINE_EXISTS, "See routine 12 on the wiki.")
    assert bounced.escalations[-1].status is EscalationStatus.BOUNCED
    assert (await ida.search(TicketQuery(advice_team="specialists"))).total == 0


async def test_linked_escalations_each_with_number_handler_priority_R_LINK_1(desks: dict[str, Desk]) -> None:
    lars = desks["lars"]
    ticket = await new_ticket(lars)
    ticket = await lars.escalate_linked(ticket, EscalationKind.COMPLAINT, "The user complains about the waiting time",
                                        handler="ruben", priority=2)
    ticket = await lars.escalate_linked(ticket, EscalationKind.ACTION, "Order a spare printer for floor 2")
    numbers = [(e.number, e.kind, e.handler, e.priority) for e in ticket.escalations]
    assert numbers == [(f"{ticket.code}-E1", EscalationKind.COMPLAINT, "ruben", 2),
                       (f"{ticket.code}-E2", EscalationKind.ACTION, None, None)]


async def test_the_adapter_refuses_a_non_dispatcher_assigning_R_DISPATCH_3(desks: dict[str, Desk]) -> None:
    lars = desks["lars"]
    ticket = await new_ticket(lars)
    response = await lars.client.http.post(f"/v1/tickets/{ticket.code}/assign", json={"agent": "maja"},
                                           headers={USER_HEADER: "lars", "If-Match": f'"{ticket.version}"'})
    assert response.status_code == 422 and response.json()["rule"] == "R-DISPATCH-3"


async def test_the_adapter_refuses_an_agent_as_dispatch_target_R_DISPATCH_6(desks: dict[str, Desk]) -> None:
    lars = desks["lars"]
    ticket = await new_ticket(lars)
    body = {"team": "infrastructure", "agent": "sofie", "summary": "Printer jams; cleared the path, still jams."}
    as_lars = {**AS_LARS, "If-Match": f'"{ticket.version}"'}
    response = await lars.client.http.post(f"/v1/tickets/{ticket.code}/dispatch", json=body, headers=as_lars)
    assert response.status_code == 422 and response.json()["rule"] == "R-DISPATCH-6"
    to_agent_as_team = {**body, "agent": None, "team": "sofie"}
    response = await lars.client.http.post(f"/v1/tickets/{ticket.code}/dispatch", json=to_agent_as_team,
                                           headers=as_lars)
    assert response.status_code == 422 and response.json()["rule"] == "R-DISPATCH-6"


async def test_team_loads_count_open_and_unassigned_R_DISPATCH_6(desks: dict[str, Desk]) -> None:
    lars = desks["lars"]
    loads = await lars.team_loads()
    assert set(loads) == set(lars.teams)
    open_support = await lars.search(TicketQuery(open=True, team="support", limit=1))
    assert loads["support"][0] == open_support.total and 0 <= loads["support"][1] <= loads["support"][0]


def test_an_oversized_file_is_refused_by_the_api_schema() -> None:
    from pydantic import ValidationError

    from app.api.schemas import AttachmentIn
    from app.domain.escalation_form import MAX_ATTACHMENT_BYTES

    big = base64.b64encode(b"x" * (MAX_ATTACHMENT_BYTES + 1)).decode()
    with pytest.raises(ValidationError):
        AttachmentIn.model_validate({"name": "big.bin", "data": big})
    assert httpx  # the client module is what sends these bodies
