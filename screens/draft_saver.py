"""A screen's draft kept on disk while it is typed: a moment after the last key, off the UI thread."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.screen import Screen
from textual.timer import Timer

from app.drafts import stage_draft, write_staged


class DraftSaver:
    """Keeps one screen's draft on disk: written a moment after the last change, off the UI thread.

    The drafts file is rewritten whole and fsynced, too slow for every key on the UI thread. Each change
    only stages the text (in memory; a reopened editor already sees it) and restarts a short timer; when
    typing pauses, a thread worker writes it. `flush` writes what is due at once: the owning screen calls
    it when it closes, so nothing typed waits on a timer that will never fire.
    """

    DELAY: ClassVar[float] = 0.4  # seconds after the last change; 0 writes after each burst of keys

    def __init__(self, screen: Screen[Any], key: str) -> None:
        self.screen = screen
        self.key = key
        self._timer: Timer | None = None
        self._due = False  # staged, and no write started since
        self._finished = False

    def changed(self, text: str) -> None:
        """The draft is now `text`; it is written once the changes pause."""
        if self._finished:
            return  # a change message still under way after submit or discard must not bring the draft back
        stage_draft(self.key, text)
        self._due = True
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.DELAY > 0:
            self._timer = self.screen.set_timer(self.DELAY, self.flush, name="draft")
        else:  # Textual's timers cannot count down 0 s: once the messages waiting now are handled, then
            self.screen.call_later(self.flush)

    def finish(self, text: str) -> None:
        """The last word on this draft (the text handed over, or "" for discarded), written now."""
        self.changed(text)
        self._finished = True
        self.flush()

    def flush(self) -> None:
        """Write the staged draft now, if a write is due (idempotent: safe to call on every way out)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._due:
            return
        self._due = False
        app = self.screen.app
        if app.is_running:
            # On the app, not the screen: a screen's workers are cancelled when it closes, maybe before
            # this one ran. Exclusive: a newer write takes everything staged, so an older one waiting
            # to start is not needed.
            app.run_worker(write_staged, name="write drafts", group="drafts", thread=True, exclusive=True)
        else:
            write_staged()  # the app is closing and cancels its workers: write here, once, before it goes
