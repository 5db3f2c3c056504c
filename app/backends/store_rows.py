"""The local store's queue index as an SQLite table: every query of the adapter API answered by SQLite, so a
view's page, its total, a filter keystroke and the status line's counts cost about the same at 1,000 and at
1,000,000 tickets, and no process holds every row in memory.

One row per ticket: the columns a query filters or sorts on, the row's JSON as the API sends it (parsed only for
the page asked), its folded search text in an FTS5 trigram table, which finds any substring of three
characters or more through the index (shorter ones: the words they begin), and the words of its journal's notes
and messages in a word index, for the search over every ticket (TicketQuery.text). Derived data: the ticket files are
the truth and `helpline reindex` builds it again (app/backends/local_store.py). Core code: no Textual.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from app.api.backend import TicketQuery
from app.api.schemas import Sort
from app.domain.enums import NOT_STARTED_STATUSES, OPEN_STATUSES, Priority
from app.domain.escalations import parties_in
from app.domain.folding import folded
from app.domain.priority import WORK_RANK

SCHEMA = 6  # 2: the journal's words; 3: who is party to an escalation; 4: until when a ticket is pending;
# 5: the outbox (mail_due) and the Message-IDs of mail in and out (R-MAIL-1/2); 6: text folded (diacritics)
_RANK = {priority.value: rank for priority, rank in WORK_RANK.items()}
_OPEN = {status.value for status in OPEN_STATUSES}
_NOT_STARTED = {status.value for status in NOT_STARTED_STATUSES}
_ORDER = {Sort.WORK: "rank, created, id", Sort.AGE: "created, id", Sort.UPDATED: "updated, id", Sort.CODE: "id"}
TRIGRAM = 3  # the shortest text the trigram index finds
ANALYZE_AFTER = 1000  # rows written at once (a rebuild, an import) after which the planner's statistics are renewed

# The columns queries filter and sort on stay narrow, so that counting a view of 100,000 rows reads little;
# the JSON the API sends and the search text live beside them, read for the rows of a page only.
_TABLES = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA}');
CREATE TABLE IF NOT EXISTS rows (
    id INTEGER PRIMARY KEY,
    team TEXT NOT NULL, owner TEXT, status TEXT NOT NULL, open INTEGER NOT NULL, not_started INTEGER NOT NULL,
    rank INTEGER NOT NULL, p1 INTEGER NOT NULL, created REAL NOT NULL, updated REAL NOT NULL,
    progress REAL NOT NULL, update_flag REAL, attention INTEGER NOT NULL, advice_team TEXT,
    requester TEXT NOT NULL, requested_for TEXT, pending_until REAL, mail_due REAL
);
CREATE TABLE IF NOT EXISTS row_data (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rows_open_work ON rows (open, rank, created, id);
CREATE INDEX IF NOT EXISTS rows_team_work ON rows (team, open, owner, rank, created, id);
CREATE INDEX IF NOT EXISTS rows_owner_work ON rows (owner, open, rank, created, id);
CREATE INDEX IF NOT EXISTS rows_status ON rows (status, rank, created, id);
CREATE INDEX IF NOT EXISTS rows_flag ON rows (update_flag, owner, team) WHERE update_flag IS NOT NULL;
CREATE INDEX IF NOT EXISTS rows_attention ON rows (attention) WHERE attention;
CREATE INDEX IF NOT EXISTS rows_advice ON rows (advice_team) WHERE advice_team IS NOT NULL;
CREATE INDEX IF NOT EXISTS rows_requester ON rows (requester);
CREATE INDEX IF NOT EXISTS rows_requested_for ON rows (requested_for) WHERE requested_for IS NOT NULL;
CREATE INDEX IF NOT EXISTS rows_pending_until ON rows (pending_until) WHERE pending_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS rows_mail_due ON rows (mail_due) WHERE mail_due IS NOT NULL;
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(haystack, tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(haystack, prefix='1 2');
CREATE VIRTUAL TABLE IF NOT EXISTS journal USING fts5(words, tokenize='unicode61 remove_diacritics 2', prefix='3');
CREATE TABLE IF NOT EXISTS parties (who TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (who, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS parties_id ON parties (id);
CREATE TABLE IF NOT EXISTS mail_ids (message_id TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mail_ids_id ON mail_ids (id);
"""
_WORD = re.compile(r"\w+")


class Indexed(NamedTuple):
    """What the index holds of one ticket: its queue row, the text of its journal's notes and messages, and the
    Message-IDs of the mail it was written from and of its letters (R-MAIL-2: a mail is stored once)."""

    row: dict[str, Any]
    journal: str
    message_ids: tuple[str, ...] = ()


def _moment(value: str | None) -> float | None:
    """A row's ISO time as seconds since the epoch: text of differing precision does not sort as time does."""
    if value is None:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def haystack(row: dict[str, Any]) -> str:
    """What the queue's text filter searches in a row (code, subject, requester, requested-for, owner, team,
    category, serial number), folded once when the row is written."""
    return folded("\n".join(row.get(name) or "" for name in (
        "code", "subject", "requester", "requested_for", "owner", "team", "category", "serial_number")))


def _record(row: dict[str, Any]) -> tuple[Any, ...]:
    """The row's query columns, in the order of the table."""
    progress = row.get("progressed") or row["updated"]  # a row from before the progress clock (R-ESC-4)
    return (
        int(row["id"]), row["team"], row["owner"], row["status"], row["status"] in _OPEN,
        row["status"] in _NOT_STARTED, _RANK[row["priority"]], row["priority"] == Priority.P1.value,
        _moment(row["created"]), _moment(row["updated"]), _moment(progress), _moment(row["update_flag"]),
        bool(row["attention"]), row.get("advice_team"), row["requester"].casefold(),
        (row["requested_for"] or "").casefold() or None, _moment(row.get("pending_until")),
        _moment(row.get("mail_due")),
    )


_PUT_ROW = "INSERT OR REPLACE INTO rows VALUES (" + ",".join("?" * 18) + ")"


class RowTable:
    """The rows of one SQLite database. Callers serialise writes (the store's exclusive lock)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, uri: str, read_only: bool) -> RowTable:
        db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        table = cls(db)
        if not read_only:
            # A rollback journal rather than WAL: a read-only copy of the folder can still be read, and the store's
            # own lock already keeps readers and the writer apart.
            db.execute("PRAGMA journal_mode=DELETE")
            # NORMAL: fewer fsyncs per write. A power cut may then lose the newest index rows, never a ticket (its
            # file is fsynced first); `reindex` brings them back from the ticket files.
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_TABLES)
        return table

    def schema(self) -> int | None:
        found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(found[0]) if found else None

    def close(self) -> None:
        self.db.close()

    # ----- writing ----------------------------------------------------------------------------

    def put(self, tickets: Iterable[Indexed], fresh: bool = False) -> None:
        """Insert or replace tickets, all in one transaction; `fresh`: into an empty table (a rebuild), which
        need not look for the tickets' old search text."""
        with self._transaction():
            written = self._insert(tickets, fresh)
            if fresh or written > ANALYZE_AFTER:
                self._analyze()

    def fill(self, tickets: Iterable[Indexed]) -> None:
        """A rebuild's new file, which nobody reads until it is swapped in: filled without a journal or syncs
        and with the rows' indexes made after the rows, each in one sort (together a fifth of a reindex at
        100,000 tickets). A crash leaves only that file aside, which the next rebuild removes; the caller
        syncs it before the swap."""
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        made_later = [name for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rows' AND sql IS NOT NULL")]
        with self._transaction():
            for name in made_later:
                self.db.execute(f"DROP INDEX {name}")
            self._insert(tickets, fresh=True)
        self.db.executescript(_TABLES)
        self._analyze()

    def _insert(self, tickets: Iterable[Indexed], fresh: bool) -> int:
        records, data, texts, journals, parties, mail_ids = [], [], [], [], [], []
        for row, journal, message_ids in tickets:
            number = int(row["id"])
            mail_ids += [(message_id, number) for message_id in message_ids]
            records.append(_record(row))
            data.append((number, json.dumps(row, ensure_ascii=False, separators=(",", ":"))))
            texts.append((number, haystack(row)))
            journals.append((number, folded(journal)))
            parties += [(who, number) for who in parties_in(row.get("escalations") or ())]
        if not fresh:
            gone = [(number,) for number, _ in texts]
            for table in ("texts", "words", "journal"):
                self.db.executemany(f"DELETE FROM {table} WHERE rowid = ?", gone)
            self.db.executemany("DELETE FROM parties WHERE id = ?", gone)
            self.db.executemany("DELETE FROM mail_ids WHERE id = ?", gone)
        self.db.executemany("INSERT OR IGNORE INTO parties VALUES (?, ?)", parties)
        self.db.executemany("INSERT OR IGNORE INTO mail_ids VALUES (?, ?)", mail_ids)
        self.db.executemany(_PUT_ROW, records)
        self.db.executemany("INSERT OR REPLACE INTO row_data VALUES (?, ?)", data)
        self.db.executemany("INSERT INTO texts (rowid, haystack) VALUES (?, ?)", texts)
        self.db.executemany("INSERT INTO words (rowid, haystack) VALUES (?, ?)", texts)
        self.db.executemany("INSERT INTO journal (rowid, words) VALUES (?, ?)", journals)
        return len(records)

    def _analyze(self) -> None:
        # The planner's statistics: without them it counts overdue flags of a team through the team's rows
        # (270 ms at 100,000 tickets) instead of the few flagged ones (10 ms).
        self.db.execute("ANALYZE")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # ----- reading ----------------------------------------------------------------------------

    def max_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM rows").fetchone()[0])

    def ids(self) -> set[int]:
        return {number for (number,) in self.db.execute("SELECT id FROM rows")}

    def mail_due(self, now: datetime, limit: int) -> list[int]:
        """The tickets with a letter waiting that is due by `now`, the longest waiting first (R-MAIL-1)."""
        return [number for (number,) in self.db.execute(
            "SELECT id FROM rows WHERE mail_due <= ? ORDER BY mail_due, id LIMIT ?", (now.timestamp(), limit))]

    def letters_waiting(self) -> int:
        """How many letters wait in the outbox (queued or deferred, due or not): few rows, through their index."""
        return int(self.db.execute(
            "SELECT coalesce(sum(json_extract(data, '$.letters_waiting')), 0) FROM rows JOIN row_data USING (id) "
            "WHERE mail_due IS NOT NULL").fetchone()[0])

    def ticket_of_mail(self, message_id: str) -> int | None:
        """The ticket a mail (in or out) with this Message-ID is stored with."""
        found = self.db.execute("SELECT id FROM mail_ids WHERE message_id = ?", (message_id,)).fetchone()
        return int(found[0]) if found else None

    def rows(self, status: str | None = None) -> Iterator[dict[str, Any]]:
        """Every row (of one status), in code order, read as they are used."""
        sql, values = "SELECT data FROM rows JOIN row_data USING (id)", tuple[str, ...]()
        if status is not None:
            sql, values = sql + " WHERE status = ?", (status,)
        for (data,) in self.db.execute(sql + " ORDER BY rows.id", values):
            yield json.loads(data)

    def search(self, query: TicketQuery, now: datetime, parties: Collection[str] = (),
               absent: Collection[str] = ()) -> tuple[list[dict[str, Any]], int]:
        """One page of the rows `query` selects, in its order, and how many it selects in all. `parties`: who
        `query.follower` stands for (the agent and the teams the agent is in); `absent`: the members of
        `query.absent_of` marked absent."""
        where, values = _conditions(query, now, parties, absent)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self.db.execute(f"SELECT count(*) FROM rows{clause}", values).fetchone()[0])
        ids = [number for (number,) in self.db.execute(
            f"SELECT id FROM rows{clause} ORDER BY {_ORDER[query.sort]} LIMIT ? OFFSET ?",
            [*values, query.limit, query.offset])]
        data = dict(self.db.execute(f"SELECT id, data FROM row_data WHERE id IN ({','.join('?' * len(ids))})", ids))
        return [json.loads(data[number]) for number in ids], total


def _conditions(query: TicketQuery, now: datetime, parties: Collection[str] = (),
                absent: Collection[str] = ()) -> tuple[list[str], list[Any]]:
    """The WHERE of a query, every value a parameter: what an agent types never becomes SQL."""
    where: list[str] = []
    values: list[Any] = []

    def add(condition: str, *given: Any) -> None:
        where.append(condition)
        values.extend(given)

    if query.team is not None:
        add("team = ?", query.team)
    if query.owner is not None:
        add("owner IS NULL") if query.owner == "none" else add("owner = ?", query.owner)
    if query.status:
        add("status IN (" + ",".join("?" * len(query.status)) + ")", *(s.value for s in query.status))
    if query.open is not None:
        add("open = ?", query.open)
    if query.update_flag is not None:
        add("update_flag IS NOT NULL" if query.update_flag else "update_flag IS NULL")
    if query.flag_older_than_hours is not None:
        add("update_flag < ?", (now - timedelta(hours=query.flag_older_than_hours)).timestamp())
    if query.attention is not None:
        add("attention = ?", query.attention)
    if query.advice_team is not None:
        add("advice_team = ?", query.advice_team)
    if query.requester is not None:
        who = query.requester.strip().casefold()
        add("(requester = ? OR requested_for = ?)", who, who)
    if query.q:
        add(*_in_row_text(query.q))
    if query.text and query.text.strip():
        in_row, needle = _in_row_text(query.text.strip())
        words = _WORD.findall(folded(query.text))
        if words:
            in_row += " OR id IN (SELECT rowid FROM journal WHERE journal MATCH ?)"
            add(f"({in_row})", needle, _journal_match(words))
        else:
            add(in_row, needle)
    if query.absent_of is not None:  # R-TEAM-3: `absent` are the team's absent members, from the directory
        add("owner IN (" + ",".join("?" * len(absent)) + ")" if absent else "0", *sorted(absent))
    if query.pending_due:  # finding 6 (follow-up and triage): the moment a dated pending waited for has come
        add("status = 'pending' AND pending_until <= ?", now.timestamp())
    if query.follower is not None:
        among = sorted({query.follower, *parties})
        add("id IN (SELECT id FROM parties WHERE who IN (" + ",".join("?" * len(among)) + "))", *among)
    if query.stale_hours is not None:
        # R-ESC-4, as app/domain/escalations.py hierarchical_reasons: open, and P1, or not started since, or no
        # progress since.
        since = (now - timedelta(hours=query.stale_hours)).timestamp()
        add("open AND (p1 OR (not_started AND created < ?) OR progress < ?)", since, since)
    return where, values


def _journal_match(words: list[str]) -> str:
    """Every word somewhere in the journal; the last one may be only begun (as typing goes) once it has three
    letters: a shorter beginning would gather most of the index's words at 100,000 tickets, and a short word
    ("pc", "no") is then meant whole."""
    terms = [f'"{word}"' for word in words]
    if len(words[-1]) >= TRIGRAM:
        terms[-1] += " *"
    return " ".join(terms)


def _in_row_text(text: str) -> tuple[str, str]:
    """The condition that finds `text` in a row's text (`haystack`), and its value."""
    needle = folded(text)
    phrase = '"' + needle.replace('"', '""') + '"'
    if len(needle) >= TRIGRAM:  # anywhere in the text
        return "id IN (SELECT rowid FROM texts WHERE texts MATCH ?)", phrase
    # one or two letters, as typing begins: the words they begin (an index, not a scan of every row)
    return "id IN (SELECT rowid FROM words WHERE words MATCH ?)", phrase + " *"
