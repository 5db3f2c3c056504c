"""R-STATUS-1..7: which moves are allowed and what they do."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.enums import EntryKind, PendingReason, Status
from app.domain.errors import RuleViolation
from app.domain.status import (
    allowed_targets,
    apply_auto_close,
    apply_begin_work,
    apply_status_change,
    auto_close_due,
    check_status_change,
)
from tests.domain.factories import NOW, infra, support, ticket

SOLUTION = "Replaced the toner cartridge and printed a test page with the user."


def test_six_statuses_R_STATUS_1() -> None:
    assert [s.value for s in Status] == ["new", "assigned", "in_progress", "pending", "resolved", "closed"]


def test_pending_needs_a_reason_R_STATUS_2_R_STATUS_3() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_status_change(ticket(), Status.PENDING, team=support(), now=NOW)
    assert refused.value.rule == "R-STATUS-3" and refused.value.field == "pending_reason"
    changed = apply_status_change(ticket(), Status.PENDING, team=support(), actor="anna", now=NOW,
                                  pending_reason=PendingReason.USER_REPLY)
    assert changed.status is Status.PENDING and changed.pending_reason is PendingReason.USER_REPLY
    back = apply_status_change(changed, Status.IN_PROGRESS, team=support(), actor="anna", now=NOW)
    assert back.pending_reason is None, "only Pending carries a reason"


def test_assigned_needs_an_owner_R_STATUS_2() -> None:
    with pytest.raises(RuleViolation):
        check_status_change(ticket(), Status.ASSIGNED, team=support(), now=NOW)
    check_status_change(ticket(owner="lars"), Status.ASSIGNED, team=support(), now=NOW)


@pytest.mark.parametrize("solution", [None, "", "   ", "done", "Done!", "fixed", "ok"])
def test_resolved_needs_a_real_solution_text_R_STATUS_4(solution: str | None) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_status_change(ticket(), Status.RESOLVED, team=support(), now=NOW, solution=solution)
    assert refused.value.rule == "R-STATUS-4"


def test_resolving_tells_the_user_with_dear_user_template_R_STATUS_4() -> None:
    resolved = apply_status_change(ticket(), Status.RESOLVED, team=support(), actor="anna", now=NOW,
                                   solution=SOLUTION)
    messages = [e for e in resolved.journal if e.kind is EntryKind.MESSAGE_TO_USER]
    assert len(messages) == 1
    assert messages[0].body.startswith("Dear user") and SOLUTION in messages[0].body
    assert resolved.resolved_at == NOW


def test_second_line_does_not_resolve_R_STATUS_5() -> None:
    held = ticket(team="infrastructure", status=Status.IN_PROGRESS, owner="sofie")
    with pytest.raises(RuleViolation) as refused:
        check_status_change(held, Status.RESOLVED, team=infra(), now=NOW, solution=SOLUTION)
    assert refused.value.rule == "R-STATUS-5"
    assert Status.RESOLVED not in allowed_targets(held, infra(), NOW)
    assert Status.RESOLVED in allowed_targets(ticket(status=Status.IN_PROGRESS), support(), NOW)


def test_closed_is_final_and_nobody_closes_by_hand_R_STATUS_6() -> None:
    closed = ticket(status=Status.CLOSED, resolved_at=NOW - timedelta(days=40), closed_at=NOW - timedelta(days=10))
    for target in Status:
        with pytest.raises(RuleViolation) as refused:
            check_status_change(closed, target, team=support(), now=NOW)
        assert refused.value.rule == "R-STATUS-6"
    resolved = ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=2))
    with pytest.raises(RuleViolation, match="closes by itself"):
        check_status_change(resolved, Status.CLOSED, team=support(), now=NOW)
    assert allowed_targets(closed, support(), NOW) == []


def test_auto_close_after_30_days_R_STATUS_6() -> None:
    young = ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=29, hours=23))
    old = ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=30))
    assert not auto_close_due(young, NOW) and auto_close_due(old, NOW)
    with pytest.raises(RuleViolation):
        apply_auto_close(young, NOW)
    closed = apply_auto_close(old, NOW)
    assert closed.status is Status.CLOSED and closed.closed_at == NOW


def test_reopen_within_30_days_raises_update_flag_R_STATUS_6() -> None:
    resolved = ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=3))
    reopened = apply_status_change(resolved, Status.IN_PROGRESS, team=support(), actor="anna", now=NOW,
                                   reason="The user says the fan is loud again.")
    assert reopened.status is Status.IN_PROGRESS and reopened.update_flag == NOW and reopened.resolved_at is None
    stale = ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=31))
    with pytest.raises(RuleViolation, match="30 days"):
        check_status_change(stale, Status.IN_PROGRESS, team=support(), now=NOW)
    fresh = ticket(status=Status.RESOLVED, resolved_at=NOW - timedelta(days=3))
    with pytest.raises(RuleViolation):
        check_status_change(fresh, Status.PENDING, team=support(), now=NOW, pending_reason=PendingReason.USER_REPLY)


def test_begin_work_takes_an_unowned_ticket_of_my_team_R_STATUS_2_R_DISPATCH_3() -> None:
    started = apply_begin_work(ticket(), team=support(), actor="lars", now=NOW)
    assert (started.owner, started.status, started.started) == ("lars", Status.IN_PROGRESS, NOW)
    with pytest.raises(RuleViolation) as outsider:
        apply_begin_work(ticket(), team=support(), actor="sofie", now=NOW)
    assert outsider.value.rule == "R-DISPATCH-3"
    with pytest.raises(RuleViolation):
        apply_begin_work(ticket(owner="anna", status=Status.ASSIGNED), team=support(), actor="lars", now=NOW)


def test_every_change_is_journalled_R_JOURNAL_1() -> None:
    changed = apply_status_change(ticket(), Status.IN_PROGRESS, team=support(), actor="anna", now=NOW)
    events = [e for e in changed.journal if e.kind is EntryKind.SYSTEM_EVENT]
    assert events and events[-1].event == "status" and "In Progress" in events[-1].body
