"""Any text a person or a backend can send is stored and read back byte-identical (property-based).

Markup, escape sequences, NUL and other controls, right-to-left text, combining marks, emoji and
Nordic letters included: the store must neither change nor choke on any of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.backends.local_store import LocalStore
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.domain.journal import append_entry
from app.domain.models import JournalEntry, Ticket
from app.seed import seed_demo

HOSTILE = ["[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", "[@click=app.quit]z[/]", "\x1b[2J\x1b]0;owned\x07",
           "\x00\x01\x7f", "\u202eevil\u202c", "e\u0301\u0308", "😀👩‍💻", "Åsa Ødegård Æble Öl"]
# Any Unicode text but lone surrogates (which no UTF-8 terminal or JSON body can carry), with the hostile
# pieces above mixed in so every run tries them.
TEXT = st.lists(st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(HOSTILE)), min_size=1, max_size=8).map(
    "".join).filter(lambda text: bool(text.strip()))



@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo store for the module (hypothesis runs many examples on it; a function fixture would reset it)."""
    path = tmp_path_factory.mktemp("roundtrip") / "store"
    seed_demo(path)
    return path


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXT)
def test_any_note_is_stored_and_read_back_byte_identical(root: Path, body: str) -> None:
    store = LocalStore(root)
    try:
        stored = store.update("HL-20", lambda t: append_entry(t, EntryKind.INTERNAL_NOTE, "anna", body, utcnow()))
        assert stored.journal[-1].body == body
        reread = LocalStore(root)  # a fresh reader parses the file from disk
        assert reread.get("HL-20").journal[-1].body.encode() == body.encode()
        reread.close()
    finally:
        store.close()


@settings(max_examples=200, deadline=None)
@given(body=TEXT, author=TEXT)
def test_any_text_survives_the_models_json_round_trip(body: str, author: str) -> None:
    entry = JournalEntry(id=1, kind=EntryKind.MESSAGE_FROM_USER, author=author, created=utcnow(), body=body)
    again = JournalEntry.model_validate_json(entry.model_dump_json())
    assert (again.body, again.author) == (body, author)


def test_hostile_subject_and_requester_round_trip_through_a_ticket(root: Path) -> None:
    store = LocalStore(root)
    try:
        hostile = "".join(HOSTILE)

        def rename(ticket: Ticket) -> None:
            ticket.subject = hostile
            ticket.requester = hostile

        store.update("HL-21", rename)
        reread = LocalStore(root)
        again = reread.get("HL-21")
        reread.close()
        assert (again.subject, again.requester) == (hostile, hostile)
    finally:
        store.close()
