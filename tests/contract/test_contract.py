"""The adapter contract (app/contract/checks.py) against the adapter the `api` fixture serves."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.checks import CHECKS, TOKEN_CHECKS, ContractClient


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    await check(api)


@pytest.mark.parametrize("check", TOKEN_CHECKS, ids=lambda check: check.__name__.removeprefix("token_check_"))
async def test_token_contract(guarded: ContractClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    """The checks that run when a token is given, against the adapter behind the served guard."""
    await check(guarded)
