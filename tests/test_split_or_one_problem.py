"""Finding 4 of "rules for every agent": split and category were hints only (R-TICKET-4, R-DISPATCH-5, R-JOURNAL-6).

A ticket the dispatch screen itself called multi-problem was still dispatched with ctrl+s, and a Printing category
on a VPN ticket passed. Now a hand-over of a ticket that looks like several problems is refused unless it was
split or the agent states that it is one problem (journalled, naming them), in the domain and so in every adapter;
and the hand-over screens show the category under the description, suggest the one its words point to and send a
disagreeing category only on a deliberate second ctrl+s. Each test below fails on the code as it was found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from textual.widgets import Input, OptionList, Static, TextArea

from app.client import USER_HEADER, HelplineClient
from app.config import Settings
from app.domain import dispatch
from app.domain.enums import ColleaguesAffected, EntryKind, LinkKind, UserUrgency
from app.domain.errors import RuleViolation
from app.domain.escalation_form import EscalationForm, apply_escalation_form
from app.domain.models import Link, Ticket
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.dispatch import DispatchScreen
from screens.journal import JournalScreen
from tests.domain.factories import AGENTS, NOW, SOLUTION, teams, ticket
from tests.pilot_helpers import open_from_journal, settle

SUMMARY = "Printer jams on every job and the scanner feeds nothing; cleaned both, restarted both, no change."
SUBJECT = "Printer jams and also the scanner is broken"
SEVERAL = "The printer on floor 2 jams on every job. Also the scanner next to it does not scan."
STATED = "One problem, stated by anna (R-TICKET-4)"


def several(**changes: Any) -> Ticket:
    return ticket(subject=SUBJECT, description=SEVERAL, **changes)


def _form(one_problem: bool = False) -> EscalationForm:
    return EscalationForm(
        requester="Eva Holm", subject=SUBJECT, description=SEVERAL,
        troubleshooting=["Cleared the paper path", "Restarted the scanner"], serial_number="CNB1K2345",
        colleagues=ColleaguesAffected.SEVERAL_USERS, user_urgency=UserUrgency.HINDERS_WORK,
        target_team="infrastructure", one_problem=one_problem,
    )


HAND_OVERS: dict[str, Callable[[Ticket, bool], object]] = {
    "dispatch": lambda t, one: dispatch.apply_dispatch(
        t, "infrastructure", teams=teams(), agents=AGENTS, actor="anna", summary=SUMMARY, now=NOW, one_problem=one),
    "escalation form": lambda t, one: apply_escalation_form(
        t, _form(one), teams=teams(), agents={}, actor="anna", attachments=[], now=NOW),
    "direct hand-over": lambda t, one: dispatch.apply_direct_handover(
        t, "infrastructure", "sofie", teams=teams(), agents=AGENTS, actor="anna", agreed_with="sofie",
        summary=SUMMARY, now=NOW, one_problem=one),
}


def stated(t: Ticket) -> list[tuple[str, str]]:
    return [(e.author, e.body) for e in t.journal if e.kind is EntryKind.SYSTEM_EVENT and e.event == "one_problem"]


@pytest.mark.parametrize("hand_over", list(HAND_OVERS))
def test_finding_4_a_multi_problem_ticket_is_split_or_stated_one_problem_before_hand_over_R_TICKET_4(
    hand_over: str,
) -> None:
    """Finding 4 (rules for every agent): a ticket holding a printer and a scanner problem was handed over as it
    was. Every hand-over of it is refused, naming ctrl+t and the statement, and writes nothing; stated to be one
    problem it goes, and the journal names who stated it (R-JOURNAL-6)."""
    held = several()
    before = held.model_dump()
    with pytest.raises(RuleViolation) as refused:
        HAND_OVERS[hand_over](held, False)
    assert (refused.value.rule, refused.value.field) == ("R-TICKET-4", "one_problem")
    assert "ctrl+t" in refused.value.message and "one problem" in refused.value.message, refused.value.message
    assert held.model_dump() == before, "a refused hand-over writes nothing"
    HAND_OVERS[hand_over](held, True)
    assert held.team == "infrastructure"
    assert stated(held) == [("anna", STATED)]


def test_finding_4_a_split_ticket_and_one_problem_tickets_need_no_statement_R_TICKET_4() -> None:
    """Finding 4 (rules for every agent): the rule asks nothing of a ticket split already (or split off), of a
    ticket that looks like one problem, nor of the way home (R-DISPATCH-4), and states nothing unasked."""
    split = several(links=[Link(code="HL-8", kind=LinkKind.SPLIT_INTO)])
    HAND_OVERS["dispatch"](split, False)
    part = several(links=[Link(code="HL-6", kind=LinkKind.SPLIT_FROM)])
    HAND_OVERS["direct hand-over"](part, False)
    plain = ticket(description="Since Monday every print job jams in tray 2.")
    HAND_OVERS["dispatch"](plain, True)
    assert stated(split) == stated(part) == stated(plain) == []
    home = several()
    HAND_OVERS["dispatch"](home, True)
    dispatch.apply_return_to_primary(home, teams=teams(), agents=AGENTS, actor="sofie", solution_note=SOLUTION,
                                     now=NOW)
    assert home.team == "support"
    dispatch.apply_dispatch(home, "infrastructure", teams=teams(), agents=AGENTS, actor="anna", summary=SUMMARY,
                            now=NOW)
    assert stated(home) == [("anna", STATED)], "stated once, it holds for the next hand-over"


def test_finding_4_the_category_the_description_points_to_R_DISPATCH_5() -> None:
    """Finding 4 (rules for every agent): a Printing category on a VPN ticket passed unremarked. The desk's
    keywords point to a category by whole words, case ignored; no match or a tie points nowhere."""
    from app.domain.categories import DEFAULT_CATEGORY_KEYWORDS, points_elsewhere, suggest_category

    table = DEFAULT_CATEGORY_KEYWORDS
    assert suggest_category("The VPN drops every hour; WiFi is fine", table) == "Network"
    assert suggest_category("PAPER JAM in tray 2, the printer blinks", table) == "Printing"
    assert suggest_category("Sprinter van", table) is None, "whole words only: no printer in 'Sprinter'"
    assert suggest_category("Nothing to go by", table) is None
    assert suggest_category("vpn and printer", {"Network": ["vpn"], "Printing": ["printer"]}) is None
    assert suggest_category("Skrivaren: printer fastnar", {"Skrivare": ["Printer", "skrivaren"]}) == "Skrivare"
    assert points_elsewhere("The VPN drops every hour", "Printing", table) == "Network"
    assert points_elsewhere("The VPN drops every hour", " network ", table) is None


def test_finding_4_a_desk_sets_its_own_category_keywords(tmp_path: Path) -> None:
    """Finding 4 (rules for every agent): the keywords are the desk's, in config.toml `[categories]`; a table
    that could not be matched is refused naming the key."""
    from app.config import ConfigError, load_settings

    path = tmp_path / "config.toml"
    path.write_text('[categories]\nPrinting = ["printer", "toner"]\n"Network/VPN" = ["vpn", "  wifi "]\n')
    assert load_settings(path).categories == {"Printing": ["printer", "toner"], "Network/VPN": ["vpn", "wifi"]}
    assert "Network" in Settings().categories, "the default table when the desk sets none"
    for bad in ('[categories]\nPrinting = []\n', '[categories]\nPrinting = [""]\n', '[categories]\nPrinting = "x"\n'):
        path.write_text(bad)
        with pytest.raises(ConfigError) as refused:
            load_settings(path)
        assert "categories" in str(refused.value)
    with pytest.raises(ValidationError):
        Settings(categories={"": ["vpn"]})


# ----- the local adapter, as a script meets it -----------------------------------------------------------------


async def _post(client: HelplineClient, code: str, operation: str, body: dict[str, Any], version: int) -> Any:
    return await client.http.post(f"/v1/tickets/{code}/{operation}", json=body,
                                  headers={USER_HEADER: client.actor, "If-Match": f'"{version}"'})


@pytest.mark.parametrize("operation", ["dispatch", "handover", "escalation-form"])
async def test_finding_4_the_local_adapter_refuses_a_multi_problem_hand_over_R_TICKET_4(
    client: HelplineClient, operation: str
) -> None:
    """Finding 4 (rules for every agent): over HTTP, what the screen only hinted at was carried out. The adapter
    refuses it and writes nothing; with one_problem it hands over and journals who stated it."""
    made = await client.create(NewTicket(subject=SUBJECT, description=SEVERAL, requester="Eva Holm",
                                       category="Printing"))
    bodies: dict[str, dict[str, Any]] = {
        "dispatch": {"team": "infrastructure", "summary": SUMMARY},
        "handover": {"team": "infrastructure", "agent": "sofie", "agreed_with": "sofie", "summary": SUMMARY},
        "escalation-form": {"form": _form().model_dump(mode="json")},
    }
    body = bodies[operation]
    refused = await _post(client, made.code, operation, body, made.version)
    assert refused.status_code == 422, refused.text
    assert (refused.json()["rule"], refused.json()["field"]) == ("R-TICKET-4", "one_problem")
    assert (await client.get(made.code)).version == made.version, "nothing was written"
    if operation == "escalation-form":
        body = {"form": _form(one_problem=True).model_dump(mode="json")}
    else:
        body = {**body, "one_problem": True}
    handed = await _post(client, made.code, operation, body, made.version)
    assert handed.status_code == 200, handed.text
    stored = await client.get(made.code)
    assert stored.team == "infrastructure" and stated(stored) == [("anna", STATED)]


# ----- the screens ---------------------------------------------------------------------------------------------


async def _choose_infrastructure(screen: DispatchScreen, pilot: Any) -> None:
    while screen.chosen_team() != "infrastructure":
        await pilot.press("down")
    screen.query_one("#dispatch-summary", TextArea).text = SUMMARY


def _problem(screen: DispatchScreen) -> str:
    return str(screen.query_one("#dispatch-problem", Static).render())


async def test_finding_4_ctrl_s_on_a_multi_problem_ticket_is_refused_until_ctrl_o_R_TICKET_4(
    client: HelplineClient,
) -> None:
    """Finding 4 (rules for every agent): the dispatch screen said "seems to hold several problems" and ctrl+s
    dispatched it all the same. ctrl+s is refused on the problem line, the summary stays; ctrl+o states it is one
    problem, and then ctrl+s dispatches and the journal names anna."""
    made = await client.create(NewTicket(subject=SUBJECT, description=SEVERAL, requester="Eva Holm",
                                         category="Printing"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_from_journal(app, pilot, made.code, "d", DispatchScreen)
        hint = str(screen.query_one("#split-hint", Static).render())
        assert "ctrl+t" in hint and "ctrl+o" in hint, hint
        await _choose_infrastructure(screen, pilot)
        screen.query_one(OptionList).focus()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen)
        assert "R-TICKET-4" in _problem(screen) and "ctrl+t" in _problem(screen), _problem(screen)
        assert screen.query_one("#dispatch-summary", TextArea).text == SUMMARY, "what was typed stays"
        assert (await client.get(made.code)).team == "support"
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert "One problem" in str(screen.query_one("#split-hint", Static).render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(made.code)
    assert stored.team == "infrastructure" and stated(stored) == [("anna", STATED)]


async def test_finding_4_a_printing_category_on_a_vpn_ticket_shows_the_suggestion_R_DISPATCH_5(
    client: HelplineClient,
) -> None:
    """Finding 4 (rules for every agent): "Printing" on a VPN ticket was dispatched unremarked. The category stands
    under the description, the screen says where the description points, and ctrl+g takes the suggestion."""
    made = await client.create(NewTicket(subject="VPN drops every hour", requester="Eva Holm", category="Printing",
                                         description="Since the update the VPN connection drops every hour."))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_from_journal(app, pilot, made.code, "d", DispatchScreen)
        assert "VPN connection drops" in str(screen.query_one("#dispatch-description", Static).render())
        shown = str(screen.query_one("#dispatch-category-hint", Static).render())
        assert "points to Network" in shown and "says Printing" in shown and "ctrl+g" in shown, shown
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert screen.query_one("#dispatch-category", Input).value == "Network"
        assert not screen.query_one("#dispatch-category-hint").display, "agreeing now: nothing to confirm"
        await _choose_infrastructure(screen, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    assert (await client.get(made.code)).category == "Network"


async def test_finding_4_a_disagreeing_category_goes_on_a_second_ctrl_s_R_DISPATCH_5(client: HelplineClient) -> None:
    """Finding 4 (rules for every agent): keeping the category against the description is deliberate: the first
    ctrl+s warns and puts the cursor on the category, the second with the same category dispatches it."""
    made = await client.create(NewTicket(subject="VPN drops every hour", requester="Eva Holm", category="Printing",
                                         description="Since the update the VPN connection drops every hour."))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_from_journal(app, pilot, made.code, "d", DispatchScreen)
        await _choose_infrastructure(screen, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen) and "ctrl+s again keeps Printing" in _problem(screen)
        assert screen.focused is screen.query_one("#dispatch-category", Input)
        assert (await client.get(made.code)).team == "support"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(made.code)
    assert (stored.team, stored.category) == ("infrastructure", "Printing")


async def test_finding_4_the_escalation_form_refuses_a_multi_problem_ticket_until_ctrl_o_R_TICKET_4(
    client: HelplineClient,
) -> None:
    """Finding 4 (rules for every agent): the form `e` handed over what c) itself described as two problems. Its
    submit is refused under the team with what to do, the form stays filled; ctrl+o states it is one problem."""
    from screens.escalation_form import EscalationFormScreen
    from tests.test_escalation_form_screen import fill_the_rest

    made = await client.create(NewTicket(subject=SUBJECT, description=SEVERAL, requester="Eva Holm",
                                         category="Printing"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_from_journal(app, pilot, made.code, "e", EscalationFormScreen)
        assert "ctrl+o" in str(form.query_one("#one-problem", Static).render())
        fill_the_rest(form, ColleaguesAffected.SEVERAL_USERS, UserUrgency.HINDERS_WORK)
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EscalationFormScreen)
        shown = str(form.query_one("#problem-team", Static).render())
        assert "R-TICKET-4" in shown and "ctrl+o" in shown, shown
        assert form.query_one("#serial_number", Input).value == "CNB1K2345", "what was typed stays"
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(made.code)
    assert stored.team == "infrastructure" and stated(stored) == [("anna", STATED)]


async def test_finding_4_the_direct_hand_over_asks_the_same_R_TICKET_4_R_DISPATCH_5(client: HelplineClient) -> None:
    """Finding 4 (rules for every agent): `D` showed no description and no check at all. It shows the description
    over the category and its suggestion, refuses a multi-problem ticket until ctrl+o, and journals who stated it."""
    from textual.widgets import Select

    from screens.direct_handover import DirectHandoverScreen

    made = await client.create(NewTicket(subject=SUBJECT, description=SEVERAL, requester="Eva Holm",
                                         category="Network"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_from_journal(app, pilot, made.code, "D", DirectHandoverScreen)
        assert "scanner next to it" in str(screen.query_one("#handover-description", Static).render())
        assert "points to Printing" in str(screen.query_one("#handover-category-hint", Static).render())
        screen.query_one("#handover-team", Select).value = "infrastructure"
        await pilot.pause()
        screen.query_one("#handover-agent", Select).value = "sofie"
        screen.query_one("#handover-agreed", Input).value = "sofie"
        screen.query_one("#handover-summary", TextArea).text = SUMMARY
        await pilot.press("ctrl+g", "ctrl+s")
        await settle(app, pilot)
        assert "R-TICKET-4" in str(screen.query_one("#handover-problem", Static).render())
        await pilot.press("ctrl+o", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    stored = await client.get(made.code)
    assert (stored.owner, stored.category) == ("sofie", "Printing") and stated(stored) == [("anna", STATED)]
