"""Pick one of a few values from a list in the middle of the screen; esc picks nothing."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app.i18n import t
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
            yield Static(id="choose-more")  # issue 19: a list taller than the screen says that more is below

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.call_after_refresh(self._say_what_is_below)

    def on_option_list_option_highlighted(self) -> None:
        self.call_after_refresh(self._say_what_is_below)

    def _say_what_is_below(self) -> None:
        options = self.query_one(OptionList)
        below = max(0, round(options.max_scroll_y - options.scroll_y))
        self.query_one("#choose-more", Static).update(
            Text(t("↓ {n} more below", n=below), style="dim") if below else "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
