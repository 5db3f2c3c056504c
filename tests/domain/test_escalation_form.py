"""R-ESC-1 (fields a-h), R-TICKET-3, R-TICKET-5, R-PRIO-5: the guided escalation form."""

from __future__ import annotations

import pytest

from app.domain.enums import ColleaguesAffected, Impact, Kind, Priority, Urgency, UserUrgency
from app.domain.escalation_form import (
    MAX_ATTACHMENT_BYTES,
    AttachmentRef,
    EscalationForm,
    form_priority,
    summary_note,
    validate_form,
)
from app.domain.priority import priority_for


def complete(**changes: object) -> EscalationForm:
    data: dict[str, object] = dict(
        requester="Eva Holm", requested_for="Jonas Lind", subject="Laptop will not boot after update",
        description="Since this morning the laptop stops at the logo after the Windows update; the user cannot work.",
        troubleshooting=["Hard reset", "Booted into safe mode: same result"], serial_number="PF2ABC12",
        colleagues=ColleaguesAffected.ONLY_USER, user_urgency=UserUrgency.STOPS_WORK, target_team="infrastructure",
    )
    data.update(changes)
    return EscalationForm.model_validate(data)


def fields(form: EscalationForm) -> list[str]:
    return [p.field for p in validate_form(form, agent_username="anna", agent_name="Anna Berg",
                                           team_ids={"infrastructure", "support"})]


def test_a_complete_form_passes_R_ESC_1() -> None:
    assert fields(complete()) == []


def test_an_empty_draft_names_every_required_field_in_order_R_ESC_1() -> None:
    assert fields(EscalationForm()) == ["a", "b", "c", "d", "e", "f", "g", "team"]


@pytest.mark.parametrize("me", ["anna", "Anna Berg", "ANNA"])
def test_the_agent_is_never_the_requester_R_TICKET_3(me: str) -> None:
    problems = validate_form(complete(requester=me), agent_username="anna", agent_name="Anna Berg")
    assert [(p.field, p.rule) for p in problems] == [("a", "R-TICKET-3")]


@pytest.mark.parametrize("subject", ["Help!", "Panic!!!", "Call me!", "hjälp", "HJÆLP", "urgent", "?!", "pc"])
def test_subjects_that_say_nothing_are_refused_R_TICKET_5(subject: str) -> None:
    problems = validate_form(complete(subject=subject), agent_username="anna", agent_name="Anna Berg")
    assert problems and all(p.field == "b" and p.rule == "R-TICKET-5" for p in problems)


@pytest.mark.parametrize("subject", ["Needs a new keyboard", "My computer hums", "Printer on floor 2 jams"])
def test_short_telling_subjects_pass_R_TICKET_5(subject: str) -> None:
    assert fields(complete(subject=subject)) == []


def test_shouting_and_long_subjects_are_refused_R_TICKET_5() -> None:
    assert "b" in fields(complete(subject="PRINTER DOES NOT PRINT ANYTHING"))
    assert "b" in fields(complete(subject="Printer " * 30))


def test_serial_number_is_mandatory_and_plausible_R_ESC_1() -> None:
    assert fields(complete(serial_number="")) == ["e"]
    assert fields(complete(serial_number="not a serial!")) == ["e"]
    assert fields(complete(serial_number="C02XK1ZZJGH5")) == []


def test_troubleshooting_steps_and_description_required_R_ESC_1() -> None:
    assert fields(complete(troubleshooting=["  "])) == ["d"]
    assert fields(complete(description="broken")) == ["c"]


def test_oversized_attachment_refused_with_reason_R_ESC_1() -> None:
    form = complete(attachments=[AttachmentRef(path="/tmp/dump.bin", size=MAX_ATTACHMENT_BYTES + 1)])
    assert fields(form) == ["h"]


def test_target_must_be_a_team_R_DISPATCH_6() -> None:
    assert fields(complete(target_team="sofie")) == ["team"]


def test_f_and_g_propose_the_priority_R_PRIO_5() -> None:
    assert form_priority(EscalationForm()) is None
    impact, urgency = form_priority(complete(colleagues=ColleaguesAffected.WHOLE_SITE)) or (None, None)
    assert priority_for(Kind.INCIDENT, impact, urgency) is Priority.P1


def test_override_needs_a_reason_R_PRIO_5() -> None:
    form = complete(impact_override=Impact.DEPARTMENT)
    assert fields(form) == ["g"]
    form = complete(impact_override=Impact.DEPARTMENT, override_reason="The user is the exam coordinator today")
    assert fields(form) == []
    assert form_priority(form) == (Impact.DEPARTMENT, Urgency.HIGH)


def test_summary_note_holds_every_answer_R_ESC_2_R_JOURNAL_3() -> None:
    note = summary_note(complete())
    for letter in "abcdefgh":
        assert f"\n{letter}) " in note
    assert "1. Hard reset" in note and "PF2ABC12" in note and "Jonas Lind" in note
