"""The ticket journal: header, entries pinned first then oldest to newest, and the first actions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from app.domain.errors import RuleViolation
from app.domain.journal import ordered_for_reading
from app.domain.models import Ticket
from app.errors import HelplineError
from app.i18n import t
from app.usecases import Desk
from screens.note_editor import NoteEditor
from widgets.journal_entry import JournalEntryView
from widgets.ticket_header import TicketHeader


class JournalScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="journal.back"),
        Binding("n", "note", "Internal note", id="journal.note"),
        Binding("b", "begin_work", "Begin work", id="journal.begin"),
        Binding("u", "clear_update_flag", "Clear Update flag", id="journal.clear_update"),
        Binding("a", "toggle_attention", "Attention", id="journal.attention"),
        Binding("r", "reload", "Refresh", show=False, id="journal.refresh"),
    ]

    def __init__(self, desk: Desk, code: str) -> None:
        super().__init__()
        self.desk = desk
        self.code = code
        self.ticket: Ticket | None = None

    def compose(self) -> ComposeResult:
        yield TicketHeader(id="ticket-header")
        yield VerticalScroll(id="journal")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.code
        self.action_reload()

    def action_reload(self) -> None:
        self._run(lambda: self.desk.ticket(self.code))

    @work(exclusive=True, group="journal")
    async def _run(self, call: Callable[[], Awaitable[Ticket]]) -> None:
        """Every backend call of this screen: errors are shown, the screen stays as it was."""
        journal = self.query_one("#journal", VerticalScroll)
        journal.loading = True
        try:
            ticket = await call()
        except RuleViolation as refused:
            self.notify(f"{refused.message} ({refused.rule})", severity="warning", markup=False, timeout=8)
            return
        except HelplineError as error:
            self.notify(f"{self.desk.client.server}: {error.message}", severity="error", markup=False, timeout=10)
            return
        finally:
            journal.loading = False
        await self.show(ticket)

    async def show(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self.query_one(TicketHeader).show(ticket)
        journal = self.query_one("#journal", VerticalScroll)
        await journal.remove_children()
        await journal.mount_all(JournalEntryView(entry) for entry in ordered_for_reading(ticket.journal))
        journal.scroll_end(animate=False)

    @work
    async def action_note(self) -> None:
        ticket = self.ticket
        if ticket is None:
            return
        text = await self.app.push_screen_wait(NoteEditor(t("Internal note on {code}", code=ticket.code)))
        if text is not None:
            self._run(lambda: self.desk.add_note(ticket, text))

    def action_begin_work(self) -> None:
        if self.ticket is not None:
            ticket = self.ticket
            self._run(lambda: self.desk.begin_work(ticket))

    def action_clear_update_flag(self) -> None:
        if self.ticket is not None:
            ticket = self.ticket
            self._run(lambda: self.desk.set_flags(ticket, update=False))

    def action_toggle_attention(self) -> None:
        if self.ticket is not None:
            ticket = self.ticket
            self._run(lambda: self.desk.set_flags(ticket, attention=not ticket.attention))
