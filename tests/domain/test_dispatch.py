"""R-DISPATCH-1..6: hand-overs go to a team, never straight to an agent."""

from __future__ import annotations

import pytest

from app.domain.dispatch import (
    apply_assign,
    apply_direct_handover,
    apply_dispatch,
    apply_return_to_primary,
    check_dispatch,
    mentions_several_problems,
)
from app.domain.enums import EntryKind, Status
from app.domain.errors import RuleViolation
from tests.domain.factories import AGENTS, NOW, infra, p2, support, teams, ticket

SUMMARY = "Printer jams on every job; cleaned rollers and updated the driver, no change."


def dispatch(t, target="infrastructure", **kw):
    kw.setdefault("summary", SUMMARY)
    return apply_dispatch(t, target, teams=teams(), agents=AGENTS, actor="anna", now=NOW, **kw)


def test_dispatch_goes_to_a_team_and_clears_the_owner_R_DISPATCH_1() -> None:
    handed = dispatch(ticket(owner="lars", status=Status.ASSIGNED))
    assert handed.team == "infrastructure" and handed.owner is None
    assert handed.status is Status.NEW, "Assigned means having an owner"
    assert any(e.event == "dispatch" for e in handed.journal)
    assert any(e.kind is EntryKind.MESSAGE_TO_USER and "Infrastructure" in e.body for e in handed.journal)


def test_an_agent_is_never_a_dispatch_target_R_DISPATCH_6() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch(ticket(), target="sofie")
    assert refused.value.rule == "R-DISPATCH-6"


def test_unknown_team_is_refused_R_DISPATCH_1() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch(ticket(), target="nowhere")
    assert refused.value.rule == "R-DISPATCH-1"


def test_in_progress_is_kept_across_hand_over_R_STATUS_7() -> None:
    handed = dispatch(ticket(owner="lars", status=Status.IN_PROGRESS, started=NOW))
    assert handed.status is Status.IN_PROGRESS and handed.owner is None


@pytest.mark.parametrize("summary", ["", "done", "Done.", "see above", "short"])
def test_hand_over_needs_a_summary_note_R_JOURNAL_3(summary: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch(ticket(), summary=summary)
    assert refused.value.rule == "R-JOURNAL-3"


def test_category_is_set_before_hand_over_R_DISPATCH_5() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch(ticket(category=None))
    assert refused.value.rule == "R-DISPATCH-5"
    handed = dispatch(ticket(category=None), category="Printing")
    assert handed.category == "Printing"


def test_multi_problem_tickets_are_flagged_for_splitting_R_DISPATCH_5_R_TICKET_4() -> None:
    assert mentions_several_problems("My printer jams. Also my mail does not sync on the phone.")
    assert mentions_several_problems("1. VPN drops\n2. Teams has no sound")
    assert not mentions_several_problems("The printer on floor 2 jams on every job since Monday.")


def test_direct_to_agent_only_with_stated_agreement_R_DISPATCH_2() -> None:
    kwargs = dict(teams=teams(), agents=AGENTS, actor="anna", summary=SUMMARY, now=NOW)
    with pytest.raises(RuleViolation) as refused:
        apply_direct_handover(ticket(), "infrastructure", "sofie", agreed_with="", **kwargs)
    assert refused.value.rule == "R-DISPATCH-2"
    with pytest.raises(RuleViolation):
        apply_direct_handover(ticket(), "infrastructure", "sofie", agreed_with="mikkel", **kwargs)
    handed = apply_direct_handover(ticket(), "infrastructure", "sofie", agreed_with="sofie", **kwargs)
    assert handed.owner == "sofie" and handed.team == "infrastructure"
    assert any("agreed beforehand with sofie" in e.body for e in handed.journal)


def test_only_a_dispatcher_of_the_holding_team_assigns_R_DISPATCH_3() -> None:
    with pytest.raises(RuleViolation) as refused:
        apply_assign(ticket(), support(), actor="lars", agent="lars", now=NOW)
    assert refused.value.rule == "R-DISPATCH-3"
    with pytest.raises(RuleViolation) as outsider:
        apply_assign(ticket(), support(), actor="anna", agent="sofie", now=NOW)
    assert outsider.value.rule == "R-TEAM-2"
    with pytest.raises(RuleViolation):
        apply_assign(ticket(team="infrastructure"), infra(), actor="anna", agent="sofie", now=NOW)
    assigned = apply_assign(ticket(), support(), actor="anna", agent="lars", now=NOW)
    assert assigned.owner == "lars" and assigned.status is Status.ASSIGNED


def test_solved_elsewhere_returns_to_primary_team_R_DISPATCH_4() -> None:
    held = ticket(team="infrastructure", status=Status.IN_PROGRESS, owner="sofie")
    back = apply_return_to_primary(held, teams=teams(), agents=AGENTS, actor="sofie", now=NOW,
                                   solution_note="Replaced the fuser unit; printer tested with 50 pages.")
    assert back.team == "support" and back.status is Status.IN_PROGRESS and back.owner is None
    # Found in the three-agent session (R-JOURNAL-6): the way home read "Dispatched to Service Desk by sofie".
    assert back.journal[-1].body == "Returned to Service Desk by sofie, solved (R-DISPATCH-4)"
    with pytest.raises(RuleViolation) as refused:
        apply_return_to_primary(ticket(primary_team=None, team="infrastructure"), teams=teams(), agents=AGENTS,
                                actor="sofie", now=NOW, solution_note="Replaced the fuser unit; tested.")
    assert refused.value.rule == "R-DISPATCH-4"


def test_p2_is_not_dispatched_further_until_accepted_R_PRIO_4() -> None:
    handed = dispatch(p2())
    assert handed.awaiting_acceptance
    with pytest.raises(RuleViolation) as refused:
        check_dispatch(handed, "support", teams=teams(), agents=AGENTS, summary=SUMMARY)
    assert refused.value.rule == "R-PRIO-4"


def test_advisory_group_takes_no_tickets_R_ADVICE_1() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch(ticket(), target="specialists")
    assert refused.value.rule == "R-ADVICE-1"


def test_resolved_tickets_are_not_handed_over_R_STATUS_6() -> None:
    with pytest.raises(RuleViolation):
        dispatch(ticket(status=Status.RESOLVED, resolved_at=NOW))


def test_same_team_is_no_hand_over_R_TEAM_2() -> None:
    with pytest.raises(RuleViolation) as refused:
        dispatch(ticket(), target="support")
    assert refused.value.rule == "R-TEAM-2"
