"""The performance benchmark of the app as shipped: `make bench` or `python -m bench`.

    python -m bench [--sizes 1000 10000 100000 [1000000]] [--json bench/last-run.json] [--repeat 50]

Builds stores of each size in a temporary folder, measures start, keys, opening a long journal,
writes and memory against a bare Textual app and the stock DataTable in the same run, prints one
table with the ratios and writes the figures as JSON for comparison between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.stores import make_store
from bench.ui import bare_app, data_table, helpline_app, stats
from bench.writes import writes


def whole_process(kind: str, store: Path | None = None) -> dict[str, float]:
    """Process start until the queue shows rows and took a key (same clock in parent and child)."""
    start = time.perf_counter()
    argv = [sys.executable, "-m", "bench.child", kind] + ([str(store)] if store else [])
    line = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    child = json.loads(line)
    return {"start_s": child["ready"] - start, "maxrss_mb": child["maxrss_mb"]}


def table_rows(store: Path) -> list[tuple[str, ...]]:
    from app.backends.local_store import LocalStore

    local = LocalStore(store)
    try:
        return [(r["code"], r["priority"], r["status"], r["subject"], r["requester"], r["team"], r["owner"] or "-")
                for r in local.rows()]
    finally:
        local.close()


def reindex_seconds(store: Path) -> float:
    """`helpline reindex`: the queue index built again from every ticket file."""
    from app.backends.local_store import LocalStore

    local = LocalStore(store)
    try:
        began = time.perf_counter()
        local.rebuild_index()
        return time.perf_counter() - began
    finally:
        local.close()


JOURNAL_SEARCHES = ["reinstall", "restart client", "cable", "daily summ", "wikström", "zzzz"]


def journal_search(store: Path) -> dict[str, float]:
    """The search over every ticket and its journal text (view 0's query, TicketQuery.text), first page and
    total, at the adapter: what each keystroke there asks."""
    from app.api.backend import TicketQuery
    from app.backends.local_store import LocalStore
    from app.domain.clock import utcnow

    local = LocalStore(store)
    try:
        times = []
        for _ in range(5):
            for text in JOURNAL_SEARCHES:
                began = time.perf_counter()
                local.search(TicketQuery(text=text, limit=100), utcnow())
                times.append(time.perf_counter() - began)
        return stats(times)
    finally:
        local.close()


def run(sizes: list[int], repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {"sizes": {}, "bare": {}}
    results["bare"]["headless"] = asyncio.run(bare_app())
    results["bare"]["process"] = whole_process("bare")
    largest = max(sizes)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            store = Path(tmp) / f"store-{size}"
            began = time.perf_counter()
            journals = make_store(store, size)
            print(f"{size:>7} tickets seeded in {time.perf_counter() - began:.0f} s", file=sys.stderr)
            entry: dict[str, Any] = {
                "headless": asyncio.run(helpline_app(store, journals, full=size == largest)),
                "process": whole_process("helpline", store),
                "writes": asyncio.run(writes(store, repeat)),
                "reindex_s": reindex_seconds(store),
                "journal_search": journal_search(store),
            }
            if size == largest:
                entry["datatable"] = asyncio.run(data_table(table_rows(store)))
            results["sizes"][str(size)] = entry
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=50, help="writes of each kind per store")
    parser.add_argument("--json", type=Path, default=Path("bench/last-run.json"))
    args = parser.parse_args()
    results = run(sorted(args.sizes), args.repeat)
    args.json.write_text(json.dumps(results, indent=1))
    print(report.table(results))
    print(f"\nfigures written to {args.json}")


if __name__ == "__main__":
    main()
