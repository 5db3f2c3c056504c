"""The journal's keys: only what applies is offered, stray keys change nothing unseen, refusals leave a way on."""

from __future__ import annotations

import string

from textual import events
from textual.widgets import Input, Select, TextArea

from app.api.backend import TicketQuery
from app.api.schemas import FieldsIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind, Status
from app.tui import HelplineApp
from screens.advisory import AdvisoryScreen
from screens.confirm import Confirm
from screens.duplicate_choice import DuplicateChoice
from screens.journal import JournalScreen
from screens.linked_escalation import LinkedEscalationScreen
from screens.new_ticket import NewTicketScreen
from screens.note_editor import NoteEditor
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle
from tests.test_advice_and_linked_screens import started_ticket
from tests.test_journal_screen import begun


def footer_keys(screen: JournalScreen) -> set[str]:
    """The keys the footer shows now: bound, shown, and not refused by the screen's check_action."""
    return {key for key, active in screen.active_bindings.items() if active.binding.show}


async def closed_code(client: HelplineClient) -> str:
    return (await client.search(TicketQuery(status=[Status.CLOSED], limit=1))).items[0].code


async def test_a_closed_ticket_offers_only_what_applies_and_a_new_linked_ticket(client: HelplineClient) -> None:
    """Finding 10 (rules for every agent): a Closed ticket offered `e d n R p x` in the footer although only
    the internal note applies; it offers a new ticket linked to it instead (R-STATUS-6), pre-filled from it."""
    code = await closed_code(client)
    closed = await client.get(code)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        shown = footer_keys(screen)
        assert {"n", "c"} <= shown and not shown & {"e", "d", "R", "p", "x"}, shown
        await pilot.press("x", "p", "b")  # refused keys do nothing either
        await settle(app, pilot)
        assert app.screen is screen
        await pilot.press("c")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, NewTicketScreen)
        values = {name: form.query_one(f"#{name}", Input).value for name in ("requester", "subject", "category")}
        assert values == {"requester": closed.requester, "subject": closed.subject,
                          "category": closed.category or ""}
        assert code in form.query_one("#description", TextArea).text
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # Issue 19: the demo's other callers about the same subject are shown; the Closed one itself is no twin.
        assert isinstance(app.screen, DuplicateChoice), app.screen
        assert code not in [each.row.code for each in app.screen.found]
        await pilot.press("s")  # save anyway
        await settle(app, pilot)
        assert app.screen is screen
    made = (await client.search(TicketQuery(open=True, requester=closed.requester, limit=100))).items
    new = next(row for row in made if row.subject == closed.subject)
    assert code in (await client.get(new.code)).description
    last = (await client.get(code)).journal[-1]
    assert last.kind is EntryKind.INTERNAL_NOTE and new.code in last.body


async def test_an_open_ticket_does_not_offer_the_follow_up_and_a_resolved_one_offers_no_resolve(
    client: HelplineClient,
) -> None:
    """Finding 10 (rules for every agent): the footer follows the ticket's status both ways."""
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        assert {"e", "d", "n", "R", "p", "x"} <= footer_keys(screen) and "c" not in footer_keys(screen)
        # "s": send, from the letter's preview (R-MAIL-1)
        await pilot.press("x", *"Cleaned the fan and updated the BIOS", "ctrl+s", "s")
        await settle(app, pilot)
        assert screen.ticket is not None and screen.ticket.status is Status.RESOLVED
        assert not footer_keys(screen) & {"e", "d", "p", "x", "c"} and "n" in footer_keys(screen)


async def test_colon_jumps_from_the_journal_and_the_typed_code_fires_no_key(client: HelplineClient) -> None:
    """Finding 11 (rules for every agent): `:HL-75` in a journal opened `H` with `L` stacked on top; `:` is
    the queue's jump there too, and esc from the ticket jumped to leads back to the queue."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-2")
        await pilot.press("colon", *"HL-42", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == "HL-42"
        assert len(app.screen_stack) == 3, app.screen_stack  # the default screen, the queue, this journal
        await pilot.press("colon", *"HL-99999", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == "HL-42"
        await pilot.press("colon", *"HL", "escape")  # esc closes the line, not the journal
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.query_one("#command").has_class("hidden")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_letters_that_are_no_binding_do_nothing(client: HelplineClient) -> None:
    """Finding 11 (rules for every agent): a word typed into a journal with no editor open changes nothing."""
    code = await begun(client)
    before = await client.get(code)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        bound = {binding.key for _, binding in screen._bindings} | {binding.key for _, binding in app._bindings}
        unbound = [letter for letter in string.ascii_letters if letter not in bound]
        assert "g" in unbound and "t" in unbound  # T retitles (R-MAIL-2); f lists the files (issue 19)
        told = len(app._notifications)
        await pilot.press(*unbound)
        await settle(app, pilot)
        assert app.screen is screen and len(app._notifications) == told
    assert (await client.get(code)).version == before.version


async def test_begin_work_and_clear_update_flag_ask_first(client: HelplineClient) -> None:
    """Finding 11 (rules for every agent): `b` and `u` changed the ticket at once and have no clean inverse
    (owner and status; the flag's age): each asks first, and the default No changes nothing."""
    from app.domain.tickets import NewTicket

    made = await client.create(NewTicket(subject="Docking station gives no picture", requester="Karin Dahl"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, made.code)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and made.code in app.screen.question
        await pilot.press("enter")
        await settle(app, pilot)
        assert (await client.get(made.code)).status is Status.NEW
        await pilot.press("b", "y")
        await settle(app, pilot)
        assert (await client.get(made.code)).status is Status.IN_PROGRESS
    flagged = (await client.search(TicketQuery(update_flag=True, limit=1))).items[0]
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, flagged.code)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(app, pilot)
        assert (await client.get(flagged.code)).update_flag is not None


async def test_attention_is_undone_with_z_offered_on_screen(client: HelplineClient) -> None:
    """Finding 11 (rules for every agent): a stray `a` toggled attention unseen; the change is told with
    `z` to undo it, `z` is in the footer meanwhile, and undoing sets the flag back through the use cases."""
    code = await begun(client)
    before = (await client.get(code)).attention
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        assert "z" not in footer_keys(screen)
        await pilot.press("a")
        await settle(app, pilot)
        assert (await client.get(code)).attention is not before
        assert "z" in footer_keys(screen)
        assert any("z undoes" in str(n.message) for n in app._notifications)
        await pilot.press("z")
        await settle(app, pilot)
        assert (await client.get(code)).attention is before
        assert "z" not in footer_keys(screen)


async def test_a_stale_write_offers_reload_in_place_and_keeps_what_was_typed(client: HelplineClient) -> None:
    """Finding 9 (rules for every agent): after a stale-write refusal (409) the message said "reload it" but
    only a key not shown did; now the notice names `r`, `r` is in the footer, the typed text is kept, and
    after `r` the same change goes through."""
    code = await begun(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_journal(app, pilot, code)
        assert "r" not in footer_keys(screen)
        current = await client.get(code)
        await client.set_fields(code, FieldsIn(expected_handling="Thursday"), current.version)  # someone else
        await pilot.press("E", *"NC-20417", "ctrl+s")
        await settle(app, pilot)
        assert any("Press r" in str(n.message) for n in app._notifications)
        assert "r" in footer_keys(screen)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "NC-20417", "the typed text is kept"
        await pilot.press("escape", "y")
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert "r" not in footer_keys(screen)
        await pilot.press("E", *"NC-20417", "ctrl+s")
        await settle(app, pilot)
    assert (await client.get(code)).external_ref == "NC-20417"


async def test_a_request_for_advice_asks_before_discarding_and_keeps_a_draft(client: HelplineClient) -> None:
    """Finding 9 (rules for every agent): the request for advice (`v`) was lost on esc; esc asks first, and
    what was typed is a draft, there again when the request is opened once more."""
    ticket = await started_ticket(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, ticket.code)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, AdvisoryScreen)
        await pilot.press(*"Restore a deleted channel?", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AdvisoryScreen)
        await pilot.press("tab")
        app.screen.query_one("#advisory-routine", Input).value = "The restore routine stops at 30 days"
        await pilot.pause()
    again = HelplineApp(Settings(), client=client)  # the app was gone with the request open, as after a crash
    async with again.run_test(size=(120, 40)) as pilot:
        await open_journal(again, pilot, ticket.code)
        await pilot.press("v")
        await settle(again, pilot)
        screen = again.screen
        assert isinstance(screen, AdvisoryScreen)
        assert screen.query_one("#advisory-help", TextArea).text == "Restore a deleted channel?"
        assert screen.query_one("#advisory-routine", Input).value == "The restore routine stops at 30 days"
        await pilot.press("escape", "y")
        await settle(again, pilot)
        await pilot.press("v")
        await settle(again, pilot)
        assert again.screen.query_one("#advisory-help", TextArea).text == "", "a discarded request leaves no draft"


async def test_the_linked_escalation_starts_at_its_first_field_tabs_in_screen_order_and_asks_on_esc(
    client: HelplineClient,
) -> None:
    """Finding 9 (rules for every agent): `L` put the focus in the note below the handler, so a handler's
    name typed first landed in the note, and tab went to the frame; esc left without asking."""
    ticket = await started_ticket(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, ticket.code)
        await pilot.press("L")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LinkedEscalationScreen)
        order = []
        for _ in range(4):
            assert screen.focused is not None
            order.append(screen.focused.id)
            await pilot.press("tab")
        assert order == ["linked-kind", "linked-handler", "linked-priority", "linked-note"]
        assert isinstance(screen.focused, Select) and screen.focused.id == "linked-kind", "round again"
        await pilot.press("tab", *"ruben", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm), "a handler typed is asked about too"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#linked-handler", Input).value == "ruben"
        assert screen.query_one("#linked-note", TextArea).text == ""
        await pilot.press("escape", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)


async def _type_in_one_go(app: HelplineApp, keys: str) -> None:
    """What a fast typist or a paste sends: every key queued before the first is handled."""
    names = {":": "colon", "-": "minus"}
    for ch in keys:
        app.post_message(events.Key(names.get(ch, ch), ch))
    app.post_message(events.Key("enter", "\r"))


async def test_a_jump_typed_in_one_go_opens_that_ticket_from_the_queue_and_the_journal(client: HelplineClient
                                                                                      ) -> None:
    """Found in the three-agent tmux session (finding 11, rules for every agent): `:HL-74` sent in one go from
    the queue opened HL-39, the row under the cursor, after 7 and 4 had switched views; the keys after `:` were
    on their way to the list before the jump line had the focus."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await _type_in_one_go(app, ":HL-74")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == "HL-74"
        await _type_in_one_go(app, ":HL-12")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.code == "HL-12", "from a journal too, no H or L"
