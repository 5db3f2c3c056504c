"""The queue's hand-over keys: escalate, dispatch (one ticket or the marked ones) and assign
(R-ESC-2, R-DISPATCH-1/3, R-JOURNAL-3). A helper the queue screen owns: the screen binds the keys and
calls in, and this class names what it needs of the screen as a typed parameter, so the type checker holds
both to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.errors import HelplineError
from app.i18n import t
from screens.choose import Choose
from screens.failures import report_failure
from widgets.outside_text import tell

if TYPE_CHECKING:
    from screens.queue import QueueScreen

BINDINGS = [
    Binding("e", "escalation_form", "Escalate", show=False, id="queue.escalate"),
    Binding("d", "dispatch", "Dispatch", id="queue.dispatch"),
    Binding("A", "assign", "Assign", id="queue.assign"),
]


class QueueHandOvers:
    def __init__(self, screen: QueueScreen) -> None:
        self.screen = screen

    def may_assign(self) -> bool:
        """R-DISPATCH-3: assigning is offered only to a dispatcher of the team holding the ticket."""
        current = self.screen.tickets.current
        return current is not None and self.screen.desk.can_assign(current)

    async def _fetch(self, codes: list[str]) -> list[Ticket]:
        desk = self.screen.desk
        try:
            return [await desk.ticket(code) for code in codes]
        except HelplineError as error:
            report_failure(self.screen, error, desk.client.server)
            return []

    async def escalation_form(self) -> None:
        from screens.escalation_form import EscalationFormScreen

        screen = self.screen
        current = screen.tickets.current
        for ticket in await self._fetch([current.code] if current else []):
            screen.app.push_screen(EscalationFormScreen(screen.desk, ticket), screen.registered)

    async def dispatch(self) -> None:
        """One ticket, or the marked ones one after the other: each needs its own summary (R-JOURNAL-3)."""
        from screens.dispatch import DispatchScreen

        screen = self.screen
        codes = screen.targets()
        for ticket in await self._fetch(codes):
            if await screen.app.push_screen_wait(DispatchScreen(screen.desk, ticket)) is None and len(codes) > 1:
                break  # esc stops the round; what was dispatched stays dispatched
        screen.tickets.marked.clear()
        screen.load()

    async def assign(self) -> None:
        """R-DISPATCH-3: from the team queue, the dispatcher picks a member (absent ones marked)."""
        screen, desk = self.screen, self.screen.desk
        current = screen.tickets.current
        if current is None or not desk.can_assign(current):
            return
        team = desk.team_of(current)
        choices = [(f"{desk.agents[u].name if u in desk.agents else u} ({u})"
                    + (f"  ({t('absent')})" if u in team.absent else ""), u) for u in team.members]
        agent = await screen.app.push_screen_wait(Choose(t("Assign {code} to", code=current.code), choices))
        if agent is None:
            return
        try:
            await desk.assign(await desk.ticket(current.code), agent)
        except (RuleViolation, HelplineError) as error:
            report_failure(screen, error, desk.client.server)
            return
        tell(screen, t("{code} assigned to {agent}", code=current.code, agent=agent))
        screen.load()
