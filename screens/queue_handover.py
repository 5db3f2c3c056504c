"""The queue's hand-over keys: escalate, dispatch (one ticket or the marked ones), assign and move an
escalation on (R-ESC-2, R-ESC-5, R-DISPATCH-1/3, R-JOURNAL-3). A helper the queue screen owns: the screen
binds the keys and calls in, and this class names what it needs of the screen as a typed parameter, so the
type checker holds both to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.errors import HelplineError
from app.i18n import t
from screens import escalation_move
from screens.assign_picker import pick_member
from screens.choose import Choose
from screens.failures import report_failure
from screens.queue_bulk import BulkOutcome
from widgets.outside_text import tell

if TYPE_CHECKING:
    from screens.queue import QueueScreen

BINDINGS = [
    Binding("e", "escalation_form", "Escalate", show=False, id="queue.escalate"),
    Binding("d", "dispatch", "Dispatch", id="queue.dispatch"),
    Binding("A", "assign", "Assign", id="queue.assign"),
    Binding("m", "move_escalation", "Move an escalation on", show=False, id="queue.move_escalation"),
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
            screen.tickets.marked.discard(ticket.code)  # finding 4: the others keep their marks after an esc
        screen.load()

    async def assign(self) -> None:
        """R-DISPATCH-3: from the team queue, the dispatcher picks a member (with each one's load and absence:
        screens/assign_picker.py), for the ticket under the cursor or (finding 4, follow-up and triage) for every
        marked one, all of one team."""
        screen, desk = self.screen, self.screen.desk
        tickets = await self._fetch(screen.targets())
        if not tickets:
            return
        teams = {ticket.team for ticket in tickets}
        if len(teams) > 1 or not all(desk.can_assign(ticket) for ticket in tickets):
            tell(screen, t("The marked tickets must all be in one team whose dispatcher you are (R-DISPATCH-3)."),
                 severity="warning")
            return
        what = tickets[0].code if len(tickets) == 1 else t("{n} tickets", n=len(tickets))
        agent = await pick_member(screen.app, desk, desk.team_of(tickets[0]), what, screen.overdue_after)
        if agent is None:
            return
        if len(tickets) == 1:
            try:
                await desk.assign(tickets[0], agent)
            except (RuleViolation, HelplineError) as error:
                report_failure(screen, error, desk.client.server)
                return
            tell(screen, t("{code} assigned to {agent}", code=tickets[0].code, agent=agent))
            screen.load()
            return
        outcome = BulkOutcome()
        for ticket in tickets:
            if ticket.owner == agent:
                outcome.unchanged.append(ticket.code)
                continue
            try:
                await desk.assign(ticket, agent)
                outcome.changed.append(ticket.code)
            except (RuleViolation, HelplineError) as error:
                outcome.refused.append(f"{ticket.code}: {error.message}")
        screen.report_bulk(outcome)

    async def move_escalation(self) -> None:
        """R-ESC-5: from view 8 (or any row with an escalation not ended), the escalation moved on."""
        screen, desk = self.screen, self.screen.desk
        current = screen.tickets.current
        if current is None or not current.escalations:
            return
        for ticket in await self._fetch([current.code]):
            move = await escalation_move.choose_move(screen.app, desk, ticket)
            if move is None:
                return
            try:
                await desk.move_escalation(ticket, move.number, status=move.status, handler=move.handler)
            except (RuleViolation, HelplineError) as error:
                report_failure(screen, error, desk.client.server)
                return
            tell(screen, t("{number} moved on", number=move.number))
            screen.load()

    async def absence(self) -> None:
        """R-TEAM-3, finding 3 (follow-up and triage): the dispatcher marks a member of the team absent or back;
        the directory's history keeps it, and view 9 then shows the absent member's tickets."""
        screen, desk = self.screen, self.screen.desk
        team = desk.teams.get(screen.team)
        if team is None:
            return
        choices = [(f"{desk.agents[u].name if u in desk.agents else u} ({u}) · "
                    + (t("absent: mark back") if u in team.absent else t("present: mark absent")), u)
                   for u in team.members]
        agent = await screen.app.push_screen_wait(Choose(t("Absence in {team}", team=team.name), choices))
        if agent is None:
            return
        try:
            changed = await desk.set_absence(team, agent, agent not in team.absent)
        except (RuleViolation, HelplineError) as error:
            report_failure(screen, error, desk.client.server)
            return
        tell(screen, t("{agent} is absent now", agent=agent) if agent in changed.absent
             else t("{agent} is back", agent=agent))
        screen.load()
