"""R-TICKET-*, R-FLAG-*, R-JOURNAL-*, R-TEAM-1, R-ROLE-1: tickets, journal, flags, teams."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError

from app.domain.codes import codes_in, format_code, parse_code, tag_subject, ticket_for_inbound
from app.domain.duplicates import likely_duplicates
from app.domain.enums import EntryKind, Kind, LineLevel, PendingReason, Priority, Role, Status
from app.domain.errors import RuleViolation
from app.domain.flags import set_attention, set_update_flag, update_flag_overdue
from app.domain.journal import append_entry, ordered_for_reading, set_pinned
from app.domain.models import Team, TicketRow
from app.domain.tickets import NewTicket, build_ticket, check_new_ticket
from tests.domain.factories import NOW, support, teams, ticket


def test_two_kinds_R_TICKET_1() -> None:
    assert {k.value for k in Kind} == {"incident", "service_request"}


def test_ticket_fields_and_consistency_R_TICKET_2() -> None:
    assert {"requester", "requested_for", "serial_number", "external_ref", "links", "journal"} <= set(
        ticket().model_dump())
    with pytest.raises(ValidationError):
        ticket(status=Status.PENDING)  # Pending without a reason
    with pytest.raises(ValidationError):
        ticket(pending_reason=PendingReason.APPROVAL)  # a reason without Pending


def test_seventeen_pending_reasons_R_STATUS_3() -> None:
    assert len(PendingReason) == 17


def test_register_a_ticket_R_TICKET_2() -> None:
    draft = NewTicket(subject="Needs a new keyboard", requester="Eva Holm", requested_for="Jonas Lind",
                      kind=Kind.SERVICE_REQUEST, description="Keys stick since coffee was spilled.")
    made = build_ticket(42, draft, actor="anna", team=support(), teams=teams(), now=NOW)
    assert made.code == "HL-42" and made.priority is Priority.SR3 and made.primary_team == "support"
    assert [e.kind for e in made.journal] == [EntryKind.SYSTEM_EVENT, EntryKind.MESSAGE_FROM_USER]


def test_requester_is_who_contacted_support_R_TICKET_3() -> None:
    problems = check_new_ticket(NewTicket(subject="Needs a new keyboard", requester="Anna Berg"), actor="anna",
                                actor_name="Anna Berg")
    assert [rule for _, rule, _ in problems] == ["R-TICKET-3"]


def test_empty_subjects_refused_on_registration_R_TICKET_5() -> None:
    with pytest.raises(RuleViolation) as refused:
        build_ticket(1, NewTicket(subject="Help!!", requester="Eva"), actor="anna", team=support(), teams=teams(),
                     now=NOW)
    assert refused.value.rule == "R-TICKET-5"


def _row(code: str, subject: str, requester: str, status: Status = Status.NEW) -> TicketRow:
    t = ticket(code=code, subject=subject, requester=requester, status=status,
               resolved_at=NOW if status is Status.RESOLVED else None)
    return TicketRow.of(t)


def test_likely_duplicates_R_TICKET_6() -> None:
    rows = [
        _row("HL-1", "Printer on floor 2 jams", "Eva Holm"),
        _row("HL-2", "Printer on floor 2 jams", "Someone Else"),
        _row("HL-3", "Printer on floor 2 jams", "Eva Holm", Status.RESOLVED),
        _row("HL-4", "VPN drops every hour", "Eva Holm"),
        _row("HL-5", "The printer on floor two jams", "eva holm"),
    ]
    found = [row.code for row in likely_duplicates("Printer floor 2 jams again", "Eva Holm", rows)]
    assert found[0] == "HL-1" and set(found) == {"HL-1", "HL-5"}


def test_codes_travel_in_subjects_R_TICKET_7() -> None:
    assert format_code(1234) == "HL-1234" and parse_code(" hl-42 ") == 42 and parse_code("HL-x") is None
    assert tag_subject("Your keyboard", "HL-42") == "[HL-42] Your keyboard"
    assert tag_subject("Re: [HL-42] Your keyboard", "HL-42") == "Re: [HL-42] Your keyboard"
    assert ticket_for_inbound("Re: [HL-42] Your keyboard (see also HL-7)") == "HL-42"
    assert codes_in("no code here, not XHL-5 nor HL-") == []


def test_quick_case_is_registered_resolved_R_TICKET_8() -> None:
    draft = NewTicket(subject="Password reset for mail", requester="Eva Holm",
                      solution="Reset the password and the user logged in while on the phone.")
    made = build_ticket(9, draft, actor="anna", team=support(), teams=teams(), now=NOW)
    assert made.status is Status.RESOLVED and made.owner == "anna"
    assert any(e.kind is EntryKind.MESSAGE_TO_USER and e.body.startswith("Dear user") for e in made.journal)


def test_update_flag_raise_clear_and_overdue_R_FLAG_1() -> None:
    t = set_update_flag(ticket(), True, actor="Eva Holm", now=NOW)
    assert t.update_flag == NOW
    assert not update_flag_overdue(t.update_flag, NOW + timedelta(hours=23), timedelta(hours=24))
    assert update_flag_overdue(t.update_flag, NOW + timedelta(hours=25), timedelta(hours=24))
    set_update_flag(t, False, actor="anna", now=NOW)
    assert t.update_flag is None and t.journal[-1].event == "flag"


def test_attention_flag_is_an_agents_marker_R_FLAG_2() -> None:
    t = set_attention(ticket(), True, actor="anna", now=NOW)
    assert t.attention and t.journal[-1].event == "flag"
    entries = len(t.journal)
    set_attention(t, True, actor="anna", now=NOW)
    assert len(t.journal) == entries, "no event for a change that changes nothing"


def test_journal_is_append_only_with_pins_first_R_JOURNAL_1_R_JOURNAL_2() -> None:
    t = ticket()
    first = append_entry(t, EntryKind.INTERNAL_NOTE, "anna", "Checked the cable", NOW)
    append_entry(t, EntryKind.MESSAGE_TO_USER, "anna", "We are on it", NOW)
    set_pinned(t, first.id, True, "anna", NOW)
    ordered = ordered_for_reading(t.journal)
    assert ordered[0].id == first.id and ordered[0].pinned
    assert [e.id for e in t.journal] == sorted(e.id for e in t.journal)
    with pytest.raises(RuleViolation):
        append_entry(t, EntryKind.INTERNAL_NOTE, "anna", "   ", NOW)
    with pytest.raises(RuleViolation):
        set_pinned(t, 999, True, "anna", NOW)


def test_team_needs_a_dispatcher_who_is_a_member_R_TEAM_1() -> None:
    with pytest.raises(ValidationError, match="R-TEAM-1"):
        Team(id="x", name="X", line=LineLevel.SECOND, members=["a"], dispatchers=[])
    with pytest.raises(ValidationError):
        Team(id="x", name="X", line=LineLevel.SECOND, members=["a"], dispatchers=["b"])


def test_roles_R_ROLE_1() -> None:
    assert {r.value for r in Role} == {
        "first_line", "second_line", "third_line", "dispatcher", "team_lead", "purchaser", "process_manager",
        "process_owner"}


def test_redirect_template_asks_for_the_portal_R_JOURNAL_5() -> None:
    from app.domain.templates import redirect_to_portal

    text = redirect_to_portal()
    assert text.startswith("Dear user") and "portal" in text
