"""The queue's hand-over keys: escalate, dispatch (one ticket or the marked ones) and assign
(R-ESC-2, R-DISPATCH-1/3, R-JOURNAL-3). Mixed into QueueScreen, which supplies `desk`, `tickets`,
`_targets`, `load` and `_registered`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.errors import HelplineError
from app.i18n import t
from app.usecases import Desk
from screens.choose import Choose
from screens.failures import report_failure
from widgets.ticket_list import TicketList


class QueueHandOvers(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "escalation_form", "Escalate", show=False, id="queue.escalate"),
        Binding("d", "dispatch", "Dispatch", id="queue.dispatch"),
        Binding("A", "assign", "Assign", id="queue.assign"),
    ]

    desk: Desk

    @property
    def tickets(self) -> TicketList:
        return self.query_one(TicketList)

    def _targets(self) -> list[str]:  # supplied by QueueScreen
        raise NotImplementedError

    def load(self) -> object:  # supplied by QueueScreen (a worker there)
        raise NotImplementedError

    def _registered(self, ticket: Ticket | None) -> None:  # supplied by QueueScreen
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """R-DISPATCH-3: assigning is offered only to a dispatcher of the team holding the ticket."""
        if action == "assign":
            current = self.tickets.current
            return current is not None and self.desk.can_assign(current)
        return True

    async def _fetch(self, codes: list[str]) -> list[Ticket]:
        try:
            return [await self.desk.ticket(code) for code in codes]
        except HelplineError as error:
            report_failure(self, error, self.desk.client.server)
            return []

    @work(group="handover")
    async def action_escalation_form(self) -> None:
        from screens.escalation_form import EscalationFormScreen

        current = self.tickets.current
        for ticket in await self._fetch([current.code] if current else []):
            self.app.push_screen(EscalationFormScreen(self.desk, ticket), self._registered)

    @work(group="handover")
    async def action_dispatch(self) -> None:
        """One ticket, or the marked ones one after the other: each needs its own summary (R-JOURNAL-3)."""
        from screens.dispatch import DispatchScreen

        codes = self._targets()
        for ticket in await self._fetch(codes):
            if await self.app.push_screen_wait(DispatchScreen(self.desk, ticket)) is None and len(codes) > 1:
                break  # esc stops the round; what was dispatched stays dispatched
        self.tickets.marked.clear()
        self.load()

    @work(group="handover")
    async def action_assign(self) -> None:
        """R-DISPATCH-3: from the team queue, the dispatcher picks a member (absent ones marked)."""
        current = self.tickets.current
        if current is None or not self.desk.can_assign(current):
            return
        team = self.desk.team_of(current)
        choices = [(f"{self.desk.agents[u].name if u in self.desk.agents else u} ({u})"
                    + (f"  ({t('absent')})" if u in team.absent else ""), u) for u in team.members]
        agent = await self.app.push_screen_wait(Choose(t("Assign {code} to", code=current.code), choices))
        if agent is None:
            return
        try:
            await self.desk.assign(await self.desk.ticket(current.code), agent)
        except (RuleViolation, HelplineError) as error:
            report_failure(self, error, self.desk.client.server)
            return
        self.notify(t("{code} assigned to {agent}", code=current.code, agent=agent), markup=False)
        self.load()

