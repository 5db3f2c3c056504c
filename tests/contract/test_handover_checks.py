"""The contract's R-TICKET-4 hand-over checks (app/contract/handover_checks.py) against the adapter the `api`
fixture serves."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.handover_checks import HANDOVER_CHECKS
from app.contract.runner import contract_checks


@pytest.mark.parametrize("check", HANDOVER_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_handover_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]
                                 ) -> None:
    """Finding 4 (rules for every agent): a multi-problem ticket was dispatched with ctrl+s, unsplit and unstated.
    Every adapter refuses that hand-over, and takes it once the agent states it is one problem or splits it."""
    await check(api)


def test_adapter_check_runs_the_handover_checks() -> None:
    """Finding 4 (rules for every agent): `helpline adapter-check` proves R-TICKET-4 of adapters others write."""
    assert all(check in contract_checks() for check in HANDOVER_CHECKS)
