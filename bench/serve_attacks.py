"""What a hostile caller costs a served adapter: a huge body and a flood of requests against `helpline serve`.

    python -m bench.serve_attacks [--source DIR] [--requests 10000] [--concurrency 500] [--body-mb 200]
                                  [--json PATH]

Seeds a demo store in a temporary folder and serves it with the Helpline of `--source` (default: this
checkout; give an older checkout to compare), with a token of anna when that Helpline makes tokens. Then:

(a) the server's resident memory before and after one POST of --body-mb megabytes, sent once with its
    Content-Length and once chunked, as fast as the server reads it;
(b) --requests GET /v1/tickets?limit=50 from --concurrency connections at once (raw asyncio, keep-alive,
    reconnecting when the server closes): p50/p99/max latency of every request and of those answered 200,
    and how many were 503 (refused at once beyond the server's concurrency limit) or failed; meanwhile
    another agent, from another loopback address, asks the same every 50 ms: how it fares is what a flood
    costs everyone else.

Only 127.0.0.1 is ever contacted; every loop is bounded in count and in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MB = 1024 * 1024
REPO = Path(__file__).resolve().parent.parent
FLOOD_DEADLINE_S = 600  # the flood stops by itself after this, whatever is left
REQUEST_TIMEOUT_S = 60
# An agent who is not the flood: a loopback address of its own (any of 127.0.0.0/8 reaches 127.0.0.1).
BYSTANDER_ADDRESS = "127.0.0.2"
BYSTANDER_PAUSE_S = 0.05


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    token: str | None
    log: Path

    def headers(self) -> str:
        lines = "X-Helpline-User: anna\r\n"
        if self.token:
            lines += f"Authorization: Bearer {self.token}\r\n"
        return lines


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _helpline(source: Path, env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", *argv], cwd=source, env=env, capture_output=True,
                          text=True, timeout=300)


def start_server(source: Path, folder: Path) -> Server:
    env = {**os.environ, "HELPLINE_CONFIG_DIR": str(folder / "config"), "HELPLINE_DATA_DIR": str(folder / "data"),
           "PYTHONPATH": str(source)}
    env.pop("HELPLINE_TOKEN", None)
    store = folder / "store"
    seeded = _helpline(source, env, "--store", str(store), "demo")
    if seeded.returncode != 0:
        raise SystemExit(f"demo store not made: {seeded.stderr.strip()}")
    made = _helpline(source, env, "--store", str(store), "token", "create", "anna")
    token = made.stdout.strip().splitlines()[-1] if made.returncode == 0 else None  # older Helpline: no tokens
    port = _free_port()
    log = folder / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "app.cli", "--store", str(store), "serve", "--port",
                                    str(port)], cwd=source, env=env, stdout=sink, stderr=sink)
    server = Server(port, process, token, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited {process.returncode}: {log.read_text()[-2000:]}")
        try:
            status, _, _ = asyncio.run(_one_request(port, f"GET /v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1:{port}"
                                                          "\r\nConnection: close\r\n\r\n".encode()))
            if status:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not answer within 60 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


def memory(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (the most it ever was), in bytes."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) * 1024
    return fields


# ----- (a) one huge body ------------------------------------------------------------------------------


def post_huge_body(port: int, headers: str, total: int, chunked: bool) -> tuple[int, str, bytes, int]:
    """POST `total` bytes as a note, sending as fast as the server takes them and stopping once it answers:
    the status, the response's head and body, and how much was sent. `headers`: lines ending in CRLF."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=REQUEST_TIMEOUT_S)
    head = (f"POST /v1/tickets/HL-1/journal HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}"
            "Content-Type: application/json\r\n")
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {total}\r\n"
    piece = b"x" * MB
    framed = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
    sock.sendall(head.encode() + b"\r\n")
    sock.setblocking(False)
    sent, pending, finished = 0, memoryview(b""), False
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            events = selector.select(timeout=1)
            if any(mask & selectors.EVENT_READ for _, mask in events):
                break  # the server answered (or closed): stop sending
            if not events:
                continue
            if not pending:
                if sent >= total:
                    if chunked and not finished:
                        pending, finished = memoryview(b"0\r\n\r\n"), True
                    else:
                        selector.modify(sock, selectors.EVENT_READ)
                        continue
                else:
                    pending = memoryview(framed)
            try:
                written = sock.send(pending)
            except (BlockingIOError, InterruptedError):
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            pending = pending[written:]
            if not pending and not finished:
                sent += len(piece)
    sock.setblocking(True)
    sock.settimeout(REQUEST_TIMEOUT_S)
    received, body = b"", b""
    try:
        while b"\r\n\r\n" not in received:
            data = sock.recv(65536)
            if not data:
                break
            received += data
        head_bytes, _, body = received.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head_bytes.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            data = sock.recv(65536)
            if not data:
                break
            body += data
    except OSError:
        head_bytes = received.partition(b"\r\n\r\n")[0]
    finally:
        sock.close()
    status = int(head_bytes.split(b" ")[1]) if head_bytes.startswith(b"HTTP/") else 0
    return status, head_bytes.decode("latin-1"), body, sent


def huge_post(server: Server, total: int, chunked: bool) -> dict[str, Any]:
    started = time.perf_counter()
    status, _, _, sent = post_huge_body(server.port, server.headers(), total, chunked)
    return {"status": status, "sent_mb": round(sent / MB), "seconds": round(time.perf_counter() - started, 2)}


def body_attack(server: Server, body_mb: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for chunked in (False, True):
        before = memory(server.process.pid)
        outcome = huge_post(server, body_mb * MB, chunked)
        time.sleep(0.5)  # let a server that is still working on the body get to its peak
        after = memory(server.process.pid)
        outcome.update({
            "rss_before_mb": round(before["VmRSS"] / MB), "rss_after_mb": round(after["VmRSS"] / MB),
            "peak_growth_mb": round(max(0, after["VmHWM"] - before["VmRSS"]) / MB),
        })
        results["chunked" if chunked else "content-length"] = outcome
    return results


# ----- (b) the flood ----------------------------------------------------------------------------------


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, whether the server closes the connection after it)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ")[1])
    length, close = 0, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
    if length:
        await reader.readexactly(length)
    return status, close


async def _one_request(port: int, request: bytes) -> tuple[int, bool, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        status, close = await _read_response(reader)
    finally:
        writer.close()
    return status, close, time.perf_counter() - started


@dataclass
class Flood:
    remaining: int
    latencies: list[tuple[int, float]] = field(default_factory=list)  # (status, seconds); status 0: failed
    errors: Counter[str] = field(default_factory=Counter)


async def _worker(port: int, request: bytes, flood: Flood, deadline: float) -> None:
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while flood.remaining > 0 and time.monotonic() < deadline:
        flood.remaining -= 1
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port),
                                                        REQUEST_TIMEOUT_S)
            assert reader is not None and writer is not None
            writer.write(request)
            status, close = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT_S)
            flood.latencies.append((status, time.perf_counter() - started))
            if close:
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
            flood.latencies.append((0, time.perf_counter() - started))
            flood.errors[type(error).__name__] += 1
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


def _percentiles(seconds: list[float]) -> dict[str, float | None]:
    if not seconds:
        return {"p50_ms": None, "p99_ms": None, "max_ms": None}
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p99_ms": round(p99 * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


async def _bystander(port: int, request: bytes, flood: Flood, seen: list[tuple[int, float]]) -> None:
    """Another agent, from an address of its own, asking once every BYSTANDER_PAUSE_S while the flood lasts."""
    while flood.remaining > 0:
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port, local_addr=(BYSTANDER_ADDRESS, 0)), REQUEST_TIMEOUT_S)
            try:
                writer.write(request)
                status, _ = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT_S)
            finally:
                writer.close()
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            status = 0
        seen.append((status, time.perf_counter() - started))
        await asyncio.sleep(BYSTANDER_PAUSE_S)


async def flood_attack(server: Server, requests: int, concurrency: int) -> dict[str, Any]:
    request = (f"GET /v1/tickets?limit=50 HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n{server.headers()}"
               "\r\n").encode()
    flood = Flood(remaining=requests)
    started = time.perf_counter()
    deadline = time.monotonic() + FLOOD_DEADLINE_S
    seen: list[tuple[int, float]] = []
    bystander = asyncio.create_task(_bystander(server.port, request, flood, seen))
    await asyncio.gather(*(_worker(server.port, request, flood, deadline) for _ in range(concurrency)))
    wall = time.perf_counter() - started
    await bystander
    statuses = Counter(status for status, _ in flood.latencies)
    return {
        "requests": len(flood.latencies), "concurrency": concurrency, "wall_s": round(wall, 1),
        "per_second": round(len(flood.latencies) / wall),
        "all": _percentiles([seconds for _, seconds in flood.latencies]),
        "ok": _percentiles([seconds for status, seconds in flood.latencies if status == 200]),
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "errors": dict(flood.errors),
        "bystander": {"requests": len(seen), "ok": sum(status == 200 for status, _ in seen),
                      **_percentiles([seconds for _, seconds in seen])},
    }


# ----- the run ----------------------------------------------------------------------------------------


def run(source: Path, requests: int, concurrency: int, body_mb: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(source, Path(tmp))
        try:
            results: dict[str, Any] = {"source": str(source), "token": server.token is not None}
            results["body"] = body_attack(server, body_mb)
            results["flood"] = asyncio.run(flood_attack(server, requests, concurrency))
            results["rss_end_mb"] = round(memory(server.process.pid)["VmRSS"] / MB)
        finally:
            stop_server(server)
    return results


def table(results: dict[str, Any]) -> str:
    lines = [f"Helpline at {results['source']} (token: {'yes' if results['token'] else 'none needed'})"]
    for kind, body in results["body"].items():
        lines.append(f"  body {kind:<15} HTTP {body['status']}  sent {body['sent_mb']:>4} MB in {body['seconds']} s"
                     f"  RSS {body['rss_before_mb']} -> {body['rss_after_mb']} MB, peak +{body['peak_growth_mb']} MB")
    flood = results["flood"]
    every, ok = flood["all"], flood["ok"]
    lines.append(f"  flood {flood['requests']} requests at {flood['concurrency']} at once: {flood['wall_s']} s, "
                 f"{flood['per_second']}/s; statuses {flood['statuses']}; failed {flood['errors'] or 0}")
    lines.append(f"    every request: p50 {every['p50_ms']} ms  p99 {every['p99_ms']} ms  max {every['max_ms']} ms")
    lines.append(f"    answered 200:  p50 {ok['p50_ms']} ms  p99 {ok['p99_ms']} ms  max {ok['max_ms']} ms")
    by = flood["bystander"]
    lines.append(f"    another agent meanwhile (from {BYSTANDER_ADDRESS}): {by['ok']} of {by['requests']} answered 200,"
                 f" p50 {by['p50_ms']} ms  p99 {by['p99_ms']} ms")
    lines.append(f"  server RSS at the end: {results['rss_end_mb']} MB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serve_attacks")
    parser.add_argument("--source", type=Path, default=REPO, help="the Helpline checkout to serve (default: this)")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=500)
    parser.add_argument("--body-mb", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    results = run(args.source.resolve(), args.requests, args.concurrency, args.body_mb)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
        print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
