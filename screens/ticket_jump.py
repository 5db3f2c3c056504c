"""The `:HL-42` jump line, shared by the queue and the journal: the same keys on both, one place for them.

Hidden until opened; what is typed goes into the line, never to the screen's one-key bindings (`:HL-75` in a
journal opened `H`, then `L` on top). A code that exists is posted as `TicketJump.Chosen`; the screen opens it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from app.domain.codes import format_code, parse_code
from app.errors import HelplineError, NotFound
from app.i18n import t
from app.usecases import Desk
from screens.failures import report_failure
from widgets.outside_text import tell
from widgets.plain_input import PlainInput


def type_into(line: Input, event: events.Key) -> bool:
    """Put a key typed for `line` that reached the screen first (typed in one go) into it: backspace or a
    printable character. False for any other key, which stays the screen's."""
    if event.key == "backspace":
        line.action_delete_left()
    elif event.is_printable and event.character:
        line.insert_text_at_cursor(event.character)
    else:
        return False
    return True


class TicketJump(PlainInput):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Here, not on the screen: in a journal esc means "back to the queue", which must not happen from this line.
        Binding("escape", "close", "Close", show=False, id="jump.close"),
    ]

    class Chosen(Message):
        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def __init__(self, desk: Desk, *, id: str | None = None) -> None:
        super().__init__(placeholder=t("jump to a ticket, e.g. HL-42"), id=id, classes="hidden")
        self.desk = desk
        self._came_from: Widget | None = None
        # Not focusable while hidden: a screen's first focus would land here, and a focused input takes every
        # letter, so none of the screen's one-key bindings would work.
        self.can_focus = False
        self._own_key: events.Key | None = None  # the last key this line got itself, which bubbles on

    def on_key(self, event: events.Key) -> None:
        self._own_key = event

    def open(self) -> None:
        if self.has_class("hidden"):
            self._came_from = self.screen.focused
        self.value = ""
        self.can_focus = True
        self.remove_class("hidden")
        # At once, not after the next refresh as focus() does: `:HL-74` typed in one go must land in this line,
        # not the letters after `:` in the screen's one-key bindings (7 and 4 switched views, enter opened HL-39).
        self.screen.set_focus(self)

    def route(self, event: events.Key) -> bool:
        """The screen's on_key, for every key that reaches it: the keys of `:HL-74` typed in one go (a fast
        typist, a paste) were all on their way to the list before `:` had opened this line, so 7 and 4 switched
        views and enter opened the row under the cursor. The screen sees them in order, so `:` opens the line
        here and what follows it is put in the line, until enter or esc. True: the key was the line's."""
        if event is self._own_key:
            return False  # typed into the line itself, which has dealt with it
        if self.has_class("hidden"):
            if event.key != "colon" or isinstance(self.screen.focused, Input):
                return False  # a colon typed into another field is that field's
            self.open()
        elif event.key == "enter":
            self.post_message(Input.Submitted(self, self.value))
        elif event.key == "escape":
            self.action_close()
        elif not type_into(self, event):
            return False
        event.stop()
        event.prevent_default()
        return True

    def action_close(self) -> None:
        """Hidden again; the focus goes back where it was, so the screen's keys work as before."""
        was_open = not self.has_class("hidden")
        self.add_class("hidden")
        self.can_focus = False
        if was_open and self.has_focus:
            if self._came_from is not None and self._came_from.is_attached and self._came_from is not self:
                self._came_from.focus()
            else:
                self.screen.set_focus(None)
        self._came_from = None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        number = parse_code(typed.lstrip(":").strip())
        if number is None and typed.isdigit():
            number = int(typed)
        self.action_close()
        if number is None:
            tell(self, t("{text} is not a ticket code (like HL-42)", text=event.value))
            return
        self.run_worker(self._check(format_code(number)), exclusive=True, group="jump")

    async def _check(self, code: str) -> None:
        try:
            await self.desk.ticket(code, latest=1)
        except NotFound:
            tell(self, t("{code} does not exist", code=code), severity="warning")
            return
        except HelplineError as error:
            report_failure(self.screen, error, self.desk.client.server)
            return
        self.post_message(self.Chosen(code))
