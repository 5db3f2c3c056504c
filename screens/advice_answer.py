"""The specialist answers advice asked of their group, or bounces it with one of three reasons
(`w`; R-ADVICE-1/2). Either way the ticket stays where it is, with its owner."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static, TextArea

from app.domain.enums import AdvisoryBounce
from app.domain.models import Ticket
from app.i18n import label, t
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.failures import attempt
from widgets.outside_text import literal, options
from widgets.plain_text_area import PlainTextArea

ANSWER = "answer"


class AdviceAnswerScreen(ModalScreen[Ticket | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "send", "Send back", priority=True, id="answer.send"),
        Binding("escape", "leave", "Back", id="answer.back"),
    ]

    def __init__(self, desk: Desk, ticket: Ticket, number: str) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket
        self.number = number

    def compose(self) -> ComposeResult:
        asked = next((e.note for e in self.ticket.escalations if e.number == self.number), "")
        choices: list[tuple[str, str | AdvisoryBounce]] = [(t("Answer with advice"), ANSWER)]
        choices += [(t("Bounce back: {reason}", reason=label(reason)), reason) for reason in AdvisoryBounce]
        with VerticalScroll(id="answer", classes="dialog"):
            yield Static(literal(t("Advice {number} on {code}", number=self.number, code=self.ticket.code),
                                 style="bold"))
            yield Static(literal(asked), id="answer-asked")
            yield Select(options(choices), value=ANSWER, allow_blank=False, id="answer-kind")
            yield Label(t("Your advice (or why it bounces)"))
            yield PlainTextArea(id="answer-note")
            yield Static(id="answer-problem", classes="problem")

    def on_mount(self) -> None:
        self.query_one("#answer-note", TextArea).focus()

    @after_typing
    def action_send(self) -> None:
        kind = self.query_one("#answer-kind", Select).value
        self.send(kind if isinstance(kind, AdvisoryBounce) else None, self.query_one("#answer-note", TextArea).text)

    @work(exclusive=True, group="send")
    async def send(self, bounce: AdvisoryBounce | None, note: str) -> None:
        call = (self.desk.answer_advice(self.ticket, self.number, note) if bounce is None
                else self.desk.bounce_advice(self.ticket, self.number, bounce, note))
        ticket = await attempt(self, call, self.desk.client.server, self.query_one("#answer-problem", Static))
        if ticket is not None:
            self.dismiss(ticket)

    def action_leave(self) -> None:
        self.dismiss(None)
