"""Issue 19: an attachment comes back through the adapter API's streamed operation, chunk by chunk, as bytes to
save (never a type to run), and a file attached to a note lands with it; names from outside are hostile."""

from __future__ import annotations

import asyncio
import base64
import json
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from app.api.schemas import AttachmentIn, NoteIn
from app.api.server import build_app
from app.backends.local import LocalBackend
from app.backends.local_store import LocalStore, NewFile
from app.client import USER_HEADER, HelplineClient
from app.connect import local_client
from app.domain.clock import utcnow
from app.domain.limits import DOWNLOAD_CHUNK_BYTES
from app.domain.models import Attachment, Ticket
from app.errors import Invalid, NotFound
from app.seed import seed_demo


@pytest.fixture
async def anna(store_dir: Path) -> AsyncIterator[HelplineClient]:
    seed_demo(store_dir)
    client = local_client(store_dir, "anna")
    yield client
    await client.aclose()


def file_in(name: str, data: bytes, content_type: str = "application/octet-stream") -> AttachmentIn:
    return AttachmentIn(name=name, content_type=content_type, data=base64.b64encode(data))


async def fetched(client: HelplineClient, code: str, attachment: Attachment) -> bytes:
    async with client.attachment(code, attachment) as chunks:
        return b"".join([chunk async for chunk in chunks])


async def test_a_file_attached_to_a_note_is_listed_under_that_note_and_comes_back_identical(
        anna: HelplineClient) -> None:
    data = bytes(range(256)) * 40
    ticket = await anna.add_entry("HL-12", NoteIn(body="The printer's log, as the user sent it",
                                                  files=[file_in("printer.log", data, "text/plain")]))
    note = ticket.journal[-1]
    (listed,) = [a for a in ticket.attachments if a.entry == note.id]
    assert (listed.name, listed.size, listed.added_by) == ("printer.log", len(data), "anna")
    assert await fetched(anna, "HL-12", listed) == data
    again = await anna.get("HL-12")
    assert [a.entry for a in again.attachments if a.name == "printer.log"] == [note.id]


async def test_a_file_goes_out_as_bytes_to_save_whatever_type_its_sender_declared(anna: HelplineClient) -> None:
    ticket = await anna.add_entry("HL-12", NoteIn(body="A page the user saved", files=[
        file_in("page.html", b"<script>alert(1)</script>", "text/html")]))
    response = await anna.http.get("/v1/tickets/HL-12/attachments/page.html", headers={USER_HEADER: "anna"})
    assert response.status_code == 200 and response.content == b"<script>alert(1)</script>"
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-helpline-declared-type"] == "text/html"
    assert ticket.attachments[-1].content_type == "text/html"  # named, as declared


async def test_a_large_file_is_sent_in_chunks_read_one_at_a_time(store_dir: Path) -> None:
    seed_demo(store_dir)
    store = LocalStore(store_dir)
    size = 6 * 1024 * 1024 + 17
    data = bytes(i % 251 for i in range(size))
    store.update_with_files("HL-12", [NewFile("disk.img", data)], lambda t, s: t.attachments.extend(s), None,
                            "anna", utcnow())
    del data
    app = build_app(LocalBackend(store))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/v1/tickets/HL-12/attachments/disk.img", "raw_path": b"/v1/tickets/HL-12/attachments/disk.img",
             "query_string": b"", "headers": [(b"host", b"local-store"), (USER_HEADER.lower().encode(), b"anna")],
             "server": ("local-store", 80), "client": ("127.0.0.1", 1), "root_path": ""}
    sizes: list[int] = []
    start: dict[str, Any] = {}
    digest = 0

    asked, done = False, asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal digest
        if message["type"] == "http.response.start":
            start.update(message)
        elif message.get("body"):
            sizes.append(len(message["body"]))
            digest = (digest * 31 + sum(message["body"][::4096])) % (2**61)  # keeps none of it
        if message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    tracemalloc.start()
    await app(scope, receive, send)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert start["status"] == 200
    assert dict(start["headers"])[b"content-length"] == str(size).encode()
    assert sum(sizes) == size and max(sizes) <= DOWNLOAD_CHUNK_BYTES and len(sizes) >= size // DOWNLOAD_CHUNK_BYTES
    assert peak < size // 4, f"the server held {peak} bytes at once for a file of {size}"


async def test_the_client_refuses_a_file_larger_than_its_limit_before_reading_it(anna: HelplineClient) -> None:
    ticket = await anna.add_entry("HL-12", NoteIn(body="A dump", files=[file_in("dump.bin", b"x" * 5000)]))
    with pytest.raises(Invalid, match="at most"):
        async with anna.stream("attachment", "HL-12", ticket.attachments[-1].handle, limit=1000):
            pass


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "..\\..\\etc\\passwd", "a\x1b]0;pwned\x07b\u202e.txt",
                                     ".bashrc"])
async def test_a_hostile_file_name_is_stored_as_one_harmless_name_inside_the_tickets_folder(
        anna: HelplineClient, store_dir: Path, hostile: str) -> None:
    ticket = await anna.add_entry("HL-12", NoteIn(body="What the user sent", files=[file_in(hostile, b"data")]))
    stored = ticket.attachments[-1]
    assert "/" not in stored.name and "\\" not in stored.name and not stored.name.startswith(".")
    assert all(ch.isprintable() for ch in stored.name)
    (path,) = [p for p in (store_dir / "attachments").rglob("*") if p.is_file()]
    assert path.parent.name == "HL-12" and path.name == stored.name
    assert await fetched(anna, "HL-12", stored) == b"data"


@pytest.mark.parametrize("asked", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "passwd", "%2Fetc%2Fpasswd"])
async def test_only_a_file_the_ticket_lists_is_sent_never_a_path_a_caller_makes_up(
        anna: HelplineClient, asked: str) -> None:
    response = await anna.http.get(f"/v1/tickets/HL-12/attachments/{asked}", headers={USER_HEADER: "anna"})
    assert response.status_code == 404 and b"root:" not in response.content
    with pytest.raises(NotFound):
        await anna.call("attachment", "HL-12", asked)


async def test_a_ticket_file_listing_a_path_as_an_attachment_is_damage_not_a_file_sent(
        anna: HelplineClient, store_dir: Path) -> None:
    ticket = await anna.add_entry("HL-12", NoteIn(body="A log", files=[file_in("log.txt", b"ok")]))
    path = store_dir / "tickets" / "000" / "HL-12.json"
    data = json.loads(path.read_text())
    data["attachments"][-1]["name"] = "../../../../../../etc/passwd"
    data["attachments"][-1]["ref"] = "evil"
    path.write_text(json.dumps(data))
    response = await anna.http.get("/v1/tickets/HL-12/attachments/evil", headers={USER_HEADER: "anna"})
    assert response.status_code >= 500 and b"root:" not in response.content
    assert response.headers["content-type"].startswith("application/problem+json")
    assert ticket.version  # the note itself was stored


async def test_a_note_whose_files_are_refused_stores_neither_note_nor_files(
        anna: HelplineClient, store_dir: Path) -> None:
    before: Ticket = await anna.get("HL-12")
    with pytest.raises(ValidationError, match="at most 10 files"):
        NoteIn(body="Eleven files", files=[file_in(f"f{n}.txt", b"x") for n in range(11)])
    response = await anna.http.post("/v1/tickets/HL-12/journal", headers={USER_HEADER: "anna"}, json={
        "body": "Eleven files", "files": [{"name": f"f{n}.txt", "data": "eA=="} for n in range(11)]})
    assert response.status_code == 400
    after = await anna.get("HL-12")
    assert after.version == before.version and not list((store_dir / "attachments").rglob("*.txt"))
