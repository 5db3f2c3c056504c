"""The contract's check of the search over every ticket (app/contract/search_checks.py, issue 16) against the
adapter the `api` fixture serves: the local store and the live RT."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.search_checks import SEARCH_CHECKS


@pytest.mark.parametrize("check", SEARCH_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_search_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]
                               ) -> None:
    await check(api)
