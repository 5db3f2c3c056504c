"""The adapter contract suite talks HTTP only, so it can prove any adapter.

By default it mounts the local store adapter in-process on a fresh demo store. Point it at a
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


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = os.environ.get("HELPLINE_CONTRACT_URL")
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
