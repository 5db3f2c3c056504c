"""`m`: move an escalation on (R-ESC-5), from the journal and from queue view 8 "Escalations I follow".

The agent picks the escalation (when the ticket has more than one that has not ended), then where it goes: in
progress, done, withdrawn, or to another handler (a team or an agent of the desk). The caller sends the move
its own way (the journal through its reload, the queue with its refresh); every move is a journal line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App

from app.domain.enums import ACTIVE_ESCALATION_STATUSES, EscalationKind, EscalationStatus
from app.domain.models import Escalation, Ticket
from app.i18n import label, t
from app.plain_text import printable
from app.usecases import Desk
from screens.choose import Choose

HANDLER = "handler"  # the choice "another handler…"
# Advice is answered or bounced by the specialists (`w`); the one who asked can only withdraw it.
ADVICE_MOVES = (EscalationStatus.WITHDRAWN,)
MOVES = (EscalationStatus.IN_PROGRESS, EscalationStatus.DONE, EscalationStatus.WITHDRAWN)


@dataclass(frozen=True)
class Move:
    number: str
    status: EscalationStatus | None = None
    handler: str | None = None


def active(ticket: Ticket) -> list[Escalation]:
    return [e for e in ticket.escalations if e.status in ACTIVE_ESCALATION_STATUSES]


def who(desk: Desk, party: str | None) -> str:
    """A handler or follow-up owner as people know them: a team's name, an agent's name and username."""
    if party is None:
        return "-"
    if party in desk.teams:
        return printable(desk.teams[party].name)
    agent = desk.agents.get(party)
    return f"{printable(agent.name)} ({printable(party)})" if agent else printable(party)


def describe(desk: Desk, escalation: Escalation) -> str:
    return t("{number} {kind} · {status} · handler {handler}", number=escalation.number,
             kind=label(escalation.kind), status=label(escalation.status), handler=who(desk, escalation.handler))


async def choose_move(app: App[Any], desk: Desk, ticket: Ticket) -> Move | None:
    """The move the agent picks, or None (nothing to move, or esc)."""
    candidates = active(ticket)
    if not candidates:
        return None
    escalation = candidates[0] if len(candidates) == 1 else await app.push_screen_wait(
        Choose(t("Move which escalation of {code} on?", code=ticket.code),
               [(describe(desk, e), e) for e in candidates]))
    if escalation is None:
        return None
    moves = ADVICE_MOVES if escalation.kind is EscalationKind.ADVISORY else MOVES
    choices: list[tuple[str, EscalationStatus | str]] = [(label(s), s) for s in moves if s is not escalation.status]
    if escalation.kind is not EscalationKind.ADVISORY:
        choices.append((t("Another handler…"), HANDLER))
    picked = await app.push_screen_wait(Choose(describe(desk, escalation), choices))
    if picked is None:
        return None
    if isinstance(picked, EscalationStatus):
        return Move(escalation.number, status=picked)
    handlers = [(t("Team {team}", team=printable(team.name)), team.id) for team in desk.teams.values()]
    handlers += [(who(desk, agent.username), agent.username) for agent in desk.agents.values()]
    handler = await app.push_screen_wait(Choose(t("Who handles {number} now?", number=escalation.number),
                                                handlers))
    return Move(escalation.number, handler=handler) if handler is not None else None
