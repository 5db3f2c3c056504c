"""Tickets made by RT's own clients, opened in the workstation from the keyboard: nothing crashes on a
ticket in one of RT's own queues, and an agent is warned before a message that reaches nobody."""

from __future__ import annotations

from textual.widgets import Static

from app.client import HelplineClient
from app.domain.enums import EntryKind, LinkKind
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.confirm import Confirm
from screens.journal import JournalScreen
from screens.letter_preview import LetterPreview
from screens.note_editor import NoteEditor
from tests.pilot_helpers import settle
from tests.rt_desk import rt_settings
from tests.rt_server import RtServer
from widgets.ticket_header import TicketHeader


async def journal_of(app: HelplineApp, pilot: object, code: str) -> JournalScreen:
    await settle(app, pilot)  # type: ignore[arg-type]
    app.screen.open_ticket(code)  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, JournalScreen) and app.screen.ticket is not None
    return app.screen


def notices(app: HelplineApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_ticket_in_rts_general_queue_opens_and_its_keys_say_why_they_cannot_act(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    number = rt_fresh.rt_create("General", "Mouse double-clicks", "Every click is two")
    blocker = rt_fresh.rt_create("support", "New mice ordered", "For the whole floor")
    rt_fresh.rt("link", str(number), "dependson", str(blocker))
    app = HelplineApp(rt_settings(rt_fresh.url), client=desk)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await journal_of(app, pilot, f"HL-{number}")
        header = str(screen.query_one(TicketHeader).render())
        assert "General" in header and f"Depends on HL-{blocker}" in header, header
        for key in ("s", "x", "b"):
            await pilot.press(key)
            await pilot.pause()
            if isinstance(app.screen, Confirm):  # b asks first: yes, so that the adapter is asked and says why
                await pilot.press("y")
                await pilot.pause()
            while not isinstance(app.screen, JournalScreen):  # a dialog the key opened: leave it
                await pilot.press("escape")
                await pilot.pause()
            await settle(app, pilot)
            assert app.is_running, f"no traceback for a ticket no team owns ({key})"
            # Read at once: a notice times out, and a loaded machine may be slower than its timeout.
            said = notices(app)
            assert any("not a team of this desk" in text or "not a Helpline team" in text for text in said), said
            app.clear_notifications()


async def test_a_message_to_a_requester_without_an_address_is_warned_of_before_it_is_sent(
    rt_fresh: RtServer, desk: HelplineClient
) -> None:
    ticket = await desk.create(NewTicket(subject="Phone has no dial tone", requester="Karin Dahl"))
    app = HelplineApp(rt_settings(rt_fresh.url), client=desk)
    async with app.run_test(size=(140, 45)) as pilot:
        await journal_of(app, pilot, ticket.code)
        await pilot.press("R")
        await pilot.pause()  # not settle: the action's worker waits on the dialog it opened
        assert isinstance(app.screen, NoteEditor)
        assert "no e-mail address" in app.screen.title_text
        await pilot.press(*"A new phone is on its way", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterPreview)  # RT mails it; the preview says nobody has an address
        shown = "\n".join(str(static.render()) for static in app.screen.query(Static))
        assert "Nobody it is for has a mail address" in shown
        await pilot.press("s")
        await settle(app, pilot)
    stored = await desk.get(ticket.code)
    assert stored.journal[-2].kind is EntryKind.MESSAGE_TO_USER
    assert "Not mailed" in stored.journal[-1].body
    assert LinkKind.MERGED_FROM not in {link.kind for link in stored.links}
