"""Finding 8 of issue 15 (rules for every agent): reopening a Resolved ticket raised the Update flag with no
journal event and asked no reason, and `u` cleared a flag with no answer given (R-STATUS-6, R-FLAG-1,
R-JOURNAL-6). A reopen asks why and journals the flag; answering the user clears it; clearing it without an
answer asks first. Each test below fails on the code as it was when found: the domain first, then the local
adapter through HTTP, then the screens as a user meets them. app/contract/flag_checks.py proves the adapter part
of every adapter, RT's too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot

from app.api.backend import TicketQuery
from app.api.schemas import NoteIn, StatusIn
from app.backends.changes import Changes
from app.client import USER_HEADER, HelplineClient
from app.config import Settings
from app.domain import flags
from app.domain.enums import EntryKind, Status
from app.domain.errors import RuleViolation
from app.domain.journal import append_entry
from app.domain.models import JournalEntry, Ticket
from app.domain.status import allowed_targets, apply_status_change
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.choose import Choose
from screens.confirm import Confirm
from screens.letter_preview import LetterPreview
from screens.note_editor import NoteEditor
from tests.domain.factories import AGENTS, NOW, support, teams, ticket
from tests.pilot_helpers import open_journal, settle
from widgets.journal_view import JournalView
from widgets.ticket_list import TicketList

REASON = "The user says the printer jams again since this morning."
SOLUTION = "Replaced the fuser unit and printed fifty test pages with the user."


def _resolved() -> Ticket:
    return ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=3), owner="anna")


def _flag_events(entries: list[JournalEntry]) -> list[str]:
    return [e.body for e in entries if e.kind is EntryKind.SYSTEM_EVENT and e.event == "flag"]


# ----- the domain -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [None, "", "   ", "again", "done"])
def test_a_reopen_without_a_reason_is_refused_R_STATUS_6(reason: str | None) -> None:
    """Finding 8 (rules for every agent): a Resolved ticket reopened with no reason at all. Now a reopen without
    one (or with a word that says nothing) is refused at the field `reason`, and the ticket stays as it was."""
    resolved = _resolved()
    before = resolved.model_copy(deep=True)
    with pytest.raises(RuleViolation) as refused:
        apply_status_change(resolved, Status.IN_PROGRESS, team=support(), actor="anna", now=NOW, reason=reason)
    assert (refused.value.rule, refused.value.field) == ("R-STATUS-6", "reason")
    assert resolved == before
    assert allowed_targets(resolved, support(), NOW) == [Status.IN_PROGRESS], "still offered: the reason is asked"


def test_a_reopen_notes_its_reason_and_journals_the_flag_naming_the_actor_R_STATUS_6_R_JOURNAL_6() -> None:
    """Finding 8 (rules for every agent): the reopen raised the Update flag silently. Now the reason is anna's
    internal note and the flag's own event says who raised it and why."""
    resolved = _resolved()
    seen = len(resolved.journal)
    reopened = apply_status_change(resolved, Status.IN_PROGRESS, team=support(), actor="anna", now=NOW,
                                   reason=REASON)
    assert reopened.status is Status.IN_PROGRESS and reopened.update_flag == NOW and reopened.resolved_at is None
    new = reopened.journal[seen:]
    assert [(e.kind, e.author) for e in new] == [(EntryKind.SYSTEM_EVENT, "anna"), (EntryKind.INTERNAL_NOTE, "anna"),
                                                  (EntryKind.SYSTEM_EVENT, "anna")]
    assert REASON in new[1].body
    assert _flag_events(new) == ["Update flag raised by anna: reopened"]


def test_whether_the_user_has_had_an_answer_since_the_flag_went_up_R_FLAG_1() -> None:
    """Finding 8 (rules for every agent): nothing told whether the user had an answer since they wrote. Only a
    message to the user at or after the flag's time is one."""
    quiet = ticket()
    assert flags.user_answered_since_flag(quiet), "no flag up: nobody is waiting"
    append_entry(quiet, EntryKind.MESSAGE_TO_USER, "anna", "We are looking into it.", NOW - timedelta(hours=2))
    flags.set_update_flag(quiet, True, actor="Eva Holm", now=NOW - timedelta(hours=1))
    assert not flags.user_answered_since_flag(quiet), "an answer before the user wrote again is no answer"
    append_entry(quiet, EntryKind.INTERNAL_NOTE, "anna", "Called the user, no answer.", NOW)
    assert not flags.user_answered_since_flag(quiet), "an internal note is no answer"
    append_entry(quiet, EntryKind.MESSAGE_TO_USER, "anna", "A new fuser is on its way.", NOW)
    assert flags.user_answered_since_flag(quiet)


def test_a_message_to_the_user_clears_the_flag_and_a_clearing_without_one_says_so_R_FLAG_1() -> None:
    """Finding 8 (rules for every agent): answering the user left the Update flag up, and clearing it without an
    answer looked like any other clearing. The answer clears it, naming who answered; a clearing with no answer
    since the user wrote says so in the journal."""
    changes = Changes(teams, lambda: AGENTS)
    answered = ticket()
    changes.add_entry("anna", NoteIn(kind=EntryKind.MESSAGE_FROM_USER, body="Still jams.", author="Eva Holm"))(
        answered, NOW - timedelta(hours=1))
    assert answered.update_flag is not None
    changes.add_entry("anna", NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="A new fuser is on its way."))(
        answered, NOW)
    assert answered.update_flag is None
    assert _flag_events(answered.journal)[-1] == "Update flag cleared by anna (answered the user)"
    unanswered = ticket()
    flags.set_update_flag(unanswered, True, actor="Eva Holm", now=NOW - timedelta(hours=1))
    flags.set_update_flag(unanswered, False, actor="anna", now=NOW)
    assert _flag_events(unanswered.journal)[-1] == "Update flag cleared by anna without an answer to the user"
    resolved = ticket(status=Status.IN_PROGRESS, owner="anna")
    flags.set_update_flag(resolved, True, actor="Eva Holm", now=NOW - timedelta(hours=1))
    apply_status_change(resolved, Status.RESOLVED, team=support(), actor="anna", now=NOW,
                        solution="Replaced the fuser unit and printed fifty test pages.")
    assert resolved.update_flag is None, "the solution mailed to the user is an answer"
    assert _flag_events(resolved.journal)[-1] == "Update flag cleared by anna (answered the user)"


# ----- the local adapter, through HTTP --------------------------------------------------------------------------




async def _resolved_on(client: HelplineClient) -> Ticket:
    made = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm"))
    begun = await client.set_status(made.code, StatusIn(status=Status.IN_PROGRESS), made.version)
    return await client.set_status(made.code, StatusIn(status=Status.RESOLVED, solution=SOLUTION), begun.version)


async def test_the_local_adapter_asks_a_reopen_why_and_clears_the_flag_on_an_answer_R_STATUS_6_R_FLAG_1(
    client: HelplineClient
) -> None:
    """Finding 8 (rules for every agent): through HTTP, a reopen without a reason is refused with 422 and the
    rule, one with a reason raises the flag in the journal, and a message to the user clears it."""
    resolved = await _resolved_on(client)
    url = f"/v1/tickets/{resolved.code}/status"
    headers = {USER_HEADER: client.actor, "If-Match": f'"{resolved.version}"'}
    refused = await client.http.post(url, json={"status": "in_progress"}, headers=headers)
    assert refused.status_code == 422 and refused.json()["rule"] == "R-STATUS-6", refused.text
    assert (await client.get(resolved.code)).version == resolved.version, "nothing was written"
    reopened = await client.http.post(url, json={"status": "in_progress", "reason": REASON}, headers=headers)
    assert reopened.status_code == 200, reopened.text
    ticket_now = await client.get(resolved.code)
    assert ticket_now.status is Status.IN_PROGRESS and ticket_now.update_flag is not None
    assert "Update flag raised by anna: reopened" in _flag_events(ticket_now.journal)
    answered = await client.add_entry(resolved.code, NoteIn(kind=EntryKind.MESSAGE_TO_USER,
                                                          body="We are sending a technician tomorrow."))
    assert answered.update_flag is None
    assert _flag_events(answered.journal)[-1] == "Update flag cleared by anna (answered the user)"


# ----- the screens ----------------------------------------------------------------------------------------------


async def _until(app: HelplineApp, pilot: Pilot[object], screen: type[object]) -> None:
    for _ in range(200):  # the action reads the tickets first, then asks (its worker waits on the answer)
        if isinstance(app.screen, screen):
            return
        await pilot.pause()


def _shown(app: HelplineApp) -> list[str]:
    return [entry.body for entry in app.screen.query_one(JournalView).entries]


async def test_s_on_a_resolved_ticket_asks_why_it_is_reopened_R_STATUS_6(client: HelplineClient) -> None:
    """Finding 8 (rules for every agent): `s` → In Progress reopened at once, asking nothing. Now it asks why:
    esc leaves the ticket Resolved; a reason reopens it, and the journal shows the note and the flag's event."""
    resolved = await _resolved_on(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, resolved.code)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and "reopened" in app.screen.title_text
        await pilot.press("escape")
        await settle(app, pilot)
        assert (await client.get(resolved.code)).status is Status.RESOLVED, "esc changes nothing"
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*REASON, "ctrl+s")
        await settle(app, pilot)
        shown = _shown(app)
    reopened = await client.get(resolved.code)
    assert reopened.status is Status.IN_PROGRESS and reopened.update_flag is not None
    assert "Update flag raised by anna: reopened" in shown and any(REASON in body for body in shown)


async def test_u_on_an_unanswered_flag_asks_first_and_the_journal_says_so_R_FLAG_1(client: HelplineClient) -> None:
    """Finding 8 (rules for every agent): `u` cleared a flag the user had no answer to, like any other. Now the
    question says the user has had no answer: no keeps the flag, yes clears it and the journal says so."""
    flagged = (await client.search(TicketQuery(update_flag=True, limit=1))).items[0]
    assert not flags.user_answered_since_flag(await client.get(flagged.code)), "the demo's users wait for news"
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, flagged.code)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "without answering the user" in app.screen.question
        await pilot.press("n")
        await settle(app, pilot)
        assert (await client.get(flagged.code)).update_flag is not None, "no changes nothing"
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        shown = _shown(app)
    cleared = await client.get(flagged.code)
    assert cleared.update_flag is None
    assert "Update flag cleared by anna without an answer to the user" in shown


async def test_R_a_message_to_the_user_clears_the_update_flag_R_FLAG_1(client: HelplineClient) -> None:
    """Finding 8 (rules for every agent): after `R` the Update flag stayed up, so the answered ticket still
    waited in view 4. The message clears it and the journal says who answered."""
    flagged = (await client.search(TicketQuery(update_flag=True, limit=1))).items[0]
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, flagged.code)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"A technician comes by tomorrow at nine.", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterPreview)
        await pilot.press("s")
        await settle(app, pilot)
        shown = _shown(app)
    assert (await client.get(flagged.code)).update_flag is None
    assert "Update flag cleared by anna (answered the user)" in shown


async def test_u_in_the_queue_asks_once_for_the_unanswered_marked_rows_R_FLAG_1(client: HelplineClient) -> None:
    """Finding 8 (rules for every agent): `u` on marked rows cleared every flag at once, answered or not. Now it
    asks once, naming how many users have had no answer; no changes nothing."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4")  # Update flag raised
        await settle(app, pilot)
        marked = [row.code for row in app.screen.query_one(TicketList).rows[:2]]
        await pilot.press("g", "space", "space", "u")
        await _until(app, pilot, Confirm)
        assert isinstance(app.screen, Confirm) and "2 ticket(s) without answering the user" in app.screen.question
        await pilot.press("n")
        await settle(app, pilot)
    assert len(marked) == 2
    for code in marked:
        assert (await client.get(code)).update_flag is not None, f"{code}: no changes nothing"


async def test_s_in_the_queue_reopens_nothing_without_a_reason_R_STATUS_6(client: HelplineClient) -> None:
    """Finding 8 (rules for every agent): the queue's `s` on a Resolved row offered In Progress and reopened it
    with no reason. A reopen is made in the journal, where it is asked why: the queue says so and changes nothing."""
    resolved = await _resolved_on(client)
    wrote = await client.add_entry(resolved.code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, author="Eva Holm",
                                                         body="It jams again."))
    assert wrote.status is Status.RESOLVED and wrote.update_flag is not None
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4")  # Update flag raised: a Resolved ticket the user wrote to is there
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row.code == resolved.code))
        await pilot.press("s")
        await settle(app, pilot)
        assert not isinstance(app.screen, Choose)
        told = [notification.message for notification in app._notifications]
    assert any("reopened in its journal" in message for message in told), told
    assert (await client.get(resolved.code)).version == wrote.version, "nothing was written"
