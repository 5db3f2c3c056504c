"""The journal drawn with the Line API (widgets/journal_view.py): a ticket of 10,000 entries opens at its newest
entry with only the entries in sight laid out, scrolls to its pinned and oldest ones, and still draws notes and
messages apart, outside text literally and wide characters inside their frame."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len

from app.client import HelplineClient
from app.config import Settings
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.domain.journal import append_entry, ordered_for_reading
from app.domain.models import Ticket
from app.tui import HelplineApp
from tests.pilot_helpers import open_journal, settle
from widgets.journal_view import JournalView

ENTRIES = 10_000
CODE = "HL-1"
HOSTILE = "[bold]x[/] \x1b[2J"
WIDE = "打印机又卡纸了😀，请派人来看看。" * 12  # two cells a character, wrapped over several lines
NEWEST = "Entry 9999: the newest, called the user back"


@pytest.fixture
async def long_desk(store_dir: Path) -> AsyncIterator[HelplineClient]:
    """The demo store with HL-1 lengthened to 10,000 more entries: notes and messages to the user, one pinned
    early on, and at the end a hostile note, a wide-character message and the newest note."""
    from app.backends.local_store import LocalStore
    from app.connect import local_client
    from app.seed import seed_demo

    seed_demo(store_dir)
    store = LocalStore(store_dir)
    start = utcnow() - timedelta(days=10)

    def lengthen(ticket: Ticket) -> None:
        for n in range(ENTRIES - 3):
            kind = EntryKind.INTERNAL_NOTE if n % 3 else EntryKind.MESSAGE_TO_USER
            # Every 7th is 100 cells of 55 characters: estimated one line, two at 80 columns.
            words = "打印机卡纸" * 9 if n % 7 == 0 else f"tried step {n % 7}" + " and waited" * (n % 5)
            body = f"Entry {n}: {words}"
            append_entry(ticket, kind, "anna", body, start + timedelta(minutes=n), pinned=n == 5)
        later = start + timedelta(minutes=ENTRIES)
        append_entry(ticket, EntryKind.INTERNAL_NOTE, "anna", HOSTILE, later)
        append_entry(ticket, EntryKind.MESSAGE_TO_USER, "anna", WIDE, later)
        append_entry(ticket, EntryKind.INTERNAL_NOTE, "anna", NEWEST, later)

    store.update(CODE, lengthen)
    store.close()
    desk = local_client(store_dir, "anna")
    yield desk
    await desk.aclose()


def on_screen(view: JournalView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


async def test_a_ticket_of_10000_entries_opens_at_its_newest_and_scrolls_to_the_pinned_and_oldest(
    long_desk: HelplineClient,
) -> None:
    whole = await long_desk.get(CODE)
    ordered = ordered_for_reading(whole.journal)
    assert len(ordered) > ENTRIES and ordered[0].pinned
    app = HelplineApp(Settings(), client=long_desk)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, CODE)
        view = screen.query_one(JournalView)
        if view.earlier is not None:  # the store sent the newest entries first: `o` brings the other 10,000
            await pilot.press("o")
            await settle(app, pilot)
        assert view.earlier is None and len(view.entries) == len(ordered)
        assert app.focused is view, "the keys scroll the journal"
        lines = on_screen(view)
        assert NEWEST in lines[-2] and lines[-1].strip().startswith("╰"), "the newest entry at the bottom"
        assert view.laid_out() < 100, "only the entries in sight (and a screen around them) are laid out"

        # Notes and messages to the user each in their own frame; outside text as it was written.
        tops = [line.strip() for line in lines]
        assert any(top.startswith("╭─ INTERNAL NOTE") for top in tops)
        assert any(top.startswith("┏━ MESSAGE TO USER") for top in tops)
        hostile = "\n".join(lines)
        assert "[bold]x[/] ␛[2J" in hostile and "\x1b" not in hostile
        for line in (view.render_line(y) for y in range(view.size.height)):
            assert all("\x1b" not in segment.text for segment in line)

        # Wide characters are measured in cells: every line of the message is as wide as the view and its
        # right side is in the same column as its corners.
        wide = view.entry_lines(ordered[-2])
        assert len(wide) > 3 and "打印机" in wide[1]
        width = view.scrollable_content_region.width
        assert {cell_len(line) for line in wide} == {width}
        assert {cell_len(line[: line.rindex(side)]) for line, side in zip(wide, "┓" + "┃" * (len(wide) - 2) + "┛",
                                                                             strict=True)} == {width - 2}

        await pilot.press("home")
        await settle(app, pilot)
        top = on_screen(view)
        assert view.scroll_offset.y == 0
        pinned = sum(1 for entry in ordered if entry.pinned)
        assert pinned >= 2 and not ordered[pinned].pinned  # the demo's pinned summary and "Entry 5"
        first = [line for entry in ordered[: pinned + 1] for line in view.entry_lines(entry)]
        assert top[: len(first)] == first, "the pinned entries first, then the oldest"
        assert all("📌 PINNED · " in view.entry_lines(entry)[0] for entry in ordered[:pinned])
        assert any("Entry 5: tried step 5" in line for line in first)
        assert view.laid_out() < 200

        await pilot.press("pagedown", "pagedown", "end")
        await settle(app, pilot)
        assert NEWEST in on_screen(view)[-2], "end: back at the newest entry"
        assert view.scroll_offset.y == view.max_scroll_y == view.line_count() - view.size.height


async def test_a_changed_estimate_above_the_screen_does_not_move_what_is_read(long_desk: HelplineClient) -> None:
    """Entries are first counted without wrapping; when one above the screen turns out taller, the view scrolls
    by that much, so the lines the agent reads stay put."""
    app = HelplineApp(Settings(), client=long_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_journal(app, pilot, CODE)
        await pilot.press("o")
        await settle(app, pilot)
        view = screen.query_one(JournalView)
        view.scroll_to(y=view.line_count() // 2, animate=False)
        await settle(app, pilot)
        before = on_screen(view)
        for _ in range(6):
            await pilot.press("pageup")
            await settle(app, pilot)
        for _ in range(6):
            await pilot.press("pagedown")
            await settle(app, pilot)
        assert on_screen(view) == before
