"""The journal's hand-over and escalation actions (R-ESC-3/4, R-DISPATCH-1..4, R-ADVICE-1/2, R-LINK-1), kept
apart from the note and status actions so each file stays readable. A helper the journal screen owns: the
screen binds the keys and calls in, and this class names what it needs of the screen as a typed parameter,
so the type checker holds both to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from app.domain.clock import utcnow
from app.domain.enums import EscalationKind, EscalationStatus, Role
from app.domain.escalations import hierarchical_reasons
from app.domain.models import Ticket
from app.i18n import label, t
from app.plain_text import printable
from app.usecases import Desk
from screens import escalation_move
from screens.assign_picker import pick_member
from screens.choose import Choose
from screens.note_editor import NoteEditor
from widgets.outside_text import tell

if TYPE_CHECKING:
    from screens.journal import JournalScreen

# Who a hierarchical escalation draws in (R-ESC-4).
FOLLOWERS = (Role.DISPATCHER, Role.TEAM_LEAD, Role.PROCESS_MANAGER)


BINDINGS = [
    Binding("e", "escalation_form", "Escalate (form a-h)", id="journal.escalate"),
    Binding("d", "dispatch", "Dispatch", id="journal.dispatch"),
    Binding("D", "direct_handover", "Hand to an agent as agreed", show=False, id="journal.handover"),
    Binding("A", "assign", "Assign", show=False, id="journal.assign"),
    Binding("B", "return_to_primary", "Back to primary team", show=False, id="journal.return"),
    Binding("H", "hierarchical", "Hierarchical escalation", show=False, id="journal.hierarchical"),
    Binding("v", "advisory", "Ask specialists for advice", show=False, id="journal.advisory"),
    Binding("L", "linked_escalation", "Complaint, service report or action", show=False,
            id="journal.linked"),
    Binding("w", "answer_advice", "Answer the advice asked", show=False, id="journal.answer"),
    Binding("m", "move_escalation", "Move an escalation on", show=False, id="journal.move_escalation"),
]


class JournalHandOvers:
    def __init__(self, screen: JournalScreen) -> None:
        self.screen = screen

    @property
    def desk(self) -> Desk:
        return self.screen.desk

    @property
    def ticket(self) -> Ticket | None:
        return self.screen.ticket

    @property
    def app(self) -> App[object]:
        return self.screen.app

    def _reload_if(self, result: Ticket | None) -> None:
        if result is not None:
            self.screen.action_reload()

    # ----- which actions this agent sees on this ticket --------------------------------------------

    def offers(self, action: str) -> bool:
        """R-DISPATCH-3/4, R-ADVICE-1: an action nobody here may take is not shown at all."""
        ticket = self.ticket
        if ticket is None:
            return True
        if action == "assign":
            return self.desk.can_assign(ticket)
        if action == "return_to_primary":
            return bool(ticket.primary_team) and ticket.primary_team != ticket.team
        if action == "answer_advice":
            return bool(self._advice_for_me(ticket))
        if action == "move_escalation":
            return bool(escalation_move.active(ticket))
        return True

    def _advice_for_me(self, ticket: Ticket) -> list[str]:
        mine = {team.id for team in self.desk.my_teams() if team.advisory}
        return [e.number for e in ticket.escalations if e.kind is EscalationKind.ADVISORY and e.team in mine
                and e.status in (EscalationStatus.OPEN, EscalationStatus.IN_PROGRESS)]

    # ----- hand-overs ----------------------------------------------------------------------------

    def escalation_form(self) -> None:
        from screens.escalation_form import EscalationFormScreen

        if self.ticket is not None:
            self.app.push_screen(EscalationFormScreen(self.desk, self.ticket), self._reload_if)

    def dispatch(self) -> None:
        from screens.dispatch import DispatchScreen

        if self.ticket is not None:
            self.app.push_screen(DispatchScreen(self.desk, self.ticket), self._reload_if)

    def direct_handover(self) -> None:
        from screens.direct_handover import DirectHandoverScreen

        if self.ticket is not None:
            self.app.push_screen(DirectHandoverScreen(self.desk, self.ticket), self._reload_if)

    async def assign(self) -> None:
        """R-DISPATCH-3: a dispatcher of the holding team picks one of its members, seeing each one's load and
        absence (screens/assign_picker.py)."""
        ticket = self.ticket
        if ticket is None:
            return
        agent = await pick_member(self.app, self.desk, self.desk.team_of(ticket), ticket.code)
        if agent is not None:
            self.screen.run_call(lambda: self.desk.assign(ticket, agent))

    async def return_to_primary(self) -> None:
        """R-DISPATCH-4: second line's solution note, and the ticket goes home in one action."""
        ticket = self.ticket
        if ticket is None or not ticket.primary_team:
            return
        key = f"{ticket.code}:return"
        home = self.desk.teams[ticket.primary_team].name
        note = await self.app.push_screen_wait(
            NoteEditor(t("Solution note; {code} goes back to {team}", code=ticket.code, team=home), draft_key=key))
        if note is not None:
            self.screen.run_call(lambda: self.desk.return_to_primary(ticket, note), draft_key=key)

    # ----- escalations ---------------------------------------------------------------------------

    async def hierarchical(self) -> None:
        """R-ESC-4: draw in a dispatcher, team lead or process manager, who then follows up."""
        ticket = self.ticket
        if ticket is None:
            return
        reasons = hierarchical_reasons(ticket, utcnow(), self.screen.stale_after)
        if not reasons:
            tell(self.screen, t("{code} is not P1 and is moving: no hierarchical escalation needed (R-ESC-4).",
                                code=ticket.code))
            return
        people = [(self._follower_label(a.username), a.username) for a in self.desk.agents.values()
                  if set(a.roles) & set(FOLLOWERS) and a.username != self.desk.me.username]
        handler = await self.app.push_screen_wait(
            Choose(t("Who follows up on {code} ({reasons})?", code=ticket.code, reasons=", ".join(reasons)), people))
        if handler is None:
            return
        key = f"{ticket.code}:hierarchical"
        note = await self.app.push_screen_wait(NoteEditor(t("What do you need from them?"), draft_key=key))
        if note is not None:
            stale_after = self.screen.stale_after
            self.screen.run_call(lambda: self.desk.escalate_hierarchical(ticket, handler, note, stale_after),
                                 draft_key=key)

    async def move_escalation(self) -> None:
        """R-ESC-5: an escalation moved on; it stays in the work list with its new status and handler."""
        ticket = self.ticket
        if ticket is None:
            return
        move = await escalation_move.choose_move(self.app, self.desk, ticket)
        if move is not None:
            self.screen.run_call(lambda: self.desk.move_escalation(ticket, move.number, status=move.status,
                                                                   handler=move.handler))

    def advisory(self) -> None:
        from screens.advisory import AdvisoryScreen

        if self.ticket is not None:
            self.app.push_screen(AdvisoryScreen(self.desk, self.ticket), self._reload_if)

    def linked_escalation(self) -> None:
        from screens.linked_escalation import LinkedEscalationScreen

        if self.ticket is not None:
            self.app.push_screen(LinkedEscalationScreen(self.desk, self.ticket), self._reload_if)

    async def answer_advice(self) -> None:
        """R-ADVICE-1: the specialist answers (or bounces) the advice asked of their group."""
        from screens.advice_answer import AdviceAnswerScreen

        ticket = self.ticket
        if ticket is None:
            return
        numbers = self._advice_for_me(ticket)
        if not numbers:
            return
        number = numbers[0] if len(numbers) == 1 else await self.app.push_screen_wait(
            Choose(t("Answer which request for advice?"), [(n, n) for n in numbers]))
        if number is not None:
            self.app.push_screen(AdviceAnswerScreen(self.desk, ticket, number), self._reload_if)

    def _follower_label(self, username: str) -> str:
        """Finding 8 (follow-up and triage): who someone is to a hierarchical escalation, their roles (R-ESC-4)
        and teams, not a bare name: "Mikkel Dahl (mikkel) · dispatcher, team lead · Support"."""
        agent = self.desk.agents[username]
        roles = ", ".join(label(role) for role in agent.roles if role in FOLLOWERS)
        teams = ", ".join(printable(team.name) for team in self.desk.teams.values() if username in team.members)
        return " · ".join(part for part in (self._agent_label(username), roles, teams) if part)

    def _agent_label(self, username: str) -> str:
        agent = self.desk.agents.get(username)
        return f"{printable(agent.name)} ({username})" if agent else username
