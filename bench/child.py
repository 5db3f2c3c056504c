"""One whole process: start an app headless, report when it is interactive and its peak memory.

    python -m bench.child helpline STORE | python -m bench.child bare

Prints one JSON line: `ready` (time.perf_counter(), the same clock as the parent's on Linux) and
`maxrss_mb` after every row of the queue's view is loaded.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path


async def _run(kind: str, store: str | None) -> dict[str, float]:
    from textual.app import App

    from bench.ui import SIZE, BareApp, queue_ready, quiet

    app: App[None]
    if kind == "bare":
        app = BareApp()
    else:
        from app.config import Settings
        from app.tui import HelplineApp

        app = HelplineApp(Settings(), store=Path(store or ""))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while kind != "bare" and not queue_ready(app):
            await pilot.pause(0.001)
        await pilot.press("j")
        ready = time.perf_counter()
        await quiet(pilot)
    return {"ready": ready, "maxrss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a
    child of a big process (a pytest worker) would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_run(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))))
