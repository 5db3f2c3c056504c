"""R-ESC-4, R-ADVICE-1/2, R-LINK-1/2: escalation records raised from a ticket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.advisory import AdvisoryRequest, bounce_reasons, is_open
from app.domain.enums import AdvisoryBounce, EntryKind, EscalationKind, EscalationStatus, Impact, Status, Urgency
from app.domain.errors import RuleViolation
from app.domain.escalations import (
    hierarchical_reasons,
    raise_advisory,
    raise_functional,
    raise_hierarchical,
    raise_linked,
    update_escalation,
)
from tests.domain.factories import NOW, infra, specialists, teams, ticket

STALE = timedelta(hours=48)
EVENING = datetime(2026, 11, 18, 19, 30, tzinfo=UTC)  # Wednesday 20:30 in Copenhagen
GOOD = AdvisoryRequest(help_needed="How do we restore a deleted Teams channel for a course?",
                       why="The teacher lost all files and the exam starts tomorrow morning.", routine_missing=True)


def test_p1_not_started_and_stalled_tickets_qualify_R_ESC_4() -> None:
    p1 = ticket(impact=Impact.COMPANY, urgency=Urgency.HIGH)
    assert "P1" in hierarchical_reasons(p1, NOW, STALE)
    old_new = ticket(created=NOW - timedelta(days=3), updated=NOW - timedelta(hours=1))
    assert hierarchical_reasons(old_new, NOW, STALE) == ["not started for 3d"]
    stalled = ticket(status=Status.IN_PROGRESS, owner="lars", created=NOW - timedelta(days=9),
                     updated=NOW - timedelta(days=3))
    assert hierarchical_reasons(stalled, NOW, STALE) == ["no progress for 3d"]
    assert hierarchical_reasons(ticket(), NOW, STALE) == []
    assert hierarchical_reasons(ticket(status=Status.RESOLVED, resolved_at=NOW), NOW, STALE) == []


def test_hierarchical_escalation_needs_a_reason_and_follower_R_ESC_4() -> None:
    with pytest.raises(RuleViolation) as refused:
        raise_hierarchical(ticket(), actor="anna", handler="mikkel", note="Please look at this one today",
                           now=NOW, stale_after=STALE)
    assert refused.value.rule == "R-ESC-4"
    p1 = ticket(impact=Impact.COMPANY, urgency=Urgency.HIGH)
    escalation = raise_hierarchical(p1, actor="anna", handler="mikkel", now=NOW, stale_after=STALE,
                                    note="Exam network down, need the team lead to prioritise now")
    assert escalation.kind is EscalationKind.HIERARCHICAL and escalation.handler == "mikkel"


def test_office_hours_R_TEAM_3() -> None:
    assert is_open(infra(), NOW)  # Wednesday 11:00 local
    assert not is_open(infra(), EVENING)


def test_advisory_only_when_second_line_is_closed_R_ADVICE_2() -> None:
    reasons = bounce_reasons(GOOD, [infra()], NOW)
    assert any("Second line is open" in reason for reason in reasons)
    assert bounce_reasons(GOOD, [infra()], EVENING) == []


def test_thin_advisory_notes_bounce_R_ADVICE_2() -> None:
    thin = AdvisoryRequest(help_needed="help", why="", routine_missing=False)
    assert len(bounce_reasons(thin, [infra()], EVENING)) == 3


def test_advisory_keeps_team_owner_and_status_R_ADVICE_1() -> None:
    held = ticket(owner="lars", status=Status.IN_PROGRESS)
    escalation = raise_advisory(held, GOOD, specialists(), [infra()], actor="lars", now=EVENING)
    assert (held.team, held.owner, held.status) == ("support", "lars", Status.IN_PROGRESS)
    assert escalation.kind is EscalationKind.ADVISORY and escalation.team == "specialists"
    answered = update_escalation(held, escalation.number, actor="ida", now=EVENING, status=EscalationStatus.ANSWERED,
                                 note="Restore from the recycle bin of the team's SharePoint site.")
    assert answered.status is EscalationStatus.ANSWERED
    assert "Restore from the recycle bin" in held.journal[-2].body


def test_only_the_asked_specialists_answer_and_a_bounce_names_its_reason_R_ADVICE_1_R_ADVICE_2() -> None:
    held = ticket(owner="lars", status=Status.IN_PROGRESS)
    number = raise_advisory(held, GOOD, specialists(), [infra()], actor="lars", now=EVENING).number
    with pytest.raises(RuleViolation) as outsider:
        update_escalation(held, number, actor="sofie", now=EVENING, status=EscalationStatus.ANSWERED,
                          note="Restore it from the recycle bin of the site.", teams=teams())
    assert outsider.value.rule == "R-ADVICE-1"
    with pytest.raises(RuleViolation) as no_reason:
        update_escalation(held, number, actor="ida", now=EVENING, status=EscalationStatus.BOUNCED, teams=teams())
    assert no_reason.value.rule == "R-ADVICE-2"
    bounced = update_escalation(held, number, actor="ida", now=EVENING, status=EscalationStatus.BOUNCED,
                                bounce_reason=AdvisoryBounce.ROUTINE_EXISTS, note="See routine 12.", teams=teams())
    assert bounced.status is EscalationStatus.BOUNCED
    note = [e for e in held.journal if e.author == "ida" and e.kind is EntryKind.INTERNAL_NOTE][-1].body
    assert "An existing routine answers it" in note and "See routine 12." in note
    assert (held.team, held.owner, held.status) == ("support", "lars", Status.IN_PROGRESS)
    with pytest.raises(RuleViolation) as twice:
        update_escalation(held, number, actor="ida", now=EVENING, status=EscalationStatus.ANSWERED,
                          note="Restore it from the recycle bin of the site.", teams=teams())
    assert twice.value.rule == "R-ADVICE-1"


def test_advisory_to_a_group_that_gives_no_advice_is_refused_R_ADVICE_1() -> None:
    with pytest.raises(RuleViolation) as refused:
        raise_advisory(ticket(), GOOD, infra(), [infra()], actor="lars", now=EVENING)
    assert refused.value.rule == "R-ADVICE-1"


def test_linked_escalations_have_own_number_status_handler_priority_R_LINK_1() -> None:
    held = ticket()
    complaint = raise_linked(held, EscalationKind.COMPLAINT, actor="anna", handler="mikkel", priority=2,
                             note="User complains about three days without a laptop", now=NOW)
    action = raise_linked(held, EscalationKind.ACTION, actor="anna", handler=None, priority=None,
                          note="Order a spare laptop pool for the exam office", now=NOW)
    assert complaint.number != action.number and complaint.number.startswith("HL-7-E")
    assert complaint.priority == 2 and complaint.status is EscalationStatus.OPEN
    assert held.status is Status.NEW, "the ticket can stay open"
    with pytest.raises(RuleViolation) as refused:
        raise_linked(held, EscalationKind.ADVISORY, actor="anna", handler=None, priority=None,
                     note="Something longer than needed", now=NOW)
    assert refused.value.rule == "R-LINK-1"


def test_escalation_work_list_updates_R_LINK_2() -> None:
    held = ticket()
    escalation = raise_linked(held, EscalationKind.SERVICE_REPORT, actor="anna", handler="mikkel", priority=3,
                              note="Service report for the broken projector", now=NOW)
    done = update_escalation(held, escalation.number, actor="mikkel", now=NOW, status=EscalationStatus.DONE,
                             handler="sofie")
    assert (done.status, done.handler, done.updated) == (EscalationStatus.DONE, "sofie", NOW)
    with pytest.raises(RuleViolation) as refused:
        update_escalation(held, "HL-7-E99", actor="mikkel", now=NOW, status=EscalationStatus.DONE)
    assert refused.value.rule == "R-LINK-2"


def test_functional_escalation_is_followed_up_by_first_line_R_ESC_3() -> None:
    held = ticket()
    escalation = raise_functional(held, infra(), actor="anna", now=NOW)
    assert escalation.kind is EscalationKind.FUNCTIONAL and escalation.team == "infrastructure"
    # R-ESC-5: the receiving team handles it, first line follows it up (it was the sender as handler before).
    assert (escalation.handler, escalation.follow_up) == ("infrastructure", "anna"), "first line follows up"
