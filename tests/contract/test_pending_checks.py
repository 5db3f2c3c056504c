"""The contract's check of a Pending with a date (app/contract/pending_checks.py, R-STATUS-3)
against the adapter the `api` fixture serves: the local store and the live RT."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.pending_checks import PENDING_CHECKS


@pytest.mark.parametrize("check", PENDING_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_pending_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]
                               ) -> None:
    await check(api)
