"""Issue 19 on a live RT 5: a file attached to a note rides on its comment (a letter's on its correspondence),
is listed under that entry, and comes back identical through the adapter API's streamed operation."""

from __future__ import annotations

import base64

import pytest

from app.api.schemas import AttachmentIn, NoteIn
from app.backends.rt_client import RtClient
from app.client import HelplineClient
from app.domain.enums import EntryKind
from app.domain.tickets import NewTicket
from app.errors import NotFound


def file_in(name: str, data: bytes, content_type: str = "application/octet-stream") -> AttachmentIn:
    return AttachmentIn(name=name, content_type=content_type, data=base64.b64encode(data))


async def fetched(client: HelplineClient, code: str, handle: str) -> bytes:
    async with client.stream("attachment", code, handle) as chunks:
        return b"".join([chunk async for chunk in chunks])


async def new_ticket(desk: HelplineClient) -> str:
    made = await desk.create(NewTicket(subject="Scanner in room 2.10 saves blank pages", requester="Karin Dahl",
                                       category="Hardware"))
    return made.code


async def test_a_file_attached_to_a_note_is_rts_comment_file_and_comes_back_identical(
        desk: HelplineClient, raw: RtClient) -> None:
    code = await new_ticket(desk)
    data = bytes(range(256)) * 600 + b"\x00\xff tail"  # binary, over two chunks
    ticket = await desk.add_entry(code, NoteIn(body="The scanner's own log", files=[file_in("scan.bin", data)]))
    note = next(e for e in reversed(ticket.journal) if e.kind is EntryKind.INTERNAL_NOTE)
    (listed,) = [a for a in ticket.attachments if a.name == "scan.bin"]
    assert listed.entry == note.id and listed.ref and listed.ref.isdigit()
    assert listed.size == len(data)
    assert await fetched(desk, code, listed.handle) == data
    # What RT itself holds: the file on the comment's transaction.
    part = await raw.get(f"/attachment/{listed.ref}")
    assert base64.b64decode(part["Content"]) == data
    assert str(part["TransactionId"]["id"]) == str(note.id)


async def test_a_letter_to_the_user_carries_its_file_on_the_correspondence(desk: HelplineClient) -> None:
    code = await new_ticket(desk)
    ticket = await desk.add_entry(code, NoteIn(kind=EntryKind.MESSAGE_TO_USER, body="Dear Karin, the driver is "
                                               "attached: install it and restart the scanner.",
                                               files=[file_in("driver notes.txt", b"step 1\nstep 2\n", "text/plain")]))
    letter = next(e for e in reversed(ticket.journal) if e.kind is EntryKind.MESSAGE_TO_USER)
    (listed,) = [a for a in ticket.attachments if a.entry == letter.id]
    assert listed.name == "driver notes.txt"
    assert await fetched(desk, code, listed.handle) == b"step 1\nstep 2\n"


async def test_a_hostile_name_reaches_rt_as_one_harmless_name_and_another_tickets_file_is_not_sent(
        desk: HelplineClient) -> None:
    code = await new_ticket(desk)
    ticket = await desk.add_entry(code, NoteIn(body="What the user sent", files=[
        file_in("../../etc/pass\x1bwd", b"data")]))
    listed = ticket.attachments[-1]
    assert listed.name == "passwd"
    other = await new_ticket(desk)
    with pytest.raises(NotFound):
        await fetched(desk, other, listed.handle)  # its id, asked of another ticket
    with pytest.raises(NotFound):
        await fetched(desk, code, "../../etc/passwd")
