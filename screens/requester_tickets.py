"""`l` in the journal (issue 19): the requester's other tickets, newest first, with their count; enter opens
one's journal over this one (esc comes back)."""

from __future__ import annotations

from datetime import timedelta

from textual.screen import Screen

from app.domain.models import Ticket
from app.errors import HelplineError
from app.i18n import label, t
from app.usecases import Desk
from screens.choose import Choose
from screens.failures import report_failure
from widgets.outside_text import tell

SHOWN = 10


async def show_requester_tickets(screen: Screen[None], desk: Desk, ticket: Ticket, stale_after: timedelta) -> None:
    """The list, then the journal of the one picked; run in a worker of `screen` (it waits on the list)."""
    from screens.journal import JournalScreen

    try:
        rows, total = await desk.earlier_tickets(ticket.requester, most=SHOWN + 1)
    except HelplineError as error:
        report_failure(screen, error, desk.client.server)
        return
    others = [row for row in rows if row.code != ticket.code][:SHOWN]
    if not others:
        tell(screen, t("{who} has no other tickets", who=ticket.requester))
        return
    title = t("Other tickets of {who}: {n}, newest first", who=ticket.requester, n=total - 1)
    choices = [(f"{row.code}  {row.subject}  ·  {label(row.status)}", row.code) for row in others]
    code = await screen.app.push_screen_wait(Choose(title, choices))
    if code is not None:
        screen.app.push_screen(JournalScreen(desk, code, stale_after))
