"""The queue screen: the first screen after start, views switched by one key each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from app.api.backend import TicketQuery
from app.domain.clock import utcnow
from app.domain.flags import update_flag_overdue
from app.errors import HelplineError
from app.i18n import t
from app.usecases import Desk
from widgets.status_line import StatusLine
from widgets.ticket_list import TicketList

PAGE = 1000  # the Line-API list takes any number; paging through the API comes with the performance issue


@dataclass(frozen=True)
class View:
    key: str
    title: str


VIEWS = [
    View("1", "All open"),
    View("2", "My tickets"),
    View("3", "My team's queue"),
    View("4", "Update flag raised"),
    View("5", "Attention"),
]


class QueueScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(view.key, f"view('{view.key}')", view.title, show=False, id=f"queue.view{view.key}")
          for view in VIEWS],
        Binding("r", "refresh", "Refresh", id="queue.refresh"),
    ]

    def __init__(self, desk: Desk, team: str, overdue_after: timedelta) -> None:
        super().__init__()
        self.desk = desk
        self.team = team
        self.overdue_after = overdue_after
        self.view = VIEWS[0]

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status-line")
        yield Static(id="columns")
        yield TicketList(overdue_after=self.overdue_after, id="tickets")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TicketList).focus()
        self.action_view(self.view.key)

    def query_for(self, view: View) -> TicketQuery:
        me = self.desk.me.username
        queries = {
            "1": TicketQuery(open=True),
            "2": TicketQuery(open=True, owner=me),
            "3": TicketQuery(open=True, team=self.team),
            "4": TicketQuery(update_flag=True),
            "5": TicketQuery(attention=True),
        }
        return queries[view.key].model_copy(update={"limit": PAGE})

    def action_view(self, key: str) -> None:
        self.view = next(view for view in VIEWS if view.key == key)
        self.sub_title = t(self.view.title)
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(exclusive=True, group="queue")
    async def load(self) -> None:
        tickets = self.query_one(TicketList)
        tickets.loading = True
        try:
            page = await self.desk.search(self.query_for(self.view))
            mine = await self.desk.search(TicketQuery(open=True, owner=self.desk.me.username, limit=1))
            unassigned = await self.desk.search(TicketQuery(open=True, team=self.team, owner="none", limit=1))
            flagged = await self.desk.search(TicketQuery(update_flag=True, limit=PAGE))
        except HelplineError as error:
            self.notify(t("{server}: {error}", server=self.desk.client.server, error=error.message),
                        severity="error", timeout=10)
            return
        finally:
            tickets.loading = False
        tickets.set_rows(page.items)
        self.call_after_refresh(self._update_columns)
        now = utcnow()
        overdue = sum(update_flag_overdue(row.update_flag, now, self.overdue_after) for row in flagged.items)
        self.query_one(StatusLine).show(
            name=self.desk.me.name, username=self.desk.me.username, team=self.team, backend=self.desk.client.server,
            mine=mine.total, unassigned=unassigned.total, overdue=overdue,
        )

    def on_resize(self) -> None:
        # After the layout pass, so the titles are laid out for the list's new width.
        self.call_after_refresh(self._update_columns)

    def _update_columns(self) -> None:
        self.query_one("#columns", Static).update(Text(self.query_one(TicketList).header(), style="bold"))

    def on_ticket_list_selected(self, message: TicketList.Selected) -> None:
        self.open_ticket(message.row.code)

    def open_ticket(self, code: str) -> None:
        from screens.journal import JournalScreen

        self.app.push_screen(JournalScreen(self.desk, code))

    def on_screen_resume(self) -> None:
        self.load()  # the journal may have changed the ticket
