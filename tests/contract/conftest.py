"""The adapter contract suite talks HTTP only, so it can prove any adapter.

It runs against the local store adapter in-process on a fresh demo store, the same behind the served
adapter's guard (tokens and Host names, as `helpline serve` answers), and against the RT adapter on a live RT 5
(tests/rt_server.py) holding the tickets the contract needs (tests/rt_desk.py). Point it at a served adapter
with HELPLINE_CONTRACT_URL (which must hold the demo desk, e.g. `helpline --store DIR demo && helpline --store
DIR serve`, with anna's token in HELPLINE_CONTRACT_TOKEN and sofie's and lars's in
HELPLINE_CONTRACT_AGENT_TOKENS as "sofie=TOKEN,lars=TOKEN"); tests that write then need a fresh one.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from app.api import USER_HEADER
from app.contract.checks import ContractClient

# The agents the contract acts as: anna, and those some rule checks act as.
CONTRACT_AGENTS = ("anna", "sofie", "lars")


@asynccontextmanager
async def guarded_api(store: Path) -> AsyncIterator[ContractClient]:
    """The local store adapter of a fresh demo store behind the guard `helpline serve` puts in front of it, with
    a token of each agent the contract acts as."""
    from app.api.auth import TOKENS_FILE, Authenticator, TokenFile
    from app.api.guard import served_names
    from app.api.server import build_app
    from app.backends.local import LocalBackend
    from app.seed import seed_demo

    seed_demo(store)
    tokens = TokenFile(store / TOKENS_FILE)
    issued = {agent: tokens.create(agent)[1] for agent in CONTRACT_AGENTS}
    backend = LocalBackend.open(store)
    app = build_app(backend, auth=Authenticator(tokens), hosts=served_names("127.0.0.1"))
    async with ContractClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8765",
                              actor="anna", token=issued["anna"], agent_tokens=issued) as client:
        yield client
    backend.store.close()


@pytest.fixture
async def guarded(tmp_path: Path) -> AsyncIterator[ContractClient]:
    async with guarded_api(tmp_path / "store") as client:
        yield client


@pytest.fixture(params=["local", "local-guarded", "rt"])
async def api(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = os.environ.get("HELPLINE_CONTRACT_URL")
    if request.param == "local-guarded":
        if url:
            pytest.skip("HELPLINE_CONTRACT_URL is checked as given")
        async with guarded_api(tmp_path / "store") as guarded_client:
            yield guarded_client
        return
    if request.param == "rt":
        from tests.rt_desk import adapter_api, rt_backend

        server = request.getfixturevalue("rt_fresh")
        backend = rt_backend(server.url)
        async with adapter_api(backend) as client:
            yield client
        await backend.aclose()
        return
    if url:
        others = dict(pair.split("=", 1) for pair in os.environ.get("HELPLINE_CONTRACT_AGENT_TOKENS", "").split(",")
                      if "=" in pair)
        async with ContractClient(base_url=url, actor="anna", token=os.environ.get("HELPLINE_CONTRACT_TOKEN") or None,
                                  agent_tokens=others) as client:
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
