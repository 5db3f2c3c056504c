"""Words recorded on someone's behalf name both people (R-JOURNAL-6): whose words they are, and the agent who
typed them in, so an agent cannot put words in a user's mouth unseen."""

from __future__ import annotations

from app.api.schemas import NoteIn
from app.client import HelplineClient
from app.domain.enums import EntryKind
from app.domain.tickets import NewTicket


async def test_a_message_from_user_names_the_agent_who_recorded_it(client: HelplineClient) -> None:
    """Finding 2 (trust boundaries): a "message from user" with any author was shown as the user's own words,
    with nothing saying which agent wrote it."""
    ticket = await client.create(NewTicket(subject="VPN drops every hour", requester="Lotte Vermeulen"))
    after = await client.add_entry(ticket.code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, body="Approved, go ahead",
                                                       author="CEO Karin Dahl"))
    entry = after.journal[-1] if after.journal[-1].kind is EntryKind.MESSAGE_FROM_USER else after.journal[-2]
    assert (entry.author, entry.recorded_by) == ("CEO Karin Dahl", "anna")


async def test_the_description_typed_at_registration_names_its_recorder(client: HelplineClient) -> None:
    ticket = await client.create(NewTicket(subject="Printer jams on floor 2", requester="Lotte Vermeulen",
                                           description="It jams on every job since Monday."))
    words = [e for e in ticket.journal if e.kind is EntryKind.MESSAGE_FROM_USER]
    assert [(e.author, e.recorded_by) for e in words] == [("Lotte Vermeulen", "anna")]


async def test_an_agents_own_note_has_no_second_name(client: HelplineClient) -> None:
    ticket = await client.create(NewTicket(subject="Printer jams on floor 2", requester="Lotte Vermeulen"))
    after = await client.add_entry(ticket.code, NoteIn(body="Toner replaced"))
    assert (after.journal[-1].author, after.journal[-1].recorded_by) == ("anna", None)
