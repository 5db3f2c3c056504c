"""Dispatch (`d`): hand a ticket to a team, never to an agent (R-DISPATCH-1/5/6, R-JOURNAL-3, R-TICKET-4).

The list holds teams only, each with its line, load, office hours and dispatchers: the person who
takes the ticket is chosen by that team's dispatcher, so no person can be picked here.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.cells import set_cell_size
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from app.domain.advisory import is_open, next_opening
from app.domain.clock import utcnow
from app.domain.dispatch import needs_split_or_statement
from app.domain.enums import LineLevel, Recipients
from app.domain.errors import RuleViolation
from app.domain.letters import people_for
from app.domain.models import Team, Ticket
from app.domain.templates import moved_to_team
from app.drafts import load_draft
from app.errors import HelplineError
from app.i18n import label, t
from app.plain_text import printable
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.draft_saver import DraftSaver
from screens.failures import report_failure
from screens.handover_base import HandoverScreen, handover_bindings
from screens.note_editor import NoteEditor
from screens.reminder import Reminder
from widgets.category_check import CategoryHint, description_excerpt
from widgets.handover_duties import HandoverDuties
from widgets.key_bar import KeyBar
from widgets.one_problem import OneProblem
from widgets.outside_text import literal, literal_lines, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea


def team_line(team: Team, load: tuple[int, int] | None, desk: Desk, narrow: int | None = None) -> Text:
    """One team as the dispatcher compares them: line, open/unassigned, open now, who dispatches. `narrow`: the
    cells there are for it below 110 columns (issue 19): one line a team all the same, the columns closer, when
    it opens before who dispatches, and the rest cut with an ellipsis rather than wrapped onto another line."""
    # The name comes from the directory (RT's queues, the desk file): shown literally, cut to its column
    # by terminal cells (a wide character takes two).
    text = Text(set_cell_size(printable(team.name), 20 if narrow else 32) + " ", style="bold")
    text.append(f"{label(team.line):<12.12} ")
    open_, unassigned = load if load else ("…", "…")
    text.append(t("{open} open, {unassigned} unassigned", open=open_, unassigned=unassigned).ljust(
        22 if narrow else 26))
    now = utcnow()
    opening = None
    if is_open(team, now):
        text.append(t("open now").ljust(12), style="green")
    else:
        text.append(t("closed now").ljust(12), style="yellow")
        opening = next_opening(team, now)
    names = ", ".join(desk.agents[u].name if u in desk.agents else u for u in team.dispatchers)
    zone = printable(team.office_hours.time_zone or t("local time"))
    opens = opening and t("opens {when} ({zone})", when=f"{label_day(opening)} {opening:%H:%M}", zone=zone)
    if narrow:
        if opens:
            text.append(opens + "  ", style="yellow")
        text.append(t("dispatcher: {names}", names=printable(names)), style="dim")
        text.truncate(narrow, overflow="ellipsis")
        return text
    text.append(t("dispatcher: {names}", names=printable(names)), style="dim")
    if opens:  # finding 5 (follow-up and triage): when it opens, in the team's own zone
        text.append("  " + opens, style="yellow")
    return text


def label_day(moment: datetime) -> str:
    """The weekday of an opening, in the agent's language (no locale needed)."""
    # Literal t() calls, so tests/test_i18n_catalogues.py finds each day in the catalogues.
    days = (t("Mon"), t("Tue"), t("Wed"), t("Thu"), t("Fri"), t("Sat"), t("Sun"))
    return days[moment.weekday()]


class DispatchScreen(HandoverScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "dispatch", "Dispatch to the team", priority=True, id="dispatch.send"),
        Binding("ctrl+t", "split", "Split first", id="dispatch.split"),
        *handover_bindings("dispatch"),
        Binding("escape", "leave", "Back", id="dispatch.back"),
    ]
    CATEGORY_FIELD = "#dispatch-category"

    def __init__(self, desk: Desk, ticket: Ticket) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket
        # Second line first: where most hand-overs go (R-ESC-3); then the others by line.
        self.teams = sorted(desk.dispatch_targets(ticket),
                            key=lambda team: (team.line is not LineLevel.SECOND, team.line.value, team.name))
        self.key = f"{ticket.code}:dispatch"
        self.draft = DraftSaver(self, self.key)

    def _narrow(self) -> int | None:
        """Issue 19: below 110 columns, the cells a team's line has (the form's padding, the list's border and
        scroll bar off), so that an 80-column terminal shows one line a team."""
        return self.app.size.width - 10 if self.app.size.width < 110 else None

    def compose(self) -> ComposeResult:
        ticket = self.ticket
        with VerticalScroll(id="dispatch-form"):
            title = literal(t("Dispatch {code}", code=ticket.code) + ": ", style="bold")
            title.append(printable(ticket.subject), style="bold")
            # A ticket in a backend's own queue (RT's General) is in no team of this desk: dispatch brings it in.
            now_in = self.desk.teams[ticket.team].name if ticket.team in self.desk.teams else ticket.team
            title.append(f"  ({t('now in')} {printable(now_in)}, {ticket.priority.value})")
            yield Static(title)
            yield Label(t("To which team? Teams only: its dispatcher assigns (R-DISPATCH-1)"), classes="letter")
            narrow = self._narrow()
            yield OptionList(*[Option(team_line(team, None, self.desk, narrow), id=team.id) for team in self.teams],
                             id="dispatch-teams")
            yield HandoverDuties(id="dispatch-duties")
            yield Label(t("Summary note: the problem and what was tried (R-JOURNAL-3)"), classes="letter")
            yield PlainTextArea(load_draft(self.key), id="dispatch-summary")
            yield Label(t("Category, checked against the description (R-DISPATCH-5)"), classes="letter")
            # The ticket's own words right above its category, so the one is confirmed against the other.
            yield Static(description_excerpt(ticket.subject, ticket.description), id="dispatch-description")
            yield PlainInput(ticket.category or "", id="dispatch-category")
            yield CategoryHint(id="dispatch-category-hint")
            yield OneProblem(can_split=True, id="split-hint")
            yield Static(id="dispatch-letter")  # R-MAIL-1: the letter the user gets, before it goes
            yield Static(id="dispatch-problem", classes="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("Dispatch")
        self.query_one(OptionList).focus()
        self.query_one(OneProblem).need(needs_split_or_statement(self.ticket))
        self._check_category()
        self.load_counts()

    @on(Input.Changed, "#dispatch-category")
    def _check_category(self) -> None:
        self.check_category(self.ticket.subject, self.ticket.description)

    def choice_changed(self) -> None:
        self._problem("")

    @on(OptionList.OptionHighlighted, "#dispatch-teams")
    def _show_duties(self, event: OptionList.OptionHighlighted) -> None:
        """R-PRIO-4, finding 2 (follow-up and triage): the duties of a P1 or P2 before it is sent."""
        self.query_one(HandoverDuties).show(self.desk.duties_before_handover(self.ticket.priority, event.option.id))
        team = self.desk.teams.get(event.option.id or "")
        if team is not None:
            to = ", ".join(people_for(self.ticket, Recipients.REQUESTER))
            sender = self.desk.teams[self.ticket.team].name if self.ticket.team in self.desk.teams else None
            letter = t("The user is told, by letter to {people}:", people=to) + "\n" + moved_to_team(
                team.name, self.ticket.code, sender)
            self.query_one("#dispatch-letter", Static).update(literal_lines(letter, style="dim"))

    @work(exclusive=True, group="loads")
    async def load_counts(self) -> None:
        try:
            loads = await self.desk.team_loads()
        except HelplineError as error:
            report_failure(self, error, self.desk.client.server)
            return
        options = self.query_one(OptionList)
        for team in self.teams:
            options.replace_option_prompt(team.id, team_line(team, loads.get(team.id), self.desk, self._narrow()))

    def action_leave(self) -> None:
        self.dismiss(None)  # the summary typed so far stays in its draft for next time

    def on_option_list_option_selected(self) -> None:
        self.query_one("#dispatch-summary", TextArea).focus()  # enter on a team: on to the summary

    def on_text_area_changed(self) -> None:
        self.draft.changed(self.query_one("#dispatch-summary", TextArea).text)

    def on_unmount(self) -> None:
        self.draft.flush()  # left, dispatched or the app quit: a summary still due is written

    def chosen_team(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def _problem(self, message: str) -> None:
        self.query_one("#dispatch-problem", Static).update(literal_lines(message))

    @after_typing
    def action_dispatch(self) -> None:
        team = self.chosen_team()
        if team is None:
            self._problem(t("Choose the team that takes the ticket."))
            self.query_one(OptionList).focus()
            return
        summary = self.query_one("#dispatch-summary", TextArea).text
        typed = self.query_one("#dispatch-category", Input).value
        one_problem = self.query_one(OneProblem).one_problem
        try:  # the rules first: a confirmation is asked only of a hand-over that would go
            self.desk.check_dispatch(self.ticket, team, summary, category=typed.strip() or None,
                                     one_problem=one_problem)
        except RuleViolation as error:
            self._refused(error)
            return
        unconfirmed = self.category_unconfirmed(typed)  # R-DISPATCH-5: a disagreeing category goes on a second ctrl+s
        if unconfirmed:
            self._problem(unconfirmed)
            return
        self.send(team, summary, typed.strip() or None, one_problem)

    def _refused(self, error: RuleViolation) -> None:
        """A refusal on the problem line, the cursor at its field; everything typed stays."""
        self._problem(f"{error.message} ({error.rule})")
        focus = {"summary": "#dispatch-summary", "category": "#dispatch-category"}.get(error.field or "")
        if focus:
            self.query_one(focus).focus()

    @work(exclusive=True, group="send")
    async def send(self, team: str, summary: str, category: str | None, one_problem: bool) -> None:
        try:
            ticket = await self.desk.dispatch(self.ticket, team, summary, category=category,
                                              one_problem=one_problem)
        except RuleViolation as error:
            self._refused(error)
            return
        except HelplineError as error:
            report_failure(self, error, self.desk.client.server)  # the summary stays in its draft
            return
        self.draft.finish("")
        tell(self, t("{code} dispatched to {team}; the user was told.", code=ticket.code,
                     team=self.desk.teams[team].name))
        reminder = self.desk.reminder_after_handover(ticket)
        if reminder:
            await self.app.push_screen_wait(Reminder(reminder))
        self.dismiss(ticket)

    @work
    async def action_split(self) -> None:
        """R-TICKET-4: one line per problem; each becomes a ticket linked to this one."""
        text = await self.app.push_screen_wait(
            NoteEditor(t("Split {code}: one problem a line; of several, the first stays here and each further "
                         "one becomes a linked ticket", code=self.ticket.code)))
        subjects = [line.strip() for line in (text or "").splitlines() if line.strip()]
        if not subjects:
            return
        try:
            parts = await self.desk.split(self.ticket, subjects)
        except (RuleViolation, HelplineError) as error:
            report_failure(self, error, self.desk.client.server)
            return
        self.ticket = parts[0]
        made = ", ".join(part.code for part in parts[1:])
        tell(self, t("Split into {codes}; each is in this team's queue to dispatch on its own.", codes=made),
             timeout=10)
        self.query_one(OneProblem).split_into(made)
        self.refresh_bindings()
