"""Pick one of a few values from a list in the middle of the screen; esc picks nothing."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from widgets.outside_text import literal, literal_lines

T = TypeVar("T")


class Choose(ModalScreen[T | None], Generic[T]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back", id="choose.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, T]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choose"):
            yield Static(literal_lines(self.title_text, style="bold"))
            # A team's, an agent's or an entry's words are shown as written, never as markup.
            yield OptionList(*[Option(literal(shown), id=str(index))
                               for index, (shown, _) in enumerate(self.choices)])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
