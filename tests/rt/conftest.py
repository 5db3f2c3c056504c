"""Fixtures of the tests against a live RT: the workstation's client as anna, and RT's REST2 itself."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.backends.rt_client import RtClient
from app.client import HelplineClient
from app.connect import rt_client
from tests.rt_desk import connect_as_agents, demo_desk, rt_settings
from tests.rt_server import RtServer, password_of


@pytest.fixture
async def desk(rt_fresh: RtServer) -> AsyncIterator[HelplineClient]:
    """The RT adapter in-process, as the workstation uses it, acting as anna (each agent logs in)."""
    client = rt_client(rt_settings(rt_fresh.url), demo_desk(), connect=connect_as_agents(rt_fresh.url))
    yield client
    await client.aclose()


@pytest.fixture
async def raw(rt_fresh: RtServer) -> AsyncIterator[RtClient]:
    """RT's REST2 itself, as anna: to read back what Helpline wrote, past Helpline."""
    client = RtClient(rt_fresh.url, ("password", "anna", password_of("anna")))
    yield client
    await client.aclose()
