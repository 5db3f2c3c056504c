"""What goes with a Pending once its reason is chosen (`p`; R-STATUS-3, finding 6 of follow-up and triage): for a
reason that waits for a moment (an agreed appointment, a future date, an HR access date) that moment, and for
any reason an optional message to the user, sent with it. `p` set the status at once before, with no word to
the user and no date; on the date the ticket now resurfaces (screens/queue.py _resurface)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from app.domain.clock import utcnow
from app.domain.enums import DATED_PENDING_REASONS, PendingReason
from app.i18n import label, t
from widgets.outside_text import literal, literal_lines
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea

MOMENT = "%Y-%m-%d %H:%M"  # as typed, in the agent's local time


@dataclass(frozen=True)
class PendingDetails:
    until: datetime | None
    message: str  # empty: no message to the user


def parse_moment(typed: str, now: datetime) -> datetime:
    """The moment typed (local time), aware; ValueError with the reason when it is no moment to come."""
    try:
        moment = datetime.strptime(typed.strip(), MOMENT).astimezone()
    except ValueError as exc:
        raise ValueError(t("Give the date and time as 2026-12-03 09:00.")) from exc
    if moment <= now:
        raise ValueError(t("That moment is past: give one to come."))
    return moment


class PendingDetailsScreen(ModalScreen[PendingDetails | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "save", "Set Pending", priority=True, id="pending.save"),
        Binding("escape", "leave", "Back", id="pending.back"),
    ]

    def __init__(self, reason: PendingReason, what: str, to: str | None = None) -> None:
        """`what`: the ticket's code, or how many tickets are marked; `to`: whom a message goes to (R-MAIL-1),
        None for marked rows (each to its own requester)."""
        super().__init__()
        self.reason = reason
        self.what = what
        self.to = to
        self.dated = reason in DATED_PENDING_REASONS

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="pending", classes="dialog"):
            yield Static(literal(t("Pending for {what}: {reason}", what=self.what, reason=label(self.reason)),
                                 style="bold"))
            if self.dated:
                tomorrow = datetime.combine(datetime.now().date() + timedelta(days=1), time(9))
                yield Label(t("Until when (your local time)?"))
                yield PlainInput(f"{tomorrow:{MOMENT}}", id="pending-until")
            whom = t("to {people}", people=self.to) if self.to else t("each to its requester")  # R-MAIL-1
            yield Label(literal(t("Message to the user with it (optional; empty: none)") + " · " + whom))
            yield PlainTextArea(id="pending-message")
            yield Static(id="pending-problem", classes="problem")
            # A dialog has no key bar of its own (screens/note_editor.py says its keys the same way).
            yield Static(Text(t("ctrl+s set Pending · tab next field · esc back"), style="dim"))

    def on_mount(self) -> None:
        (self.query_one("#pending-until") if self.dated else self.query_one("#pending-message")).focus()

    def action_save(self) -> None:
        until = None
        if self.dated:
            try:
                until = parse_moment(self.query_one("#pending-until", Input).value, utcnow())
            except ValueError as error:
                self.query_one("#pending-problem", Static).update(literal_lines(f"{error} (R-STATUS-3)"))
                self.query_one("#pending-until").focus()
                return
        self.dismiss(PendingDetails(until, self.query_one("#pending-message", TextArea).text.strip()))

    def action_leave(self) -> None:
        self.dismiss(None)
