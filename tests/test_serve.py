"""`helpline serve`: the same adapter over a real socket on loopback, reached with --backend http and a token."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.api import USER_HEADER
from app.seed import seed_demo

# The agents the served store has tokens of: the contract's (anna, sofie, lars) and a second-line dispatcher.
AGENTS = ("anna", "sofie", "lars", "mikkel")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    url: str
    tokens: dict[str, str]
    process: subprocess.Popen[bytes]
    store: Path

    def headers(self, agent: str = "anna") -> dict[str, str]:
        return {USER_HEADER: agent, "Authorization": f"Bearer {self.tokens[agent]}"}


def issue_tokens(store: Path, agents: tuple[str, ...] = AGENTS) -> dict[str, str]:
    from app.api.auth import TOKENS_FILE, TokenFile

    tokens = TokenFile(store / TOKENS_FILE)
    return {agent: tokens.create(agent)[1] for agent in agents}


def start_serve(store: Path, *options: str, port: int | None = None) -> tuple[str, subprocess.Popen[bytes]]:
    """`helpline --store STORE serve` on a free loopback port, answering (polled, never a fixed sleep)."""
    port = port or _free_port()
    process = subprocess.Popen([sys.executable, "-m", "app.cli", "--store", str(store), "serve", "--port", str(port),
                                *options], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_answering(url, process)
    return url, process


def wait_answering(url: str, process: subprocess.Popen[bytes], **client: Any) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise AssertionError(f"serve exited {process.returncode}: {stderr}")
        try:
            httpx.get(f"{url}/v1/openapi.json", timeout=1, **client)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError(f"nothing answered at {url} within 30 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)
    if process.stderr:
        process.stderr.close()


@pytest.fixture
def served(store_dir: Path) -> Iterator[Served]:
    seed_demo(store_dir)
    tokens = issue_tokens(store_dir)
    url, process = start_serve(store_dir)
    yield Served(url, tokens, process, store_dir)
    stop(process)


def test_served_adapter_answers_the_api_and_the_cli(served: Served) -> None:
    response = httpx.get(f"{served.url}/v1/tickets", params={"limit": 5}, headers=served.headers())
    assert response.status_code == 200 and len(response.json()["items"]) == 5
    version = httpx.get(f"{served.url}/v1/tickets/HL-1", headers=served.headers()).json()["version"]
    refused = httpx.post(f"{served.url}/v1/tickets/HL-1/dispatch", json={"team": "sofie", "summary": "x" * 40},
                         headers={**served.headers(), "If-Match": f'"{version}"'})
    assert refused.status_code == 422 and refused.json()["rule"] == "R-DISPATCH-6"
    # The workstation sends the configured token (HELPLINE_TOKEN here) with every request.
    out = subprocess.run([sys.executable, "-m", "app.cli", "--backend", "http", "--url", served.url, "show", "HL-1",
                          "--json"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "HELPLINE_TOKEN": served.tokens["anna"]})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["code"] == "HL-1"


def test_adapter_check_passes_the_served_local_adapter(served: Served) -> None:
    """With the tokens given, every check passes, those of tokens too."""
    out = subprocess.run([sys.executable, "-m", "app.cli", "adapter-check", served.url, "--token",
                          served.tokens["anna"], "--agent-token", f"sofie={served.tokens['sofie']}",
                          "--agent-token", f"lars={served.tokens['lars']}"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    from app.contract.checks import TOKEN_CHECKS
    from app.contract.runner import contract_checks

    total = len(contract_checks()) + len(TOKEN_CHECKS)
    assert f"{total} of {total} checks passed" in out.stdout
    assert out.stdout.count("PASS  ") == total and "FAIL" not in out.stdout
    assert "PASS  no_token_is_refused" in out.stdout and "PASS  token_cannot_act_as_another_agent" in out.stdout
    assert "PASS  state_writes_without_if_match_are_refused_428" in out.stdout
    assert all(token not in out.stdout for token in served.tokens.values())


def test_adapter_check_names_an_unreachable_adapter_in_one_line() -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    out = subprocess.run([sys.executable, "-m", "app.cli", "adapter-check", url], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode != 0 and url in out.stderr and len(out.stderr.strip().splitlines()) == 1


async def test_adapter_check_fails_an_adapter_that_dispatches_to_an_agent(store_dir: Path) -> None:
    """A third-party adapter that lets a hand-over go to a person must not pass (R-DISPATCH-6)."""
    from app.api.server import build_app
    from app.backends.local import LocalBackend
    from app.contract.runner import run_checks

    class Lenient(httpx.AsyncBaseTransport):
        def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
            self.inner = inner

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/dispatch") and b'"agent"' in request.content:
                return httpx.Response(200, json={"ok": True})
            return await self.inner.handle_async_request(request)

    seed_demo(store_dir)
    transport = Lenient(httpx.ASGITransport(app=build_app(LocalBackend.open(store_dir))))
    outcomes = await run_checks("http://adapter", "anna", lambda outcome: None, transport=transport)
    failed = {outcome.name: outcome.failure for outcome in outcomes if outcome.failure}
    assert list(failed) == ["dispatch_to_an_agent_is_refused_by_the_adapter_R_DISPATCH_6"]
    assert "200" in (failed["dispatch_to_an_agent_is_refused_by_the_adapter_R_DISPATCH_6"] or "")
