"""The assign picker, from the queue (`A`, over marks too) and the journal (`A`): finding 3 (follow-up and
triage) found it listed members with no counts, and assigning a P1 from a present owner to an absent member
happened without a word. Each member now shows their open, P1/P2 and overdue-flag counts and whether they are
absent, and choosing an absent one asks first (R-TEAM-3, R-DISPATCH-3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.app import App

from app.domain.models import Team
from app.i18n import t
from app.plain_text import printable
from app.usecases import Desk, MemberLoad
from screens.choose import Choose
from screens.confirm import Confirm

DEFAULT_OVERDUE = timedelta(hours=24)  # app/config.py's default, where a screen has no settings at hand


def member_line(desk: Desk, username: str, load: MemberLoad) -> str:
    agent = desk.agents.get(username)
    named = f"{printable(agent.name)} ({printable(username)})" if agent else printable(username)
    counts = t("{open} open, {urgent} P1/P2, {overdue} overdue flags", open=load.open, urgent=load.urgent,
               overdue=load.overdue)
    return f"{named} · {counts}" + (f" · {t('absent')}" if load.absent else "")


async def pick_member(app: App[Any], desk: Desk, team: Team, what: str,
                      overdue_after: timedelta = DEFAULT_OVERDUE) -> str | None:
    """The member the dispatcher assigns `what` (a code, or "3 tickets") to; None on esc or a "no"."""
    loads = await desk.member_loads(team, overdue_after)
    choices = [(member_line(desk, username, loads[username]), username) for username in team.members]
    agent = await app.push_screen_wait(Choose(t("Assign {code} to", code=what), choices))
    if agent is None or agent not in team.absent:
        return agent
    name = desk.agents[agent].name if agent in desk.agents else agent
    asked = t("{name} is absent: their tickets wait for them. Assign {code} to {name} all the same?",
              name=printable(name), code=what)
    return agent if await app.push_screen_wait(Confirm(asked)) else None
