"""A reminder that must be acknowledged: what a P1 or P2 hand-over asks of the agent now (R-PRIO-4, R-ESC-2)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from app.i18n import t
from widgets.outside_text import literal_lines


class Reminder(ModalScreen[None]):
    """Blocks until the agent acknowledges with enter: no esc, so it cannot be waved away by habit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "acknowledge", "I will do it now", id="reminder.ok", priority=True),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="reminder"):
            yield Static(Text(t("Do this now"), style="bold reverse"))
            yield Static(literal_lines(self.text), id="reminder-text")
            yield Static(Text(t("enter: I will do it now"), style="dim"))

    def action_acknowledge(self) -> None:
        self.dismiss(None)
