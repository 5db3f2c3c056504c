"""The local JSON store: files a service desk can trust and read with any editor.

Layout (schema 1), chosen so that one write costs the same at 1,000 and at 100,000 tickets:

    helpline-store.json        marker: format name and schema version
    directory.json             teams and agents
    tickets/<id // 1000>/HL-<id>.json
                               one ticket with its journal: the truth
    index/snapshot.json        compact queue rows of every ticket, one row per line
    index/log.jsonl            rows appended after each ticket write since the snapshot
    lock                       flock target; while a write is under way it names that ticket
    attachments/<id // 1000>/HL-<id>/<name>
                               files stored with a ticket (escalation form h), written before
                               the ticket that names them

A write (under an exclusive flock) names the ticket in `lock`, replaces the ticket file
atomically (temporary file, fsync, rename, fsync of the folder), appends its row to the log
(fsync) and clears the name. A writer killed in between leaves the name behind; the next
writer re-indexes that ticket from its file. The log is folded into the snapshot once it
is long, so reading stays fast. Every file is read before it is replaced; a file that does
not parse or validate stops the store with its path and reason and is never overwritten.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app import atomic_write as atomic
from app.domain.codes import format_code, parse_code
from app.domain.models import Agent, Attachment, Team, Ticket, TicketRow
from app.errors import Conflict, NotFound, ReadOnly, StoreDamaged, Unavailable

FORMAT = "helpline-local-store"
SCHEMA = 1
BUCKET = 1000
REINDEX_HINT = "rebuild it from the ticket files with `helpline reindex`"
READ_ONLY_HINT = "`helpline --read-only` opens it to read everything and change nothing"


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` so that a reader sees the old file or the new one, never half.

    `durable=False` skips the fsyncs, for bulk imports that sync the whole disk once at the end.
    """
    try:
        # mode=None: store files keep the umask's mode, as they always had; the folder decides who reads it.
        atomic.atomic_write(path, data, mode=None, durable=durable)
    except OSError as exc:
        # A full disk or a read-only folder: the old file is untouched; say which file and why, plainly.
        raise Unavailable(f"could not write {path}: {exc.strerror or exc}; it was left as it was") from exc


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def row_of(ticket: Ticket) -> dict[str, Any]:
    """The compact queue row of a ticket, as JSON-ready data."""
    return TicketRow.data_of(ticket)


class LocalStore:
    """One store folder. Thread-safe within a process, flock-safe between processes."""

    def __init__(self, root: Path, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._rows: dict[int, dict[str, Any]] = {}
        self.generation = 0  # grows whenever a row changes: what a cache of query results is keyed on
        self._snapshot_stamp: tuple[int, int] | None = None
        self._log_offset = 0
        self._log_lines = 0
        self._directory_stamp: tuple[int, int] | None = None
        self._teams: dict[str, Team] = {}
        self._agents: dict[str, Agent] = {}
        self._check_marker()
        self._lock_fd: int | None = None
        try:
            if read_only:
                # Shared locks still keep a half-written index out; a lock file that cannot be opened at all
                # (a read-only copy without it) leaves the atomic renames as the only guard, which suffices.
                with contextlib.suppress(OSError):
                    self._lock_fd = os.open(self.root / "lock", os.O_RDONLY)
            else:
                self._lock_fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreDamaged(str(self.root / "lock"), f"{exc.strerror or exc}; {READ_ONLY_HINT}") from exc

    # ----- opening and creating -------------------------------------------------------------

    @classmethod
    def create_store(cls, root: Path, teams: list[Team] | None = None, agents: list[Agent] | None = None) -> LocalStore:
        """A new, empty store in `root` (which may exist but must hold no Helpline store yet)."""
        root.mkdir(parents=True, exist_ok=True)
        marker = root / "helpline-store.json"
        if marker.exists():
            raise StoreDamaged(str(marker), "a store exists here already")
        (root / "tickets").mkdir(exist_ok=True)
        (root / "index").mkdir(exist_ok=True)
        atomic_write(root / "directory.json", _dumps(_directory_json(teams or [], agents or [])))
        atomic_write(root / "index" / "snapshot.json", _snapshot_bytes([]))
        (root / "index" / "log.jsonl").touch()
        created = datetime.now(UTC).isoformat()
        atomic_write(marker, _dumps({"format": FORMAT, "schema": SCHEMA, "created": created}))
        return cls(root)

    @staticmethod
    def exists(root: Path) -> bool:
        return (root / "helpline-store.json").is_file()

    def _check_marker(self) -> None:
        marker = self.root / "helpline-store.json"
        if not self.root.is_dir():
            raise StoreDamaged(str(self.root), "no such folder")
        data = _read_json(marker)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreDamaged(str(marker), f"not a Helpline store marker (expected format {FORMAT!r})")
        if data.get("schema") != SCHEMA:
            raise StoreDamaged(
                str(marker), f"schema version {data.get('schema')!r} is not supported (this Helpline reads {SCHEMA})"
            )

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)

    def _fd(self) -> int:
        assert self._lock_fd is not None, "only a writable store writes its lock file"
        return self._lock_fd

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnly(f"the store at {self.root} is open read-only: nothing can be changed (start Helpline "
                           "without --read-only once the folder is writable)")

    # ----- locking ----------------------------------------------------------------------------

    @contextmanager
    def _locked(self, exclusive: bool) -> Iterator[None]:
        """Shared for reading, exclusive for writing: every write takes it, so a read-only store refuses here."""
        if exclusive:
            self._writable()
        with self._mutex:
            if self._lock_fd is None:
                yield
                return
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _intent(self) -> str:
        return os.pread(self._fd(), 64, 0).decode("ascii", "replace").strip("\0 \n")

    def _set_intent(self, code: str) -> None:
        # Not fsynced: it guards against a killed process, whose page cache survives.
        os.ftruncate(self._fd(), 0)
        os.pwrite(self._fd(), code.encode("ascii"), 0)

    # ----- the index ----------------------------------------------------------------------------

    @property
    def _snapshot_path(self) -> Path:
        return self.root / "index" / "snapshot.json"

    @property
    def _log_path(self) -> Path:
        return self.root / "index" / "log.jsonl"

    def _refresh(self) -> None:
        """Catch up with what other processes wrote: reload the snapshot if it changed, read new log lines."""
        try:
            self._load_snapshot()
        except StoreDamaged as exc:
            # The index is derived data: say how to get it back (the ticket files are untouched).
            raise StoreDamaged(exc.path, f"{exc.reason}; {REINDEX_HINT}") from exc
        self._read_log()
        self._refresh_directory()

    def _load_snapshot(self) -> None:
        stamp = _stamp(self._snapshot_path)
        if stamp == self._snapshot_stamp:
            return
        data = _read_json(self._snapshot_path)
        try:
            self._rows = {int(row["id"]): row for row in data["rows"]}
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreDamaged(str(self._snapshot_path), f"not an index snapshot ({exc})") from exc
        self.generation += 1
        self._snapshot_stamp = stamp
        self._log_offset = 0
        self._log_lines = 0

    def _read_log(self) -> None:
        try:
            with open(self._log_path, "rb") as handle:
                handle.seek(self._log_offset)
                chunk = handle.read()
        except FileNotFoundError:
            return
        end = chunk.rfind(b"\n") + 1  # a line without its newline is a write still under way
        for line in chunk[:end].splitlines():
            try:
                row = json.loads(line)
                self._rows[int(row["id"])] = row
                self.generation += 1
            except (ValueError, KeyError, TypeError):
                continue  # a torn line of a killed writer; its ticket is re-indexed from the file
            self._log_lines += 1
        self._log_offset += end

    def _append_rows(self, rows: list[dict[str, Any]]) -> None:
        data = b"".join(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n" for row in rows)
        try:
            with open(self._log_path, "ab") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            # The ticket file (the truth) is written; the ticket named in `lock` is re-indexed by the next writer.
            raise Unavailable(f"could not write {self._log_path}: {exc.strerror or exc}; the queue index "
                              "catches up with the next change") from exc
        for row in rows:
            self._rows[int(row["id"])] = row
        self.generation += 1
        self._log_offset += len(data)
        self._log_lines += len(rows)

    def _repair_log_tail(self) -> None:
        """Cut a torn last line (a writer killed mid-append) so the next append starts clean."""
        size = self._log_path.stat().st_size
        if size == 0:
            return
        with open(self._log_path, "rb+") as handle:
            handle.seek(max(0, size - 1))
            if handle.read(1) == b"\n":
                return
            handle.seek(0)
            data = handle.read()
            handle.truncate(data.rfind(b"\n") + 1)
            handle.flush()
            os.fsync(handle.fileno())

    def _recover(self) -> None:
        """Under the exclusive lock: finish what a killed writer left (torn log line, unindexed ticket)."""
        pending = self._intent()
        self._repair_log_tail()
        self._refresh()
        if pending:
            number = parse_code(pending)
            if number is not None and self._ticket_path(number).exists():
                self._append_rows([row_of(self._read_ticket(number))])
            os.ftruncate(self._fd(), 0)

    def _compact_if_long(self) -> None:
        # A quarter of the rows keeps the amortised cost of folding constant per write.
        if self._log_lines >= max(2000, len(self._rows) // 4):
            self._compact_locked()

    def compact(self) -> None:
        """Fold the log into a new snapshot."""
        with self._locked(exclusive=True):
            self._recover()
            self._compact_locked()

    def _compact_locked(self) -> None:
        rows = [self._rows[key] for key in sorted(self._rows)]
        atomic_write(self._snapshot_path, _snapshot_bytes(rows))
        # Empty the log only after the snapshot holding its rows is durable.
        with open(self._log_path, "wb") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        self._snapshot_stamp = _stamp(self._snapshot_path)
        self._log_offset = 0
        self._log_lines = 0

    # ----- directory (teams, agents) ------------------------------------------------------------

    def _refresh_directory(self) -> None:
        path = self.root / "directory.json"
        stamp = _stamp(path)
        if stamp == self._directory_stamp:
            return
        data = _read_json(path)
        try:
            teams = [Team.model_validate(team) for team in data["teams"]]
            agents = [Agent.model_validate(agent) for agent in data["agents"]]
        except (KeyError, TypeError, ValidationError) as exc:
            raise StoreDamaged(str(path), _reason(exc)) from exc
        self._teams = {team.id: team for team in teams}
        self._agents = {agent.username: agent for agent in agents}
        self._directory_stamp = stamp

    def teams(self) -> dict[str, Team]:
        with self._locked(exclusive=False):
            self._refresh_directory()
            return dict(self._teams)

    def agents(self) -> dict[str, Agent]:
        with self._locked(exclusive=False):
            self._refresh_directory()
            return dict(self._agents)

    def save_directory(self, teams: list[Team], agents: list[Agent]) -> None:
        with self._locked(exclusive=True):
            atomic_write(self.root / "directory.json", _dumps(_directory_json(teams, agents)))
            self._directory_stamp = None
            self._refresh_directory()

    # ----- tickets ----------------------------------------------------------------------------

    def _ticket_path(self, number: int) -> Path:
        return self.root / "tickets" / f"{number // BUCKET:03d}" / f"{format_code(number)}.json"

    def _read_ticket(self, number: int) -> Ticket:
        path = self._ticket_path(number)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise NotFound(f"{format_code(number)} does not exist") from exc
        try:
            return Ticket.model_validate_json(raw)
        except ValidationError as exc:
            raise StoreDamaged(str(path), _reason(exc)) from exc

    def _write_ticket(self, ticket: Ticket) -> None:
        # Validate the whole ticket again: assignments in the rules are not validated one by one,
        # and nothing invalid may reach the disk.
        data = ticket.model_dump(mode="json")
        Ticket.model_validate(data)
        path = self._ticket_path(ticket.id)
        path.parent.mkdir(exist_ok=True)
        self._set_intent(ticket.code)
        atomic_write(path, _dumps(data))
        self._append_rows([row_of(ticket)])
        os.ftruncate(self._fd(), 0)

    # ----- attachments (escalation form h) ---------------------------------------------------------

    def attachment_path(self, code: str, name: str) -> Path:
        number = _number(code)
        return self.root / "attachments" / f"{number // BUCKET:03d}" / format_code(number) / _safe_file_name(name)

    def save_attachment(
        self, code: str, name: str, data: bytes, content_type: str, actor: str, now: datetime
    ) -> Attachment:
        """Store a file beside the ticket (durably); a name already taken gets a numbered prefix, never overwrites."""
        self._writable()
        number = _number(code)
        if not self._ticket_path(number).exists():
            raise NotFound(f"{format_code(number)} does not exist")
        safe = _safe_file_name(name)
        path = self.attachment_path(code, safe)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._mutex:
            counter = 1
            while path.exists():
                counter += 1
                path = path.with_name(f"{counter}-{safe}")
            atomic_write(path, data)
        return Attachment(name=path.name, size=len(data), content_type=content_type, added=now, added_by=actor)

    def rows(self) -> list[dict[str, Any]]:
        """Every queue row, as plain data (validating 100,000 rows would cost seconds)."""
        return self.rows_and_generation()[0]

    def rows_and_generation(self) -> tuple[list[dict[str, Any]], int]:
        """Every queue row, and the generation they are of (equal generations: equal rows)."""
        with self._locked(exclusive=False):
            self._refresh()
            return list(self._rows.values()), self.generation

    def get(self, code: str) -> Ticket:
        number = _number(code)
        with self._locked(exclusive=False):
            return self._read_ticket(number)

    def create_ticket(self, build: Callable[[int], Ticket]) -> Ticket:
        """Store the ticket that `build(number)` makes with the next free number."""
        with self._locked(exclusive=True):
            self._recover()
            number = max(self._rows, default=0) + 1
            while self._ticket_path(number).exists():  # a file the index never saw: keep it, skip it
                number += 1
            ticket = build(number)
            self._write_ticket(ticket)
            self._compact_if_long()
            return ticket

    def update(self, code: str, change: Callable[[Ticket], object], expected_version: int | None = None) -> Ticket:
        """Apply `change` to the stored ticket and store it; stale `expected_version` is a Conflict.

        If `change` raises, nothing is written.
        """
        number = _number(code)
        with self._locked(exclusive=True):
            self._recover()
            ticket = self._read_ticket(number)
            if expected_version is not None and ticket.version != expected_version:
                raise Conflict(
                    f"{ticket.code} was changed by someone else (version {ticket.version}, you had "
                    f"{expected_version}): reload it and try again"
                )
            change(ticket)
            ticket.version += 1
            self._write_ticket(ticket)
            self._compact_if_long()
            return ticket

    def rebuild_index(self) -> tuple[int, list[str], Path]:
        """The way forward from a damaged or missing index: rebuild it from the ticket files, which are the truth.

        The old index files are moved aside (never deleted) and a damaged ticket file is left as it is and
        named. Returns how many tickets were indexed, the damaged files, and where the old index was kept.
        """
        with self._locked(exclusive=True):
            kept = self.root / "index" / f"replaced-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
            kept.mkdir(parents=True)
            for path in (self._snapshot_path, self._log_path):
                if path.exists():
                    os.replace(path, kept / path.name)
            rows, damaged = [], []
            for path in sorted((self.root / "tickets").glob("*/HL-*.json")):
                try:
                    rows.append(row_of(Ticket.model_validate_json(path.read_bytes())))
                except (OSError, ValidationError) as exc:
                    damaged.append(f"{path}: {_reason(exc) if isinstance(exc, ValidationError) else exc}")
            rows.sort(key=lambda row: row["id"])
            atomic_write(self._snapshot_path, _snapshot_bytes(rows))
            atomic_write(self._log_path, b"")
            os.ftruncate(self._fd(), 0)
            self._rows, self._snapshot_stamp, self._log_offset, self._log_lines = {}, None, 0, 0
            return len(rows), damaged, kept

    def import_tickets(self, tickets: list[Ticket]) -> None:
        """Bulk load (demo data, migrations): ticket files first, then one snapshot of all rows."""
        with self._locked(exclusive=True):
            self._recover()
            for ticket in tickets:
                path = self._ticket_path(ticket.id)
                if path.exists() or ticket.id in self._rows:
                    raise Conflict(f"{ticket.code} exists already")
                path.parent.mkdir(exist_ok=True)
                atomic_write(path, _dumps(ticket.model_dump(mode="json")), durable=False)
            os.sync()  # one flush for all files before the index that makes them visible
            self._append_rows([row_of(ticket) for ticket in tickets])
            self._compact_locked()


def _stamp(path: Path) -> tuple[int, int]:
    """Identity of a file's current version: a rename gives a new inode, a rewrite a new mtime."""
    try:
        st = path.stat()
    except OSError as exc:
        raise StoreDamaged(str(path), "missing" if isinstance(exc, FileNotFoundError) else str(exc)) from exc
    return st.st_ino, st.st_mtime_ns


def _safe_file_name(name: str) -> str:
    """A sender's file name as one harmless path component (no folders, no control characters, no dot-files)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return base[:200] or "attachment"


def _number(code: str) -> int:
    number = parse_code(code)
    if number is None:
        raise NotFound(f"{code!r} is not a ticket code (like HL-42)")
    return number


def _directory_json(teams: list[Team], agents: list[Agent]) -> dict[str, Any]:
    return {
        "teams": [team.model_dump(mode="json") for team in teams],
        "agents": [agent.model_dump(mode="json") for agent in agents],
    }


def _snapshot_bytes(rows: list[dict[str, Any]]) -> bytes:
    # One row per line: readable, greppable, and diffable by a person.
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    return f'{{"schema": {SCHEMA},\n"rows": [\n{lines}\n]}}\n'.encode()


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise StoreDamaged(str(path), "missing") from exc
    except OSError as exc:
        raise StoreDamaged(str(path), exc.strerror or str(exc)) from exc
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise StoreDamaged(str(path), f"not valid JSON ({exc})") from exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']} ({exc.error_count()} problem(s))"
    return str(exc)
