"""Ask a specialist group for advice without handing over (`v`; R-ADVICE-1/2).

Allowed only while second line is closed; the request says what help is needed, why, and whether
a routine is missing. The ticket keeps its team, owner and status.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from app.domain.advisory import AdvisoryRequest
from app.domain.models import Ticket
from app.i18n import t
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.confirm import Confirm
from screens.failures import attempt
from widgets.outside_text import literal, options, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea


class AdvisoryScreen(ModalScreen[Ticket | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "send", "Ask for advice", priority=True, id="advisory.send"),
        Binding("escape", "leave", "Back", id="advisory.back"),
    ]

    def __init__(self, desk: Desk, ticket: Ticket) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket

    def compose(self) -> ComposeResult:
        groups = [(team.name, team.id) for team in self.desk.teams.values() if team.advisory]
        with VerticalScroll(id="advisory", classes="dialog"):
            yield Static(literal(t("Ask for advice on {code}: you keep the ticket and its status. Only while second "
                                   "line is closed (R-ADVICE-2).", code=self.ticket.code), style="bold"))
            yield Select(options(groups), value=groups[0][1] if groups else Select.NULL,
                         prompt=t("Specialist group"), id="advisory-team")
            yield Label(t("What help is needed"))
            yield PlainTextArea(id="advisory-help")
            yield Label(t("Why"))
            yield PlainTextArea(id="advisory-why")
            yield Checkbox(t("A routine for this is missing"), id="advisory-missing")
            yield PlainInput(placeholder=t("Routine you followed and where it fell short"), id="advisory-routine")
            yield Static(id="advisory-problem", classes="problem")

    def on_mount(self) -> None:
        self.query_one("#advisory-help", TextArea).focus()

    def request(self) -> AdvisoryRequest:
        return AdvisoryRequest(
            help_needed=self.query_one("#advisory-help", TextArea).text,
            why=self.query_one("#advisory-why", TextArea).text,
            routine_missing=self.query_one("#advisory-missing", Checkbox).value,
            routine_note=self.query_one("#advisory-routine", Input).value,
        )

    @after_typing
    def action_send(self) -> None:
        team = self.query_one("#advisory-team", Select).value
        if team is Select.NULL:
            self.query_one("#advisory-problem", Static).update(Text(t("This desk has no specialist group.")))
            return
        self.send(str(team), self.request())

    @work(exclusive=True, group="send")
    async def send(self, team: str, request: AdvisoryRequest) -> None:
        ticket = await attempt(self, self.desk.escalate_advisory(self.ticket, team, request), self.desk.client.server,
                               self.query_one("#advisory-problem", Static))
        if ticket is None:
            return
        tell(self, t("Advice asked of {team}.", team=self.desk.teams[team].name))
        self.dismiss(ticket)

    @work
    async def action_leave(self) -> None:
        request = self.request()
        typed = request.help_needed.strip() or request.why.strip() or request.routine_note.strip()
        if typed and not await self.app.push_screen_wait(Confirm(t("Discard this request for advice?"))):
            return
        self.dismiss(None)
