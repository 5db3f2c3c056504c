"""Members marked absent and back (R-TEAM-3): a team's dispatchers do it, and the directory's history keeps who
did it when (finding 3, follow-up and triage: there was no way to mark absence from the app). The dispatcher
then watches the absent member's tickets (queue view 9)."""

from __future__ import annotations

from app.domain.errors import RuleViolation
from app.domain.models import Team
from app.i18n import t


def apply_absence(team: Team, *, actor: str, agent: str, absent: bool) -> tuple[Team, str]:
    """The team with `agent` marked absent (or back), and the line the directory's history records."""
    if actor not in team.dispatchers:
        raise RuleViolation("R-TEAM-3", t("Only a dispatcher of {team} marks its members absent or back.",
                                          team=team.name), "agent")
    if agent not in team.members:
        raise RuleViolation("R-TEAM-3", t("{agent} is not a member of {team}.", agent=agent, team=team.name), "agent")
    if (agent in team.absent) == absent:
        state = t("absent") if absent else t("present")
        raise RuleViolation("R-TEAM-3", t("{agent} is {state} already.", agent=agent, state=state), "absent")
    members = [m for m in team.absent if m != agent] + ([agent] if absent else [])
    said = t("{agent} marked absent in {team} by {actor}", agent=agent, team=team.name, actor=actor) if absent \
        else t("{agent} back in {team}, marked by {actor}", agent=agent, team=team.name, actor=actor)
    return team.model_copy(update={"absent": members}), said
