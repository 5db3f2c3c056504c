"""The contract's progress-clock checks (app/contract/progress_checks.py, R-ESC-4) against the adapter the `api`
fixture serves: the local store and the live RT."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from app.contract.progress_checks import PROGRESS_CHECKS


@pytest.mark.parametrize("check", PROGRESS_CHECKS, ids=lambda check: check.__name__.removeprefix("check_"))
async def test_progress_contract(api: httpx.AsyncClient, check: Callable[[httpx.AsyncClient], Awaitable[None]]
                                 ) -> None:
    await check(api)
