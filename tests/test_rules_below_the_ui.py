"""Rules cannot be bypassed below the UI: the use-case layer refuses before sending, and
the adapter API, called directly as a third-party script would, refuses too, each with the rule's id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from app.api.backend import TicketQuery
from app.client import USER_HEADER, HelplineClient
from app.connect import local_client
from app.domain.enums import Status
from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.seed import seed_demo
from app.usecases import Desk
from tests.domain.factories import SOLUTION, SUMMARY


@pytest.fixture
async def clients(store_dir: Path) -> AsyncIterator[dict[str, HelplineClient]]:
    seed_demo(store_dir)
    made = {who: local_client(store_dir, who) for who in ("anna", "lars", "sofie")}
    yield made
    for client in made.values():
        await client.aclose()


async def first(client: HelplineClient, **filters: Any) -> Ticket:
    page = await client.search(TicketQuery(limit=1, **filters))
    assert page.items, f"the demo desk has a ticket with {filters}"
    return await client.get(page.items[0].code)


async def via_api(client: HelplineClient, ticket: Ticket, operation: str, body: dict[str, Any]) -> str | None:
    """The adapter's answer to a direct call: the rule id it refused with (None: it did not refuse)."""
    response = await client.http.post(f"/v1/tickets/{ticket.code}/{operation}", json=body,
                                      headers={USER_HEADER: client.actor, "If-Match": f'"{ticket.version}"'})
    return response.json().get("rule") if response.status_code == 422 else None


async def test_dispatch_to_an_agent_R_DISPATCH_6(clients: dict[str, HelplineClient]) -> None:
    ticket = await first(clients["anna"], open=True, team="support")
    with pytest.raises(RuleViolation) as refused:
        await (await Desk.connect(clients["anna"])).dispatch(ticket, "sofie", SUMMARY)
    assert refused.value.rule == "R-DISPATCH-6"
    assert await via_api(clients["anna"], ticket, "dispatch", {"team": "sofie", "summary": SUMMARY}) == "R-DISPATCH-6"


async def test_second_line_resolving_R_STATUS_5(clients: dict[str, HelplineClient]) -> None:
    ticket = await first(clients["sofie"], open=True, team="infrastructure")
    with pytest.raises(RuleViolation) as refused:
        await (await Desk.connect(clients["sofie"])).set_status(ticket, Status.RESOLVED, solution=SOLUTION)
    assert refused.value.rule == "R-STATUS-5"
    assert await via_api(clients["sofie"], ticket, "status", {"status": "resolved", "solution": SOLUTION}
                         ) == "R-STATUS-5"


async def test_closing_by_hand_before_30_days_R_STATUS_6(clients: dict[str, HelplineClient]) -> None:
    ticket = await first(clients["anna"], status=[Status.RESOLVED])
    with pytest.raises(RuleViolation) as refused:
        await (await Desk.connect(clients["anna"])).set_status(ticket, Status.CLOSED)
    assert refused.value.rule == "R-STATUS-6"
    assert await via_api(clients["anna"], ticket, "status", {"status": "closed"}) == "R-STATUS-6"


async def test_reopening_a_closed_ticket_R_STATUS_6(clients: dict[str, HelplineClient]) -> None:
    ticket = await first(clients["anna"], status=[Status.CLOSED])
    with pytest.raises(RuleViolation) as refused:
        await (await Desk.connect(clients["anna"])).set_status(ticket, Status.IN_PROGRESS)
    assert refused.value.rule == "R-STATUS-6"
    assert await via_api(clients["anna"], ticket, "status", {"status": "in_progress"}) == "R-STATUS-6"


async def test_assigning_as_a_non_dispatcher_R_DISPATCH_3(clients: dict[str, HelplineClient]) -> None:
    ticket = await first(clients["lars"], open=True, team="support", owner="none")
    with pytest.raises(RuleViolation) as refused:
        await (await Desk.connect(clients["lars"])).assign(ticket, "maja")
    assert refused.value.rule == "R-DISPATCH-3"
    assert await via_api(clients["lars"], ticket, "assign", {"agent": "maja"}) == "R-DISPATCH-3"
    assert (await clients["lars"].get(ticket.code)).owner is None, "nothing was written"
