"""The adapter contract (app/contract/checks.py) against the adapter the `api` fixture serves."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.checks import CHECKS


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    await check(api)
