"""Finding what a desk already has (issue 19): the requester's earlier tickets and a new ticket's likely
duplicates, through the adapter's search (by requester, by subject word), never by reading every ticket.
Core code: no Textual."""

from __future__ import annotations

import asyncio

from app.api.backend import TicketQuery
from app.api.schemas import Sort
from app.client import HelplineClient
from app.domain.clock import utcnow
from app.domain.duplicates import Duplicate, duplicates, subject_words
from app.domain.enums import Status
from app.domain.models import TicketRow
from app.domain.tickets import NewTicket

EARLIER_SHOWN = 5  # a few: the form and the journal have room for a short list
CANDIDATES = 200  # per search; more similar subjects than this at once is no longer a duplicate check


async def earlier_tickets(client: HelplineClient, requester: str, most: int = EARLIER_SHOWN
                          ) -> tuple[list[TicketRow], int]:
    """The requester's (or on their behalf) newest `most` tickets of any status, newest first, and how many
    there are in all. Codes grow with time, so the newest are the last page in code order."""
    who = requester.strip()
    if not who:
        return [], 0
    total = (await client.search(TicketQuery(requester=who, limit=1))).total
    if not total:
        return [], 0
    page = await client.search(TicketQuery(requester=who, sort=Sort.CODE, offset=max(0, total - most), limit=most))
    return list(reversed(page.items)), page.total


async def likely_duplicates_of(client: HelplineClient, draft: NewTicket) -> list[Duplicate]:
    """R-TICKET-6 and issue 19: the requester's open tickets and resolved twins, and other requesters' open
    tickets that share a long word of the subject, kept when the subject is similar (app/domain/duplicates.py)."""
    who = draft.requester.strip()
    searches = [TicketQuery(open=True, requester=who, limit=CANDIDATES),
                TicketQuery(status=[Status.RESOLVED], requester=who, limit=CANDIDATES),
                *(TicketQuery(open=True, q=word, limit=CANDIDATES) for word in subject_words(draft.subject))]
    pages = await asyncio.gather(*(client.search(query) for query in searches))
    return duplicates(draft.subject, who, [row for page in pages for row in page.items], utcnow())
