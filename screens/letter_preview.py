"""The letter as it will go, before it goes (R-MAIL-1): to whom (the requester, the requested-for person or both,
`t` changes it), the subject with the ticket code (R-TICKET-7), the text word for word, and who it cannot reach
for want of an address. `s` or `y` sends it to the chosen people; `esc` goes back to the text, kept as a draft.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from app.domain.codes import tag_subject
from app.domain.enums import Recipients
from app.domain.letters import people_for, without_address
from app.domain.models import Ticket
from app.i18n import label, t
from widgets.outside_text import literal_lines


class LetterPreview(ModalScreen[Recipients | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,y", "send", "Send", id="letter.send"),
        Binding("t", "recipients", "To whom", id="letter.recipients"),
        Binding("escape,n", "back", "Back to the text", id="letter.back"),
    ]

    def __init__(self, ticket: Ticket, body: str, to: Recipients = Recipients.REQUESTER,
                 mails_by_itself: bool = False, heading: str | None = None) -> None:
        super().__init__()
        self.ticket = ticket
        self.body = body
        self.to = to
        self.heading = heading  # what sending it also does ("Resolve HL-12 and send this letter?")
        self.mails_by_itself = mails_by_itself  # RT: it mails its requestors itself; the choice is not ours

    def compose(self) -> ComposeResult:
        with Vertical(id="letter"):
            if self.heading:
                yield Static(literal_lines(self.heading, style="bold"))
            yield Static(id="letter-to")
            yield Static(literal_lines(t("Subject: {subject}", subject=tag_subject(self.ticket.subject,
                                                                                      self.ticket.code))))
            with VerticalScroll(id="letter-body"):
                yield Static(literal_lines(self.body))
            yield Static(id="letter-warning")
            yield Static(Text(self._keys(), style="dim"))

    def on_mount(self) -> None:
        self._show()

    def _keys(self) -> str:
        if self.ticket.requested_for and not self.mails_by_itself:
            return t("s = send   t = to whom   esc = back to the text")
        return t("s = send   esc = back to the text")

    def _show(self) -> None:
        people = people_for(self.ticket, self.to)
        shown = ", ".join(people)
        choice = f" ({label(self.to)})" if self.ticket.requested_for and not self.mails_by_itself else ""
        self.query_one("#letter-to", Static).update(literal_lines(t("To: {people}", people=shown) + choice))
        unreachable = without_address(self.ticket, self.to) if not self.mails_by_itself else []
        warning = ""
        if self.ticket.no_mail_address or (unreachable and len(unreachable) == len(people)):
            warning = t("Nobody it is for has a mail address: it is kept in the journal, not delivered.")
        elif unreachable:
            warning = t("No mail address for {people}: they will not get it.", people=", ".join(unreachable))
        self.query_one("#letter-warning", Static).update(literal_lines(warning, style="bold"))

    def action_recipients(self) -> None:
        if not self.ticket.requested_for or self.mails_by_itself:
            return
        order = list(Recipients)
        self.to = order[(order.index(self.to) + 1) % len(order)]
        self._show()

    def action_send(self) -> None:
        self.dismiss(self.to)

    def action_back(self) -> None:
        self.dismiss(None)

