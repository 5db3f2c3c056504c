"""Raise a complaint, a service report or an action from a ticket (`L`; R-LINK-1).

Each has its own number, status, handler and priority; the ticket can stay open.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from app.domain.enums import EscalationKind
from app.domain.models import Ticket
from app.i18n import label, t
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.confirm import Confirm
from screens.failures import attempt
from widgets.outside_text import literal, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea

KINDS = (EscalationKind.COMPLAINT, EscalationKind.SERVICE_REPORT, EscalationKind.ACTION)


class LinkedEscalationScreen(ModalScreen[Ticket | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "send", "Raise it", priority=True, id="linked.send"),
        Binding("escape", "leave", "Back", id="linked.back"),
    ]

    def __init__(self, desk: Desk, ticket: Ticket) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket

    def compose(self) -> ComposeResult:
        frame = VerticalScroll(id="linked", classes="dialog")
        frame.can_focus = False  # tab goes field to field, top to bottom, not to the frame around them
        with frame:
            yield Static(literal(t("Linked escalation from {code} (R-LINK-1)", code=self.ticket.code), style="bold"))
            yield Select([(label(kind), kind) for kind in KINDS], value=EscalationKind.COMPLAINT,
                         allow_blank=False, id="linked-kind")
            yield PlainInput(placeholder=t("Handler (optional)"), id="linked-handler")
            yield Select([(str(n), n) for n in range(1, 6)], prompt=t("Escalation priority (optional)"),
                         id="linked-priority")
            yield Label(t("What it is about"))
            yield PlainTextArea(id="linked-note")
            yield Static(id="linked-problem", classes="problem")

    def on_mount(self) -> None:
        # The first field has the focus and tab follows the order on screen: with the note (below the handler)
        # focused first, a handler's name typed at once went into the note.
        self.query_one("#linked-kind", Select).focus()

    @after_typing
    def action_send(self) -> None:
        priority = self.query_one("#linked-priority", Select).value
        self.send(
            EscalationKind(str(self.query_one("#linked-kind", Select).value)),
            self.query_one("#linked-note", TextArea).text,
            self.query_one("#linked-handler", Input).value.strip() or None,
            None if priority is Select.NULL else int(str(priority)),
        )

    @work(exclusive=True, group="send")
    async def send(self, kind: EscalationKind, note: str, handler: str | None, priority: int | None) -> None:
        ticket = await attempt(self, self.desk.escalate_linked(self.ticket, kind, note, handler=handler,
                                                               priority=priority),
                               self.desk.client.server, self.query_one("#linked-problem", Static))
        if ticket is None:
            return
        tell(self, t("{kind} {number} raised", kind=label(kind), number=ticket.escalations[-1].number))
        self.dismiss(ticket)

    @work
    async def action_leave(self) -> None:
        typed = self.query_one("#linked-note", TextArea).text.strip() or self.query_one("#linked-handler",
                                                                                        Input).value.strip()
        if typed and not await self.app.push_screen_wait(Confirm(t("Discard this escalation?"))):
            return
        self.dismiss(None)
