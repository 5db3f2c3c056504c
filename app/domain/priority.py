"""Priority matrices and the work order (R-PRIO-1..5)."""

from __future__ import annotations

from app.domain.enums import (
    ColleaguesAffected,
    Impact,
    Kind,
    Priority,
    Urgency,
    UserUrgency,
)
from app.domain.errors import RuleViolation

# R-PRIO-1: incident priority, urgency (rows) x impact (columns).
INCIDENT_MATRIX: dict[Urgency, dict[Impact, Priority]] = {
    Urgency.HIGH: {Impact.COMPANY: Priority.P1, Impact.DEPARTMENT: Priority.P2, Impact.INDIVIDUAL: Priority.P3},
    Urgency.MEDIUM: {Impact.COMPANY: Priority.P2, Impact.DEPARTMENT: Priority.P3, Impact.INDIVIDUAL: Priority.P4},
    Urgency.LOW: {Impact.COMPANY: Priority.P3, Impact.DEPARTMENT: Priority.P4, Impact.INDIVIDUAL: Priority.P5},
}

# R-PRIO-2: service request priority.
REQUEST_MATRIX: dict[Urgency, dict[Impact, Priority]] = {
    Urgency.EXPEDITE: {
        Impact.MUST_HAVE: Priority.SR1,
        Impact.SHOULD_HAVE: Priority.SR2,
        Impact.WHENEVER_POSSIBLE: Priority.SR3,
    },
    Urgency.STANDARD: {
        Impact.MUST_HAVE: Priority.SR2,
        Impact.SHOULD_HAVE: Priority.SR3,
        Impact.WHENEVER_POSSIBLE: Priority.SR3,
    },
}

MATRIX_BY_KIND = {Kind.INCIDENT: INCIDENT_MATRIX, Kind.SERVICE_REQUEST: REQUEST_MATRIX}

# R-PRIO-3: one work order across both kinds; SR1 ranks with P3, SR2 with P4, SR3 with P5.
WORK_RANK: dict[Priority, int] = {
    Priority.P1: 1,
    Priority.P2: 2,
    Priority.P3: 3,
    Priority.SR1: 3,
    Priority.P4: 4,
    Priority.SR2: 4,
    Priority.P5: 5,
    Priority.SR3: 5,
}


def impacts_for(kind: Kind) -> list[Impact]:
    return list(next(iter(MATRIX_BY_KIND[kind].values())))


def urgencies_for(kind: Kind) -> list[Urgency]:
    return list(MATRIX_BY_KIND[kind])


def check_matrix_values(kind: Kind, impact: Impact, urgency: Urgency) -> None:
    """Impact and urgency must come from the matrix of the ticket's kind (R-PRIO-1, R-PRIO-2)."""
    rule = "R-PRIO-1" if kind is Kind.INCIDENT else "R-PRIO-2"
    if urgency not in MATRIX_BY_KIND[kind]:
        raise RuleViolation(rule, f"urgency {urgency.value!r} does not apply to a {kind.value}", "urgency")
    if impact not in impacts_for(kind):
        raise RuleViolation(rule, f"impact {impact.value!r} does not apply to a {kind.value}", "impact")


def priority_for(kind: Kind, impact: Impact, urgency: Urgency) -> Priority:
    """The matrix's priority (R-PRIO-1, R-PRIO-2)."""
    check_matrix_values(kind, impact, urgency)
    return MATRIX_BY_KIND[kind][urgency][impact]


def work_rank(priority: Priority) -> int:
    """1 is done first (R-PRIO-3)."""
    return WORK_RANK[priority]


def default_impact_urgency(kind: Kind) -> tuple[Impact, Urgency]:
    """What a ticket gets when nobody said: the lowest cell of its matrix."""
    if kind is Kind.INCIDENT:
        return Impact.INDIVIDUAL, Urgency.LOW
    return Impact.WHENEVER_POSSIBLE, Urgency.STANDARD


def propose_impact_urgency(
    kind: Kind, colleagues: ColleaguesAffected, user_urgency: UserUrgency
) -> tuple[Impact, Urgency]:
    """R-PRIO-5: escalation form fields f and g propose impact and urgency."""
    if kind is Kind.INCIDENT:
        impact = {
            ColleaguesAffected.ONLY_USER: Impact.INDIVIDUAL,
            ColleaguesAffected.SEVERAL_USERS: Impact.DEPARTMENT,
            ColleaguesAffected.WHOLE_SITE: Impact.COMPANY,
        }[colleagues]
        urgency = {
            UserUrgency.CAN_WAIT: Urgency.LOW,
            UserUrgency.HINDERS_WORK: Urgency.MEDIUM,
            UserUrgency.STOPS_WORK: Urgency.HIGH,
        }[user_urgency]
        return impact, urgency
    impact = {
        ColleaguesAffected.ONLY_USER: Impact.WHENEVER_POSSIBLE,
        ColleaguesAffected.SEVERAL_USERS: Impact.SHOULD_HAVE,
        ColleaguesAffected.WHOLE_SITE: Impact.MUST_HAVE,
    }[colleagues]
    urgency = Urgency.EXPEDITE if user_urgency is UserUrgency.STOPS_WORK else Urgency.STANDARD
    return impact, urgency


# R-PRIO-4: duties shown to the agent where they act; keys of the translation catalogue.
DUTY_KEYS: dict[int, str] = {
    1: "duty.p1",
    2: "duty.p2",
    3: "duty.p3",
    4: "duty.p4",
    5: "duty.p5",
}


def duty_key(priority: Priority) -> str:
    return DUTY_KEYS[work_rank(priority)]


def needs_call_on_handover(priority: Priority) -> bool:
    """R-PRIO-4 / R-ESC-2: P1 and P2 hand-overs need a call to the receiving dispatcher or lead."""
    return priority in (Priority.P1, Priority.P2)
