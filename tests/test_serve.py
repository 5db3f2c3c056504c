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


def test_served_adapter_answers_the_api_and_the_cli(served: str) -> None:
    response = httpx.get(f"{served}/v1/tickets", params={"limit": 5}, headers={USER_HEADER: "anna"})
    assert response.status_code == 200 and len(response.json()["items"]) == 5
    refused = httpx.post(f"{served}/v1/tickets/HL-1/dispatch", json={"team": "sofie", "summary": "x" * 40},
                         headers={USER_HEADER: "anna"})
    assert refused.status_code == 422 and refused.json()["rule"] == "R-DISPATCH-6"
    out = subprocess.run([sys.executable, "-m", "app.cli", "--backend", "http", "--url", served, "show", "HL-1",
                          "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and json.loads(out.stdout)["code"] == "HL-1"
