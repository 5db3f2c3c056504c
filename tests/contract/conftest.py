"""The adapter contract suite talks HTTP only, so it can prove any adapter.

It runs against the local store adapter in-process on a fresh demo store, and against the RT adapter
on a live RT 5 (tests/rt_server.py) holding the tickets the contract needs (tests/rt_desk.py). Point it at a
served adapter with HELPLINE_CONTRACT_URL (which must hold the demo desk, e.g.
`helpline --store DIR demo && helpline --store DIR serve`); tests that write then need a fresh one.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.api import USER_HEADER


@pytest.fixture(params=["local", "rt"])
async def api(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = os.environ.get("HELPLINE_CONTRACT_URL")
    if request.param == "rt":
        from tests.rt_desk import adapter_api, rt_backend

        server = request.getfixturevalue("rt_fresh")
        backend = rt_backend(server.url)
        async with adapter_api(backend) as client:
            yield client
        await backend.aclose()
        return
    if url:
        async with httpx.AsyncClient(base_url=url, headers={USER_HEADER: "anna"}) as client:
            yield client
        return
    from app.api.server import build_app
    from app.backends.local import LocalBackend
    from app.seed import seed_demo

    seed_demo(tmp_path / "store")
    backend = LocalBackend.open(tmp_path / "store")
    transport = httpx.ASGITransport(app=build_app(backend))
    async with httpx.AsyncClient(transport=transport, base_url="http://adapter", headers={USER_HEADER: "anna"}) as c:
        yield c
    backend.store.close()
