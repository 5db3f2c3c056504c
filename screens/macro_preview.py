"""What a macro will do to each ticket, before it does it (issue 19): the steps per ticket with their texts filled
and a step the rules refuse said now (app/macro_run.py preview); y or enter applies, esc goes back unchanged."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from app.i18n import t
from widgets.outside_text import literal_lines


class MacroPreview(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "apply", "Apply", id="macro.apply"),
        Binding("escape,n", "back", "Back", id="macro.back"),
    ]

    def __init__(self, title: str, steps: dict[str, list[str]]) -> None:
        """`steps`: ticket code -> what it will get, one line a step."""
        super().__init__()
        self.title_text = title
        self.steps = steps

    def compose(self) -> ComposeResult:
        with Vertical(id="choose"):
            yield Static(literal_lines(t("{title} on {n} ticket(s)", title=self.title_text, n=len(self.steps)),
                                       style="bold"))
            with VerticalScroll(id="macro-steps"):
                for code, lines in self.steps.items():
                    # Ticket words and the desk's macro texts are outside text: literal, never markup.
                    yield Static(literal_lines(code, style="bold"))
                    yield Static(literal_lines("\n".join(f"· {line}" for line in lines)))
            yield Static(Text(t("y apply · esc back"), style="dim"))

    def action_apply(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
