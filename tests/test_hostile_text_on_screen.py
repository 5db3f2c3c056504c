"""Hostile text from users and backends is shown literally on every screen, never run.

Markup such as `[bold red]` or `[@click=app.quit]` must appear as typed; escape sequences and control
characters are made visible, not sent to the terminal.
"""

from __future__ import annotations

import html
import re

from app.api.schemas import NoteIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.dispatch import DispatchScreen
from screens.escalation_form import EscalationFormScreen
from tests.pilot_helpers import open_journal, settle
from widgets.ticket_list import TicketList

MARKUP = "[bold red]Printer[/] [link=file:///etc/passwd]x[/link] [@click=app.quit]y[/]"
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x00end"


def screen_text(app: HelplineApp) -> str:
    """What the terminal shows, as plain text (from the app's own SVG screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def hostile_ticket(client: HelplineClient) -> str:
    ticket = await client.create(NewTicket(subject=f"Printer on floor 2 {MARKUP}", requester="[i]Eva[/i] Holm",
                                           category="Printing", description="Jams on every job " + MARKUP))
    await client.add_entry(ticket.code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, body=f"{MARKUP}\n{ESCAPES}",
                                               author="[bold]Mallory[/bold]"))
    return ticket.code


async def test_markup_and_escapes_are_shown_literally_and_never_run(client: HelplineClient) -> None:
    code = await hostile_ticket(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row and row.code == code))
        await settle(app, pilot)
        assert "[bold red]Printer[/]" in screen_text(app), "the queue shows the subject as typed"
        await pilot.press("escape")
        journal = await open_journal(app, pilot, code)
        journal.query_one("#journal").scroll_end(animate=False)
        await settle(app, pilot)
        shown = screen_text(app)
        assert "[bold]Mallory[/bold]" in shown, "an author's name is not markup, not even in a frame title"
        assert "[@click=app.quit]y[/]" in shown and "[i]Eva[/i] Holm" in shown
        assert "\x1b" not in shown and "␛" in shown, "the escape character is made visible"
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen) and "[bold red]Printer[/]" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, EscalationFormScreen) and "[bold red]Printer[/]" in screen_text(app)
        assert app.is_running, "no markup action (app.quit) was run"


async def test_a_1_mb_note_and_a_10000_line_note_are_stored_whole_and_shown(client: HelplineClient) -> None:
    ticket = await client.create(NewTicket(subject="Log file pasted by the user", requester="Eva Holm"))
    big = ("Åsa: printer log line 😀 " * 40 + "\n") * 1100  # about 1 MB
    lines = "\n".join(f"line {n}" for n in range(10_000))
    await client.add_entry(ticket.code, NoteIn(body=big))
    await client.add_entry(ticket.code, NoteIn(body=lines))
    stored = await client.get(ticket.code)
    assert [e.body for e in stored.journal[-2:]] == [big, lines]
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        journal.query_one("#journal").scroll_end(animate=False)
        await settle(app, pilot)
        assert "line 9999" in screen_text(app)


async def test_hostile_team_names_are_shown_literally_on_the_dispatch_screen(store_dir: object) -> None:
    """Team names come from the store's directory (or the RT desk file): text like any other."""
    from pathlib import Path

    from app.backends.local_store import LocalStore
    from app.connect import local_client
    from app.seed import seed_demo

    root = Path(str(store_dir))
    seed_demo(root)
    store = LocalStore(root)
    teams = [team.model_copy(update={"name": f"{MARKUP} {ESCAPES}"}) if team.id == "admin-apps" else team
             for team in store.teams().values()]
    store.save_directory(teams, list(store.agents().values()))
    store.close()
    client = local_client(root, "anna")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_journal(app, pilot, "HL-5")
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen)
        shown = screen_text(app)
        # The team column is cut to its width, literally: the markup is text, not style or a link.
        assert "[bold red]Printer[/] [link=file:" in shown and "\x1b" not in shown
        assert app.is_running
    await client.aclose()
