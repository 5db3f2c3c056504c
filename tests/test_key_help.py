"""Issue 19: Helpline's own `?` (the screen's keys by task, the legend of the queue's marks; esc and ? close it),
and a footer that shows the most used keys first, so that they fit at 80 columns."""

from __future__ import annotations

from textual.widgets import Static

from app.client import HelplineClient
from app.config import Settings
from app.tui import HelplineApp
from screens.journal import JournalScreen
from screens.key_help import KeyHelp
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle
from widgets.key_bar import KeyBar


def help_text(app: HelplineApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def test_question_mark_lists_the_journals_keys_by_task_and_every_mark(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot, "HL-40")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeyHelp)
        shown = help_text(app)
        for group in ("Move", "Work on the ticket", "Write", "App"):
            assert f"\n{group}\n" in f"\n{shown}", group
        assert shown.index("Write") < shown.index("Internal note") < shown.index("Message to user")
        assert "Escalate (form a-h)" in shown and "Quit" in shown
        assert "Scroll Left" not in shown and "Copy selected text" not in shown, "no generic widget keys"
        legend = shown[shown.index("Marks in the queue"):]
        for mark in ("*", "U", "!", "N", "returned ·"):
            assert f" {mark}  " in legend, mark
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen), "? closes it again"


async def test_esc_closes_the_help_and_then_is_the_screens_again(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeyHelp) and "Filter" in help_text(app) and "All open" in help_text(app)
        assert "Next field" not in help_text(app), "the queue has no fields to tab between"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_the_journals_footer_shows_help_and_the_daily_keys_at_80_columns(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot, "HL-40")
        footer = app.screen.query_one(KeyBar).render_line(0).text
        for key in ("? Help", "n Internal note", "R Message to user", "p Pending"):
            assert key in footer, footer  # it was cut at "q Qu", with the escalation form and dispatch first
