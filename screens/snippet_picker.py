"""The list `::` opens in an editor (issue 19, canned answers): the desk's snippets, narrowed as the agent types;
enter picks the one under the cursor, esc picks none and gives back what was typed (widgets/plain_text_area.py
puts it back in the text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from app.domain.snippets import Snippet, matching
from app.i18n import t
from widgets.outside_text import literal


@dataclass(frozen=True)
class Picked:
    snippet: Snippet | None  # None: esc
    typed: str  # the filter as typed after `::`


class SnippetPicker(ModalScreen[Picked]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="snippets.cancel"),
        Binding("down", "down", "Down", show=False, id="snippets.down"),
        Binding("up", "up", "Up", show=False, id="snippets.up"),
    ]

    def __init__(self, snippets: list[Snippet], typed: str = "", slipped: Callable[[], str] | None = None) -> None:
        """`slipped` gives the keys the editor took after `::` before this list had the focus."""
        super().__init__()
        self.snippets = snippets
        self.typed = typed
        self.slipped = slipped
        self.shown: list[Snippet] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="choose"):
            yield Static(t("Canned answers: type to narrow, enter inserts, esc leaves the text as typed"))
            yield Input(self.typed, id="snippet-filter")
            yield OptionList(id="snippet-list")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        if self.slipped is not None:
            self.typed += self.slipped()
            field.value = self.typed
            field.cursor_position = len(self.typed)
        self._narrow(self.typed)
        field.focus()

    def _narrow(self, typed: str) -> None:
        self.shown = matching(self.snippets, typed)
        options = self.query_one(OptionList)
        options.clear_options()
        # A desk's snippet text is outside text: shown literally, its controls visible, never as markup.
        options.add_options([Option(literal(f"{s.name} · {' '.join(s.text.split())[:60]}")) for s in self.shown])
        if self.shown:
            options.highlighted = 0
        else:
            options.add_option(Option(t("No snippet matches"), disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._narrow(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if self.shown and index is not None and index < len(self.shown):
            self.dismiss(Picked(self.shown[index], event.value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.shown):
            self.dismiss(Picked(self.shown[event.option_index], self.query_one(Input).value))

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(Picked(None, self.query_one(Input).value))
