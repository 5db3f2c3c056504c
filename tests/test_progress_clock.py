"""Finding 7 (rules for every agent): the progress clock counted flags (R-ESC-4). `a` on a ticket with no work for
two weeks set its clock to now and dropped it from view 6; assigning did the same. Progress is a note, a message, a
status change or a hand-over; view 6 gives each ticket its reason and can be narrowed to a team. The adapter contract
proves the same of RT (app/contract/progress_checks.py, tests/rt/test_rt_live.py)."""

from __future__ import annotations

from datetime import timedelta

from app.client import HelplineClient
from app.config import Settings
from app.domain import flags, journal
from app.domain.dispatch import apply_assign, apply_dispatch
from app.domain.enums import EntryKind, PendingReason, Status
from app.domain.escalations import hierarchical_reasons, raise_hierarchical
from app.domain.models import Ticket
from app.domain.status import apply_status_change
from app.tui import HelplineApp
from screens.journal import JournalScreen
from tests.domain.factories import AGENTS, NOW, support, teams, ticket
from tests.pilot_helpers import open_journal, settle
from widgets.ticket_list import TicketList

STALE = timedelta(hours=48)
TWO_WEEKS_AGO = NOW - timedelta(days=14)


def _idle(**changes: object) -> Ticket:
    idle = {"status": Status.IN_PROGRESS, "owner": "lars", "created": TWO_WEEKS_AGO, "updated": TWO_WEEKS_AGO,
            "progressed": TWO_WEEKS_AGO, "started": TWO_WEEKS_AGO}
    return ticket(**{**idle, **changes})


def test_flags_pins_assigning_and_asking_for_follow_up_are_no_progress_R_ESC_4() -> None:
    """Finding 7: each of these once set the clock to now and took the ticket out of view 6."""
    idle = _idle()
    flags.set_attention(idle, True, actor="anna", now=NOW)
    flags.set_update_flag(idle, True, actor="anna", now=NOW)
    flags.set_update_flag(idle, False, actor="anna", now=NOW)
    journal.set_pinned(idle, idle.journal[0].id, True, "anna", NOW)
    apply_assign(idle, support(), actor="anna", agent="anna", now=NOW)
    raise_hierarchical(idle, actor="anna", handler="anna", note="Nobody has touched this for two weeks.", now=NOW,
                       stale_after=STALE)
    assert idle.updated == NOW and idle.progressed == TWO_WEEKS_AGO
    assert hierarchical_reasons(idle, NOW, STALE) == ["no progress for 14d"]


def test_notes_messages_status_changes_and_hand_overs_are_progress_R_ESC_4() -> None:
    for work in (
        lambda t: journal.append_entry(t, EntryKind.INTERNAL_NOTE, "lars", "Ordered a new dock.", NOW),
        lambda t: journal.append_entry(t, EntryKind.MESSAGE_TO_USER, "lars", "The new dock comes Friday.", NOW),
        lambda t: apply_status_change(t, Status.PENDING, pending_reason=PendingReason.USER_REPLY, team=support(),
                                      actor="lars", now=NOW),
    ):
        idle = _idle()
        work(idle)
        assert idle.progressed == NOW and hierarchical_reasons(idle, NOW, STALE) == []
    handed = _idle()
    apply_dispatch(handed, "infrastructure", teams=teams(), agents=AGENTS, actor="lars", now=NOW,
                   summary="Dock drops both screens hourly; swapped cable and PSU, same.", category="Hardware")
    assert handed.progressed == NOW, "a hand-over is progress"
    nagged = _idle()
    journal.append_entry(nagged, EntryKind.MESSAGE_FROM_USER, "Eva Holm", "Any news?", NOW)
    assert nagged.progressed == TWO_WEEKS_AGO, "a user asking is no work of the desk's"


def test_a_ticket_stored_before_the_clock_was_kept_counts_its_last_change() -> None:
    old = _idle(progressed=None, updated=NOW - timedelta(days=3))
    assert hierarchical_reasons(old, NOW, STALE) == ["no progress for 3d"]


def _why(tickets: TicketList, code: str) -> str:
    row = next(row for row in tickets.rows if row is not None and row.code == code)
    assert tickets.reason is not None
    return tickets.reason(row, tickets.now)[0]


async def test_attention_leaves_a_candidate_in_view_6_with_its_reason(client: HelplineClient) -> None:
    """Finding 7: `a` on a ticket with no progress for days dropped it from view 6."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("6")
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        assert "Why" in tickets.header()
        idle = next(row.code for row in tickets.rows if row is not None and "no progress for" in _why(tickets, row.code)
                    and not row.attention)
        said = _why(tickets, idle)
        screen = await open_journal(app, pilot, idle)
        assert isinstance(screen, JournalScreen)
        await pilot.press("a")
        await settle(app, pilot)
        assert (await client.get(idle)).attention
        await pilot.press("escape")
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        assert idle in [row.code for row in tickets.rows if row is not None], "a flag is no progress"
        assert _why(tickets, idle) == said
        line = tickets.render_line(next(i for i, row in enumerate(tickets.rows) if row and row.code == idle))
        assert said in line.text, "the reason is on screen, in the row's last column"


async def test_view_6_narrows_to_one_team_and_back_R_ESC_4(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("t")  # offered in view 6 only: nothing happens in view 1
        await settle(app, pilot)
        assert "team " not in app.screen.sub_title
        await pilot.press("6")
        await settle(app, pilot)
        everyone = {row.team for row in app.screen.query_one(TicketList).rows if row is not None}
        assert len(everyone) > 1, "the demo's candidates are in several teams"
        narrowed = set()
        for _ in range(len(client_teams := await client.teams()) + 1):
            await pilot.press("t")
            await settle(app, pilot)
            rows = [row for row in app.screen.query_one(TicketList).rows if row is not None]
            if rows and "team " in app.screen.sub_title:
                assert len({row.team for row in rows}) == 1
                narrowed |= {row.team for row in rows}
        assert narrowed == everyone and len(client_teams) >= len(everyone)
        assert "team " not in app.screen.sub_title, "after the last team, the whole desk again"


async def test_view_4_tells_an_overdue_flag_from_a_fresh_one_R_FLAG_1(client: HelplineClient) -> None:
    """Finding 8 (rules for every agent): overdue flags looked like fresh ones in view 4."""
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        said = [_why(tickets, row.code) for row in tickets.rows if row is not None]
        assert any(s.startswith("overdue: up ") for s in said), said
        assert any(s.startswith("up ") for s in said), "the demo has fresh flags too"
