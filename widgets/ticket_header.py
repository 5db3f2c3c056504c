"""The journal screen's header: everything about a ticket at a glance, from plain text."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.domain.clock import utcnow
from app.domain.models import Ticket
from app.domain.status import status_words
from app.i18n import label, t
from app.plain_text import printable
from widgets.ticket_list import PRIORITY_STYLES, age


class TicketHeader(Static):
    def show(self, ticket: Ticket) -> None:
        now = utcnow()
        state = status_words(ticket.status, ticket.pending_reason)
        raised = ((t("Update flag"), ticket.update_flag is not None), (t("Attention"), ticket.attention),
                  # R-PRIO-4: a P2 hand-over goes no further until its receiving agent begins work
                  (t("Awaiting acceptance"), ticket.awaiting_acceptance))
        flags = ", ".join(name for name, on in raised if on) or "-"
        title = Text(f"{printable(ticket.code)}  ", style="bold")
        title.append(printable(ticket.subject), style="bold")
        if ticket.retitle:  # R-MAIL-2: a mail's subject that says too little, kept as the user wrote it
            title.append("  " + t("(the mail's own subject: T gives it a telling title)"), style="bold yellow")
        facts = [
            (t("Kind"), label(ticket.kind)),
            (t("Status"), state),
            (t("Priority"), f"{ticket.priority.value} ({label(ticket.impact)} / {label(ticket.urgency)})"),
            (t("Team"), printable(ticket.team)),
            (t("Owner"), printable(ticket.owner) or "-"),
            (t("Requester"), printable(ticket.requester)),
            (t("Requested for"), printable(ticket.requested_for) or "-"),
            (t("Serial number"), printable(ticket.serial_number) or "-"),
            (t("Category"), printable(ticket.category) or "-"),
            (t("Supplier ref."), printable(ticket.external_ref) or "-"),
            (t("Flags"), flags),
            (t("Age"), age(ticket.created, now)),
        ]
        if ticket.links:  # split parts, follow-ups, and what RT links or merged (R-TICKET-4)
            links = ", ".join(f"{label(link.kind)} {printable(link.code)}" for link in ticket.links)
            facts.append((t("Links"), links))
        if ticket.attachments:  # escalation form h: what second line can open
            facts.append((t("Attachments"), ", ".join(f"{printable(a.name)} ({a.size} B)" for a in ticket.attachments)))
        line = Text()
        for name, value in facts:
            style = PRIORITY_STYLES.get(ticket.priority.value, "") if name == t("Priority") else ""
            line.append(f"{name}: ", style="dim")
            line.append(value + "   ", style=style)
        self.update(title + Text("\n") + line)
