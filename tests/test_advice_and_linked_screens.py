"""Advisory and linked escalations from the journal's keys (R-ADVICE-1/2, R-LINK-1/2)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from app.client import HelplineClient
from app.config import Identity, Settings
from app.connect import local_client
from app.domain.enums import AdvisoryBounce, EscalationKind, EscalationStatus, Status
from app.domain.models import Ticket
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.advice_answer import AdviceAnswerScreen
from screens.advisory import AdvisoryScreen
from screens.journal import JournalScreen
from screens.linked_escalation import LinkedEscalationScreen
from tests.pilot_helpers import open_journal, settle
from widgets.escalation_list import EscalationList
from widgets.ticket_list import TicketList

MIDDAY = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # a Wednesday: second line is open
EVENING = datetime(2026, 11, 18, 19, 30, tzinfo=UTC)
HELP = "How do we restore a deleted Teams channel for a course?"
WHY = "The teacher lost all files and the exam starts tomorrow morning."


def freeze(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    for module in ("app.usecases", "app.backends.local"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: when)


async def started_ticket(client: HelplineClient) -> Ticket:
    ticket = await client.create(NewTicket(subject="Teams channel of a course was deleted", requester="Eva Holm",
                                           category="Collaboration"))
    return await client.begin_work(ticket.code, ticket.version)



async def test_advice_is_refused_while_second_line_is_open_and_sent_when_closed_R_ADVICE_2(
    client: HelplineClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await started_ticket(client)
    freeze(monkeypatch, MIDDAY)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, ticket.code)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AdvisoryScreen)
        await pilot.press(*HELP)
        screen.query_one("#advisory-why", TextArea).text = WHY
        screen.query_one("#advisory-missing", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        shown = str(screen.query_one("#advisory-problem", Static).render())
        assert "Second line is open" in shown and "R-ADVICE-2" in shown
        assert screen.query_one("#advisory-help", TextArea).text == HELP, "what was typed stays"
        freeze(monkeypatch, EVENING)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(ticket.code)
    assert (stored.owner, stored.status, stored.team) == ("anna", Status.IN_PROGRESS, "support")
    escalation = stored.escalations[-1]
    assert (escalation.kind, escalation.team, escalation.status) == (
        EscalationKind.ADVISORY, "specialists", EscalationStatus.OPEN)


async def test_the_specialist_finds_the_request_in_view_7_and_answers_or_bounces_it_R_ADVICE_1(
    client: HelplineClient, store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.domain.advisory import AdvisoryRequest
    from app.usecases import Desk

    freeze(monkeypatch, EVENING)
    desk = await Desk.connect(client)
    asked = []
    for _ in range(2):
        ticket = await started_ticket(client)
        asked.append(await desk.escalate_advisory(ticket, "specialists",
                                                  AdvisoryRequest(help_needed=HELP, why=WHY, routine_missing=True)))
    ida = local_client(store_dir, "ida")
    app = HelplineApp(Settings(me=Identity(username="ida", name="Ida Mørk", team="specialists")), client=ida)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("7")
        await settle(app, pilot)
        assert {row.code for row in app.screen.query_one(TicketList).rows} == {t.code for t in asked}
        await pilot.press("escape")
        for index, ticket in enumerate(asked):
            journal = await open_journal(app, pilot, ticket.code)
            assert journal.check_action("answer_advice", ()) is True
            await pilot.press("w")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, AdviceAnswerScreen)
            if index == 0:
                await pilot.press(*"Restore it from the recycle bin of the team's site, then re-share.", "ctrl+s")
            else:
                screen.query_one("#answer-kind", Select).value = AdvisoryBounce.ROUTINE_EXISTS
                await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, JournalScreen)
            await pilot.press("escape")
            await settle(app, pilot)
    await ida.aclose()
    answered, bounced = [await client.get(t.code) for t in asked]
    assert answered.escalations[-1].status is EscalationStatus.ANSWERED
    assert any("recycle bin" in e.body and e.author == "ida" for e in answered.journal)
    assert bounced.escalations[-1].status is EscalationStatus.BOUNCED
    assert any("An existing routine answers it" in e.body for e in bounced.journal)
    assert (answered.owner, answered.status) == ("anna", Status.IN_PROGRESS), "advice is not a hand-over"


async def test_a_non_specialist_cannot_answer_advice_R_ADVICE_1(client: HelplineClient, store_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from app.domain.advisory import AdvisoryRequest
    from app.usecases import Desk

    freeze(monkeypatch, EVENING)
    ticket = await started_ticket(client)
    desk = await Desk.connect(client)
    await desk.escalate_advisory(ticket, "specialists", AdvisoryRequest(help_needed=HELP, why=WHY,
                                                                         routine_missing=True))
    app = HelplineApp(Settings(), client=client)  # anna is no specialist
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        assert journal.check_action("answer_advice", ()) is False
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)


async def test_linked_escalations_each_with_number_handler_and_priority_R_LINK_1_R_LINK_2(
    client: HelplineClient,
) -> None:
    ticket = await started_ticket(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        await pilot.press("L")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LinkedEscalationScreen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "R-LINK-1" in str(screen.query_one("#linked-problem", Static).render()), "an empty note is refused"
        await pilot.press("tab", "tab", "tab", *"The user complains about three days without Teams")  # kind first
        screen.query_one("#linked-handler", Input).value = "ruben"
        screen.query_one("#linked-priority", Select).value = 2
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        app.screen.query_one("#linked-kind", Select).value = EscalationKind.ACTION
        await pilot.press("tab", "tab", "tab", *"Back up course channels nightly", "ctrl+s")
        await settle(app, pilot)
        rows = journal.query_one(EscalationList).rows_text()
    assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in rows] == [
        (ticket.code, "In Progress", "Open", f"Complaint {ticket.code}-E1", "Ruben Visser (ruben)", "2"),
        (ticket.code, "In Progress", "Open", f"Action {ticket.code}-E2", "-", "-"),
    ]
    stored = await client.get(ticket.code)
    assert [e.kind for e in stored.escalations] == [EscalationKind.COMPLAINT, EscalationKind.ACTION]
    assert stored.status is Status.IN_PROGRESS, "the ticket can stay open"
