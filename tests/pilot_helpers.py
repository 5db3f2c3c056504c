"""Shared by the Pilot tests: wait until every worker of the app and its screen is done."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot


async def settle(app: App[object], pilot: Pilot[object]) -> None:
    """Never sleep: wait for the workers, then let the messages they posted be handled."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
