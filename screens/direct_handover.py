"""The one exception to "teams, not agents": straight to an agent after prior agreement (R-DISPATCH-2).

A separate screen with its own key, so it is always a deliberate act: the agent is named twice
(chosen, then typed as the one it was agreed with) and the agreement is written into the journal.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from app.domain.dispatch import needs_split_or_statement
from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.i18n import label, t
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.failures import attempt
from screens.handover_base import HandoverScreen, handover_bindings
from widgets.category_check import CategoryHint, description_excerpt
from widgets.key_bar import KeyBar
from widgets.one_problem import OneProblem
from widgets.outside_text import literal, literal_lines, options, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea


class DirectHandoverScreen(HandoverScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "send", "Hand over as agreed", priority=True, id="handover.send"),
        *handover_bindings("handover"),
        Binding("escape", "leave", "Back", id="handover.back"),
    ]
    CATEGORY_FIELD = "#handover-category"

    def __init__(self, desk: Desk, ticket: Ticket) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket

    def compose(self) -> ComposeResult:
        teams = self.desk.dispatch_targets(self.ticket)
        with VerticalScroll(id="handover-form"):
            yield Static(literal(t("Hand {code} straight to an agent: only after you agreed it with them "
                                   "(R-DISPATCH-2). Otherwise dispatch to the team with d.", code=self.ticket.code),
                                 style="bold"))
            yield Label(t("Team of the agent"), classes="letter")
            yield Select(options((f"{team.name} ({label(team.line)})", team.id) for team in teams), id="handover-team")
            yield Label(t("Agent"), classes="letter")
            yield Select([], prompt=t("Choose the team first"), id="handover-agent")
            yield Label(t("Agreed with (type the agent's username: who you agreed this with)"), classes="letter")
            yield PlainInput(id="handover-agreed")
            yield Label(t("Summary note: the problem and what was tried (R-JOURNAL-3)"), classes="letter")
            yield PlainTextArea(id="handover-summary")
            yield Label(t("Category, checked against the description (R-DISPATCH-5)"), classes="letter")
            yield Static(description_excerpt(self.ticket.subject, self.ticket.description),
                         id="handover-description")
            yield PlainInput(self.ticket.category or "", id="handover-category")
            yield CategoryHint(id="handover-category-hint")
            yield OneProblem(can_split=False, id="one-problem")
            yield Static(id="handover-problem", classes="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("Direct hand-over")
        self.query_one("#handover-team", Select).focus()
        self.query_one(OneProblem).need(needs_split_or_statement(self.ticket))
        self._check_category()

    def choice_changed(self) -> None:
        self.query_one("#handover-problem", Static).update("")

    @on(Input.Changed, "#handover-category")
    def _check_category(self) -> None:
        self.check_category(self.ticket.subject, self.ticket.description)

    @on(Select.Changed, "#handover-team")
    def _team_chosen(self, event: Select.Changed) -> None:
        team = self.desk.teams.get(str(event.value))
        members = team.members if team else []
        names = [(f"{self.desk.agents[u].name if u in self.desk.agents else u} ({u})", u) for u in members]
        self.query_one("#handover-agent", Select).set_options(options(names))

    def _value(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL else str(value)

    @after_typing
    def action_send(self) -> None:
        team, agent = self._value("#handover-team"), self._value("#handover-agent")
        if not team or not agent:
            self.query_one("#handover-problem", Static).update(Text(t("Choose the team and the agent.")))
            return
        typed = self.query_one("#handover-category", Input).value
        try:  # the rules first: a confirmation is asked only of a hand-over that would go
            self.desk.check_dispatch(self.ticket, team, self.query_one("#handover-summary", TextArea).text,
                                     category=typed.strip() or None, one_problem=self.query_one(OneProblem).one_problem)
        except RuleViolation as error:
            self.query_one("#handover-problem", Static).update(literal_lines(f"{error.message} ({error.rule})"))
            return
        unconfirmed = self.category_unconfirmed(typed)  # R-DISPATCH-5: a disagreeing category goes on a second ctrl+s
        if unconfirmed:
            self.query_one("#handover-problem", Static).update(literal_lines(unconfirmed))
            return
        self.send(team, agent)

    @work(exclusive=True, group="send")
    async def send(self, team: str, agent: str) -> None:
        call = self.desk.handover_to_agent(
            self.ticket, team, agent, agreed_with=self.query_one("#handover-agreed", Input).value,
            summary=self.query_one("#handover-summary", TextArea).text,
            category=self.query_one("#handover-category", Input).value.strip() or None,
            one_problem=self.query_one(OneProblem).one_problem)
        ticket = await attempt(self, call, self.desk.client.server, self.query_one("#handover-problem", Static))
        if ticket is None:
            return
        tell(self, t("{code} handed to {agent} as agreed; the agreement is in the journal.", code=ticket.code,
                     agent=agent))
        self.dismiss(ticket)

    def action_leave(self) -> None:
        self.dismiss(None)
