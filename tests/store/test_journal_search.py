"""The search over every ticket (TicketQuery.text, issue 16): the words of the journal's notes and messages,
through the index's word table (app/backends/store_rows.py), checked against the rule written plainly here."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from app.api.backend import TicketQuery
from app.backends.local_store import LocalStore
from app.backends.store_index import INDEX_FILE
from app.domain.clock import utcnow
from app.domain.enums import EntryKind
from app.domain.models import JournalEntry
from app.seed import seed_demo

SEARCHES = ["cable", "cab", "restart client", "reinstall dai", "printer", "HL-4", "REGARDS", "zzz", "ca", "!!",
            "kind re", "in", "30", "oberg", "infra",
            "'; DROP TABLE rows; --", '"cable"']


PLAIN = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}


def _fold(text: str) -> str:
    """Case and accents folded as a Nordic desk types (issue 19): Ö → o, ø → o, æ → ae."""
    return "".join(PLAIN.get(c, unicodedata.normalize("NFKD", c)[0]) for c in text.casefold())


def _folded(text: str) -> list[str]:
    """Words as the index sees them, folded."""
    return re.findall(r"\w+", _fold(text))


def _expected(store: LocalStore, text: str) -> set[str]:
    found = set()
    words = _folded(text)
    for row in store.rows():
        ticket = store.get(row["code"])
        said = {w for e in ticket.journal if e.kind is not EntryKind.SYSTEM_EVENT for w in _folded(e.body)}
        hay = _fold("\n".join(row[key] or "" for key in ("code", "subject", "requester", "requested_for", "owner",
                                                           "team", "category", "serial_number")))
        needle = _fold(text)
        # as the queue's filter: anywhere from three letters, before that the words the letters begin
        in_row = needle in hay if len(needle) >= 3 else any(w.startswith(needle) for w in re.findall(r"\w+", hay))
        begun = words[-1] if words and len(words[-1]) >= 3 else None  # a shorter last word is meant whole
        in_journal = bool(words) and all(w in said for w in words[:-1] if w != begun) and (
            any(w.startswith(begun) for w in said) if begun else words[-1] in said)
        if in_row or in_journal:
            found.add(row["code"])
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    root = tmp_path_factory.mktemp("search") / "store"
    seed_demo(root)
    return LocalStore(root)


@pytest.mark.parametrize("text", SEARCHES)
def test_the_search_finds_the_words_of_every_journal(store: LocalStore, text: str) -> None:
    page, total = store.search(TicketQuery(text=text, limit=1000), utcnow())
    assert {row["code"] for row in page} == _expected(store, text) and total == len(page)


def test_the_searches_find_something_so_the_comparison_means_something(store: LocalStore) -> None:
    found = {text: store.search(TicketQuery(text=text, limit=1000), utcnow())[1] for text in SEARCHES[:5]}
    assert all(found.values()), found
    closed = store.search(TicketQuery(text="cable", status=["closed", "resolved"], limit=1000), utcnow())[1]
    assert closed, "resolved and closed tickets are searched too"


def test_a_new_note_is_found_at_once_and_a_system_line_is_not_searched(store: LocalStore) -> None:
    def note(ticket: object) -> None:
        journal = ticket.journal  # type: ignore[attr-defined]
        journal.append(JournalEntry(id=len(journal) + 1, kind=EntryKind.INTERNAL_NOTE, author="anna",
                                    created=utcnow(), body="Kvarnström's docking station: firmware 2.1 flashed"))
        journal.append(JournalEntry(id=len(journal) + 2, kind=EntryKind.SYSTEM_EVENT, author="anna",
                                    created=utcnow(), body="Escalated to xylophonic"))

    store.update("HL-7", note)
    assert [row["code"] for row in store.search(TicketQuery(text="kvarnstrom dock", limit=5), utcnow())[0]] == ["HL-7"]
    assert store.search(TicketQuery(text="xylophonic", limit=5), utcnow())[1] == 0


def test_an_index_of_the_older_schema_is_built_anew_when_opened(tmp_path: Path) -> None:
    root = tmp_path / "store"
    seed_demo(root)
    db = sqlite3.connect(root / "index" / INDEX_FILE)
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.execute("DELETE FROM journal")
    db.commit()
    db.close()
    assert LocalStore(root).search(TicketQuery(text="reinstall", limit=1000), utcnow())[1] > 0
    assert list((root / "index").glob("replaced-*/" + INDEX_FILE)), "the old index was kept aside"
