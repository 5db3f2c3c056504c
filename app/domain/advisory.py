"""Advisory escalation to a specialist group (003; R-ADVICE-1, R-ADVICE-2, R-TEAM-3)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain.errors import RuleViolation
from app.domain.models import Model, OfficeHours, Team
from app.domain.text_quality import note_problems
from app.i18n import t


class AdvisoryRequest(Model):
    """R-ADVICE-2: what help is needed, why, and whether a routine is missing."""

    help_needed: str
    why: str
    routine_missing: bool
    routine_note: str = ""


def team_zone(team: Team) -> ZoneInfo | None:
    """R-TEAM-3: the zone a team's hours are kept in; None: the machine's local time (finding 5, follow-up and
    triage: it was a hard-coded Europe/Copenhagen). The store fills in the desk's zone for a team without one."""
    zone = team.office_hours.time_zone
    return ZoneInfo(zone) if zone else None


def in_desk_zone(teams: Iterable[Team], zone: str | None) -> list[Team]:
    """The teams as a directory gives them: one without its own zone keeps its hours in the desk's (`zone`,
    checked by OfficeHours), so the API always says which zone an hour is in."""
    if zone is None:
        return list(teams)
    hours = {team.id: team.office_hours.model_copy(update={"time_zone": team.office_hours.time_zone or zone})
             for team in teams}
    OfficeHours.model_validate({"time_zone": zone})  # an unknown zone is refused by name
    return [team.model_copy(update={"office_hours": hours[team.id]}) for team in teams]


def is_open(team: Team, now: datetime) -> bool:
    """R-TEAM-3: within the team's office hours, in the team's time zone."""
    local = now.astimezone(team_zone(team))
    hours = team.office_hours
    return local.weekday() in hours.weekdays and hours.opens <= local.time() < hours.closes


def next_opening(team: Team, now: datetime) -> datetime | None:
    """When a closed team opens next, in its own zone; None when it has no open day at all."""
    zone = team_zone(team)
    local = now.astimezone(zone)
    hours = team.office_hours
    for days in range(8):
        day = (local + timedelta(days=days)).date()
        if day.weekday() not in hours.weekdays:
            continue
        opening = datetime.combine(day, hours.opens, tzinfo=zone or local.tzinfo)
        if opening > local:
            return opening
    return None


def bounce_reasons(request: AdvisoryRequest, second_line: Iterable[Team], now: datetime) -> list[str]:
    """R-ADVICE-2: why the specialists would bounce this request; empty when it may go."""
    reasons = []
    open_teams = [team.name for team in second_line if is_open(team, now)]
    if open_teams:
        reasons.append(
            t("Second line is open ({teams}): dispatch to them instead of asking for advice.",
              teams=", ".join(open_teams))
        )
    for problem in note_problems(request.help_needed, min_chars=20):
        reasons.append(t("What help is needed: ") + problem)
    for problem in note_problems(request.why, min_chars=15):
        reasons.append(t("Why: ") + problem)
    if not request.routine_missing and len(request.routine_note.strip()) < 5:
        reasons.append(
            t("An existing routine may answer this: name the routine you followed and where it fell short.")
        )
    return reasons


def check_advisory(request: AdvisoryRequest, second_line: Iterable[Team], now: datetime) -> None:
    reasons = bounce_reasons(request, second_line, now)
    if reasons:
        raise RuleViolation("R-ADVICE-2", " ".join(reasons))


def advisory_note(request: AdvisoryRequest) -> str:
    routine = t("A routine is missing.") if request.routine_missing else t(
        "Routine followed: {note}", note=request.routine_note.strip())
    return "\n".join([
        t("Advisory escalation"),
        t("Help needed: {text}", text=request.help_needed.strip()),
        t("Why: {text}", text=request.why.strip()),
        routine,
    ])
