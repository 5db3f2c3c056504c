"""Words recorded on someone's behalf name both people (R-JOURNAL-6): whose words they are, and the agent who
typed them in, so an agent cannot put words in a user's mouth unseen."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.api.schemas import NoteIn
from app.cli import main
from app.client import HelplineClient
from app.domain.enums import EntryKind
from app.domain.tickets import NewTicket
from app.seed import seed_demo


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


def test_helpline_show_names_who_recorded_the_users_words(store_dir: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The command line says it as the journal screen does: whose words, and who typed them in."""
    seed_demo(store_dir)
    assert main(["--store", str(store_dir), "--as", "anna", "new", "--subject", "Printer jams on floor 2",
                 "--requester", "Lotte Vermeulen", "--description", "It jams on every job since Monday."]) == 0
    code = capsys.readouterr().out.strip()
    assert main(["--store", str(store_dir), "show", code]) == 0
    shown = capsys.readouterr().out
    assert "Message from user · Lotte Vermeulen · recorded by anna" in shown
