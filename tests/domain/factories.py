"""Small, explicit builders for rule tests: a first-line team, a second-line team, tickets, the printer case's
hand-over texts and escalation form."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain.enums import ColleaguesAffected, Impact, Kind, LineLevel, Priority, Status, Urgency, UserUrgency
from app.domain.escalation_form import EscalationForm
from app.domain.models import OfficeHours, Team, Ticket
from app.domain.priority import priority_for

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # a Wednesday
# The printer case's words at a hand-over (R-JOURNAL-3) and on the way home (R-DISPATCH-4).
SUMMARY = "Printer jams on every job; cleared the paper path and power-cycled it, still jams."
SOLUTION = "Replaced the fuser unit and printed fifty test pages with the user on the phone."


def printer_form(**changes: Any) -> EscalationForm:
    """The printer case's escalation form a-h, filled in for Infrastructure (R-ESC-1)."""
    data: dict[str, Any] = dict(
        requester="Eva Holm", subject="Printer on floor 2 jams on every job",
        description="Since Monday every print job jams in tray 2; the whole floor prints elsewhere meanwhile.",
        troubleshooting=["Cleared the paper path", "Power-cycled the printer"], serial_number="CNB1K2345",
        colleagues=ColleaguesAffected.SEVERAL_USERS, user_urgency=UserUrgency.HINDERS_WORK,
        target_team="infrastructure",
    )
    data.update(changes)
    return EscalationForm.model_validate(data)


def support() -> Team:
    return Team(id="support", name="Service Desk", line=LineLevel.FIRST, primary=True,
                members=["anna", "lars"], dispatchers=["anna"], team_lead="anna")


def infra() -> Team:
    return Team(id="infrastructure", name="Infrastructure", line=LineLevel.SECOND,
                members=["sofie", "mikkel"], dispatchers=["mikkel"], team_lead="mikkel")


def specialists() -> Team:
    return Team(id="specialists", name="Product Specialists", line=LineLevel.SECOND, advisory=True,
                members=["ida"], dispatchers=["ida"],
                office_hours=OfficeHours(weekdays=[0, 1, 2, 3, 4, 5, 6], opens="07:00", closes="22:00"))


def teams() -> dict[str, Team]:
    return {team.id: team for team in (support(), infra(), specialists())}


AGENTS = {"anna", "lars", "sofie", "mikkel", "ida"}


def ticket(**changes: Any) -> Ticket:
    kind = changes.pop("kind", Kind.INCIDENT)
    impact = changes.pop("impact", Impact.INDIVIDUAL if kind is Kind.INCIDENT else Impact.WHENEVER_POSSIBLE)
    urgency = changes.pop("urgency", Urgency.LOW if kind is Kind.INCIDENT else Urgency.STANDARD)
    priority = changes.pop("priority", None) or priority_for(kind, impact, urgency)
    data: dict[str, Any] = {
        "id": 7, "code": "HL-7", "kind": kind, "subject": "Printer on floor 2 jams", "requester": "Eva Holm",
        "team": "support", "primary_team": "support", "impact": impact, "urgency": urgency, "priority": priority,
        "created": NOW - timedelta(hours=3), "updated": NOW - timedelta(hours=1), "category": "Printing",
    }
    data.update(changes)
    return Ticket(**data)


def p2(**changes: Any) -> Ticket:
    return ticket(impact=Impact.DEPARTMENT, urgency=Urgency.HIGH, **changes)


assert p2().priority is Priority.P2
assert ticket().status is Status.NEW
