"""Helpline on a live RT 5 against RT's own speed (issue 5): `python -m bench.rt` or `make bench-rt`.

Starts a private RT (tests/rt_server.py; needs Debian's request-tracker5), fills it with 150 tickets in one
queue and one ticket with 50 journal entries, then times, in the same run and as medians:
- a 100-ticket queue page and opening the 50-entry ticket through Helpline (client -> adapter API ->
  RT adapter -> REST2, with all the validation on the way); the page both cold (a workstation that just
  started) and warm (a refresh: rows unchanged since they were read are not read whole again);
- one raw REST2 search of the same 100 rows with the same fields (the floor: one round trip);
- `rt ls` on the same query (RT's own command-line client, REST 1.0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from app.api.backend import TicketQuery
from app.backends.rt import ROW_FIELDS
from app.backends.rt_client import RtClient
from app.config import BackendSettings, Identity, Settings
from app.connect import rt_client
from tests.rt_desk import connect_as_agents, demo_desk
from tests.rt_server import RtServer, installed, password_of

QUEUE = "support"
TICKETS = 150
ENTRIES = 50


async def fill(url: str, tickets: int = TICKETS, entries: int = ENTRIES) -> str:
    """Tickets in one queue (raw REST2: the fill is not what is measured) and one with `entries` entries."""
    raw = RtClient(url, ("password", "anna", password_of("anna")))
    sem = asyncio.Semaphore(4)

    async def one(n: int) -> None:
        async with sem:
            await raw.create("/ticket", {"Queue": QUEUE, "Subject": f"Laptop {n} does not wake from sleep",
                                         "CustomFields": {"Kind": "incident", "Impact": "individual",
                                                          "Urgency": "low"}})

    await asyncio.gather(*(one(n) for n in range(tickets)))
    made = await raw.create("/ticket", {"Queue": QUEUE, "Subject": "Printer on floor 2 jams on every job"})
    for n in range(entries):
        await raw.message(int(made["id"]), "comment", {"Content": f"Step {n}: tried something else æøå",
                                                       "ContentType": "text/plain"})
    await raw.aclose()
    return f"HL-{made['id']}"


async def _timed(work: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def measure(url: str, code: str, repeat: int, page_rows: int | None = 100,
                  entries: int = ENTRIES) -> dict[str, float]:
    settings = Settings(me=Identity(username="anna"), backend=BackendSettings(kind="rt", url=url))
    helpline = rt_client(settings, demo_desk(), connect=connect_as_agents(url))
    raw = RtClient(url, ("password", "anna", password_of("anna")))
    query = TicketQuery(team=QUEUE, limit=100)
    page = await helpline.search(query)
    assert len(page.items) == page_rows if page_rows else page.items, f"the queue page has {page_rows} rows"
    ticket = await helpline.get(code)
    assert len([e for e in ticket.journal if e.kind.value == "internal_note"]) == entries
    sql = f"Queue = '{QUEUE}'"
    async def cold_page() -> None:  # a workstation that just started: no row read yet
        fresh = rt_client(settings, demo_desk(), connect=connect_as_agents(url))
        await fresh.search(query)
        await fresh.aclose()

    results = {
        "helpline_queue_page_cold_ms": await _timed(cold_page, max(3, repeat // 4)),
        "helpline_queue_page_ms": await _timed(lambda: helpline.search(query), repeat),
        "helpline_open_50_entries_ms": await _timed(lambda: helpline.get(code), repeat),
        "rest2_search_ms": await _timed(lambda: raw.get("/tickets", query=sql, fields=ROW_FIELDS, per_page=100,
                                                        orderby="Priority", order="DESC"), repeat),
    }
    await helpline.aclose()
    await raw.aclose()
    env = {**os.environ, "RTSERVER": url, "RTUSER": "anna", "RTPASSWD": password_of("anna")}
    rt_ls = []
    for _ in range(max(3, repeat // 4)):
        start = time.perf_counter()
        done = subprocess.run(["rt", "ls", sql], env=env, capture_output=True, text=True, check=False)
        rt_ls.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise RuntimeError(f"rt ls failed: {done.stderr or done.stdout}")
    results["rt_ls_ms"] = statistics.median(rt_ls)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rt")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, default=Path("bench/last-rt-run.json"))
    args = parser.parse_args()
    if not installed():
        print("RT 5 is not installed: see tests/rt_server.py", file=sys.stderr)
        return 2
    desk = demo_desk()
    with tempfile.TemporaryDirectory() as tmp:
        server = RtServer(Path(tmp), list(desk.teams.values()), list(desk.agents.values()))
        try:
            server.build()
            code = asyncio.run(fill(server.url))
            results = asyncio.run(measure(server.url, code, args.repeat))
        finally:
            server.stop()
    raw = results["rest2_search_ms"]
    print(f"{'measure (median ms)':<40}{'ms':>9}{'x REST2 search':>16}{'x rt ls':>10}")
    for name, value in results.items():
        print(f"{name:<40}{value:>9.1f}{value / raw:>16.2f}{value / results['rt_ls_ms']:>10.2f}")
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
