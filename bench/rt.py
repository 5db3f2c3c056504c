"""Helpline on a live RT 5 against RT's own speed: `python -m bench.rt` or `make bench-rt`.

Starts a private RT (tests/rt_server.py; needs Debian's request-tracker5), fills it with 150 tickets in one
queue, one ticket with 50 journal entries and one with 500 comments and replies (about 750 transactions with
RT's mail records), then times, in the same run and as medians:
- a 100-ticket queue page through Helpline (client -> adapter API -> RT adapter -> REST2, with all the
  validation on the way), cold (a workstation that just started) and warm (a refresh);
- opening the 50-entry ticket, and the 600-transaction one both as the journal screen asks for it (its
  newest entries first) and whole (as `helpline show` prints it);
- the same 600-transaction ticket opened in the workstation itself (headless, from the queue until the
  journal screen has drawn it);
- a note on the 50-entry ticket, and a dispatch of a fresh ticket to another team;
- one raw REST2 call (GET /ticket/N: the floor of a round trip), one raw REST2 search of the same 100 rows
  with the same fields, and `rt ls` on the same query (RT's own command-line client, REST 1.0).
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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.api.backend import TicketQuery
from app.api.schemas import DispatchIn, NoteIn
from app.backends.rt import ROW_FIELDS
from app.backends.rt_client import RtClient
from app.config import BackendSettings, Identity, Settings
from app.connect import rt_client
from app.domain.enums import EntryKind
from tests.rt_desk import SUMMARY, connect_as_agents, demo_desk
from tests.rt_server import RtServer, installed, password_of

QUEUE = "support"
TICKETS = 150
ENTRIES = 50
LONG = 500  # comments and replies: about 600 transactions as RT counts a ticket's history
LATEST = 20  # what the journal screen asks for first (screens/journal.py)


@dataclass
class Filled:
    entries: str  # the ticket with ENTRIES notes
    long: str  # the ticket with LONG comments and replies
    to_dispatch: list[str]


async def fill(url: str, tickets: int = TICKETS, entries: int = ENTRIES, long: int = LONG,
               dispatches: int = 10) -> Filled:
    """Tickets in one queue (raw REST2: the fill is not what is measured)."""
    raw = RtClient(url, ("password", "anna", password_of("anna")))
    sem = asyncio.Semaphore(4)

    async def one(n: int) -> str:
        async with sem:
            made = await raw.create("/ticket", {"Queue": QUEUE, "Subject": f"Laptop {n} does not wake from sleep",
                                                "Requestor": "eva@example.org",
                                                "CustomFields": {"Kind": "incident", "Impact": "individual",
                                                                 "Urgency": "low"}})
            return f"HL-{made['id']}"

    codes = await asyncio.gather(*(one(n) for n in range(tickets)))

    async def noted(subject: str, count: int, replies: bool) -> str:
        made = await raw.create("/ticket", {"Queue": QUEUE, "Subject": subject, "Requestor": "eva@example.org",
                                            "Content": "It jams on every job", "ContentType": "text/plain"})
        for n in range(count):
            kind = "correspond" if replies and n % 2 else "comment"
            await raw.message(int(made["id"]), kind, {"Content": f"Step {n}: tried something else æøå",
                                                      "ContentType": "text/plain"})
        return f"HL-{made['id']}"

    filled = Filled(await noted("Printer on floor 2 jams on every job", entries, False),
                    await noted("Scanner on floor 4 drops every tenth page", long, True), codes[:dispatches])
    await raw.aclose()
    return filled


async def _timed(work: Callable[[], Awaitable[Any]], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        await work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def tui_open(settings: Settings, client: Any, code: str, repeat: int) -> float:
    """Milliseconds from asking the queue to open `code` until the journal screen shows it (median)."""
    from app.tui import HelplineApp
    from bench.ui import SIZE, open_from_queue, quiet

    times = []
    app = HelplineApp(settings, client=client)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        for _ in range(repeat):
            times.append(await open_from_queue(pilot, code) * 1000)
            await app.pop_screen()
            await quiet(pilot)
    return statistics.median(times)


async def measure(url: str, filled: Filled, repeat: int, page_rows: int | None = 100,
                  entries: int = ENTRIES) -> dict[str, float]:
    settings = Settings(me=Identity(username="anna"), backend=BackendSettings(kind="rt", url=url))
    helpline = rt_client(settings, demo_desk(), connect=connect_as_agents(url))
    raw = RtClient(url, ("password", "anna", password_of("anna")))
    query = TicketQuery(team=QUEUE, limit=100)
    page = await helpline.search(query)
    assert len(page.items) == page_rows if page_rows else page.items, f"the queue page has {page_rows} rows"
    ticket = await helpline.get(filled.entries)
    assert len([e for e in ticket.journal if e.kind is EntryKind.INTERNAL_NOTE]) == entries
    sql = f"Queue = '{QUEUE}'"
    # A dispatch sends the version it was made from; read here so that the timing is of the dispatch alone.
    to_dispatch = iter([(code, (await helpline.get(code, LATEST)).version) for code in filled.to_dispatch])

    async def cold_page() -> None:  # a workstation that just started: no row read yet
        fresh = rt_client(settings, demo_desk(), connect=connect_as_agents(url))
        await fresh.search(query)
        await fresh.aclose()

    async def note() -> None:
        await helpline.add_entry(filled.entries, NoteIn(body="Cleaned the rollers again"))

    async def dispatch() -> None:
        code, version = next(to_dispatch)
        await helpline.dispatch(code, DispatchIn(team="infrastructure", summary=SUMMARY, category="Hardware"), version)

    few = max(3, repeat // 4)
    results = {
        "helpline_queue_page_cold_ms": await _timed(cold_page, few),
        "helpline_queue_page_ms": await _timed(lambda: helpline.search(query), repeat),
        "helpline_open_50_entries_ms": await _timed(lambda: helpline.get(filled.entries, LATEST), repeat),
        "helpline_open_600_transactions_ms": await _timed(lambda: helpline.get(filled.long, LATEST), repeat),
        "helpline_open_600_transactions_whole_ms": await _timed(lambda: helpline.get(filled.long), few),
        "helpline_tui_open_600_transactions_ms": await tui_open(settings, helpline, filled.long, few),
        "helpline_note_ms": await _timed(note, repeat),
        "helpline_dispatch_ms": await _timed(dispatch, min(repeat, len(filled.to_dispatch))),
        "rest2_one_call_ms": await _timed(lambda: raw.get(f"/ticket/{filled.entries.removeprefix('HL-')}"), repeat),
        "rest2_search_ms": await _timed(lambda: raw.get("/tickets", query=sql, fields=ROW_FIELDS, per_page=100,
                                                        orderby="Priority", order="DESC"), repeat),
    }
    await helpline.aclose()
    await raw.aclose()
    env = {**os.environ, "RTSERVER": url, "RTUSER": "anna", "RTPASSWD": password_of("anna")}
    rt_ls = []
    for _ in range(few):
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
            filled = asyncio.run(fill(server.url, dispatches=args.repeat))
            results = asyncio.run(measure(server.url, filled, args.repeat))
        finally:
            server.stop()
    call, search, rt_ls = results["rest2_one_call_ms"], results["rest2_search_ms"], results["rt_ls_ms"]
    print(f"{'measure (median ms)':<42}{'ms':>9}{'x REST2 call':>14}{'x REST2 search':>16}{'x rt ls':>10}")
    for name, value in results.items():
        print(f"{name:<42}{value:>9.1f}{value / call:>14.2f}{value / search:>16.2f}{value / rt_ls:>10.2f}")
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
