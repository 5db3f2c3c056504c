"""Headless measurements of the app as shipped, of a bare Textual app and of the stock DataTable.

Every key is timed the same way in each app: from the press until the app is quiet again (no worker
running, one refresh done), so a difference is the work Helpline does for that key.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

SIZE = (120, 40)
FILTER_KEYS = list("printer") + ["backspace"] * 7 + list("wifi") + ["backspace"] * 4
SEARCH_KEYS = "restart cli"  # view 0: words of the cloned demo's notes, typed as an agent types them
OPENS = 3  # of each ticket, for a median


class BareApp(App[None]):
    """The floor: what any Textual app costs."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare")
        yield Footer()


class BareScreen(Screen[None]):
    """The floor of opening a ticket: any screen pushed over another (a header, a page of text, a footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("\n".join(f"line {n}" for n in range(30)))
        yield Footer()


class TableApp(App[None]):
    """The reference to beat: Textual's stock DataTable filled with the same rows."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Code", "Prio", "Status", "Subject", "Requester", "Team", "Owner")
        table.add_rows(self.rows)


def queue_ready(app: App[Any]) -> bool:
    """The queue screen shows rows (it may still be composing when first asked)."""
    from screens.queue import QueueScreen
    from widgets.ticket_list import TicketList

    lists = app.screen.query(TicketList) if isinstance(app.screen, QueueScreen) else None
    return bool(lists and lists.first().rows)


async def quiet(pilot: Pilot[Any]) -> None:
    """Until no worker of the app or its screen runs, then one more refresh."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


async def open_from_queue(pilot: Pilot[Any], code: str) -> float:
    """Seconds from asking the queue on screen to open `code` until its journal screen has drawn it."""
    from screens.journal import JournalScreen
    from screens.queue import QueueScreen

    app = pilot.app
    queue = app.screen
    assert isinstance(queue, QueueScreen)
    opened = time.perf_counter()
    queue.open_ticket(code)
    while not (isinstance(app.screen, JournalScreen) and app.screen.ticket is not None):
        await pilot.pause(0.001)
    await quiet(pilot)
    return time.perf_counter() - opened


def stats(times: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    ordered = sorted(times)
    figures = {"median_ms": statistics.median(ordered) * 1000, "p95_ms": ordered[int(len(ordered) * 0.95)] * 1000}
    if cpu:
        figures["cpu_median_ms"] = statistics.median(cpu) * 1000
    return figures


async def timed_keys(pilot: Pilot[Any], keys: list[str]) -> dict[str, float]:
    """Each key until the app is quiet again: wall time (Pilot's idle waits included, which is most of a bare
    app's figure) and the CPU time the process spent on it (every thread), which is the work the key caused."""
    times, cpu = [], []
    for key in keys:
        start, busy = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await quiet(pilot)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - busy)
    return stats(times, cpu)


async def bare_app() -> dict[str, Any]:
    start = time.perf_counter()
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")
        ready = time.perf_counter() - start
        keys = await timed_keys(pilot, FILTER_KEYS)
        times, cpu = [], []
        for _ in range(OPENS + 1):  # the first push pays the screen's CSS once, as the journal's first open does
            began, busy = time.perf_counter(), time.process_time()
            await app.push_screen(BareScreen())
            await quiet(pilot)
            times.append(time.perf_counter() - began)
            cpu.append(time.process_time() - busy)
            await pilot.press("escape")
            await quiet(pilot)
    return {"start_s": ready, "key": keys, "push_screen": stats(times[1:], cpu[1:])}


async def helpline_app(store: Path, journals: dict[int, str], *, full: bool) -> dict[str, Any]:
    """Start to interactive queue; with `full`, also filter keys, cursor moves, the search over journal text
    (view 0) and opening tickets of each journal length (`journals`: entries to code)."""
    from app.config import Settings
    from app.tui import HelplineApp
    from screens.queue import QueueScreen
    from widgets.ticket_list import TicketList

    start = time.perf_counter()
    app = HelplineApp(Settings(), store=store)
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not queue_ready(app):
            await pilot.pause(0.001)
        await pilot.press("j")
        result["start_s"] = time.perf_counter() - start
        await quiet(pilot)
        result["loaded_s"] = time.perf_counter() - start  # every row of the view, paged in behind the first
        result["rows"] = len(app.screen.query_one(TicketList).rows)
        if not full:
            return result
        result["cursor"] = await timed_keys(pilot, ["j"] * 30 + ["k"] * 30)
        result["page_down"] = await timed_keys(pilot, ["pagedown"] * 20 + ["pageup"] * 20)
        await pilot.press("slash")
        await quiet(pilot)
        result["filter"] = await timed_keys(pilot, FILTER_KEYS)
        await pilot.press("escape")
        await quiet(pilot)
        await pilot.press("0", "slash")
        await quiet(pilot)
        result["search_key"] = await timed_keys(pilot, list(SEARCH_KEYS))
        await pilot.press("escape", "1")
        await quiet(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        result["open_ticket_s"], result["open_ticket_cpu_s"] = {}, {}
        await open_from_queue(pilot, journals[min(journals)])  # the journal screen's first use: imports, CSS
        await pilot.press("escape")
        await quiet(pilot)
        for entries, code in sorted(journals.items()):
            times, cpu = [], []
            for _ in range(OPENS):
                busy = time.process_time()
                times.append(await open_from_queue(pilot, code))
                cpu.append(time.process_time() - busy)
                await pilot.press("escape")
                await quiet(pilot)
            result["open_ticket_s"][str(entries)] = statistics.median(times)
            result["open_ticket_cpu_s"][str(entries)] = statistics.median(cpu)
    return result


async def data_table(rows: list[tuple[str, ...]]) -> dict[str, Any]:
    start = time.perf_counter()
    app = TableApp(rows)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_paint = time.perf_counter() - start
        table = app.query_one(DataTable)
        times = []
        for needle in ("p", "pr", "pri", "prin"):
            began = time.perf_counter()
            table.clear()
            table.add_rows([row for row in rows if needle in row[3].casefold()])
            await pilot.pause()
            times.append(time.perf_counter() - began)
    return {"start_s": first_paint, "filter": stats(times)}
