"""Dispatch, assign, direct hand-over, return and hierarchical escalation from the keyboard
(R-DISPATCH-1..6, R-JOURNAL-3, R-ESC-4, R-TICKET-4)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static, TextArea

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Identity, Settings
from app.connect import local_client
from app.domain.enums import EntryKind, EscalationKind, Impact, Status, Urgency
from app.domain.models import Ticket
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.choose import Choose
from screens.direct_handover import DirectHandoverScreen
from screens.dispatch import DispatchScreen
from screens.journal import JournalScreen
from screens.queue import QueueScreen
from tests.pilot_helpers import open_from_journal, open_journal, settle
from widgets.escalation_list import EscalationList
from widgets.ticket_list import TicketList

SUMMARY = "Printer jams on every job; cleared the paper path and power-cycled it, still jams in tray 2."


async def new_ticket(client: HelplineClient, **changes: object) -> Ticket:
    data: dict[str, object] = dict(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                   category="Printing")
    data.update(changes)
    return await client.create(NewTicket.model_validate(data))



async def test_dispatch_offers_teams_only_and_refuses_done_as_summary_R_DISPATCH_6_R_JOURNAL_3(
    client: HelplineClient,
) -> None:
    ticket = await new_ticket(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_from_journal(app, pilot, ticket.code, "d", DispatchScreen)
        offered = {screen.query_one(OptionList).get_option_at_index(i).id
                   for i in range(screen.query_one(OptionList).option_count)}
        teams = {team.id for team in await client.teams()}
        assert offered <= teams and "infrastructure" in offered, "teams only: no person can be picked"
        assert "support" not in offered and "specialists" not in offered
        first = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "open" in first and "unassigned" in first and "dispatcher" in first
        while screen.chosen_team() != "infrastructure":
            await pilot.press("down")
        await pilot.press("enter", *"done", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen)
        assert "R-JOURNAL-3" in str(screen.query_one("#dispatch-problem", Static).render())
        assert screen.query_one("#dispatch-summary", TextArea).text == "done", "what was typed stays"
        assert (await client.get(ticket.code)).team == "support"
        screen.query_one("#dispatch-summary", TextArea).text = SUMMARY
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(ticket.code)
    assert (stored.team, stored.owner) == ("infrastructure", None)
    assert any(e.kind is EntryKind.INTERNAL_NOTE and e.body == SUMMARY for e in stored.journal)


async def test_marked_rows_are_dispatched_one_after_the_other_R_DISPATCH_1(client: HelplineClient) -> None:
    first = await new_ticket(client)
    second = await new_ticket(client, subject="Scanner on floor 3 feeds two sheets at once")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        for code in (first.code, second.code):
            tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row.code == code))
            await pilot.press("space")
        await pilot.press("d")
        for code in (first.code, second.code):
            for _ in range(20):
                await pilot.pause()
                if isinstance(app.screen, DispatchScreen) and app.screen.ticket.code == code:
                    break
            screen = app.screen
            assert isinstance(screen, DispatchScreen) and screen.ticket.code == code
            screen.query_one(OptionList).highlighted = next(
                i for i, team in enumerate(screen.teams) if team.id == "general-apps")
            screen.query_one("#dispatch-summary", TextArea).text = SUMMARY
            await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    assert {(await client.get(code)).team for code in (first.code, second.code)} == {"general-apps"}


async def test_a_multi_problem_ticket_can_be_split_first_R_TICKET_4_R_DISPATCH_5(client: HelplineClient) -> None:
    ticket = await new_ticket(client, subject="Printer jams and also the scanner on floor 3 is broken")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, ticket.code)
        await pilot.press("d")
        await settle(app, pilot)
        assert app.screen.query("#split-hint"), "the hint offers a split"
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"Scanner on floor 3 does not scan", "ctrl+s")
        await settle(app, pilot)
    stored = await client.get(ticket.code)
    assert [link.kind.value for link in stored.links] == ["split_into"]
    part = await client.get(stored.links[0].code)
    assert part.subject == "Scanner on floor 3 does not scan" and part.links[0].code == ticket.code


async def test_only_the_holding_teams_dispatcher_sees_assign_and_assigns_R_DISPATCH_3(
    client: HelplineClient, store_dir: Path
) -> None:
    ticket = await new_ticket(client)
    await client.dispatch(ticket.code, _dispatch_body("infrastructure"), ticket.version)
    lars = local_client(store_dir, "lars")
    app = HelplineApp(Settings(me=Identity(username="lars", name="Lars Nygaard")), client=lars)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        assert journal.check_action("assign", ()) is False
        await pilot.press("A")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen), "a non-dispatcher gets no assign dialog"
    await lars.aclose()
    mikkel = local_client(store_dir, "mikkel")
    settings = Settings(me=Identity(username="mikkel", name="Mikkel Dahl", team="infrastructure"))
    app = HelplineApp(settings, client=mikkel)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3")  # the team queue
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row.code == ticket.code))
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        labels = [label for label, _ in app.screen.choices]
        assert any("sofie" in label for label in labels) and not any("lars" in label for label in labels)
        await pilot.press(*["down"] * [v for _, v in app.screen.choices].index("sofie"), "enter")
        await settle(app, pilot)
    await mikkel.aclose()
    stored = await client.get(ticket.code)
    assert (stored.owner, stored.status) == ("sofie", Status.ASSIGNED)


async def test_direct_hand_over_needs_the_agreed_agent_named_R_DISPATCH_2(client: HelplineClient) -> None:
    ticket = await new_ticket(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_from_journal(app, pilot, ticket.code, "D", DirectHandoverScreen)
        screen.query_one("#handover-team", Select).value = "infrastructure"
        await pilot.pause()
        screen.query_one("#handover-agent", Select).value = "sofie"
        screen.query_one("#handover-summary", TextArea).text = SUMMARY
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "R-DISPATCH-2" in str(screen.query_one("#handover-problem", Static).render())
        assert (await client.get(ticket.code)).owner is None
        screen.query_one("#handover-agreed", Input).focus()
        await pilot.press(*"sofie", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(ticket.code)
    assert (stored.team, stored.owner) == ("infrastructure", "sofie")
    assert any("agreed" in e.body and "sofie" in e.body for e in stored.journal if e.kind is EntryKind.SYSTEM_EVENT)


async def test_second_line_sends_a_solved_ticket_home_in_one_action_R_DISPATCH_4(
    client: HelplineClient, store_dir: Path
) -> None:
    ticket = await new_ticket(client)
    await client.dispatch(ticket.code, _dispatch_body("infrastructure"), ticket.version)
    sofie = local_client(store_dir, "sofie")
    app = HelplineApp(Settings(me=Identity(username="sofie", name="Sofie Kjær", team="infrastructure")),
                      client=sofie)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        assert journal.check_action("return_to_primary", ()) is True
        await pilot.press("B")
        await pilot.pause()
        await pilot.press(*"Replaced the fuser unit; printed 50 test pages without a jam.", "ctrl+s")
        await settle(app, pilot)
    await sofie.aclose()
    stored = await client.get(ticket.code)
    assert stored.team == "support" and stored.owner is None
    assert "Replaced the fuser unit" in stored.journal[-3].body or any(
        "Replaced the fuser unit" in e.body for e in stored.journal)


async def test_hierarchical_escalation_of_a_p1_names_who_follows_up_R_ESC_4(client: HelplineClient) -> None:
    ticket = await new_ticket(client, impact=Impact.COMPANY, urgency=Urgency.HIGH)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, ticket.code)
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        handler = next(v for _, v in app.screen.choices if v == "maja")
        await pilot.press(*["down"] * [v for _, v in app.screen.choices].index(handler), "enter")
        await pilot.pause()
        await pilot.press(*"The exam network is down: prioritise with the infra lead now", "ctrl+s")
        await settle(app, pilot)
        rows = app.screen.query_one(EscalationList).rows_text()
        assert rows[-1][0] == ticket.code and rows[-1][5] == "Maja Lindqvist (maja)", "the ticket shows who follows up"
    stored = await client.get(ticket.code)
    escalation = stored.escalations[-1]
    assert (escalation.kind, escalation.handler) == (EscalationKind.HIERARCHICAL, "maja")


def _dispatch_body(team: str) -> object:
    from app.api.schemas import DispatchIn

    return DispatchIn(team=team, summary=SUMMARY)


async def _open_count(client: HelplineClient) -> int:
    return (await client.search(TicketQuery(open=True, limit=1))).total
