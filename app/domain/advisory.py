"""Advisory escalation to a specialist group (003; R-ADVICE-1, R-ADVICE-2, R-TEAM-3)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from app.domain.errors import RuleViolation
from app.domain.models import Model, Team
from app.domain.text_quality import note_problems
from app.i18n import t

DESK_TIMEZONE = ZoneInfo("Europe/Copenhagen")


class AdvisoryRequest(Model):
    """R-ADVICE-2: what help is needed, why, and whether a routine is missing."""

    help_needed: str
    why: str
    routine_missing: bool
    routine_note: str = ""


def is_open(team: Team, now: datetime, tz: ZoneInfo = DESK_TIMEZONE) -> bool:
    """R-TEAM-3: within the team's office hours (in the desk's local time)."""
    local = now.astimezone(tz)
    hours = team.office_hours
    return local.weekday() in hours.weekdays and hours.opens <= local.time() < hours.closes


def bounce_reasons(
    request: AdvisoryRequest, second_line: Iterable[Team], now: datetime, tz: ZoneInfo = DESK_TIMEZONE
) -> list[str]:
    """R-ADVICE-2: why the specialists would bounce this request; empty when it may go."""
    reasons = []
    open_teams = [team.name for team in second_line if is_open(team, now, tz)]
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


def check_advisory(
    request: AdvisoryRequest, second_line: Iterable[Team], now: datetime, tz: ZoneInfo = DESK_TIMEZONE
) -> None:
    reasons = bounce_reasons(request, second_line, now, tz)
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
