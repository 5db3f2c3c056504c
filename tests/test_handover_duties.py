"""Finding 2 (follow-up and triage), first half: the P1/P2 duties came only after the write, named "dispatcher
Mikkel Dahl (mikkel) or team lead Mikkel Dahl (mikkel)" (one person twice) and gave no number to call. Now they
show on the hand-over screen before it is sent, each person once with the directory's phone (R-PRIO-4), and
are acknowledged after."""

from __future__ import annotations

from app.client import HelplineClient
from app.config import Settings
from app.demo import demo_people
from app.domain.dispatch import handover_reminder
from app.domain.enums import Impact, Priority, Urgency
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.dispatch import DispatchScreen
from tests.pilot_helpers import open_from_journal
from widgets.handover_duties import HandoverDuties


def test_each_person_to_call_is_named_once_with_their_roles_and_phone() -> None:
    teams, agents = demo_people()
    directory = {agent.username: agent for agent in agents}
    infrastructure = next(team for team in teams if team.id == "infrastructure")
    said = handover_reminder(Priority.P1, infrastructure, directory)
    assert said is not None and said.count("Mikkel Dahl") == 1, said
    assert "dispatcher and team lead" in said and directory["mikkel"].phone in said
    support = next(team for team in teams if team.id == "support")
    both = handover_reminder(Priority.P2, support, directory)
    assert both is not None and directory["anna"].phone in both and directory["maja"].phone in both


async def test_the_dispatch_screen_shows_the_duties_of_a_p1_before_it_is_sent(client: HelplineClient) -> None:
    p1 = await client.create(NewTicket(subject="Wireless down in the exam hall", requester="Eva Holm",
                                       category="Network", impact=Impact.COMPANY, urgency=Urgency.HIGH))
    assert p1.priority is Priority.P1
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_from_journal(app, pilot, p1.code, "d", DispatchScreen)
        while screen.chosen_team() != "infrastructure":
            await pilot.press("down")
        duties = screen.query_one(HandoverDuties)
        assert duties.display and duties.text is not None
        assert "Infrastructure" in duties.text and "+45 3312" in duties.text and "Nothing else" in duties.text
        assert (await client.get(p1.code)).team == p1.team, "shown before anything was sent"


async def test_a_p3_hand_over_shows_no_duties(client: HelplineClient) -> None:
    p3 = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                       category="Printing"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_from_journal(app, pilot, p3.code, "d", DispatchScreen)
        await pilot.press("down")
        assert not screen.query_one(HandoverDuties).display
