"""The contract's If-Match checks (app/contract/precondition_checks.py) against the adapter the `api` fixture
serves."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.precondition_checks import PRECONDITION_CHECKS


@pytest.mark.parametrize("check", PRECONDITION_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_precondition_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]
                                     ) -> None:
    await check(api)
