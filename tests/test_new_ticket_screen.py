"""New ticket form: field problems at the field, duplicates before saving, quick case (R-TICKET-3/5/6/8)."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import Impact, Kind, Status, Urgency
from app.tui import HelplineApp
from screens.confirm import Confirm
from screens.duplicate_choice import DuplicateChoice
from screens.new_ticket import NewTicketScreen
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from widgets.ticket_list import TicketList


async def fill(app: HelplineApp, pilot: object, **values: str) -> None:
    for name, value in values.items():
        app.screen.query_one(f"#{name}", Input).value = value
    await pilot.pause()  # type: ignore[attr-defined]


async def total(client: HelplineClient) -> int:
    return (await client.search(TicketQuery(limit=1))).total


async def test_refused_fields_are_named_and_nothing_is_lost_R_TICKET_3_R_TICKET_5(client: HelplineClient) -> None:
    before = await total(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen)
        await fill(app, pilot, requester="Anna Berg", subject="Help!!")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "R-TICKET-3" in str(app.screen.query_one("#requester-problem", Static).render())
        assert "R-TICKET-5" in str(app.screen.query_one("#subject-problem", Static).render())
        assert app.screen.focused is app.screen.query_one("#requester", Input)
        assert app.screen.query_one("#subject", Input).value == "Help!!", "the draft is kept"
    assert await total(client) == before


async def test_saved_ticket_lands_in_the_queue_under_the_cursor(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await fill(app, pilot, requester="Nils Ek", subject="Beamer in room 1.12 shows no picture", category="AV")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        current = app.screen.query_one(TicketList).current
        assert current is not None and current.subject == "Beamer in room 1.12 shows no picture"
    stored = await client.get(current.code)
    assert stored.requester == "Nils Ek" and stored.category == "AV" and stored.team == "support"


async def test_likely_duplicates_are_shown_before_saving_R_TICKET_6(client: HelplineClient) -> None:
    existing = (await client.search(TicketQuery(open=True, limit=1))).items[0]
    before = await total(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await fill(app, pilot, requester=existing.requester, subject=existing.subject)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicateChoice) and existing.code in [d.row.code for d in app.screen.found]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen)
        assert await total(client) == before
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("s")  # save anyway
        await settle(app, pilot)
    assert await total(client) == before + 1


async def test_quick_case_is_registered_resolved_R_TICKET_8(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await fill(app, pilot, requester="Nils Ek", subject="Password reset for the mail account")
        await pilot.press("ctrl+r", *"Reset the password while on the phone", "ctrl+s")
        await pilot.pause()  # R-MAIL-1: the resolve letter and whom it goes to, shown before it is saved
        assert isinstance(app.screen, Confirm) and "To: Nils Ek" in app.screen.question
        assert "Reset the password while on the phone" in app.screen.question and "Dear user" in app.screen.question
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    newest = (await client.search(TicketQuery(sort="code", limit=1000))).items[-1]
    stored = await client.get(newest.code)
    assert stored.subject == "Password reset for the mail account" and stored.status is Status.RESOLVED


async def test_impact_and_urgency_preview_the_priority_R_PRIO_1_R_PRIO_2(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        preview = app.screen.query_one("#priority-preview", Static)
        assert "P5" in str(preview.render())
        app.screen.query_one("#impact", Select).value = Impact.COMPANY
        app.screen.query_one("#urgency", Select).value = Urgency.MEDIUM
        await pilot.pause()
        assert "P2" in str(preview.render())
        app.screen.query_one("#kind", Select).value = Kind.SERVICE_REQUEST
        await pilot.pause()
        assert "SR3" in str(preview.render()), "the request matrix replaces the incident one"
        app.screen.query_one("#impact", Select).value = Impact.MUST_HAVE
        app.screen.query_one("#urgency", Select).value = Urgency.EXPEDITE
        await fill(app, pilot, requester="Nils Ek", subject="Laptop for the new exam coordinator")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    newest = (await client.search(TicketQuery(sort="code", limit=1000))).items[-1]
    assert newest.subject == "Laptop for the new exam coordinator" and newest.priority.value == "SR1"


async def test_a_fields_message_goes_as_soon_as_its_value_is_right(client: HelplineClient) -> None:
    """Issue 19: "Help!" is refused at the subject; once the subject says what is wrong, its message goes at once
    (the requester's, still wrong, stays)."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await fill(app, pilot, requester="", subject="Help!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen

        def said(name: str) -> str:
            return str(screen.query_one(f"#{name}-problem", Static).render())

        assert "R-TICKET-5" in said("subject") and "R-TICKET-3" in said("requester")
        await fill(app, pilot, subject="Printer on floor 2 jams on every job")
        assert said("subject") == "" and "R-TICKET-3" in said("requester")


async def test_impact_and_urgency_come_after_the_users_words_with_their_priority_in_the_kinds_own_words(
        client: HelplineClient) -> None:
    """Issue 19: asked in the order of the form (after requester, subject and description), each choice showing
    the priority it gives, and a service request asked in R-PRIO-2's words, not the incident's."""
    from textual.widgets import Label

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        screen = app.screen
        order = [widget.id for widget in screen.query("Input, TextArea, Select")]
        assert order.index("description") < order.index("impact") < order.index("urgency"), order
        assert order.index("requester") < order.index("impact")
        impact, urgency = screen.query_one("#impact", Select), screen.query_one("#urgency", Select)
        assert (impact.value, urgency.value) == (Impact.INDIVIDUAL, Urgency.LOW), "the choice is shown, not blank"
        assert any(str(prompt) == "Individual → P5" for prompt, _ in impact._options)
        impact.value = Impact.COMPANY
        await pilot.pause()
        assert any(str(prompt) == "High → P1" for prompt, _ in urgency._options), "urgency says what it gives"
        assert "P3 (Company / Low)" in str(screen.query_one("#priority-preview", Static).render())
        screen.query_one("#kind", Select).value = Kind.SERVICE_REQUEST
        await pilot.pause()
        titles = " ".join(str(label.render()) for label in screen.query(Label))
        assert "Must have / Should have / Whenever possible" in titles and "Expedite / Standard" in titles
        assert "Impact" not in titles and "Urgency" not in titles, titles
        assert any(str(prompt) == "Whenever possible → SR3" for prompt, _ in impact._options)
        impact.value = Impact.MUST_HAVE
        await pilot.pause()
        assert "SR2 (Must have / Standard)" in str(screen.query_one("#priority-preview", Static).render())
        await fill(app, pilot, requester="Nils Ek", subject="Laptop for the new exam coordinator")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    newest = (await client.search(TicketQuery(sort="code", limit=1000))).items[-1]
    assert newest.subject == "Laptop for the new exam coordinator" and newest.priority.value == "SR2", "as shown"
