"""The contract's Update flag checks (app/contract/flag_checks.py) against the adapter the `api` fixture serves:
Finding 8 (rules for every agent): a reopen says why and journals the flag; an answer to the user clears it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.flag_checks import FLAG_CHECKS
from app.contract.runner import contract_checks


@pytest.mark.parametrize("check", FLAG_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_flag_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    await check(api)


def test_the_flag_checks_are_part_of_the_contract() -> None:
    """Finding 8 (rules for every agent): `helpline adapter-check` runs the flag checks too."""
    assert set(FLAG_CHECKS) <= set(contract_checks())
