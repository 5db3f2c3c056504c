"""Issue 19: keys typed right after a focus move (tab) land in the newly focused field, however fast they come
(a paste, a fast typist, a barcode scanner): "Lotte<tab>BBB" is never a requester "LotteBBB"."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from app.client import HelplineClient
from app.config import Settings
from app.tui import HelplineApp
from screens.new_ticket import NewTicketScreen
from tests.pilot_helpers import settle

BURST = ["L", "o", "t", "t", "e", "tab", "B", "B", "B", "tab", "N", "o", " ", "m", "a", "i", "l"]


def values(app: HelplineApp) -> dict[str, str]:
    return {field.id or "": field.value for field in app.screen.query(Input)}


async def new_ticket(app: HelplineApp, pilot: object) -> None:
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, NewTicketScreen) and app.screen.focused is app.screen.query_one("#requester")


async def test_a_burst_after_tab_lands_in_the_next_field(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_ticket(app, pilot)
        for key in BURST:  # all in the app's queue before the first is handled, as from a terminal's read
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(app, pilot)
        shown = values(app)
        assert (shown["requester"], shown["requested_for"], shown["subject"]) == ("Lotte", "BBB", "No mail"), shown


async def test_keys_pressed_without_pauses_after_tab_land_in_the_next_field(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_ticket(app, pilot)
        await pilot.press("L", "o", "t", "t", "e", "tab", "B", "B", "B")
        await settle(app, pilot)
        shown = values(app)
        assert (shown["requester"], shown["requested_for"]) == ("Lotte", "BBB"), shown
