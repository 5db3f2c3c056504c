"""One write through the adapter API as shipped (in-process httpx transport, fsync), at two store sizes.

    python -m bench.write_cost [--sizes 1000 100000] [--writes 200]

Prints median and p95 per store size and the ratio of the largest to the smallest; the full
benchmark of the performance issue builds on this.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from app.api.schemas import NoteIn
from app.connect import local_client
from app.seed import seed_demo


async def _measure(store: Path, writes: int) -> list[float]:
    client = local_client(store, "anna")
    codes = [f"HL-{n}" for n in range(1, 51)]
    await client.add_entry(codes[0], NoteIn(body="warm-up note"))
    times = []
    for n in range(writes):
        start = time.perf_counter()
        await client.add_entry(codes[n % len(codes)], NoteIn(body=f"bench note {n}: called the user back"))
        times.append(time.perf_counter() - start)
    await client.aclose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--writes", type=int, default=200)
    args = parser.parse_args()
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for size in args.sizes:
            stores[size] = Path(tmp) / f"store-{size}"
            started = time.perf_counter()
            seed_demo(stores[size], extra=max(0, size - 74))
            print(f"{size:>7} tickets seeded in {time.perf_counter() - started:.0f} s")
        # Measure only once the seeding's writeback is done, or every fsync waits behind it.
        os.sync()
        gc.collect()
        for size, store in stores.items():
            times = sorted(asyncio.run(_measure(store, args.writes)))
            median, p95 = statistics.median(times) * 1000, times[int(len(times) * 0.95)] * 1000
            medians[size] = median
            print(f"{size:>7} tickets: one note median {median:6.2f} ms, p95 {p95:6.2f} ms")
    smallest, largest = min(medians), max(medians)
    print(f"ratio {largest} / {smallest}: {medians[largest] / medians[smallest]:.2f}")


if __name__ == "__main__":
    main()
