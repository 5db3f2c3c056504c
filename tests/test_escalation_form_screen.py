"""The escalation form a-h driven from the keyboard on a demo store (R-ESC-1/2, R-PRIO-4/5, R-TICKET-3/5)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import ColleaguesAffected, EntryKind, EscalationKind, Priority, Status, Urgency, UserUrgency
from app.domain.models import Ticket
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.choose import Choose
from screens.escalation_form import EscalationFormScreen
from screens.journal import JournalScreen
from screens.queue import QueueScreen
from screens.reminder import Reminder
from tests.pilot_helpers import settle
from widgets.attachment_picker import AttachmentPicker
from widgets.priority_matrix import PriorityMatrix
from widgets.step_list import StepList

DESCRIPTION = "Since Monday every print job jams in tray 2; the whole floor prints on the 3rd floor meanwhile."


async def printer_incident(client: HelplineClient) -> Ticket:
    ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                           description=DESCRIPTION, category="Printing"))
    return await client.begin_work(ticket.code, ticket.version)


async def open_form(app: HelplineApp, pilot: object, code: str) -> EscalationFormScreen:
    await settle(app, pilot)  # type: ignore[arg-type]
    queue = app.screen
    assert isinstance(queue, QueueScreen)
    queue.open_ticket(code)
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, JournalScreen)
    await pilot.press("e")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, EscalationFormScreen)
    return app.screen


async def choose(pilot: object, select: Select[object], value: object) -> None:
    """Pick a value of a Select from the keyboard: open it, move down to the value, enter."""
    select.focus()
    options = [v for _, v in select._options if v is not Select.NULL]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    for _ in range(options.index(value) + (1 if select.is_blank() else 0)):
        await pilot.press("down")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert select.value == value


def fill_the_rest(form: EscalationFormScreen, colleagues: ColleaguesAffected, urgency: UserUrgency) -> None:
    """d, e, f, g and the team, set directly (the printer escalation test types them key by key)."""
    form.query_one(StepList).set_steps(["Cleared the paper path"])
    form.query_one("#serial_number", Input).value = "CNB1K2345"
    form.query_one("#colleagues", Select).value = colleagues
    form.query_one("#user_urgency", Select).value = urgency
    form.query_one("#target_team", Select).value = "infrastructure"


def problem(screen: EscalationFormScreen, letter: str) -> str:
    return str(screen.query_one(f"#problem-{letter}", Static).render())


async def test_escalate_a_printer_incident_with_steps_and_a_photo_R_ESC_2(client: HelplineClient, tmp_path: Path
                                                                           ) -> None:
    ticket = await printer_incident(client)
    photo = tmp_path / "jam.jpg"
    photo.write_bytes(b"\xff\xd8 the jammed tray \xff\xd9")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        assert form.query_one("#requester", Input).value == "Eva Holm", "a) comes from the ticket"
        form.query_one("#step-input", Input).focus()
        await pilot.press(*"Cleared the paper path", "enter", *"Power-cycled the printer", "enter")
        form.query_one("#serial_number", Input).focus()
        await pilot.press(*"CNB1K2345")
        await choose(pilot, form.query_one("#colleagues", Select), ColleaguesAffected.SEVERAL_USERS)
        await choose(pilot, form.query_one("#user_urgency", Select), UserUrgency.HINDERS_WORK)
        # R-PRIO-5: the matrix proposes the priority live
        assert "Priority P3" in form.query_one(PriorityMatrix).summary
        form.query_one("#attachment-path", Input).focus()
        await pilot.press(*str(photo), "enter")
        await pilot.pause()
        assert [Path(a.path).name for a in form.query_one(AttachmentPicker).attachments] == ["jam.jpg"]
        await choose(pilot, form.query_one("#target_team", Select), "infrastructure")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen), "a P3 hand-over needs no reminder"
    stored = await client.get(ticket.code)
    assert (stored.team, stored.owner, stored.status) == ("infrastructure", None, Status.IN_PROGRESS)
    summary = next(e for e in stored.journal if e.pinned)
    assert "1. Cleared the paper path" in summary.body and "2. Power-cycled the printer" in summary.body
    assert "CNB1K2345" in summary.body and stored.serial_number == "CNB1K2345"
    assert [a.name for a in stored.attachments] == ["jam.jpg"] and stored.attachments[0].size == photo.stat().st_size
    assert any(e.kind is EntryKind.MESSAGE_TO_USER and "Infrastructure" in e.body for e in stored.journal)
    assert stored.escalations[-1].kind is EscalationKind.FUNCTIONAL


async def test_missing_serial_weak_subject_and_agent_as_requester_are_refused_at_their_fields_R_ESC_1(
    client: HelplineClient,
) -> None:
    ticket = await printer_incident(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        form.query_one("#requester", Input).value = "Anna Berg"
        form.query_one("#subject", Input).value = "help"
        form.query_one("#target_team", Select).value = "infrastructure"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EscalationFormScreen)
        assert "R-TICKET-3" in problem(form, "a")
        assert "R-TICKET-5" in problem(form, "b")
        assert "serial number" in problem(form, "e").lower()
        assert problem(form, "team") == ""
        assert form.focused is form.query_one("#requester", Input), "the cursor goes to the first problem"
        assert form.query_one("#subject", Input).value == "help", "nothing typed is lost"
    stored = await client.get(ticket.code)
    assert stored.version == ticket.version and stored.team == "support"


async def test_the_draft_survives_a_restart_and_esc_asks_before_discarding_R_ESC_1(client: HelplineClient) -> None:
    ticket = await printer_incident(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        form.query_one("#step-input", Input).focus()
        await pilot.press(*"Replaced the toner", "enter")
        form.query_one("#serial_number", Input).focus()
        await pilot.press(*"CNB9")
        await pilot.pause()
    # The app is gone without leaving the form, as after a crash; a new one offers the draft again.
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        assert form.query_one(StepList).steps == ["Replaced the toner"]
        assert form.query_one("#serial_number", Input).value == "CNB9"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choose), "esc asks before anything typed is dropped"
        await pilot.press("down", "down", "enter")  # Stay
        await pilot.pause()
        assert app.screen is form and form.query_one("#serial_number", Input).value == "CNB9"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "enter")  # Discard the draft
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("e")
        await settle(app, pilot)
        assert app.screen.query_one(StepList).steps == [], "a discarded draft is gone"


async def test_a_p1_hand_over_blocks_on_the_reminder_to_call_R_PRIO_4(client: HelplineClient) -> None:
    ticket = await printer_incident(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        fill_the_rest(form, ColleaguesAffected.WHOLE_SITE, UserUrgency.STOPS_WORK)
        await pilot.pause()
        await pilot.press("ctrl+s")
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, Reminder):
                break
        assert isinstance(app.screen, Reminder)
        assert "Mikkel Dahl" in app.screen.text and "P1" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Reminder), "esc does not wave the reminder away"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(ticket.code)
    assert stored.priority is Priority.P1 and stored.team == "infrastructure"


async def test_an_override_needs_its_reason_and_the_matrix_shows_both_R_PRIO_5(client: HelplineClient) -> None:
    ticket = await printer_incident(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        fill_the_rest(form, ColleaguesAffected.ONLY_USER, UserUrgency.HINDERS_WORK)
        await choose(pilot, form.query_one("#urgency_override", Select), Urgency.HIGH)
        matrix = form.query_one(PriorityMatrix).summary
        assert "Priority P3" in matrix and "proposed P4" in matrix, "the override shows beside the proposal"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "override" in problem(form, "g") and form.focused is form.query_one("#override_reason", Input)
        await pilot.press(*"Exam at 9 tomorrow and the spare printer is gone", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(ticket.code)
    assert (stored.priority, stored.urgency) == (Priority.P3, Urgency.HIGH)
    assert stored.priority_reason == "Exam at 9 tomorrow and the spare printer is gone"
    assert stored.awaiting_acceptance is False


async def test_q_on_a_choice_in_the_form_does_not_quit(client: HelplineClient) -> None:
    ticket = await printer_incident(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, ticket.code)
        form.query_one("#colleagues", Select).focus()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and app.screen is form
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running, "ctrl+q still quits from anywhere"
