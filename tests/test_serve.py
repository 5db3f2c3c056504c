"""`helpline serve`: the same adapter over a real socket on loopback, reached with --backend http."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.api import USER_HEADER
from app.seed import seed_demo


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(store_dir: Path) -> object:
    seed_demo(store_dir)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "--store", str(store_dir), "serve", "--port",
                               str(port)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/v1/meta", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)
    if server.stderr:
        server.stderr.close()


def test_served_adapter_answers_the_api_and_the_cli(served: str) -> None:
    response = httpx.get(f"{served}/v1/tickets", params={"limit": 5}, headers={USER_HEADER: "anna"})
    assert response.status_code == 200 and len(response.json()["items"]) == 5
    refused = httpx.post(f"{served}/v1/tickets/HL-1/dispatch", json={"team": "sofie", "summary": "x" * 40},
                         headers={USER_HEADER: "anna"})
    assert refused.status_code == 422 and refused.json()["rule"] == "R-DISPATCH-6"
    out = subprocess.run([sys.executable, "-m", "app.cli", "--backend", "http", "--url", served, "show", "HL-1",
                          "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and json.loads(out.stdout)["code"] == "HL-1"


def test_adapter_check_passes_the_served_local_adapter(served: str) -> None:
    out = subprocess.run([sys.executable, "-m", "app.cli", "adapter-check", served], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    from app.contract.checks import CHECKS

    assert f"{len(CHECKS)} of {len(CHECKS)} checks passed" in out.stdout
    assert out.stdout.count("PASS  ") == len(CHECKS) and "FAIL" not in out.stdout


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
