"""R-ESC-2, R-ESC-3, R-PRIO-4, R-STATUS-7: what submitting the escalation form does to a ticket."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.dispatch import handover_reminder
from app.domain.enums import (
    EntryKind,
    EscalationKind,
    Impact,
    Priority,
    Status,
    Urgency,
)
from app.domain.errors import RuleViolation
from app.domain.escalation_form import EscalationForm, apply_escalation_form
from app.domain.models import Agent, Attachment
from tests.domain.factories import NOW, printer_form, teams, ticket

AGENTS = {u: Agent(username=u, name=n) for u, n in
          [("anna", "Anna Berg"), ("lars", "Lars Holm"), ("mikkel", "Mikkel Dahl"), ("sofie", "Sofie Lund")]}


def submit(held, filled: EscalationForm, actor: str = "lars"):
    attachment = Attachment(name="jam.jpg", size=2048, added=NOW, added_by=actor)
    return apply_escalation_form(held, filled, teams=teams(), agents=AGENTS, actor=actor,
                                 attachments=[attachment], now=NOW)


def test_submit_pins_the_summary_dispatches_tells_the_user_and_records_the_escalation_R_ESC_2_R_ESC_3() -> None:
    held = submit(ticket(owner="lars", status=Status.IN_PROGRESS, started=NOW - timedelta(hours=1)), printer_form())
    assert (held.team, held.owner, held.status) == ("infrastructure", None, Status.IN_PROGRESS)  # R-STATUS-7
    pinned = [e for e in held.journal if e.pinned]
    assert len(pinned) == 1 and "Cleared the paper path" in pinned[0].body and "CNB1K2345" in pinned[0].body
    assert any(e.kind is EntryKind.MESSAGE_TO_USER and "Infrastructure" in e.body for e in held.journal)
    assert [a.name for a in held.attachments] == ["jam.jpg"]
    assert held.serial_number == "CNB1K2345"
    assert (held.impact, held.urgency, held.priority) == (Impact.DEPARTMENT, Urgency.MEDIUM, Priority.P3)
    assert held.escalations[-1].kind is EscalationKind.FUNCTIONAL and held.escalations[-1].follow_up == "lars"


def test_a_weak_form_is_refused_with_every_field_named_R_ESC_1() -> None:
    held = ticket()
    with pytest.raises(RuleViolation) as refused:
        submit(held, printer_form(serial_number="", subject="help"))
    assert refused.value.field == "b"
    assert "b)" in refused.value.message and "e)" in refused.value.message
    assert held.team == "support" and held.journal == [], "nothing changed"


def test_the_agent_is_not_the_requester_R_TICKET_3() -> None:
    with pytest.raises(RuleViolation) as refused:
        submit(ticket(), printer_form(requester="Lars Holm"))
    assert (refused.value.rule, refused.value.field) == ("R-TICKET-3", "a")


def test_an_override_needs_its_reason_and_is_kept_on_the_ticket_R_PRIO_5() -> None:
    held = submit(ticket(), printer_form(urgency_override=Urgency.HIGH, override_reason="Exam in the morning for 40"))
    assert held.priority is Priority.P2 and held.priority_reason == "Exam in the morning for 40"
    assert held.awaiting_acceptance, "a P2 hand-over waits for the receiving agent (R-PRIO-4)"


def test_reminder_after_p1_and_p2_handover_names_who_to_call_R_PRIO_4() -> None:
    infra = teams()["infrastructure"]
    p1 = handover_reminder(Priority.P1, infra, AGENTS)
    assert p1 is not None and "Mikkel Dahl" in p1 and "Nothing else" in p1
    p2 = handover_reminder(Priority.P2, infra, AGENTS)
    assert p2 is not None and "accept" in p2
    assert handover_reminder(Priority.P3, infra, AGENTS) is None


def test_the_summary_names_attached_files_without_the_agents_local_folders_R_ESC_2() -> None:
    from app.domain.escalation_form import AttachmentRef, summary_note

    note = summary_note(printer_form(attachments=[AttachmentRef(path="/home/anna/Desktop/jam.jpg", size=12),
                                          AttachmentRef(path="C:\\Users\\anna\\scan.pdf", size=3)]))
    assert "h) Attachments: jam.jpg (12 B), scan.pdf (3 B)" in note and "anna" not in note
