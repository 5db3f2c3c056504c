"""Suite-wide fixtures: the developer's own config and data are never read by a test."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HELPLINE_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("HELPLINE_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("HELPLINE_TOKEN", raising=False)
    monkeypatch.delenv("HELPLINE_PASSWORD", raising=False)
    yield


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor is a timer that repaints on its own: a picture or a wait must not depend on which
    half of the blink it caught. Every Input and TextArea (and their subclasses) starts without blinking."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        def init(self: Any, *args: Any, __init: Any = widget.__init__, **kwargs: Any) -> None:
            __init(self, *args, **kwargs)
            self.cursor_blink = False

        monkeypatch.setattr(widget, "__init__", init)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    from app.i18n import set_language

    set_language("en")
    yield
    set_language("en")
    if "app.binding_words" in sys.modules:  # a test in another language left the classes' bindings in it
        sys.modules["app.binding_words"].speak_bindings()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
async def client(store_dir: Path) -> AsyncIterator[object]:
    """A client of a fresh demo store, acting as anna (the Pilot tests' desk)."""
    from app.connect import local_client
    from app.seed import seed_demo

    seed_demo(store_dir)
    desk_client = local_client(store_dir, "anna")
    yield desk_client
    await desk_client.aclose()


# ----- a live Request Tracker 5 ----------------------------------------------------------------------

RT_MISSING = "RT 5 is not installed, so the tests against a live RT were skipped"


@pytest.fixture(scope="session")
def rt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A private RT 5 on 127.0.0.1 with the demo desk's queues and agents and the contract's tickets.
    Missing RT is a loud skip on a developer's machine and a failure under CI=true."""
    import asyncio
    import concurrent.futures
    import os

    from tests import rt_server as rt
    from tests.rt_desk import demo_desk, seed_contract_desk

    if not rt.installed():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{RT_MISSING}: CI must run them; {rt.ENABLE_HINT}")
        pytest.skip(f"{RT_MISSING}; {rt.ENABLE_HINT}")
    desk = demo_desk()
    server = rt.RtServer(tmp_path_factory.mktemp("rt"), list(desk.teams.values()), list(desk.agents.values()))
    try:
        server.build()
        # In a thread of its own: an async test may be what first asks for this fixture.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, seed_contract_desk(server.url)).result()
        server.keep_as_template()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def rt_fresh(rt_server: object) -> object:
    """The RT server as its template left it: reset once per test module (a copy and a restart)."""
    rt_server.reset()  # type: ignore[attr-defined]
    return rt_server


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if any(RT_MISSING in str(getattr(report, "longrepr", "")) for report in skipped):
        terminalreporter.write_sep("!", f"{RT_MISSING.upper()}: see tests/rt_server.py to enable them", red=True)


@pytest.fixture
def umask_0() -> Iterator[None]:
    """The widest umask: whatever mode the file gets, it is the helper's doing, not the umask's."""
    old = os.umask(0)
    yield
    os.umask(old)
