"""The queue screen: the first screen after start, views switched by one key each.

Rows come from the adapter API in pages, in a worker; `/` filters as you type, `:HL-42` jumps,
`space` marks rows for the flag and status actions. View, filter, sort and cursor survive a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from app.config import Settings
from app.domain.enums import PendingReason, Status
from app.domain.errors import RuleViolation
from app.domain.escalations import parties_of
from app.domain.flags import user_answered_since_flag
from app.domain.models import Ticket, TicketRow
from app.errors import HelplineError
from app.i18n import label, t
from app.plain_text import printable
from app.ui_state import load_queue_state, save_queue_state
from app.usecases import Desk, Sort, TicketQuery
from screens import escalation_move, queue_handover
from screens.choose import Choose
from screens.confirm import Confirm
from screens.failures import report_failure
from screens.pending_details import PendingDetailsScreen
from screens.queue_arrivals import URGENT_SCAN, TeamArrivals
from screens.queue_bulk import BulkOutcome, already
from screens.queue_handover import QueueHandOvers
from screens.queue_outbox import Outbox
from screens.queue_reasons import Reason, candidate_reasons, escalation_states, flag_age
from screens.ticket_jump import TicketJump, type_into
from widgets.column_header import ColumnHeader
from widgets.key_bar import KeyBar
from widgets.outside_text import tell
from widgets.plain_input import PlainInput
from widgets.status_line import StatusLine
from widgets.ticket_list import TicketList
from widgets.title_line import TitleLine

SORTS = [Sort.WORK, Sort.AGE, Sort.UPDATED]


def sort_title(sort: Sort) -> str:
    """The sort order as the title names it, in the current language (literal t() calls for tests/test_i18n.py)."""
    return {Sort.WORK: t("work order"), Sort.AGE: t("oldest first"), Sort.UPDATED: t("least recently updated")}[sort]


def view_title(key: str) -> str:
    """A view's title in the current language; VIEWS keeps the English (the key of every translation)."""
    return {
        "1": t("All open"), "2": t("My tickets"), "3": t("My team's queue"), "4": t("Update flag raised"),
        "5": t("Attention"), "6": t("Hierarchical escalation candidates"), "7": t("Advice asked of my group"),
        "8": t("Escalations I follow"), "9": t("Absent members' tickets"), "0": t("Search all tickets"),
    }[key]


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
    View("6", "Hierarchical escalation candidates"),
    View("7", "Advice asked of my group"),
    View("8", "Escalations I follow"),  # R-ESC-5: raised, handled or followed up by me or my team
    View("9", "Absent members' tickets"),  # R-TEAM-3: the dispatcher watches them, and their users' news
    View("0", "Search all tickets"),  # every status; `/` looks in the journals' notes and messages too
]
SEARCH_VIEW = "0"
TEAM_VIEW = "3"
VIEW_KEYS = {view.key for view in VIEWS}
OUTBOX_SECONDS = 60  # how often letters are sent when the queue does not refresh by itself (refresh_seconds = 0)


class QueueScreen(Screen[None]):
    AUTO_FOCUS = "TicketList"  # not the (hidden) filter line, which comes first in the layout
    BINDINGS: ClassVar[list[BindingType]] = [
        *queue_handover.BINDINGS,  # first, as the footer has always listed them
        *[Binding(view.key, f"view('{view.key}')", view.title, show=False, id=f"queue.view{view.key}")
          for view in VIEWS],
        Binding("slash", "filter", "Filter", id="queue.filter"),
        Binding("colon", "command", "Jump to HL-…", show=False, id="queue.command"),
        Binding("o", "sort", "Sort", show=False, id="queue.sort"),
        Binding("space", "mark", "Mark", show=False, id="queue.mark"),
        Binding("u", "clear_update_flags", "Clear Update flag", show=False, id="queue.clear_update"),
        Binding("a", "toggle_attention", "Attention", show=False, id="queue.attention"),
        Binding("p", "pending", "Pending", show=False, id="queue.pending"),
        Binding("s", "status", "Status", show=False, id="queue.status"),
        Binding("c", "new_ticket", "New ticket", id="queue.new"),
        Binding("r", "refresh", "Refresh", show=False, id="queue.refresh"),
        Binding("t", "candidates_team", "Narrow to a team", id="queue.candidates_team"),
        Binding("M", "absence", "Mark a member absent or back", show=False, id="queue.absence"),
        Binding("K", "macro", "Apply a macro", show=False, id="queue.macro"),
        Binding("escape", "close_inputs", "Close", show=False, id="queue.close"),
    ]

    def __init__(self, desk: Desk, settings: Settings) -> None:
        super().__init__()
        self.desk = desk
        self.settings = settings
        self.team = settings.me.team
        self.overdue_after = timedelta(hours=settings.update_flag_overdue_hours)
        self._away = False  # has another screen been on top since this one was shown
        self.state = load_queue_state()
        self.view = next((view for view in VIEWS if view.key == self.state.view), VIEWS[0])
        self._could_assign: bool | None = None
        self._query: TicketQuery | None = None  # what the rows on screen answer, for their further pages
        self._offline: str | None = None  # why the last reload by itself failed; shown in the title
        self._filter_opening = False  # `/` opened the filter line, and it has not been left yet
        self.arrivals = TeamArrivals(self.state)
        self.outbox = Outbox(self, desk)
        self.outbox.on_mail = self._refresh_by_itself
        self._team_rows: list[TicketRow] | None = None  # the team queue's first page as last shown in view 3
        self.handovers = QueueHandOvers(self)

    @property
    def tickets(self) -> TicketList:
        return self.query_one(TicketList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "candidates_team":
            return self.view.key == "6"  # R-ESC-4: the candidates of one team, for its dispatcher
        if action == "absence":  # R-TEAM-3: my team's dispatchers mark its members absent and back
            return self.team in self.desk.teams and self.desk.me.username in self.desk.teams[self.team].dispatchers
        if action == "move_escalation":  # R-ESC-5: a row with an escalation that has not ended
            return self.tickets.current is not None and bool(self.tickets.current.escalations)
        return self.handovers.may_assign() if action == "assign" else True

    # ----- hand-overs (screens/queue_handover.py) ---------------------------------------------------

    @work(group="handover")
    async def action_escalation_form(self) -> None:
        await self.handovers.escalation_form()

    @work(group="handover")
    async def action_dispatch(self) -> None:
        await self.handovers.dispatch()

    @work(group="handover")
    async def action_absence(self) -> None:
        await self.handovers.absence()

    @work(group="handover")
    async def action_move_escalation(self) -> None:
        await self.handovers.move_escalation()

    @work(group="handover")
    async def action_assign(self) -> None:
        await self.handovers.assign()

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status-line")
        yield TitleLine(id="view-title")
        # The filter comes back from the saved state, and either line may get a paste: drawn literally.
        yield PlainInput(self.state.filter, placeholder=self._filter_hint(),
                         id="filter", classes="" if self.state.filter else "hidden")
        yield TicketJump(self.desk, id="command")
        yield ColumnHeader(id="columns")
        yield TicketList(overdue_after=self.overdue_after, id="tickets")
        yield KeyBar()

    def watch_sub_title(self, title: str | None) -> None:
        """The active view, sort, filter and marks, on screen (this screen has no Header)."""
        for shown in self.query(TitleLine):
            shown.show(title)

    def on_mount(self) -> None:
        self.tickets.focus()
        self.action_view(self.view.key)
        if self.settings.refresh_seconds > 0:
            self.set_interval(self.settings.refresh_seconds, self._refresh_by_itself)
        if not self.settings.backend.read_only and self.outbox.wanted():  # R-MAIL-1: letters leave by themselves
            self.outbox.start_round()
            self.set_interval(self.settings.refresh_seconds or OUTBOX_SECONDS, self.outbox.start_round)

    def _refresh_by_itself(self) -> None:
        """Other agents work the same queue (RT, or a shared store): reload it while it is on screen and idle.
        The cursor stays on its ticket and marks stay; a failure is said once in the title, not every time."""
        busy = any(worker.group == "queue" and worker.is_running for worker in self.workers)
        if self.app.screen is self and not busy:
            self.load(quiet=True)

    # ----- what to load ---------------------------------------------------------------------------

    def query_for(self, view: View) -> TicketQuery:
        me = self.desk.me.username
        queries = {
            "1": TicketQuery(open=True),
            "2": TicketQuery(open=True, owner=me),
            "3": TicketQuery(open=True, team=self.team),
            "4": TicketQuery(update_flag=True),
            "5": TicketQuery(attention=True),
            "6": TicketQuery(stale_hours=self.settings.stale_after_hours, team=self.state.candidates_team),  # R-ESC-4
            # R-ADVICE-1: the specialist's view; a group I am not in asks me nothing, so it stays empty.
            "7": TicketQuery(advice_team=self._my_advisory_group() or "-"),
            "8": TicketQuery(follower=me),
            "9": TicketQuery(open=True, absent_of=self.team),
            SEARCH_VIEW: TicketQuery(),
        }
        typed = self.state.filter.strip() or None
        words = {"text": typed} if view.key == SEARCH_VIEW else {"q": typed}
        return queries[view.key].model_copy(update={"sort": self.state.sort, **words})

    def _filter_hint(self) -> str:
        """The filter line's placeholder in the current language (literal t() calls for tests/test_i18n.py)."""
        if self.view.key == SEARCH_VIEW:
            return t("search: as the filter, and the notes and messages")
        return t("filter: code, subject, requester, requested-for, owner, team, category, serial number")

    async def _resurface(self) -> bool:
        """Finding 6 (follow-up and triage), R-STATUS-3: a Pending ticket whose moment has come gets Attention,
        so it is in view 5 and its owner's queue again. Whichever workstation refreshes first does it. True:
        some did."""
        due = await self.desk.search(TicketQuery(pending_due=True, attention=False, limit=50))
        for row in due.items:
            with contextlib.suppress(HelplineError, RuleViolation):  # another workstation was quicker
                await self.desk.set_flags(row.code, attention=True)
                moment = f"{row.pending_until.astimezone():%Y-%m-%d %H:%M}" if row.pending_until else ""
                tell(self, t("{code}: {reason} is due ({moment}): Attention raised", code=printable(row.code),
                             reason=label(row.pending_reason) if row.pending_reason else "", moment=moment))
        return bool(due.items)

    def _tell_arrivals(self, rows: Sequence[TicketRow]) -> None:
        """Finding 2 (follow-up and triage), R-PRIO-4: a P1 or P2 new in my team's queue rings once, named."""
        new = self.arrivals.urgent_arrivals(rows)
        if not new:
            return
        self.app.bell()
        team = self.desk.teams[self.team].name if self.team in self.desk.teams else self.team
        tell(self, t("New in {team}'s queue: {tickets}", team=printable(team), tickets="; ".join(
            f"{row.priority.value} {printable(row.code)} {printable(row.subject)}" for row in new)),
            severity="warning", timeout=20)
        if self.view.key == TEAM_VIEW:
            self.tickets.fresh |= {row.code for row in new}
            self.tickets.refresh()

    def _my_advisory_group(self) -> str | None:
        return next((team.id for team in self.desk.my_teams() if team.advisory), None)

    def action_view(self, key: str) -> None:
        self._leave_team_view()
        self.view = next(view for view in VIEWS if view.key == key)
        self.state.view = key
        self._remember()
        self.query_one("#filter", Input).placeholder = self._filter_hint()
        self.refresh_bindings()  # `t` is offered in view 6 only
        self.load()

    def action_candidates_team(self) -> None:
        """View 6, `t`: every team in turn, then the whole desk again (R-ESC-4)."""
        teams = [None, *sorted(self.desk.teams, key=lambda team: self.desk.teams[team].name)]
        now = teams.index(self.state.candidates_team) if self.state.candidates_team in teams else 0
        self.state.candidates_team = teams[(now + 1) % len(teams)]
        self._remember()
        self.load()

    def _reason(self) -> Reason | None:
        """What the last column says in this view (screens/queue_reasons.py); None: when a row last changed."""
        if self.view.key == "4":
            return flag_age(self.overdue_after)
        if self.view.key == "6":
            return candidate_reasons(timedelta(hours=self.settings.stale_after_hours))
        if self.view.key == "8":
            return escalation_states(parties_of(self.desk.me.username, self.desk.teams),
                                     lambda party: escalation_move.who(self.desk, party))
        return None

    def action_sort(self) -> None:
        self.state.sort = SORTS[(SORTS.index(self.state.sort) + 1) % len(SORTS)]
        self._remember()
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def _title(self) -> str:
        title = f"{view_title(self.view.key)} · {sort_title(self.state.sort)}"
        narrowed = self.state.candidates_team if self.view.key == "6" else None
        if narrowed:
            name = self.desk.teams[narrowed].name if narrowed in self.desk.teams else narrowed
            title += " · " + t("team {team} (t: next team)", team=printable(name))
        if self._offline:
            title += " · " + t("not refreshed: {reason}", reason=printable(self._offline))  # the server's words
        if self.state.filter.strip():
            title += f" · /{printable(self.state.filter.strip())}"
        if self.tickets.marked:
            title += " · " + t("{n} marked", n=len(self.tickets.marked))
        return title

    @work(exclusive=True, group="queue")
    async def load(self, counts: bool = True, quiet: bool = False) -> None:
        """The view's first page and its total; further pages are fetched as they come into sight.
        The status line's counts do not depend on the filter, so a keystroke leaves them (`counts`).
        `quiet` (the reload by itself): a failure shows in the title only, the rows shown stay."""
        self.sub_title = self._title()
        tickets = self.tickets
        if not tickets.rows:
            # Said in the title rather than with a loading indicator over the list: the indicator takes
            # the focus from the list, and the keys with it.
            self.sub_title = self._title() + " · " + t("loading…")
        query = self.query_for(self.view).model_copy(update={"limit": tickets.page_size})
        try:
            page = await self.desk.search(query)
            self._query = query
            tickets.reason = self._reason()
            tickets.fresh = self.arrivals.fresh(page.items) if self.view.key == TEAM_VIEW else set()
            if self.view.key == TEAM_VIEW and not query.q:
                self._team_rows = list(page.items)  # what a look at the team queue shows (_leave_team_view)
            empty = t("No tickets match “{typed}” in this view.", typed=printable(self.state.filter.strip())) \
                if self.state.filter.strip() else t("No tickets in this view.")
            tickets.set_rows(list(page.items), prefer=self.state.cursor, total=page.total, empty=empty)
            self.query_one(ColumnHeader).refresh()  # "Why" or "Upd" over the last column
            self._offer_assign()
            if counts:
                await self._update_status_line()
            self._offline = None
        except HelplineError as error:
            if not quiet:
                report_failure(self, error, self.desk.client.server)
            self._offline = error.message if quiet else None
        finally:
            if self.is_attached:  # not when the app quits while a page is on its way
                self.sub_title = self._title()

    def on_ticket_list_page_wanted(self, message: TicketList.PageWanted) -> None:
        self.fetch_page(message.offset)

    @work(group="pages")
    async def fetch_page(self, offset: int) -> None:
        query = self._query
        if query is None:
            return
        try:
            page = await self.desk.search(query.model_copy(update={"offset": offset}))
        except HelplineError as error:
            report_failure(self, error, self.desk.client.server)
            return
        if query is self._query:  # the view or filter did not change meanwhile
            self.tickets.fill(offset, list(page.items))

    async def _update_status_line(self) -> None:
        """The counts, asked together; each is the adapter's total, so none is capped by a page."""
        me = self.desk.me.username
        hours = self.overdue_after.total_seconds() / 3600
        # Finding 5 (follow-up and triage): teams, hours and absence as they are now, not as at start.
        await self.desk.refresh_directory()
        # The team's queue in work order, P1 and P2 first: the first look takes the page view 3 shows, to remember.
        first_look = self.state.seen_team is None
        mine, unassigned, overdue_mine, overdue_team, team_queue = await asyncio.gather(
            self.desk.search(TicketQuery(open=True, owner=me, limit=1)),
            self.desk.search(TicketQuery(open=True, team=self.team, owner="none", limit=1)),
            self.desk.search(TicketQuery(flag_older_than_hours=hours, owner=me, limit=1)),
            self.desk.search(TicketQuery(flag_older_than_hours=hours, team=self.team, limit=1)),
            self.desk.search(TicketQuery(open=True, team=self.team,
                                         limit=self.tickets.page_size if first_look else URGENT_SCAN)))
        self._tell_arrivals(team_queue.items)
        self.query_one(StatusLine).show(
            name=self.desk.me.name, username=me, team=self.team, backend=self.desk.client.short,
            mine=mine.total, unassigned=unassigned.total, overdue_mine=overdue_mine.total,
            overdue_team=overdue_team.total,
        )
        if await self._resurface():
            self.call_later(self.load, False)  # the rows on screen again, with the Attention just raised

    # ----- filter and jump ----------------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.remove_class("hidden")
        self._filter_opening = True  # until enter or esc: _route_to_filter
        self.set_focus(box)

    def action_command(self) -> None:
        self.query_one(TicketJump).open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.state.filter = event.value
        self._remember()
        self.load(counts=False)  # exclusive: a newer keystroke cancels the older search

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self._filter_opening = False
        self.tickets.focus()

    def on_key(self, event: events.Key) -> None:
        if not self.query_one(TicketJump).route(event):  # `:HL-74` typed in one go
            self._route_to_filter(event)

    def _route_to_filter(self, event: events.Key) -> None:
        """`/reinst` typed in one go (a fast typist, a paste): every key was sent to the list before `/` could
        move the focus, and reaches the screen from there (before any binding runs), where r, e, s and t are queue
        keys. So `/` opens the line here, and what follows is put in it until enter or esc, as
        screens/ticket_jump.py does; a key typed into the line itself never gets here (it takes every printable
        key)."""
        box = self.query_one("#filter", Input)
        if event.key in ("slash", *VIEW_KEYS) and not isinstance(self.focused, Input):
            # A view key too, at once: its binding would run only after `/` had focused the line, which then
            # takes the digit as typed text (`0/cabl` switched to no view).
            self.action_view(event.key) if event.key in VIEW_KEYS else self.action_filter()
            event.stop()
            event.prevent_default()
            return
        if not self._filter_opening:
            return
        if event.key == "escape" or box.has_class("hidden"):
            self._filter_opening = False
            return
        if event.key == "enter":
            self._filter_done()
        elif not type_into(box, event):
            return
        event.stop()
        event.prevent_default()

    def on_ticket_jump_chosen(self, message: TicketJump.Chosen) -> None:
        self.open_ticket(message.code)

    def action_close_inputs(self) -> None:
        """esc: close the jump line; close and clear the filter."""
        self.query_one(TicketJump).action_close()
        box = self.query_one("#filter", Input)
        if box.has_focus or not box.value:
            box.add_class("hidden")
            if box.value:
                box.value = ""  # Changed reloads the unfiltered view
        self.tickets.focus()

    # ----- marks and actions on them ---------------------------------------------------------------

    def action_mark(self) -> None:
        self.tickets.toggle_mark()
        self.sub_title = self._title()

    def targets(self) -> list[str]:
        """Marked rows, or the row under the cursor when nothing is marked."""
        if self.tickets.marked:
            return sorted(self.tickets.marked)
        current = self.tickets.current
        return [current.code] if current else []

    async def _target_tickets(self) -> tuple[list[str], list[Ticket]]:
        """The targets and their tickets as stored now; nothing (the failure said) when one cannot be read."""
        codes = self.targets()
        try:
            return codes, [await self.desk.ticket(code) for code in codes]
        except HelplineError as error:
            report_failure(self, error, self.desk.client.server)
            return [], []

    @work
    async def action_clear_update_flags(self) -> None:
        """R-FLAG-1: the flag comes down once the user has an answer; for tickets without one, asked once first."""
        codes, tickets = await self._target_tickets()
        if not codes:
            return
        unanswered = sum(1 for ticket in tickets if not user_answered_since_flag(ticket))
        if unanswered and not await self.app.push_screen_wait(Confirm(t(
                "Clear the Update flag of {n} ticket(s) without answering the user? The user has had no answer "
                "since they wrote.", n=unanswered))):
            return
        self.bulk(codes, update=False)

    def action_toggle_attention(self) -> None:
        current = self.tickets.current
        on = not (current.attention if current else False)
        self.bulk(self.targets(), attention=on)

    @work
    async def action_pending(self) -> None:
        codes = self.targets()
        if not codes:
            return
        reason = await self.app.push_screen_wait(
            Choose(t("Pending: why are {n} ticket(s) waiting?", n=len(codes)),
                   [(label(reason), reason) for reason in PendingReason]))
        if reason is None:
            return
        what = codes[0] if len(codes) == 1 else t("{n} tickets", n=len(codes))
        details = await self.app.push_screen_wait(PendingDetailsScreen(reason, what))
        if details is not None:
            self.bulk(codes, pending=reason, until=details.until, message=details.message)

    @work
    async def action_status(self) -> None:
        """A status change for the marked rows: only moves the rules allow for every one of them."""
        codes, tickets = await self._target_tickets()
        if not codes:
            return
        # Resolving needs a solution per ticket, written in its journal (R-STATUS-4), and so does a reopen its
        # reason (R-STATUS-6): one at a time, in the journal.
        reopening = any(ticket.status is Status.RESOLVED for ticket in tickets)
        common = [status for status in Status if status is not Status.RESOLVED
                  and not (reopening and status is Status.IN_PROGRESS)
                  and all(status in self.desk.allowed_statuses(ticket) for ticket in tickets)]
        if not common:
            hint = t(" A Resolved ticket is reopened in its journal (s), with the reason.") if reopening else ""
            tell(self, t("No status change is allowed for all {n} ticket(s).", n=len(codes)) + hint)
            return
        target = await self.app.push_screen_wait(
            Choose(t("New status for {n} ticket(s)", n=len(codes)), [(label(s), s) for s in common]))
        if target is Status.PENDING:
            self.action_pending()
        elif target is not None:
            self.bulk(codes, status=target)

    @work
    async def action_macro(self) -> None:
        """Issue 19: a macro on the marked rows, after its preview (screens/macro_flow.py)."""
        from screens.macro_flow import run_macro

        outcome = await run_macro(self, self.desk, self.targets())
        if outcome is not None:
            self.tickets.marked -= set(outcome.done)
            self.load()

    @work(group="bulk")
    async def bulk(self, codes: list[str], *, update: bool | None = None, attention: bool | None = None,
                   pending: PendingReason | None = None, status: Status | None = None,
                   until: datetime | None = None, message: str = "") -> None:
        """One action on several tickets: each is tried, refusals are counted and named, none is lost. Finding 4
        (follow-up and triage): a ticket that is so already is not counted as changed, and a refused one keeps
        its mark, to be tried again."""
        outcome = BulkOutcome()
        for code in codes:
            try:
                ticket = await self.desk.ticket(code)
                if already(ticket, update=update, attention=attention, pending=pending, status=status, until=until):
                    outcome.unchanged.append(code)
                    continue
                if pending is not None or status is not None:
                    await self.desk.set_status(ticket, status or Status.PENDING, pending_reason=pending, until=until,
                                               message=message)
                else:
                    await self.desk.set_flags(ticket, update=update, attention=attention)
                outcome.changed.append(code)
            except RuleViolation as error:
                outcome.refused.append(f"{code}: {error.message} ({error.rule})")
            except HelplineError as error:
                outcome.refused.append(f"{code}: {error.message}")
        self.report_bulk(outcome)

    def report_bulk(self, outcome: BulkOutcome) -> None:
        """What a bulk action did, in counts that say it; the marks of the tickets it dealt with go."""
        self.tickets.marked -= {*outcome.changed, *outcome.unchanged}
        tell(self, outcome.message(), severity="warning" if outcome.refused else "information", timeout=10)
        self.load()

    # ----- layout, opening, remembering -----------------------------------------------------------------

    def on_ticket_list_highlighted(self, message: TicketList.Highlighted) -> None:
        self.state.cursor = message.row.code
        self._offer_assign()

    def _offer_assign(self) -> None:
        """Whether `A` is offered depends on the row under the cursor (R-DISPATCH-3); the footer is redrawn
        only when that changes, since redrawing it on every move would slow the cursor."""
        current = self.tickets.current
        can_assign = current is not None and self.desk.can_assign(current)
        if can_assign != self._could_assign:
            self._could_assign = can_assign
            self.refresh_bindings()

    def on_ticket_list_selected(self, message: TicketList.Selected) -> None:
        self.open_ticket(message.row.code)

    def open_ticket(self, code: str) -> None:
        from screens.journal import JournalScreen

        self._remember()
        self.app.push_screen(JournalScreen(self.desk, code, timedelta(hours=self.settings.stale_after_hours)))

    def action_new_ticket(self) -> None:
        from screens.new_ticket import NewTicketScreen

        # A callback, not a waiting worker: the form may stay open for as long as the call lasts.
        self.app.push_screen(NewTicketScreen(self.desk), self.registered)

    def registered(self, ticket: Ticket | None) -> None:
        if ticket is not None:
            self.state.cursor = ticket.code
            self.load()  # replaces the reload on resume, which may have started before this cursor was set

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        # Back from the journal or a form, which may have changed tickets. Not when first shown: on_mount has
        # just loaded the view, and a second load at start doubled every search.
        if self._away:
            self._away = False
            self.load()

    def on_unmount(self) -> None:
        self._leave_team_view()
        self._remember()

    def _leave_team_view(self) -> None:
        """Finding 2 (follow-up and triage): leaving view 3 ends a look at the team queue."""
        if self.view.key == TEAM_VIEW and self._team_rows is not None:
            self.arrivals.looked(self._team_rows)
            self._team_rows = None
            for shown in self.query(TicketList):  # at unmount the list is gone already
                shown.fresh = set()

    def _remember(self) -> None:
        save_queue_state(self.state)
