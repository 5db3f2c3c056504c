"""The demo desk obeys the rulebook it demonstrates, and covers every status, reason and priority."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.demo import DemoData, build_demo
from app.domain.enums import EntryKind, LineLevel, PendingReason, Priority, Status
from app.domain.priority import priority_for
from app.domain.status import AUTO_CLOSE_AFTER

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return build_demo(NOW)


def test_coverage_of_statuses_reasons_and_priorities_R_STATUS_1_R_STATUS_3_R_PRIO_3(demo: DemoData) -> None:
    assert len(demo.tickets) >= 70
    assert {t.status for t in demo.tickets} == set(Status)
    assert {t.pending_reason for t in demo.tickets if t.pending_reason} == set(PendingReason)
    assert {t.priority for t in demo.tickets} == set(Priority)
    assert len({t.team for t in demo.tickets}) >= 5


def test_priorities_follow_the_matrices_R_PRIO_1_R_PRIO_2(demo: DemoData) -> None:
    assert all(t.priority is priority_for(t.kind, t.impact, t.urgency) for t in demo.tickets)


def test_owners_are_members_of_the_holding_team_R_TEAM_2(demo: DemoData) -> None:
    teams = {team.id: team for team in demo.teams}
    for ticket in demo.tickets:
        assert ticket.team in teams
        assert ticket.owner is None or ticket.owner in teams[ticket.team].members, ticket.code
        assert (ticket.owner is None) == (ticket.status is Status.NEW) or ticket.status not in (
            Status.NEW, Status.ASSIGNED), ticket.code


def test_resolved_tickets_told_the_user_and_sit_with_first_line_R_STATUS_4_R_STATUS_5(demo: DemoData) -> None:
    teams = {team.id: team for team in demo.teams}
    for ticket in demo.tickets:
        if ticket.status in (Status.RESOLVED, Status.CLOSED):
            assert ticket.resolved_at is not None
            assert any(e.kind is EntryKind.MESSAGE_TO_USER and e.body.startswith("Dear user") for e in ticket.journal)
            assert teams[ticket.team].line is LineLevel.FIRST


def test_closed_only_30_days_after_resolving_R_STATUS_6(demo: DemoData) -> None:
    closed = [t for t in demo.tickets if t.status is Status.CLOSED]
    assert closed and all(t.closed_at and t.resolved_at and t.closed_at >= t.resolved_at + AUTO_CLOSE_AFTER
                          and t.closed_at <= NOW for t in closed)
    assert any(t.status is Status.RESOLVED and NOW - t.resolved_at >= AUTO_CLOSE_AFTER
               for t in demo.tickets if t.resolved_at), "auto-close has work"


def test_journals_are_ordered_and_in_the_past_R_JOURNAL_1(demo: DemoData) -> None:
    for ticket in demo.tickets:
        times = [e.created for e in ticket.journal]
        assert times == sorted(times) and times[-1] <= NOW and ticket.updated == times[-1], ticket.code
        assert [e.id for e in ticket.journal] == list(range(1, len(ticket.journal) + 1))


def test_hand_overs_carry_pinned_summaries_R_JOURNAL_3(demo: DemoData) -> None:
    handed = [t for t in demo.tickets if any(e.event == "dispatch" for e in t.journal)]
    assert len(handed) >= 8
    assert all(any(e.pinned for e in t.journal) for t in handed)


def test_flags_links_and_escalations_present(demo: DemoData) -> None:
    assert any(t.update_flag and (NOW - t.update_flag).total_seconds() > 24 * 3600 for t in demo.tickets)
    assert any(t.attention for t in demo.tickets)
    kinds = {e.kind.value for t in demo.tickets for e in t.escalations}
    assert {"functional", "complaint", "action"} <= kinds
    assert any(t.links for t in demo.tickets) and any(t.requested_for for t in demo.tickets)


def test_deterministic(demo: DemoData) -> None:
    assert build_demo(NOW) == demo


def test_helpline_demo_refuses_a_folder_that_is_not_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    """Finding 9 (trust boundaries): `helpline demo` into an existing folder that is not a store overwrote the
    user's `directory.json` and `index/snapshot.json`; now it says so in one line and changes nothing."""
    from app.cli import main

    folder = tmp_path / "work"
    (folder / "index").mkdir(parents=True)
    (folder / "directory.json").write_text("the user's own directory")
    (folder / "index" / "snapshot.json").write_text("the user's own snapshot")
    assert main(["--store", str(folder), "demo"]) != 0
    err = capsys.readouterr().err
    assert err == f"helpline: {folder} is not empty and holds no Helpline store: choose an empty or new folder\n"
    assert (folder / "directory.json").read_text() == "the user's own directory"
    assert (folder / "index" / "snapshot.json").read_text() == "the user's own snapshot"
    assert main(["--store", str(tmp_path / "new"), "demo"]) == 0, "a new folder still gets the demo"
