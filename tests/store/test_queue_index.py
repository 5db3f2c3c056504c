"""The queue index in SQLite (app/backends/store_rows.py, issue 16) answers every query exactly as the rules say,
checked query by query against the rules written plainly in Python (tests/store/reference_filter.py)."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from app.api.backend import TicketQuery
from app.api.schemas import Sort
from app.backends.local_store import LocalStore
from app.domain.clock import utcnow
from app.domain.enums import Status
from app.seed import seed_demo
from tests.store.reference_filter import filter_rows

FILTERS = [
    {}, {"open": True}, {"open": False}, {"owner": "anna"}, {"owner": "none"}, {"team": "support"},
    {"status": [Status.PENDING, Status.RESOLVED]}, {"update_flag": True}, {"update_flag": False},
    {"flag_older_than_hours": 24}, {"attention": True}, {"stale_hours": 48}, {"stale_hours": 400},
    {"advice_team": "specialists"}, {"requester": "ÅSA WIKSTRÖM"},
]
TEXTS = [None, "p", "pr", "pri", "printer", "HL-4", "wikström", "ÅSA", "zzz", "'; DROP TABLE rows; --", '"', "%", "_",
         "oberg", "soren", "praest", "jonas", "infrastr", "Printing"]  # issue 19: folded, and the other fields


def _fold(text: str) -> str:
    """The reference's own folding: each letter a Nordic desk types for it (Ö and ö → o, ø → o, æ → ae)."""
    plain = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}
    return "".join(plain.get(ch, unicodedata.normalize("NFKD", ch)[0]) for ch in text.casefold())


def _haystack(row: dict[str, object]) -> str:
    return _fold("\n".join(str(row[key] or "") for key in ("code", "subject", "requester", "requested_for", "owner",
                                                             "team", "category", "serial_number")))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalStore, list[dict[str, object]]]:
    root = tmp_path_factory.mktemp("index") / "store"
    seed_demo(root)
    store = LocalStore(root)
    return store, store.rows()


def _expected(rows: list[dict[str, object]], query: TicketQuery) -> list[str]:
    now = utcnow()
    selected = filter_rows(rows, query.model_copy(update={"q": None}), now)  # type: ignore[arg-type]
    if query.q:
        needle = _fold(query.q)
        if len(needle) < 3:  # one or two letters, as typing begins: the words they begin
            selected = [r for r in selected if any(word.startswith(needle) for word in _words(_haystack(r)))]
        else:
            selected = [r for r in selected if needle in _haystack(r)]
    return [str(r["code"]) for r in selected]


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in text).split()


@pytest.mark.parametrize(("given", "text"), list(itertools.product(FILTERS, TEXTS)))
def test_every_filter_and_text_selects_what_the_rules_say(demo: tuple[LocalStore, list[dict[str, object]]],
                                                          given: dict[str, object], text: str | None) -> None:
    store, rows = demo
    for sort in (Sort.WORK, Sort.UPDATED):
        query = TicketQuery.model_validate({**given, "q": text, "sort": sort, "limit": 1000})
        page, total = store.search(query, utcnow())
        expected = _expected(rows, query)
        assert [row["code"] for row in page] == expected and total == len(expected)


def test_pages_and_totals(demo: tuple[LocalStore, list[dict[str, object]]]) -> None:
    store, rows = demo
    whole, total = store.search(TicketQuery(open=True, limit=1000), utcnow())
    pages = [store.search(TicketQuery(open=True, offset=offset, limit=7), utcnow()) for offset in range(0, total, 7)]
    assert [row["code"] for page, _ in pages for row in page] == [row["code"] for row in whole]
    assert {count for _, count in pages} == {total} and total == len([r for r in rows if r["status"] in
                                                                       {"new", "assigned", "in_progress", "pending"}])


def test_a_write_is_found_at_once_by_another_process_reader(demo: tuple[LocalStore, list[dict[str, object]]],
                                                            tmp_path: Path) -> None:
    store, _ = demo
    other = LocalStore(store.root)  # another process's view of the same folder
    store.update("HL-5", lambda ticket: setattr(ticket, "attention", not ticket.attention))
    mine = {row["code"] for row in store.search(TicketQuery(attention=True, limit=1000), utcnow())[0]}
    theirs = {row["code"] for row in other.search(TicketQuery(attention=True, limit=1000), utcnow())[0]}
    assert mine == theirs
    other.close()
