"""The likely duplicates of a new ticket (R-TICKET-6, issue 19), each with why it is one, and what to do:
open it (the form and its draft stay underneath), add this call to it, or save the new ticket anyway."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from app.config import Settings
from app.domain.duplicates import Duplicate, Likeness
from app.i18n import label, t
from app.usecases import Desk
from widgets.outside_text import literal

Choice = tuple[Literal["open", "add", "save"], str | None]

SHOWN = 8


def likeness_words(likeness: Likeness) -> str:
    """Why a ticket is shown, in the reader's language (each phrase literal, for tests/test_i18n.py)."""
    if likeness is Likeness.SAME_REQUESTER:
        return t("same requester, open")
    if likeness is Likeness.RESOLVED_TWIN:
        return t("same requester, resolved recently")
    return t("another requester, open")


class DuplicateChoice(ModalScreen[Choice | None]):
    """Dismissed with ("open", code), ("add", code), ("save", None), or None (esc: back to the form)."""

    DEFAULT_CSS = """
    #duplicates { align: center middle; width: 80%; height: auto; max-height: 80%; border: thick $accent;
                  background: $surface; padding: 1 2; }
    #duplicates OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o,enter", "choose('open')", "Open that ticket", id="duplicates.open"),
        Binding("a", "choose('add')", "Add this call to it", id="duplicates.add"),
        Binding("s", "choose('save')", "Save anyway", id="duplicates.save"),
        Binding("escape", "back", "Back to the form", id="duplicates.back"),
    ]

    def __init__(self, found: list[Duplicate]) -> None:
        super().__init__()
        self.found = found[:SHOWN]

    def compose(self) -> ComposeResult:
        with Vertical(id="duplicates"):
            yield Static(Text(t("Likely duplicates of this ticket (R-TICKET-6):"), style="bold"))
            # A ticket's subject and requester are shown as written, never as markup.
            yield OptionList(*[Option(self._line(each), id=str(index)) for index, each in enumerate(self.found)])
            yield Static(Text(t("o / enter = open it   a = add this call to it   s = save anyway   esc = back"),
                              style="dim"))

    @staticmethod
    def _line(each: Duplicate) -> Text:
        row = each.row
        shown = literal(f"{row.code}  {row.subject}  ·  {row.requester}  ·  ")
        shown.append(f"{label(row.status)} ({likeness_words(each.likeness)})", style="dim")
        return shown

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("open")

    def highlighted(self) -> Duplicate | None:
        index = self.query_one(OptionList).highlighted
        return self.found[index] if index is not None and index < len(self.found) else None

    def action_choose(self, what: Literal["open", "add", "save"]) -> None:
        if what == "save":
            self.dismiss(("save", None))
            return
        each = self.highlighted()
        if each is not None:
            self.dismiss((what, each.row.code))

    def action_back(self) -> None:
        self.dismiss(None)


def open_twin(app: App[object], desk: Desk, code: str) -> Screen[None]:
    """The journal of a likely duplicate, over the new-ticket form (esc comes back to the form as it was)."""
    from screens.journal import JournalScreen

    settings = getattr(app, "settings", None)
    hours = settings.stale_after_hours if isinstance(settings, Settings) else Settings().stale_after_hours
    return JournalScreen(desk, code, timedelta(hours=hours))
