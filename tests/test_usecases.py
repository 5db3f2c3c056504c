"""The use-case layer checks the rules before anything is sent, and the client maps problems to errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.api.backend import TicketQuery
from app.api.schemas import StatusIn
from app.client import HelplineClient
from app.connect import local_client
from app.domain.enums import Status
from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.domain.tickets import NewTicket
from app.errors import Conflict, Forbidden, NotFound, Refused, StoreDamaged, Unauthorized, Unavailable
from app.seed import seed_demo
from app.usecases import Desk, DuplicatesFound

SUMMARY = "User cannot print; cleaned rollers, reinstalled driver, still jams on every job."


class CountingTransport(httpx.AsyncBaseTransport):
    """Wraps a transport and records every request, to prove what was (not) sent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


@pytest.fixture
async def desk(store_dir: Path) -> AsyncIterator[tuple[Desk, CountingTransport]]:
    seed_demo(store_dir)
    client = local_client(store_dir, "anna")
    counting = CountingTransport(client.http._transport)
    client.http._transport = counting
    yield await Desk.connect(client), counting
    await client.aclose()


async def new(desk: Desk) -> object:
    return await desk.create_ticket(NewTicket(subject="Scanner on floor 3 feeds two sheets", requester="Eva Holm",
                                              category="Hardware"), allow_duplicates=True)


async def test_dispatch_to_agent_refused_before_sending_R_DISPATCH_6(desk: tuple[Desk, CountingTransport]) -> None:
    d, counting = desk
    ticket = await new(d)
    sent = len(counting.requests)
    with pytest.raises(RuleViolation) as refused:
        await d.dispatch(ticket, "sofie", SUMMARY)
    assert refused.value.rule == "R-DISPATCH-6" and len(counting.requests) == sent


async def test_status_rules_checked_before_sending_R_STATUS_3(desk: tuple[Desk, CountingTransport]) -> None:
    d, counting = desk
    ticket = await new(d)
    sent = len(counting.requests)
    with pytest.raises(RuleViolation):
        await d.set_status(ticket, Status.PENDING)
    assert len(counting.requests) == sent


async def test_assign_action_visible_only_to_dispatchers_R_DISPATCH_3(desk: tuple[Desk, CountingTransport]) -> None:
    d, _ = desk
    ticket = await new(d)
    assert d.can_assign(ticket)
    infra_row = (await d.client.search(TicketQuery(team="infrastructure", limit=1))).items[0]
    assert not d.can_assign(infra_row)
    assert all(team.id != ticket.team and not team.advisory for team in d.dispatch_targets(ticket))


async def test_duplicates_shown_before_saving_R_TICKET_6(desk: tuple[Desk, CountingTransport]) -> None:
    d, _ = desk
    first = await new(d)
    with pytest.raises(DuplicatesFound) as found:
        await d.create_ticket(NewTicket(subject="Scanner on floor 3 feeds two sheets", requester="eva holm"))
    assert first.code in [row.code for row in found.value.rows]


async def test_personal_message_answered_with_portal_redirect_R_JOURNAL_5(
    desk: tuple[Desk, CountingTransport],
) -> None:
    d, _ = desk
    ticket = await d.redirect_to_portal(await new(d))
    last = [e for e in ticket.journal if e.kind.value == "message_to_user"][-1]
    assert "portal" in last.body and last.author == "anna"


async def test_stale_version_from_a_second_desk_is_a_conflict(store_dir: Path) -> None:
    seed_demo(store_dir)
    one, two = local_client(store_dir, "anna"), local_client(store_dir, "lars")
    d1, d2 = await Desk.connect(one), await Desk.connect(two)
    seen_by_one = await d1.ticket("HL-2")
    seen_by_two = await d2.ticket("HL-2")
    await d2.pin(seen_by_two, seen_by_two.journal[0].id, True)
    with pytest.raises(Conflict):
        await d1.pin(seen_by_one, seen_by_one.journal[0].id, True)
    await one.aclose()
    await two.aclose()


async def test_adapter_refusal_becomes_typed_error(desk: tuple[Desk, CountingTransport]) -> None:
    d, _ = desk
    with pytest.raises(NotFound):
        await d.ticket("HL-987654")
    ticket = await new(d)
    with pytest.raises(Refused) as refused:
        await d.client.set_status(ticket.code, StatusIn(status=Status.CLOSED), ticket.version)
    assert refused.value.rule == "R-STATUS-6"


@pytest.mark.parametrize(
    ("handler", "expected"),
    [
        (lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused", request=request)), Unavailable),
        (lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow", request=request)), Unavailable),
        (lambda request: httpx.Response(500, text="<html>oops</html>"), Unavailable),
        (lambda request: httpx.Response(200, text="not json"), Unavailable),
        (lambda request: httpx.Response(500, json={"type": "store-damaged", "detail": "x: bad", "path": "/s/x"}),
         StoreDamaged),
        # What a real server or a proxy in front of it does.
        (lambda request: httpx.Response(200, content=b'{"username": "anna", "na'), Unavailable),  # truncated
        (lambda request: (_ for _ in ()).throw(httpx.RemoteProtocolError("dropped mid-response", request=request)),
         Unavailable),
        (lambda request: httpx.Response(200, json={"login": "anna"}), Unavailable),  # JSON of another shape
        (lambda request: httpx.Response(401, text="Credentials required"), Unauthorized),
        (lambda request: httpx.Response(403, text="Permission Denied"), Forbidden),
        (lambda request: httpx.Response(412, text="Precondition Failed"), Conflict),
    ],
)
async def test_transport_faults_become_unavailable_naming_the_server(handler: object, expected: type) -> None:
    client = HelplineClient(httpx.AsyncClient(transport=httpx.MockTransport(handler), base_url="http://rt.example"),
                            "anna", "http://rt.example")
    with pytest.raises(expected) as raised:
        await client.me()
    if expected is not StoreDamaged:  # that one names the damaged file instead
        assert "rt.example" in str(raised.value), "the server is named"
    if expected is Unavailable:
        assert raised.value.server == "http://rt.example"
    await client.aclose()


async def test_flags_are_set_with_the_version_of_the_ticket_or_of_the_code_read_first(
        desk: tuple[Desk, CountingTransport]) -> None:
    d, counting = desk
    ticket = await new(d)
    assert isinstance(ticket, Ticket)
    raised = await d.set_flags(ticket, attention=True)
    assert raised.attention and counting.requests[-1].headers["if-match"] == f'"{ticket.version}"'
    with pytest.raises(Conflict):  # the ticket on screen is stale now
        await d.set_flags(ticket, attention=False)
    cleared = await d.set_flags(ticket.code, attention=False)  # a marked queue row: its ticket is read first
    assert not cleared.attention and counting.requests[-1].headers["if-match"] == f'"{raised.version}"'
