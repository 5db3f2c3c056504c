"""A yes/no question in the middle of the screen; the answer defaults to No, so a stray enter changes nothing."""

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


class Confirm(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape,enter", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(literal_lines(self.question))  # may name a user, or quote what was typed
            yield Static(Text(t("y = yes   n / esc / enter = no"), style="dim"))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
