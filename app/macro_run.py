"""A macro (app/domain/macros.py) applied to tickets through the desk's use cases (app/usecases.py), so every rule
holds as if the agent had done each step by hand: a note as `n`, a letter as `R` (to the requester, R-MAIL-1), a
status as `s`/`p` (R-STATUS-*). One ticket's failure stops that ticket's remaining steps and is reported with its
code; the other tickets still get theirs (as the queue's bulk actions, screens/queue_bulk.py). Core: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain import status as status_rules
from app.domain.clock import utcnow
from app.domain.enums import EntryKind, Recipients, Status
from app.domain.errors import RuleViolation
from app.domain.macros import Macro, MacroAction
from app.domain.models import Ticket
from app.domain.snippets import fill, ticket_values
from app.errors import HelplineError
from app.i18n import label, t
from app.usecases import Desk


def values_for(desk: Desk, ticket: Ticket) -> dict[str, str]:
    """The placeholders' values on `ticket`, for the agent using the desk."""
    return ticket_values(requester=ticket.requester, code=ticket.code, subject=ticket.subject, agent=desk.me.name,
                         team=desk.team_of(ticket).name)


def _already(ticket: Ticket, action: MacroAction) -> bool:
    return ticket.status is action.status and (action.status is not Status.PENDING
                                               or ticket.pending_reason is action.pending_reason)


def _status_words(action: MacroAction) -> str:
    words = label(action.status) if action.status else ""
    return f"{words} ({label(action.pending_reason)})" if action.pending_reason else words


def preview(desk: Desk, macro: Macro, ticket: Ticket) -> list[str]:
    """What `ticket` will get, one line or paragraph a step, with the texts filled; a step the rules refuse
    says so now."""
    values = values_for(desk, ticket)
    said: list[str] = []
    for action in macro.actions:
        if action.do == "note":
            said.append(t("Internal note:") + " " + fill(action.text, values))
        elif action.do == "letter":
            said.append(t("Message to {user}:", user=ticket.requester) + " " + fill(action.text, values))
        elif action.status is not None:
            line = t("Status: {status}", status=_status_words(action))
            if _already(ticket, action):
                line += " · " + t("already so")
            else:
                try:
                    status_rules.check_status_change(ticket, action.status, team=desk.team_of(ticket), now=utcnow(),
                                                     pending_reason=action.pending_reason,
                                                     solution=fill(action.solution, values) or None, probing=False)
                except RuleViolation as error:
                    line += " · " + t("refused: {reason} ({rule})", reason=error.message, rule=error.rule)
            said.append(line)
    return said


async def apply_step(desk: Desk, ticket: Ticket, action: MacroAction) -> Ticket:
    values = values_for(desk, ticket)
    if action.do == "note":
        return await desk.add_note(ticket, fill(action.text, values))
    if action.do == "letter":
        return await desk.add_note(ticket, fill(action.text, values), kind=EntryKind.MESSAGE_TO_USER,
                                   to=Recipients.REQUESTER)
    if action.status is None or _already(ticket, action):
        return ticket
    return await desk.set_status(ticket, action.status, pending_reason=action.pending_reason,
                                 solution=fill(action.solution, values) or None)


@dataclass
class MacroOutcome:
    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "HL-4: why"
    tickets: dict[str, Ticket] = field(default_factory=dict)  # as each ticket is after the macro

    def message(self, title: str) -> str:
        said = t("{title}: applied to {n} ticket(s)", title=title, n=len(self.done))
        return "\n".join([said, *self.refused])


async def apply_macro(desk: Desk, macro: Macro, codes: list[str]) -> MacroOutcome:
    """Each ticket read as stored now, then its steps in order."""
    outcome = MacroOutcome()
    for code in codes:
        try:
            ticket = await desk.ticket(code)
            for action in macro.actions:
                ticket = await apply_step(desk, ticket, action)
            outcome.done.append(code)
            outcome.tickets[code] = ticket
        except RuleViolation as error:
            outcome.refused.append(f"{code}: {error.message} ({error.rule})")
        except HelplineError as error:
            outcome.refused.append(f"{code}: {error.message}")
    return outcome
