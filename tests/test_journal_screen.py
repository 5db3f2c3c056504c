"""The ticket journal screen driven from its keys on a demo store (R-JOURNAL-1/2, R-FLAG-1/2)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from app.api.backend import TicketQuery
from app.api.schemas import NoteIn, StatusIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind, PendingReason, Status
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.choose import Choose
from screens.journal import JournalScreen
from screens.letter_preview import LetterPreview
from screens.note_editor import NoteEditor
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle
from widgets.journal_view import JournalView
from widgets.ticket_list import TicketList


async def test_enter_opens_the_journal_pinned_first_R_JOURNAL_2(client: HelplineClient) -> None:
    opened = [await client.get(row.code) for row in (await client.search(TicketQuery(open=True, limit=1000))).items]
    pinned = next(ticket for ticket in opened if any(e.pinned for e in ticket.journal))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row.code == pinned.code))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == pinned.code
        view = app.screen.query_one(JournalView)
        assert view.entries[0].pinned and "PINNED" in view.entry_lines(view.entries[0])[0]
        assert pinned.code in str(app.screen.query_one("#ticket-header").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_internal_note_and_message_to_user_look_different(client: HelplineClient) -> None:
    ticket = next(t for t in [await client.get(f"HL-{n}") for n in range(40, 75)]
                  if {EntryKind.INTERNAL_NOTE, EntryKind.MESSAGE_TO_USER} <= {e.kind for e in t.journal})
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, ticket.code)
        view = screen.query_one(JournalView)
        tops = {entry.kind: view.entry_lines(entry)[0].strip() for entry in view.entries}
        assert tops[EntryKind.INTERNAL_NOTE][0] != tops[EntryKind.MESSAGE_TO_USER][0], "each its own frame"
        assert "INTERNAL NOTE" in tops[EntryKind.INTERNAL_NOTE]
        assert "MESSAGE TO USER" in tops[EntryKind.MESSAGE_TO_USER]


async def test_n_writes_an_internal_note_with_ctrl_s_R_JOURNAL_1(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-2")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Rebooted [b]AP[/b]", "ctrl+s")
        await settle(app, pilot)
        stored = await client.get("HL-2")
        assert stored.journal[-1].body == "Rebooted [b]AP[/b]" and stored.journal[-1].author == "anna"
        view = app.screen.query_one(JournalView)
        assert any("Rebooted [b]AP[/b]" in "\n".join(view.entry_lines(e)) for e in view.entries)


async def test_esc_asks_before_discarding_a_draft(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    before = len((await client.get("HL-2")).journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-2")
        await pilot.press("n", *"half a thought", "escape")
        await pilot.pause()
        await pilot.press("n")  # No: back to the editor with the draft
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "half a thought"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    assert len((await client.get("HL-2")).journal) == before


async def test_flags_and_begin_work_from_their_keys_R_FLAG_1_R_FLAG_2(client: HelplineClient) -> None:
    flagged = (await client.search(TicketQuery(update_flag=True, limit=1))).items[0]
    made = await client.create(NewTicket(subject="Docking station gives no picture", requester="Karin Dahl"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, flagged.code)
        attention = (await client.get(flagged.code)).attention
        await pilot.press("u", "y")  # asked first: the flag's age cannot be given back
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        after = await client.get(flagged.code)
        assert after.update_flag is None and after.attention is not attention
        await pilot.press("escape")
        await settle(app, pilot)
        await open_journal(app, pilot, made.code)
        await pilot.press("b", "y")  # asked first: owner and status cannot be given back
        await settle(app, pilot)
    started = await client.get(made.code)
    assert (started.owner, started.status) == ("anna", Status.IN_PROGRESS)


async def test_refusals_are_shown_and_nothing_changes_R_DISPATCH_3(client: HelplineClient) -> None:
    owned = next(row for row in (await client.search(TicketQuery(team="support", open=True, limit=1000))).items
                 if row.owner not in (None, "anna"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, owned.code)
        await pilot.press("b", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.is_running
    assert (await client.get(owned.code)).owner == owned.owner


async def begun(client: HelplineClient) -> str:
    made = await client.create(NewTicket(subject="Laptop fan is very loud", requester="Karin Dahl"))
    return (await client.begin_work(made.code, made.version)).code


async def test_pending_with_a_reason_from_the_picker_R_STATUS_3(client: HelplineClient) -> None:
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("p", "down", "down", "down", "down", "enter")  # the fifth reason: Pending user reply
        await pilot.pause()  # then the optional message (screens/pending_details.py): none
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    stored = await client.get(code)
    assert stored.status is Status.PENDING and stored.pending_reason is PendingReason.USER_REPLY


async def test_resolve_shows_dear_user_and_needs_yes_R_STATUS_4(client: HelplineClient) -> None:
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("x", *"Cleaned the fan and updated the BIOS fan curve", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterPreview) and "Dear user" in app.screen.body  # R-MAIL-1
        await pilot.press("enter", "escape")  # enter does nothing; esc resolves nothing
        await settle(app, pilot)
        assert (await client.get(code)).status is Status.IN_PROGRESS
        await pilot.press("x", *"Cleaned the fan and updated the BIOS fan curve", "ctrl+s", "s")
        await settle(app, pilot)
    stored = await client.get(code)
    assert stored.status is Status.RESOLVED
    assert stored.journal[-2].kind is EntryKind.MESSAGE_TO_USER and "BIOS fan curve" in stored.journal[-2].body


async def test_second_line_is_told_to_return_not_resolve_R_STATUS_5(client: HelplineClient) -> None:
    row = (await client.search(TicketQuery(team="infrastructure", open=True, limit=1))).items[0]
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, row.code)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen), "no solution editor for a second-line team"
    assert (await client.get(row.code)).status is row.status


async def test_message_to_user_is_shown_as_its_letter_before_it_goes_R_MAIL_1(client: HelplineClient) -> None:
    """The preview names whom it is for and the subject with the code; esc goes back to the text (kept), s sends."""
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("R", *"We will call you at ten", "ctrl+s")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, LetterPreview)
        shown = "\n".join(str(static.render()) for static in preview.query(Static))
        assert "To: Karin Dahl" in shown and f"Subject: [{code}]" in shown and "We will call you at ten" in shown
        assert "no mail address" in shown.lower() or "nobody it is for has a mail address" in shown.lower()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor), "back to the text"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await settle(app, pilot)
    last = (await client.get(code)).journal[-1]
    assert last.kind is EntryKind.MESSAGE_TO_USER and last.body == "We will call you at ten"


async def test_status_offers_only_allowed_moves_and_impact_urgency_previews_R_PRIO_1(
    client: HelplineClient,
) -> None:
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        assert [value for _, value in app.screen.choices] == [Status.PENDING, Status.RESOLVED]
        await pilot.press("escape", "i", "enter")  # impact: Company
        await pilot.pause()
        assert [text for text, _ in app.screen.choices] == ["High → P1", "Medium → P2", "Low → P3"]
        await pilot.press("enter")
        await settle(app, pilot)
    assert (await client.get(code)).priority.value == "P1"


async def test_command_palette_lists_every_action_of_the_screen(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, "HL-2")
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Internal note", "Message to user", "Pending", "Resolve", "Begin work", "Impact/urgency"} <= titles
        command = next(c for c in app.get_system_commands(screen) if c.title == "Attention")
        before = (await client.get("HL-2")).attention
        await command.callback()
        await settle(app, pilot)
    assert (await client.get("HL-2")).attention is not before


async def test_pin_an_entry_and_it_comes_first_R_JOURNAL_2(client: HelplineClient) -> None:
    code = await begun(client)
    await client.add_entry(code, NoteIn(body="Fan model 4B21"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        await pilot.press("P", "enter")  # the newest entry that is not a system event
        await settle(app, pilot)
        first = screen.query_one(JournalView).entries[0]
        assert first.pinned and first.body == "Fan model 4B21"
    assert [e.body for e in (await client.get(code)).journal if e.pinned] == ["Fan model 4B21"]


async def test_supplier_case_id_recorded_R_JOURNAL_4(client: HelplineClient) -> None:
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("E", *"NC-20417", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("h", *"Technician on Thursday", "ctrl+s")
        await settle(app, pilot)
        assert "NC-20417" in str(app.screen.query_one("#ticket-header").render())
    stored = await client.get(code)
    assert (stored.external_ref, stored.expected_handling) == ("NC-20417", "Technician on Thursday")


async def test_an_unsent_note_survives_a_restart(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-2")
        await pilot.press("n", *"Half-written: the AP in room")
        await pilot.pause()
    # The app is gone with the editor open, as after a crash; the note was never sent.
    assert "Half-written" not in [e.body for e in (await client.get("HL-2")).journal][-1]
    again = HelplineApp(Settings(), client=client)
    async with again.run_test(size=(120, 40)) as pilot:
        await open_journal(again, pilot, "HL-2")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, NoteEditor) and again.screen.text == "Half-written: the AP in room"
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert again.screen.text == "", "a stored note leaves no draft behind"


async def test_reopen_a_resolved_ticket_within_30_days_R_STATUS_6(client: HelplineClient) -> None:
    code = await begun(client)
    await client.set_status(code, StatusIn(status=Status.RESOLVED, solution="Cleaned the fan; quiet again."),
                            (await client.get(code)).version)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("s")
        await pilot.pause()
        assert [value for _, value in app.screen.choices] == [Status.IN_PROGRESS]
        await pilot.press("enter")
        await pilot.pause()  # R-STATUS-6: a reopen says why (tests/test_reopen_and_update_flag.py)
        await pilot.press(*"The fan is loud again", "ctrl+s")
        await settle(app, pilot)
    reopened = await client.get(code)
    assert reopened.status is Status.IN_PROGRESS and reopened.update_flag is not None


async def test_a_long_journal_opens_with_its_newest_entries_and_o_brings_the_earlier_ones(client: HelplineClient
                                                                                           ) -> None:
    """The local store, like RT, sends the newest entries first (journal_complete is False); `o` the rest."""
    from screens.journal import LATEST_ENTRIES

    ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm"))
    for n in range(LATEST_ENTRIES + 20):
        ticket = await client.add_entry(ticket.code, NoteIn(body=f"call {n}: tried again"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, ticket.code)
        view = screen.query_one(JournalView)
        shown = view.entries
        assert len(shown) == LATEST_ENTRIES and shown[-1].body == f"call {LATEST_ENTRIES + 19}: tried again"
        assert "earlier entries" in (view.earlier or "")
        await pilot.press("o")
        await settle(app, pilot)
        assert len(view.entries) == len(ticket.journal) and view.earlier is None


async def test_a_note_typed_in_one_burst_then_ctrl_s_is_saved_whole_R_JOURNAL_1(client: HelplineClient) -> None:
    """Keys that arrive together (fast typing, a paste without bracketed paste, a scanner) reach the editor
    before the priority ctrl+s saves it; a draft brought back is continued at its end."""
    from textual import events

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-2")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        for char in "Swapped the dock":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+s", None))
        for _ in range(5):
            await pilot.pause()
        assert not isinstance(app.screen, NoteEditor), "saved, not refused as empty"
        await settle(app, pilot)
        stored = await client.get("HL-2")
        assert stored.journal[-1].body == "Swapped the dock"


async def test_words_typed_in_on_someones_behalf_name_who_recorded_them_R_JOURNAL_6(
    client: HelplineClient, store_dir: Path
) -> None:
    """A user's call typed in by an agent: the frame names the user whose words they are and the agent who
    recorded them; an agent's own note names the agent once."""
    from app.connect import local_client
    from app.i18n import set_language
    from tests.test_hostile_text_on_screen import screen_text

    code = await begun(client)
    sofie = local_client(store_dir, "sofie")
    await sofie.add_entry(code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, author="Lotte Vermeulen",
                                       body="The printer on floor 2 jams again."))
    await sofie.aclose()
    await client.add_entry(code, NoteIn(body="Ordered a new fuser unit."))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        view = screen.query_one(JournalView)
        titles = [view.heading(entry) for entry in view.entries]
        assert any(title.startswith("MESSAGE FROM USER · Lotte Vermeulen · recorded by sofie · ") for title in titles)
        assert any(title.startswith("INTERNAL NOTE · anna · 20") for title in titles), "an own note: no recorder"
        assert "MESSAGE FROM USER · Lotte Vermeulen · recorded by sofie" in screen_text(app)
        for language, words in (("da", "BESKED FRA BRUGER · Lotte Vermeulen · registreret af sofie"),
                                ("sv", "MEDDELANDE FRÅN ANVÄNDAREN · Lotte Vermeulen · registrerat av sofie")):
            set_language(language)
            await pilot.press("r")
            await settle(app, pilot)
            assert any(view.heading(entry).startswith(words) for entry in view.entries)
            assert any(words in "".join(view.entry_lines(entry)) for entry in view.entries), "and drawn so"
