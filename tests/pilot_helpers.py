"""Shared by the Pilot tests: wait until every worker of the app and its screen is done."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

if TYPE_CHECKING:
    from screens.journal import JournalScreen

S = TypeVar("S")


async def settle(app: App[object], pilot: Pilot[object]) -> None:
    """The one wait of the Pilot tests; never a sleep. Until no worker of the app runs across two pauses (a
    load may start the next one), then until scheduled animations are done: a check or a picture must not
    catch the screen mid-way. Not for a worker that waits on a dialog it opened: that one only ends when
    the dialog does, so after such a key use `pilot.pause()`."""
    quiet = 0
    for _ in range(50):
        with contextlib.suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one
            await app.workers.wait_for_complete()
        await pilot.pause()
        quiet = 0 if any(worker.is_running for worker in app.workers) else quiet + 1
        if quiet >= 2:
            break
    await pilot.wait_for_scheduled_animations()


async def open_journal(app: App[object], pilot: Pilot[object], code: str) -> JournalScreen:
    """From the queue, the journal of `code`, loaded."""
    from screens.journal import JournalScreen
    from screens.queue import QueueScreen

    await settle(app, pilot)
    assert isinstance(app.screen, QueueScreen)
    app.screen.open_ticket(code)
    await settle(app, pilot)
    assert isinstance(app.screen, JournalScreen) and app.screen.ticket is not None
    return app.screen


async def open_from_journal(app: App[object], pilot: Pilot[object], code: str, key: str, screen: type[S]) -> S:
    """The journal of `code`, then `key`: the screen that key opens, checked to be a `screen`."""
    await open_journal(app, pilot, code)
    await pilot.press(key)
    await settle(app, pilot)
    assert isinstance(app.screen, screen), f"{key} opened {app.screen!r}"
    return app.screen


def notifications(app: App[object]) -> list[str]:
    """What the app tells the agent (tell, notify) from now on, as text, for a test to read."""
    told: list[str] = []
    app.notify = lambda message, **_: told.append(str(message))  # type: ignore[method-assign, assignment]
    return told
