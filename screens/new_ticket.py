"""Register a ticket (`c` in the queue): rules checked at each field, duplicates shown before saving.

R-TICKET-3 requester, R-TICKET-5 subject, R-TICKET-6 likely duplicates, R-TICKET-8 quick case.
A refused form keeps everything typed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from app.domain.enums import Impact, Kind, Urgency
from app.domain.errors import RuleViolation
from app.domain.models import Ticket
from app.domain.priority import default_impact_urgency, impacts_for, priority_for, urgencies_for
from app.domain.templates import dear_user
from app.domain.tickets import NewTicket, check_new_ticket
from app.errors import HelplineError
from app.i18n import label, t
from app.usecases import Desk, DuplicatesFound
from screens.after_typing import after_typing
from screens.confirm import Confirm
from screens.duplicate_choice import Choice, DuplicateChoice, open_twin
from screens.failures import report_failure
from screens.note_editor import NoteEditor
from widgets.earlier_tickets import EarlierTickets
from widgets.key_bar import KeyBar
from widgets.outside_text import literal_lines, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea

# R-PRIO-1's question for an incident, R-PRIO-2's for a service request, in each one's own words.
MATRIX_TITLES = {
    Kind.INCIDENT: ("Impact: who is affected (Company / Department / Individual)",
                    "Urgency: how soon (High / Medium / Low)"),
    Kind.SERVICE_REQUEST: ("Need: Must have / Should have / Whenever possible", "Pace: Expedite / Standard"),
}

FIELDS = ("requester", "requested_for", "subject", "category", "serial_number")


def field_title(name: str) -> str:
    """A field's label in the current language (literal t() calls, for tests/test_i18n.py)."""
    return {
        "requester": t("Requester (who contacted support)"),
        "requested_for": t("Requested for (if someone else)"),
        "subject": t("Subject"),
        "category": t("Category"),
        "serial_number": t("Serial number"),
    }[name]

# R-MAIL-1: a person's mail address is written with the name; a letter reaches only those who have one.
# Examples of a name and an address: the same in every language.
FIELD_HINTS = {"requester": "Karin Dahl <karin.dahl@example.org>", "requested_for": "Per Holm <per.holm@example.org>"}


class NewTicketScreen(Screen[Ticket | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "save", "Save", priority=True, id="new.save"),
        Binding("ctrl+r", "quick_case", "Save as quick case (resolved)", priority=True, id="new.quick"),
        Binding("escape", "leave", "Back", id="new.back"),
    ]

    def __init__(self, desk: Desk, prefill: NewTicket | None = None) -> None:
        """With `prefill`, the form starts filled in from it (a new ticket following up a Closed one)."""
        super().__init__()
        self.desk = desk
        self.prefill = prefill
        self._flagged: set[str] = set()  # the fields whose problem is on screen
        self._offering = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="new-ticket"):
            yield Label(t("Kind"))
            yield Select([(label(kind), kind) for kind in Kind], value=Kind.INCIDENT, allow_blank=False, id="kind")
            for name in FIELDS:
                yield Label(field_title(name))
                yield PlainInput(id=name, placeholder=FIELD_HINTS.get(name, ""))
                yield Static(id=f"{name}-problem", classes="problem")
                if name == "requester":
                    yield EarlierTickets(id="earlier-tickets")  # issue 19: the requester's earlier tickets
            yield Label(t("Description"))
            yield PlainTextArea(id="description")
            # Issue 19: asked after what the user said, in the order of the form, each choice on screen with the
            # priority it gives; a service request in R-PRIO-2's own words (screens/new_ticket_matrix.py).
            yield Label(id="impact-title")
            first, lowest = default_impact_urgency(Kind.INCIDENT)  # _offer_matrix words them as it opens
            yield Select([(label(first), first)], allow_blank=False, id="impact")
            yield Label(id="urgency-title")
            yield Select([(label(lowest), lowest)], allow_blank=False, id="urgency")
            yield Static(id="priority-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("New ticket")
        self._offer_matrix(Kind.INCIDENT)
        if self.prefill is not None:
            self._fill(self.prefill)
        self.query_one("#requester", Input).focus()

    def _fill(self, prefill: NewTicket) -> None:
        if prefill.kind is not Kind.INCIDENT:
            self.query_one("#kind", Select).value = prefill.kind  # Changed offers the kind's matrix
        for name in FIELDS:
            value = getattr(prefill, name)
            if value:
                self.query_one(f"#{name}", Input).value = value
        self.query_one("#description", TextArea).text = prefill.description

    def _offer_matrix(self, kind: Kind) -> None:
        """Impact and urgency come from the matrix of the kind (R-PRIO-1 incidents, R-PRIO-2 requests), the
        lowest cell chosen to begin with and shown, so that what is saved is what the agent saw."""
        impact, urgency = default_impact_urgency(kind)
        impact_title, urgency_title = MATRIX_TITLES[kind]
        self.query_one("#impact-title", Label).update(t(impact_title))
        self.query_one("#urgency-title", Label).update(t(urgency_title))
        self._offering = True  # the Changed messages of these set_options are not the agent's choice
        impacts = self.query_one("#impact", Select)
        impacts.set_options([(self._option(kind, i, urgency), i) for i in impacts_for(kind)])
        impacts.value = impact
        self._offer_urgencies(kind, impact, urgency)
        self._offering = False
        self._preview()

    def _option(self, kind: Kind, impact: Impact, urgency: Urgency, shown: Impact | Urgency | None = None) -> str:
        """A choice with the priority it gives with the other field as it is: "Company → P2"."""
        return f"{label(shown or impact)} → {priority_for(kind, impact, urgency).value}"

    def _offer_urgencies(self, kind: Kind, impact: Impact, urgency: Urgency) -> None:
        urgencies = self.query_one("#urgency", Select)
        urgencies.set_options([(self._option(kind, impact, u, u), u) for u in urgencies_for(kind)])
        urgencies.value = urgency

    def on_select_changed(self, event: Select.Changed) -> None:
        kind = self.query_one("#kind", Select).value
        if event.select.id == "kind" and isinstance(event.value, Kind):
            self._offer_matrix(event.value)
            return
        impact, urgency = self._matrix_choice()
        if event.select.id == "impact" and isinstance(kind, Kind) and impact and urgency and not self._offering:
            self._offer_urgencies(kind, impact, urgency)  # each urgency says what it gives with this impact
        self._preview()

    def _matrix_choice(self) -> tuple[Impact | None, Urgency | None]:
        impact = self.query_one("#impact", Select).value
        urgency = self.query_one("#urgency", Select).value
        return (impact if isinstance(impact, Impact) else None, urgency if isinstance(urgency, Urgency) else None)

    def _preview(self) -> None:
        """The priority the matrix gives, live as impact and urgency are chosen."""
        kind = self.query_one("#kind", Select).value
        impact, urgency = self._matrix_choice()
        if not isinstance(kind, Kind):
            return
        default_impact, default_urgency = default_impact_urgency(kind)
        impact, urgency = impact or default_impact, urgency or default_urgency
        try:
            priority = priority_for(kind, impact, urgency)
        except RuleViolation:  # the other matrix's values, for the moment the kind changes
            return
        self.query_one("#priority-preview", Static).update(Text(
            t("Priority: {p}", p=priority.value) + f" ({label(impact)} / {label(urgency)})", style="bold"))

    def draft(self, solution: str | None = None) -> NewTicket:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        return NewTicket(
            kind=self.query_one("#kind", Select).value,
            subject=values["subject"], requester=values["requester"],
            requested_for=values["requested_for"] or None, category=values["category"] or None,
            serial_number=values["serial_number"] or None,
            description=self.query_one("#description", TextArea).text, solution=solution,
            impact=self._matrix_choice()[0], urgency=self._matrix_choice()[1],
        )

    def _show_problems(self, draft: NewTicket) -> bool:
        """Each problem at its field; the cursor goes to the first. True when there is none."""
        problems = check_new_ticket(draft, actor=self.desk.me.username, actor_name=self.desk.me.name)
        for name in FIELDS:
            self.query_one(f"#{name}-problem", Static).update("")
        self._flagged = {field for field, _, _ in problems}
        for field, rule, message in problems:
            self.query_one(f"#{field}-problem", Static).update(literal_lines(f"{message} ({rule})", style="bold red"))
        if problems:
            first = min(FIELDS.index(field) for field, _, _ in problems)  # in form order, top to bottom
            self.query_one(f"#{FIELDS[first]}", Input).focus()
        return not problems

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        """Issue 19: a field's message goes as soon as its value is right, not at the next save."""
        name = event.input.id or ""
        if name not in self._flagged:
            return
        problems = check_new_ticket(self.draft(), actor=self.desk.me.username, actor_name=self.desk.me.name)
        if name not in {field for field, _, _ in problems}:
            self._flagged.discard(name)
            self.query_one(f"#{name}-problem", Static).update("")

    @on(Input.Changed, "#requester")
    def _requester_changed(self, event: Input.Changed) -> None:
        self.look_up_earlier(event.value)

    @work(exclusive=True, group="earlier")
    async def look_up_earlier(self, requester: str) -> None:
        """Issue 19: once the requester is filled, their earlier tickets (a look-up by requester, app/finding.py)."""
        try:
            rows, total = await self.desk.earlier_tickets(requester)
        except HelplineError:
            rows, total = [], 0  # a look-up that fails hides the list; the form itself goes on
        self.query_one("#earlier-tickets", EarlierTickets).show(rows, total)

    @after_typing
    def action_save(self) -> None:
        draft = self.draft()
        if self._show_problems(draft):
            self.save(draft)

    @work
    async def action_quick_case(self) -> None:
        draft = self.draft()
        if not self._show_problems(draft):
            return
        solution = await self.app.push_screen_wait(NoteEditor(t("Quick case: what was done (R-TICKET-8)")))
        if solution is None:
            return
        # R-MAIL-1: the user gets the resolve letter; it is shown, with whom it goes to, before anything is saved.
        team = self.desk.teams.get(draft.team or "") or next(iter(self.desk.my_teams()), None)
        letter = dear_user(solution, t("(its new code)"), team.name if team else None)
        question = (t("Register as resolved and send this to the user?") + "\n"
                    + t("To: {people}", people=draft.requester.strip()) + "\n\n" + letter)
        if await self.app.push_screen_wait(Confirm(question)):
            self.save(draft.model_copy(update={"solution": solution}))

    @work(exclusive=True, group="save")
    async def save(self, draft: NewTicket, allow_duplicates: bool = False) -> None:
        try:
            ticket = await self.desk.create_ticket(draft, allow_duplicates=allow_duplicates)
        except DuplicatesFound as found:
            self.app.push_screen(DuplicateChoice(found.found), lambda choice: self._duplicate_chosen(draft, choice))
            return
        except (RuleViolation, HelplineError) as error:
            report_failure(self, error, self.desk.client.server)
            return
        tell(self, t("{code} registered", code=ticket.code))
        self.dismiss(ticket)

    def _duplicate_chosen(self, draft: NewTicket, choice: Choice | None) -> None:
        """Issue 19: open the twin (the form and its draft stay underneath), add this call to it, or save."""
        what, code = choice or (None, None)
        if what == "save":
            self.save(draft, allow_duplicates=True)
        elif what == "open" and code:
            self.app.push_screen(open_twin(self.app, self.desk, code))
        elif what == "add" and code:
            self.add_call(draft, code)

    @work(exclusive=True, group="save")
    async def add_call(self, draft: NewTicket, code: str) -> None:
        try:
            ticket = await self.desk.add_call(code, draft)
        except (RuleViolation, HelplineError) as error:
            report_failure(self, error, self.desk.client.server)
            return
        tell(self, t("This call was added to {code}; no new ticket was made", code=ticket.code))
        self.dismiss(ticket)

    @work
    async def action_leave(self) -> None:
        typed = self.draft() != self.prefill if self.prefill is not None else any(
            self.query_one(f"#{name}", Input).value.strip() for name in FIELDS)
        if typed and not await self.app.push_screen_wait(Confirm(t("Discard this new ticket?"))):
            return
        self.dismiss(None)
