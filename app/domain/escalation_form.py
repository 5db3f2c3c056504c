"""The guided escalation form, fields a-h (000; R-ESC-1, R-TICKET-3, R-TICKET-5, R-PRIO-5)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field

from app.domain import dispatch as dispatch_rules
from app.domain.enums import ColleaguesAffected, Impact, Kind, Urgency, UserUrgency
from app.domain.errors import RuleViolation
from app.domain.escalations import raise_functional
from app.domain.limits import MAX_ATTACHMENT_BYTES
from app.domain.models import Agent, Attachment, Model, Team, Ticket
from app.domain.priority import priority_for, propose_impact_urgency
from app.domain.text_quality import subject_problems
from app.i18n import t

MIN_DESCRIPTION_CHARS = 40
# Serial numbers: Apple 10-12 alphanumerics, Windows/OEM service tags 5-30 with dashes.
_SERIAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{3,29}$")


class AttachmentRef(Model):
    """Field h: a file the agent picked, as the form knows it before upload."""

    path: str
    size: int


class EscalationForm(Model):
    """Fields a-h. A draft is saved as it is typed, so every field may still be empty."""

    kind: Kind = Kind.INCIDENT
    requester: str = ""  # a) the person who contacted support (R-TICKET-3)
    requested_for: str = ""  # a) the person it is on behalf of, when different
    subject: str = ""  # b)
    description: str = ""  # c)
    troubleshooting: list[str] = Field(default_factory=list)  # d) steps already tried, in order
    serial_number: str = ""  # e) mandatory
    colleagues: ColleaguesAffected | None = None  # f)
    user_urgency: UserUrgency | None = None  # g)
    attachments: list[AttachmentRef] = Field(default_factory=list)  # h)
    target_team: str = ""
    category: str = ""  # R-DISPATCH-5: checked against the description, set if the ticket has none
    impact_override: Impact | None = None
    urgency_override: Urgency | None = None
    override_reason: str = ""
    one_problem: bool = Field(default=False, description="R-TICKET-4: the agent states that a ticket looking like "
                              "several problems is one; journalled, naming them.")


@dataclass(frozen=True)
class FieldProblem:
    """One reason the form cannot be submitted, at one field (letter or name)."""

    field: str
    rule: str
    message: str


def _requester_problems(form: EscalationForm, agent_username: str, agent_name: str) -> list[FieldProblem]:
    problems = []
    requester = form.requester.strip()
    if not requester:
        problems.append(FieldProblem("a", "R-TICKET-3", t("Who contacted support? The requester is required.")))
    elif requester.casefold() in {agent_username.casefold(), agent_name.casefold()}:
        problems.append(
            FieldProblem(
                "a", "R-TICKET-3",
                t("You are not the requester: enter the person who contacted support, and the person it is "
                  "for as requested-for."),
            )
        )
    return problems


def validate_form(
    form: EscalationForm, *, agent_username: str, agent_name: str, team_ids: set[str] | None = None
) -> list[FieldProblem]:
    """R-ESC-1: every missing or weak field, in form order; empty when the form may be submitted."""
    problems = _requester_problems(form, agent_username, agent_name)
    problems += [FieldProblem("b", "R-TICKET-5", msg) for msg in subject_problems(form.subject)]
    if len(form.description.strip()) < MIN_DESCRIPTION_CHARS:
        problems.append(
            FieldProblem("c", "R-ESC-1", t("Describe the problem in detail (at least {n} characters): what "
                                           "happens, since when, what the user was doing.",
                                           n=MIN_DESCRIPTION_CHARS))
        )
    steps = [s for s in form.troubleshooting if s.strip()]
    if not steps:
        problems.append(FieldProblem("d", "R-ESC-1", t("List the troubleshooting steps already done.")))
    serial = form.serial_number.strip()
    if not serial:
        problems.append(
            FieldProblem("e", "R-ESC-1", t("The serial number of the affected device is required: check it "
                                           "with the user (see the help for how to find it)."))
        )
    elif not _SERIAL.match(serial):
        problems.append(
            FieldProblem("e", "R-ESC-1", t("{serial} does not look like a serial number (letters and digits, "
                                           "5-30 characters).", serial=serial))
        )
    if form.colleagues is None:
        problems.append(FieldProblem("f", "R-PRIO-5", t("Say whether colleagues have the same problem.")))
    if form.user_urgency is None:
        problems.append(FieldProblem("g", "R-PRIO-5", t("Say how urgent it is for the user.")))
    for attachment in form.attachments:
        if attachment.size > MAX_ATTACHMENT_BYTES:
            problems.append(
                FieldProblem("h", "R-ESC-1", t("{path} is larger than {mb} MB.", path=attachment.path,
                                               mb=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
            )
    overriding = form.impact_override is not None or form.urgency_override is not None
    if overriding and len(form.override_reason.strip()) < 10:
        problems.append(FieldProblem("g", "R-PRIO-5", t("Say why you override the proposed priority.")))
    if not form.target_team.strip():
        problems.append(FieldProblem("team", "R-DISPATCH-1", t("Choose the team that takes the ticket.")))
    elif team_ids is not None and form.target_team not in team_ids:
        problems.append(
            FieldProblem("team", "R-DISPATCH-6", t("{target} is not a team.", target=form.target_team))
        )
    return problems


def refusal(problems: list[FieldProblem]) -> RuleViolation:
    """One refusal for a form with problems: the first one's rule and field, every field named in the text."""
    return RuleViolation(problems[0].rule, " ".join(f"{p.field}) {p.message}" for p in problems), problems[0].field)


def form_priority(form: EscalationForm) -> tuple[Impact, Urgency] | None:
    """R-PRIO-5: impact and urgency the form proposes (or the stated override), once f and g are given."""
    if form.colleagues is None or form.user_urgency is None:
        return None
    impact, urgency = propose_impact_urgency(form.kind, form.colleagues, form.user_urgency)
    impact = form.impact_override or impact
    urgency = form.urgency_override or urgency
    priority_for(form.kind, impact, urgency)  # an override from the other kind's matrix is refused here
    return impact, urgency


def summary_note(form: EscalationForm) -> str:
    """R-ESC-2 / R-JOURNAL-3: the pinned note with every a-h answer and the troubleshooting steps."""
    from app.i18n import FORM_LABELS, label

    steps = "\n".join(f"   {n}. {step.strip()}" for n, step in enumerate(form.troubleshooting, 1) if step.strip())
    # The file's name, not the agent's local path: the journal is read on other machines.
    files = ", ".join(f"{a.path.replace(chr(92), '/').rsplit('/', 1)[-1]} ({a.size} B)"
                      for a in form.attachments) or "-"
    lines = [
        t("Escalation summary"),
        f"a) {t(FORM_LABELS['a'])}: {form.requester.strip()}"
        + (f" / {form.requested_for.strip()}" if form.requested_for.strip() else ""),
        f"b) {t(FORM_LABELS['b'])}: {form.subject.strip()}",
        f"c) {t(FORM_LABELS['c'])}:\n{form.description.strip()}",
        f"d) {t(FORM_LABELS['d'])}:\n{steps}",
        f"e) {t(FORM_LABELS['e'])}: {form.serial_number.strip()}",
        f"f) {t(FORM_LABELS['f'])}: {label(form.colleagues) if form.colleagues else '-'}",
        f"g) {t(FORM_LABELS['g'])}: {label(form.user_urgency) if form.user_urgency else '-'}",
        f"h) {t(FORM_LABELS['h'])}: {files}",
    ]
    if form.override_reason.strip():
        lines.append(t("Priority overridden: {reason}", reason=form.override_reason.strip()))
    return "\n".join(lines)


def apply_escalation_form(
    ticket: Ticket,
    form: EscalationForm,
    *,
    teams: Mapping[str, Team],
    agents: Mapping[str, Agent],
    actor: str,
    attachments: list[Attachment],
    now: datetime,
) -> Ticket:
    """R-ESC-2: check everything, then in one change: a-h onto the ticket, pinned summary, hand-over, user told.

    `attachments` are the files of field h, already stored beside the ticket by the adapter.
    """
    dispatch_rules.check_holder(ticket, teams, actor)  # R-DISPATCH-7: before any field is judged
    form = form.model_copy(update={"kind": ticket.kind})  # the ticket's own matrix decides (R-PRIO-1/2)
    me = agents.get(actor)
    problems = validate_form(form, agent_username=actor, agent_name=me.name if me else actor, team_ids=set(teams))
    if problems:
        raise refusal(problems)
    summary = summary_note(form)
    dispatch_rules.check_dispatch(ticket, form.target_team, teams=teams, agents=agents, summary=summary,
                                  category=form.category or None, actor=actor, one_problem=form.one_problem,
                                  text=f"{form.subject}\n{form.description}")
    ticket.requester = form.requester.strip()
    ticket.requested_for = form.requested_for.strip() or None
    ticket.subject = form.subject.strip()
    ticket.description = form.description.strip()
    ticket.serial_number = form.serial_number.strip()
    proposed = form_priority(form)
    if proposed is not None:
        ticket.impact, ticket.urgency = proposed
        ticket.priority = priority_for(ticket.kind, *proposed)
        ticket.priority_reason = form.override_reason.strip() or None
    ticket.attachments.extend(attachments)
    dispatch_rules.apply_dispatch(ticket, form.target_team, teams=teams, agents=agents, actor=actor,
                                  summary=summary, now=now, category=form.category or None, pin_summary=True,
                                  one_problem=form.one_problem)
    raise_functional(ticket, teams[form.target_team], actor=actor, now=now)  # R-ESC-3: first line follows up
    return ticket
