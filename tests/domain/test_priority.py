"""R-PRIO-1..5: the matrices, the one work order, and form fields f/g proposing priority."""

from __future__ import annotations

import pytest

from app.domain.enums import ColleaguesAffected, Impact, Kind, Priority, Urgency, UserUrgency
from app.domain.errors import RuleViolation
from app.domain.priority import (
    duty_key,
    needs_call_on_handover,
    priority_for,
    propose_impact_urgency,
    work_rank,
)

INC, SR = Kind.INCIDENT, Kind.SERVICE_REQUEST


@pytest.mark.parametrize(
    ("urgency", "company", "department", "individual"),
    [(Urgency.HIGH, 1, 2, 3), (Urgency.MEDIUM, 2, 3, 4), (Urgency.LOW, 3, 4, 5)],
)
def test_incident_matrix_R_PRIO_1(urgency: Urgency, company: int, department: int, individual: int) -> None:
    got = [priority_for(INC, impact, urgency) for impact in (Impact.COMPANY, Impact.DEPARTMENT, Impact.INDIVIDUAL)]
    assert got == [Priority(f"P{n}") for n in (company, department, individual)]


@pytest.mark.parametrize(
    ("urgency", "must", "should", "whenever"),
    [(Urgency.EXPEDITE, 1, 2, 3), (Urgency.STANDARD, 2, 3, 3)],
)
def test_service_request_matrix_R_PRIO_2(urgency: Urgency, must: int, should: int, whenever: int) -> None:
    impacts = (Impact.MUST_HAVE, Impact.SHOULD_HAVE, Impact.WHENEVER_POSSIBLE)
    assert [priority_for(SR, impact, urgency) for impact in impacts] == [
        Priority(f"SR{n}") for n in (must, should, whenever)
    ]


@pytest.mark.parametrize(
    ("kind", "impact", "urgency"),
    [(INC, Impact.MUST_HAVE, Urgency.HIGH), (INC, Impact.COMPANY, Urgency.EXPEDITE),
     (SR, Impact.COMPANY, Urgency.STANDARD),
     (SR, Impact.MUST_HAVE, Urgency.LOW)],
)
def test_values_of_the_other_matrix_are_refused_R_PRIO_1_2(kind: Kind, impact: Impact, urgency: Urgency) -> None:
    with pytest.raises(RuleViolation) as refused:
        priority_for(kind, impact, urgency)
    assert refused.value.rule in {"R-PRIO-1", "R-PRIO-2"}


def test_one_work_order_SR1_with_P3_R_PRIO_3() -> None:
    assert work_rank(Priority.SR1) == work_rank(Priority.P3) == 3
    assert work_rank(Priority.SR2) == work_rank(Priority.P4) == 4
    assert work_rank(Priority.SR3) == work_rank(Priority.P5) == 5
    ordered = sorted(Priority, key=work_rank)
    assert ordered[:2] == [Priority.P1, Priority.P2]


def test_duties_and_hand_over_calls_by_priority_R_PRIO_4() -> None:
    assert duty_key(Priority.P1) == "duty.p1"
    assert duty_key(Priority.SR1) == "duty.p3"
    assert needs_call_on_handover(Priority.P1) and needs_call_on_handover(Priority.P2)
    assert not needs_call_on_handover(Priority.P3) and not needs_call_on_handover(Priority.SR1)


def test_form_fields_f_and_g_propose_priority_R_PRIO_5() -> None:
    whole_site = propose_impact_urgency(INC, ColleaguesAffected.WHOLE_SITE, UserUrgency.STOPS_WORK)
    assert priority_for(INC, *whole_site) is Priority.P1
    only_me = propose_impact_urgency(INC, ColleaguesAffected.ONLY_USER, UserUrgency.CAN_WAIT)
    assert priority_for(INC, *only_me) is Priority.P5
    several = propose_impact_urgency(SR, ColleaguesAffected.SEVERAL_USERS, UserUrgency.STOPS_WORK)
    assert priority_for(SR, *several) is Priority.SR2
