"""The guided escalation form, fields a-h in order (`e`; 000 a-h, R-ESC-1/2, R-PRIO-5, R-DISPATCH-1).

Every field is saved as a draft while it is typed, so a crash, a restart or a failed send loses
nothing. Submit is refused while a field is missing or weak: each problem is shown at its field
and the cursor goes to the first one.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from app.domain.dispatch import needs_split_or_statement
from app.domain.enums import ColleaguesAffected, Impact, LineLevel, Priority, Urgency, UserUrgency
from app.domain.errors import RuleViolation
from app.domain.escalation_form import MAX_ATTACHMENT_BYTES, EscalationForm, FieldProblem, form_priority
from app.domain.models import Ticket
from app.domain.priority import impacts_for, priority_for, propose_impact_urgency, urgencies_for
from app.drafts import load_draft, save_draft
from app.errors import HelplineError
from app.i18n import FORM_LABELS, label, t
from app.plain_text import printable
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.choose import Choose
from screens.draft_saver import DraftSaver
from screens.failures import report_failure
from screens.handover_base import HandoverScreen, handover_bindings
from screens.reminder import Reminder
from widgets.attachment_picker import AttachmentPicker
from widgets.category_check import CategoryHint, description_excerpt
from widgets.handover_duties import HandoverDuties
from widgets.key_bar import KeyBar
from widgets.one_problem import OneProblem
from widgets.outside_text import literal, literal_lines, options, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea
from widgets.priority_matrix import PriorityMatrix
from widgets.serial_help import SerialHelp
from widgets.step_list import StepList

LETTERS = ("a", "b", "c", "d", "e", "f", "g", "h", "team")
# Where the cursor goes for a problem at each field.
FOCUS_FOR = {"a": "#requester", "b": "#subject", "c": "#description", "d": "#step-input", "e": "#serial_number",
             "f": "#colleagues", "g": "#user_urgency", "h": "#attachment-path", "team": "#target_team"}
INPUTS = ("requester", "requested_for", "subject", "serial_number", "override_reason", "category")


def draft_key(code: str) -> str:
    return f"{code}:escalation"


def load_form_draft(ticket: Ticket) -> EscalationForm | None:
    """The saved draft of this ticket's form; None when there is none (or it no longer parses)."""
    saved = load_draft(draft_key(ticket.code))
    if not saved:
        return None
    try:
        return EscalationForm.model_validate_json(saved)
    except ValidationError:
        return None


def prefilled(ticket: Ticket) -> EscalationForm:
    """a, b, c and e as the ticket already knows them (R-ESC-1: the agent completes, not retypes)."""
    return EscalationForm(kind=ticket.kind, requester=ticket.requester, requested_for=ticket.requested_for or "",
                          subject=ticket.subject, description=ticket.description,
                          serial_number=ticket.serial_number or "", category=ticket.category or "")


class EscalationFormScreen(HandoverScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "submit", "Submit and hand over", priority=True, id="form.submit"),
        Binding("f1", "serial_help", "Serial number help", id="form.help"),
        *handover_bindings("form"),
        Binding("escape", "leave", "Back", id="form.back"),
    ]
    CATEGORY_FIELD = "#category"

    def __init__(self, desk: Desk, ticket: Ticket) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket
        self.start = prefilled(ticket)
        self.initial = load_form_draft(ticket) or self.start
        self.ready = False  # no draft is written while the widgets are still being filled
        self.draft = DraftSaver(self, draft_key(ticket.code))

    # ----- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        form, ticket = self.initial, self.ticket
        with VerticalScroll(id="escalation-form"):
            title = literal(t("Escalate {code} to a second-line team", code=ticket.code) + ": ", style="bold")
            title.append(printable(ticket.subject), style="bold")
            yield Static(title)
            yield self._letter("a")
            # The fields hold the ticket's own text, outside text: drawn literally, kept as it is.
            yield PlainInput(form.requester, placeholder=t("Requester (who contacted support)"), id="requester")
            yield PlainInput(form.requested_for, placeholder=t("Requested for (if someone else)"),
                             id="requested_for")
            yield self._problem("a")
            yield self._letter("b")
            yield PlainInput(form.subject, id="subject")
            yield self._problem("b")
            yield self._letter("c")
            yield PlainTextArea(form.description, id="description")
            yield self._problem("c")
            yield self._letter("d")
            yield StepList(form.troubleshooting, id="steps")
            yield self._problem("d")
            yield self._letter("e")
            yield PlainInput(form.serial_number, placeholder=t("f1: how to find it"), id="serial_number")
            yield SerialHelp(id="serial-help", classes="hidden")
            yield self._problem("e")
            yield self._letter("f")
            yield Select([(label(c), c) for c in ColleaguesAffected], value=form.colleagues or Select.NULL,
                         prompt=t("Only this user, several users or the whole site?"), id="colleagues")
            yield self._problem("f")
            yield self._letter("g")
            yield Select([(label(u), u) for u in UserUrgency], value=form.user_urgency or Select.NULL,
                         prompt=t("How urgent is it for the user?"), id="user_urgency")
            yield PriorityMatrix(id="matrix")
            yield Label(t("Override the proposed priority (optional, with the reason)"))
            yield Select([(label(i), i) for i in impacts_for(ticket.kind)], value=form.impact_override or Select.NULL,
                         prompt=t("Impact as proposed"), id="impact_override")
            yield Select([(label(u), u) for u in urgencies_for(ticket.kind)],
                         value=form.urgency_override or Select.NULL, prompt=t("Urgency as proposed"),
                         id="urgency_override")
            yield PlainInput(form.override_reason, placeholder=t("Why the proposed priority is wrong"),
                             id="override_reason")
            yield self._problem("g")
            yield self._letter("h")
            yield AttachmentPicker(form.attachments, max_bytes=MAX_ATTACHMENT_BYTES, id="attachments")
            yield self._problem("h")
            yield Label(t("Team that takes the ticket (teams only: R-DISPATCH-1)"), classes="letter")
            yield Select(self._team_options(), value=form.target_team or Select.NULL,
                         prompt=t("Choose a team"), id="target_team")
            yield HandoverDuties(id="form-duties")
            # R-DISPATCH-5: c)'s words right above the category, so the one is confirmed against the other.
            yield Static(description_excerpt(form.subject, form.description), id="category-description")
            yield PlainInput(form.category, placeholder=t("Category (checked against the description)"),
                             id="category")
            yield CategoryHint(id="category-hint")
            choice = OneProblem(can_split=False, id="one-problem")
            choice.stated = form.one_problem
            yield choice
            yield self._problem("team")
        yield KeyBar()

    def _letter(self, letter: str) -> Label:
        return Label(f"{letter}) {t(FORM_LABELS[letter])}", classes="letter")

    def _problem(self, letter: str) -> Static:
        problem = Static(id=f"problem-{letter}", classes="problem")
        problem.display = False
        return problem

    def _team_options(self) -> list[tuple[Text, str]]:
        """R-DISPATCH-6: teams only, second line first (where an escalation usually goes)."""
        teams = sorted(self.desk.dispatch_targets(self.ticket),
                       key=lambda team: (team.line is not LineLevel.SECOND, team.line.value, team.name))
        return options((f"{team.name} ({label(team.line)})", team.id) for team in teams)

    def on_mount(self) -> None:
        self.sub_title = t("Escalation form")
        self._show_priority()
        self._check_handover(self.form())
        self.query_one("#requester", Input).focus()
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.ready = True

    # ----- the form as data --------------------------------------------------------------------

    def form(self) -> EscalationForm:
        values = {name: self.query_one(f"#{name}", Input).value for name in INPUTS}

        def chosen(name: str) -> object:
            value = self.query_one(f"#{name}", Select).value
            return None if value is Select.NULL else value

        return EscalationForm(
            kind=self.ticket.kind, **values, description=self.query_one("#description", TextArea).text,
            troubleshooting=self.query_one(StepList).steps, colleagues=chosen("colleagues"),
            user_urgency=chosen("user_urgency"), attachments=self.query_one(AttachmentPicker).attachments,
            target_team=chosen("target_team") or "", impact_override=chosen("impact_override"),
            urgency_override=chosen("urgency_override"), one_problem=self.query_one(OneProblem).stated,
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(StepList.Changed)
    @on(AttachmentPicker.Changed)
    def _changed(self) -> None:
        form = self.form()  # once per change: it reads every field of the form
        self._show_priority(form)
        self._check_handover(form)
        if self.ready:
            self.draft.changed(form.model_dump_json())

    def on_unmount(self) -> None:
        self.draft.flush()  # left, handed over or the app quit: a draft still due is written

    def _check_handover(self, form: EscalationForm) -> None:
        """R-DISPATCH-5 / R-TICKET-4, live: the category c)'s words point to, and whether they look like several
        problems."""
        text = f"{form.subject}\n{form.description}"
        self.query_one("#category-description", Static).update(description_excerpt(form.subject, form.description))
        self.query_one(CategoryHint).show(self.desk.category_pointed_to(text, form.category), form.category)
        self.query_one(OneProblem).need(needs_split_or_statement(self.ticket, text))
        self.query_one(HandoverDuties).show(self.desk.duties_before_handover(self._priority(form), form.target_team))
        self.refresh_bindings()

    def _priority(self, form: EscalationForm) -> Priority:
        """The priority the ticket will have once the form is sent (f, g or an override may change it)."""
        try:
            chosen = form_priority(form.model_copy(update={"kind": self.ticket.kind}))  # the ticket's matrix decides
        except RuleViolation:
            chosen = None
        return priority_for(self.ticket.kind, *chosen) if chosen else self.ticket.priority

    def choice_changed(self) -> None:
        self._changed()  # kept in the draft like any field

    def _show_priority(self, form: EscalationForm | None = None) -> None:
        """R-PRIO-5: f and g propose; an override shows beside the proposal, live."""
        form = self.form() if form is None else form
        proposed: tuple[Impact, Urgency] | None = None
        if form.colleagues is not None and form.user_urgency is not None:
            proposed = propose_impact_urgency(self.ticket.kind, form.colleagues, form.user_urgency)
        try:
            chosen = form_priority(form)
        except RuleViolation:
            chosen = proposed
        self.query_one(PriorityMatrix).show(self.ticket.kind, chosen, proposed)

    # ----- actions -----------------------------------------------------------------------------

    def action_serial_help(self) -> None:
        self.query_one(SerialHelp).toggle_class("hidden")

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Each problem at its field, with its rule; the cursor goes to the first, in form order."""
        for letter in LETTERS:
            messages = [f"{p.message} ({p.rule})" for p in problems if p.field == letter]
            shown = self.query_one(f"#problem-{letter}", Static)
            shown.update(literal_lines("\n".join(messages)))
            shown.display = bool(messages)  # an empty problem line would only spread the form out
        if problems:
            first = min(problems, key=lambda p: LETTERS.index(p.field) if p.field in LETTERS else len(LETTERS))
            target = FOCUS_FOR.get(first.field, "#requester")
            if first.field == "g" and self.form().user_urgency is not None:
                target = "#override_reason"  # the urgency is there: what is missing is the reason to override
            widget: Widget = self.query_one(target)
            widget.focus()
            widget.scroll_visible(animate=False)

    @after_typing
    def action_submit(self) -> None:
        form = self.form()
        problems = self.desk.form_problems(form)
        self.show_problems(problems)
        if problems:
            letters = ", ".join(dict.fromkeys(f"{p.field})" for p in problems))
            tell(self, t("Not sent: complete {fields}", fields=letters), severity="warning")
            return
        try:  # R-TICKET-4 before the category is confirmed: a confirmation is asked only of a form that would go
            self.desk.check_form_one_problem(self.ticket, form)
        except RuleViolation as error:
            self._team_problem(f"{error.message} ({error.rule})")
            return
        unconfirmed = self.category_unconfirmed(form.category)  # R-DISPATCH-5: a second ctrl+s keeps it
        if unconfirmed:
            self._team_problem(unconfirmed)
            return
        self.submit(form)

    def _team_problem(self, message: str) -> None:
        """A refusal about the hand-over itself (category, one problem), under the team and category."""
        shown = self.query_one("#problem-team", Static)
        shown.update(literal_lines(message))
        shown.display = bool(message)
        shown.scroll_visible(animate=False)

    @work(exclusive=True, group="submit")
    async def submit(self, form: EscalationForm) -> None:
        try:
            ticket = await self.desk.submit_escalation_form(self.ticket, form)
        except RuleViolation as error:
            if error.field in LETTERS:
                self.show_problems([FieldProblem(error.field, error.rule, error.message)])
            elif error.field == "one_problem":
                self._team_problem(f"{error.message} ({error.rule})")
            report_failure(self, error, self.desk.client.server)
            return
        except HelplineError as error:
            report_failure(self, error, self.desk.client.server)  # the draft stays on disk: nothing is lost
            return
        save_draft(draft_key(ticket.code), "")
        team = self.desk.team_of(ticket)
        tell(self, t("{code} handed over to {team}; the user was told.", code=ticket.code, team=team.name))
        reminder = self.desk.reminder_after_handover(ticket)
        if reminder:
            await self.app.push_screen_wait(Reminder(reminder))
        self.dismiss(ticket)

    @work
    async def action_leave(self) -> None:
        """esc: leave keeping the draft, discard it, or stay; nothing typed goes without being asked."""
        if self.form() == self.start:
            save_draft(draft_key(self.ticket.code), "")
            self.dismiss(None)
            return
        choice = await self.app.push_screen_wait(Choose(t("Leave the escalation form?"), [
            (t("Keep the draft and leave"), "keep"), (t("Discard the draft"), "discard"), (t("Stay"), "stay")]))
        if choice == "discard":
            save_draft(draft_key(self.ticket.code), "")
        if choice in ("keep", "discard"):
            self.dismiss(None)
