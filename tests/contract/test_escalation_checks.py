"""The contract's check of escalations followed up to their end (app/contract/escalation_checks.py, R-ESC-5)
against the adapter the `api` fixture serves: the local store and the live RT."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.escalation_checks import ESCALATION_CHECKS


@pytest.mark.parametrize("check", ESCALATION_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_escalation_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]
                               ) -> None:
    await check(api)
