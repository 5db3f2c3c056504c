"""Issue 19 over a real socket (`helpline serve`): an attachment streams to the client in chunks as it is read, and
the client refuses one larger than its limit from the announced length, before the body."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from app.backends.local_store import LocalStore, NewFile
from app.client import HelplineClient
from app.domain.clock import utcnow
from app.domain.limits import DOWNLOAD_CHUNK_BYTES
from app.errors import Invalid
from tests.test_serve import Served, served  # noqa: F401 - the fixture

SIZE = 8 * 1024 * 1024 + 3


def stored_image(where: Served) -> str:
    data = bytes(i % 253 for i in range(SIZE))
    store = LocalStore(where.store)
    ticket = store.update_with_files("HL-12", [NewFile("disk.img", data)], lambda t, s: t.attachments.extend(s),
                                     None, "anna", utcnow())
    store.close()
    assert ticket.attachments[-1].name == "disk.img"
    return hashlib.sha256(data).hexdigest()


async def test_a_served_attachment_arrives_in_chunks_and_whole(served: Served) -> None:  # noqa: F811
    digest = stored_image(served)
    http = httpx.AsyncClient(base_url=served.url, headers={"Authorization": f"Bearer {served.tokens['anna']}"})
    client = HelplineClient(http, "anna", served.url)
    ticket = await client.get("HL-12")
    sha, chunks = hashlib.sha256(), 0
    async with client.attachment("HL-12", ticket.attachments[-1]) as stream:
        async for chunk in stream:
            sha.update(chunk)
            chunks += 1
    assert sha.hexdigest() == digest
    assert chunks > 1, "the file came in one piece"
    with pytest.raises(Invalid, match="at most 1 MB"):
        async with client.stream("attachment", "HL-12", "disk.img", limit=DOWNLOAD_CHUNK_BYTES * 16):
            pass
    await client.aclose()
