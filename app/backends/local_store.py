"""The local JSON store: files a service desk can trust and read with any editor.

Layout (schema 1), chosen so that one write costs the same at 1,000 and at 100,000 tickets:

    helpline-store.json        marker: format name and schema version
    directory.json             teams and agents
    tickets/<id // 1000>/HL-<id>.json
                               one ticket with its journal: the truth
    index/queue.sqlite3        the queue index: a row per ticket (app/backends/store_index.py)
    lock                       flock target; while a write is under way it names that ticket
    attachments/<id // 1000>/HL-<id>/<name>
                               files stored with a ticket (escalation form h), placed just before
                               the ticket that names them (app/backends/store_attachments.py)

A write (under an exclusive flock) names the ticket in `lock`, replaces the ticket file
atomically (temporary file, fsync, rename, fsync of the folder), writes its row to the index
(one SQLite transaction) and clears the name. A writer killed in between leaves the name behind;
the next writer re-indexes that ticket from its file and removes what the killed one left in that
ticket's folders (temporary files, a form's files its ticket does not name). Every file is read before it is
replaced; a file that does not parse or validate, or holds another ticket than its name says,
stops the store with its path and reason and is never overwritten.

The folder is not trusted (app/backends/store_files.py): no link in it is followed, and a folder
of someone else or one others may write is refused unless the caller trusts it knowingly.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from app.api.backend import TicketQuery
from app.backends import store_attachments as attached
from app.backends.store_attachments import NewFile
from app.backends.store_files import PRIVATE_FOLDER, READ_FLAGS, StoreFiles, unavailable
from app.backends.store_index import QueueIndex
from app.backends.store_rows import RowTable
from app.backends.store_tickets import (
    BUCKET,
    check_size,
    check_version,
    indexed_of,
    reason_of_invalid,
    scan_tickets,
    ticket_window_of,
)
from app.domain.advisory import in_desk_zone
from app.domain.codes import format_code, parse_code
from app.domain.escalations import parties_of
from app.domain.models import Agent, Attachment, Team, Ticket
from app.errors import Conflict, Invalid, NotFound, ReadOnly, StoreDamaged, Unavailable
from app.i18n import t

__all__ = ["BUCKET", "LocalStore", "NewFile"]

FORMAT = "helpline-local-store"
READ_ONLY_HINT = "`helpline --read-only` opens it to read everything and change nothing"
# What `lock` names while a write other than a ticket's is under way (so the next writer tidies its folder).
INDEX_INTENT, DIRECTORY_INTENT, IMPORT_INTENT = "index", "directory", "import"
R = TypeVar("R")
SCHEMA = 1  # of the store's layout; its index is derived, and built anew by whoever misses it


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


class LocalStore:
    """One store folder. Thread-safe within a process, flock-safe between processes.

    `trust_foreign=True` opens a folder of another user, or one others may write, knowingly.
    """

    def __init__(self, root: Path, read_only: bool = False, trust_foreign: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self.files = StoreFiles(root, trust_foreign)
        self._mutex = threading.RLock()
        self._held = False  # this process holds the flock: a nested read must not downgrade or drop it
        self.index = QueueIndex(self.files, root, read_only)
        self._directory_stamp: tuple[int, int] | None = None
        self._teams: dict[str, Team] = {}
        self._agents: dict[str, Agent] = {}
        self.files.check_root()
        for folder in ("tickets", "index", "attachments"):
            self.files.check_folder(root / folder)
        self._check_marker()
        self._lock_fd: int | None = None
        lock = self.root / "lock"
        try:
            if read_only:
                # Shared locks still keep a half-written index out; a lock file that cannot be opened at all
                # (a read-only copy without it) leaves the atomic renames as the only guard, which suffices.
                with contextlib.suppress(OSError):
                    self._lock_fd = os.open(lock, READ_FLAGS)
            else:
                self._lock_fd = self.files.open_for_update(lock, create=True)
        except OSError as exc:
            raise StoreDamaged(str(lock), f"{exc.strerror or exc}; {READ_ONLY_HINT}") from exc
        if not self.index.exists() or self.index.outdated():
            self._build_missing_index()

    def _build_missing_index(self) -> None:
        """A store of an older Helpline (or one whose index was deleted) gets its index from the ticket files,
        on disk when it may write (an index of an older schema is kept aside), else in memory for this process."""
        with self._locked(exclusive=not self.read_only):
            if self.index.exists() and not self.index.outdated():
                return  # another process built it meanwhile
            rows, _damaged = scan_tickets(self.files, self.root / "tickets")  # a damaged one is named when read
            if self.read_only:
                self.index.in_memory(rows)
            else:
                self.index.replace(rows)

    # ----- opening and creating -------------------------------------------------------------

    @classmethod
    def create_store(cls, root: Path, teams: list[Team] | None = None, agents: list[Agent] | None = None,
                     trust_foreign: bool = False) -> LocalStore:
        """A new, empty store in `root`, which must be new or an empty folder of the user's own."""
        marker = root / "helpline-store.json"
        if os.path.lexists(marker):
            raise StoreDamaged(str(marker), "a store exists here already")
        try:
            root.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        except OSError as exc:
            raise unavailable(root, exc) from exc
        files = StoreFiles(root, trust_foreign)
        files.check_root()
        cls.refuse_unless_empty(root)
        with contextlib.suppress(OSError):
            root.chmod(PRIVATE_FOLDER)  # an empty folder of the user's own becomes a store: the owner's only
        files.make_folder(root / "tickets")
        files.make_folder(root / "index")
        files.write(root / "directory.json", _dumps(_directory_json(teams or [], agents or [])))
        QueueIndex(files, root).create_empty()
        created = datetime.now(UTC).isoformat()
        files.write(marker, _dumps({"format": FORMAT, "schema": SCHEMA, "created": created}))
        return cls(root, trust_foreign=trust_foreign)

    @staticmethod
    def refuse_unless_empty(root: Path) -> None:
        """A new store goes into a new or empty folder only: never mixed into someone's own files, nor over one
        of the same name (a `directory.json` of their own)."""
        try:
            with os.scandir(root) as entries:
                empty = next(entries, None) is None
        except FileNotFoundError:
            return
        except OSError as exc:
            raise Invalid(f"{root}: {exc.strerror or exc}") from exc
        if not empty:
            raise Invalid(t("{path} is not empty and holds no Helpline store: choose an empty or new folder",
                            path=root))

    @staticmethod
    def exists(root: Path) -> bool:
        return (root / "helpline-store.json").is_file()

    def _check_marker(self) -> None:
        marker = self.root / "helpline-store.json"
        data = self.files.read_json(marker)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreDamaged(str(marker), f"not a Helpline store marker (expected format {FORMAT!r})")
        if data.get("schema") != SCHEMA:
            raise StoreDamaged(
                str(marker), f"schema version {data.get('schema')!r} is not supported (this Helpline reads {SCHEMA})"
            )

    def close(self) -> None:
        with self._mutex:  # after the call under way in another thread (a background read) has let go of the lock
            self.index.close()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

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
        """Shared for reading, exclusive for writing: every write takes it, so a read-only store refuses here.
        A read inside a write (the rules ask for the teams) keeps the write's lock as it is."""
        if exclusive:
            self._writable()
        with self._mutex:
            fd = None if self._held else self._lock_fd
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
                self._held = True
            try:
                yield
            except OSError as exc:
                # What no step named more precisely (a folder vanished, a disk failed): one line, no traceback.
                reason = exc.strerror or str(exc)
                raise Unavailable(t("could not change the store at {path}: {reason}", path=self.root, reason=reason)
                                  if exclusive else
                                  t("could not read the store at {path}: {reason}", path=self.root, reason=reason)
                                  ) from exc
            finally:
                if fd is not None:
                    self._held = False
                    fcntl.flock(fd, fcntl.LOCK_UN)

    def _intent(self) -> str:
        return os.pread(self._fd(), 64, 0).decode("ascii", "replace").strip("\0 \n")

    def _set_intent(self, what: str) -> None:
        # Not fsynced: it guards against a killed process, whose page cache survives.
        try:
            os.ftruncate(self._fd(), 0)
            os.pwrite(self._fd(), what.encode("ascii"), 0)
        except OSError as exc:
            raise unavailable(self.root / "lock", exc, t("nothing was changed")) from exc

    def _clear_intent(self) -> None:
        try:
            os.ftruncate(self._fd(), 0)
        except OSError as exc:
            raise unavailable(self.root / "lock", exc, t("the next change finishes this one")) from exc

    # ----- the index ----------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Catch up with what other processes wrote (the index, SQLite, always reads what was committed)."""
        self._refresh_directory()

    def _recover(self) -> None:
        """Under the exclusive lock: finish what a killed writer left (torn log line, unindexed ticket, temporary
        files, a form's files its ticket does not name), in the folders of the write it was doing only."""
        pending = self._intent()
        self.index.table()  # an index that cannot be written (a link, damage) stops the write before it begins
        self._refresh()
        if not pending:
            return
        for folder in (self.root, self.root / "index"):
            self.files.remove_temporaries(folder)
        if pending == IMPORT_INTENT:
            self.files.remove_all_temporaries()
        number = parse_code(pending)
        if number is not None:
            path = self._ticket_path(number)
            self.files.remove_temporaries(path.parent)
            ticket = self._pending_ticket(number)
            if ticket is not None:
                attached.remove_orphans(self.files, self._attachment_folder(number),
                                        {attachment.name for attachment in ticket.attachments})
                self.index.append([indexed_of(ticket)])
        self._clear_intent()

    def _pending_ticket(self, number: int) -> Ticket | None:
        # A damaged file is not indexed (nor its folder tidied): it is reported whenever it is asked for, and
        # the other tickets can still be changed meanwhile.
        try:
            return self._read_ticket(number)
        except (NotFound, StoreDamaged):
            return None

    # ----- directory (teams, agents) ------------------------------------------------------------

    def _refresh_directory(self) -> None:
        path = self.root / "directory.json"
        stamp = self.files.stamp(path)
        if stamp == self._directory_stamp:
            return
        data = self.files.read_json(path)
        try:
            # R-TEAM-3: `time_zone` beside the teams is the desk's, for a team whose hours name none.
            teams = in_desk_zone([Team.model_validate(team) for team in data["teams"]], data.get("time_zone"))
            agents = [Agent.model_validate(agent) for agent in data["agents"]]
        except (KeyError, TypeError, AttributeError, ValidationError, RecursionError) as exc:
            raise StoreDamaged(str(path), reason_of_invalid(exc)) from exc
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

    def change_absence(self, team_id: str, change: Callable[[Team], tuple[Team, str]], actor: str) -> Team:
        """A team's absent members changed under the store's lock, and what was done recorded in the
        directory's `history` (who, when, what), which the directory keeps (R-TEAM-3)."""
        with self._locked(exclusive=True):
            self._recover()
            self._set_intent(DIRECTORY_INTENT)
            path = self.root / "directory.json"
            data = self.files.read_json(path)
            if team_id not in self._teams:
                raise NotFound(f"there is no team {team_id!r}")
            changed, said = change(self._teams[team_id])
            for team in data["teams"]:  # only what changed: the file's other fields stay as they were written
                if team.get("id") == team_id:
                    team["absent"] = changed.absent
            history = data.get("history") if isinstance(data.get("history"), list) else []
            data["history"] = [*history, {"at": datetime.now(UTC).isoformat(), "by": actor, "what": said}]
            self.files.write(path, _dumps(data))
            self._clear_intent()
            self._refresh_directory()
            return self._teams[team_id]

    def save_directory(self, teams: list[Team], agents: list[Agent]) -> None:
        """New teams and agents; the desk's `time_zone` and the `history` stay as the file has them."""
        with self._locked(exclusive=True):
            self._recover()
            self._set_intent(DIRECTORY_INTENT)
            path = self.root / "directory.json"
            kept = {key: value for key, value in self.files.read_json(path).items() if key in ("time_zone", "history")}
            self.files.write(path, _dumps({**kept, **_directory_json(teams, agents)}))
            self._clear_intent()
            self._directory_stamp = None
            self._refresh_directory()

    # ----- tickets ----------------------------------------------------------------------------

    def _ticket_path(self, number: int) -> Path:
        return self.root / "tickets" / f"{number // BUCKET:03d}" / f"{format_code(number)}.json"

    def _load_ticket(self, number: int, latest: int | None = None) -> tuple[Ticket, int]:
        """The stored ticket (its journal cut to the newest `latest` entries and the pinned ones) and its
        file's size."""
        path = self._ticket_path(number)
        try:
            raw = self.files.read(path)
        except FileNotFoundError as exc:
            raise NotFound(f"{format_code(number)} does not exist") from exc
        return ticket_window_of(path, raw, number, latest), len(raw)

    def _read_ticket(self, number: int) -> Ticket:
        return self._load_ticket(number)[0]

    def _payload(self, ticket: Ticket, old_size: int) -> bytes:
        # Validate the whole ticket again: assignments in the rules are not validated one by one,
        # and nothing invalid may reach the disk.
        data = ticket.model_dump(mode="json")
        Ticket.model_validate(data)
        payload = _dumps(data)
        check_size(ticket.code, len(payload), old_size)
        return payload

    def _write_file_of(self, ticket: Ticket, payload: bytes) -> None:
        path = self._ticket_path(ticket.id)
        self.files.make_folder(path.parent)
        self._set_intent(ticket.code)
        self.files.write(path, payload, checked=True)

    def _index(self, ticket: Ticket) -> None:
        self.index.append([indexed_of(ticket)])
        self._clear_intent()

    def _write_ticket(self, ticket: Ticket, old_size: int) -> None:
        self._write_file_of(ticket, self._payload(ticket, old_size))
        self._index(ticket)

    # ----- attachments (escalation form h) ---------------------------------------------------------

    def _attachment_folder(self, number: int) -> Path:
        return self.root / "attachments" / f"{number // BUCKET:03d}" / format_code(number)

    def attachment_path(self, code: str, name: str) -> Path:
        return self._attachment_folder(_number(code)) / attached.safe_file_name(name)

    def open_attachment(self, code: str, handle: str) -> tuple[Attachment, int, int]:
        """(what the ticket lists, a descriptor, its size) of one of its files: only a file the ticket names is
        sent, never a path a caller makes up (issue 19)."""
        number = _number(code)
        with self._locked(exclusive=False):
            ticket = self._load_ticket(number)[0]
            listed = next((a for a in ticket.attachments if a.handle == handle), None)
            if listed is None:
                raise NotFound(t("{code} has no attachment {name}", code=ticket.code, name=repr(handle[:80])))
            fd, size = attached.open_stored(self.files, self._attachment_folder(number) / listed.name, listed)
        return listed, fd, size

    def update_with_files(self, code: str, new: Sequence[NewFile], change: Callable[[Ticket, list[Attachment]], object],
                          expected_version: int | None, actor: str, now: datetime) -> Ticket:
        """`update`, with files stored beside the ticket that `change` records: they land with the ticket
        write or not at all (app/backends/store_attachments.py); a name taken gets a numbered prefix."""
        attached.check_files(new)
        number = _number(code)
        with self._locked(exclusive=True):
            self._recover()
            ticket, size = self._load_ticket(number)
            check_version(ticket, expected_version)
            new_version = ticket.version + 1
            placed: list[Path] = []
            self._set_intent(ticket.code)  # from here a killed writer's files are removed by the next one
            try:
                placed, stored = attached.place_files(self.files, self._attachment_folder(number), new,
                                                      ticket.code, actor, now)
                change(ticket, stored)
                ticket.version = new_version
                self._write_file_of(ticket, self._payload(ticket, size))
            except BaseException:
                if not self._holds_version(number, new_version):
                    attached.remove(placed)
                    with contextlib.suppress(Unavailable):
                        self._clear_intent()
                raise
            self._index(ticket)
            return ticket

    def _holds_version(self, number: int, version: int) -> bool:
        """Whether the ticket file is of `version` (written, though a step after the rename failed)."""
        try:
            return self._read_ticket(number).version == version
        except (NotFound, StoreDamaged, OSError):
            return False

    def rows(self, status: str | None = None) -> list[dict[str, Any]]:
        """Every queue row (of one status), as plain data, in code order."""
        return self.query_index(lambda table: list(table.rows(status)))

    def search(self, query: TicketQuery, now: datetime) -> tuple[list[dict[str, Any]], int]:
        """One page of what `query` selects, and how many it selects in all (SQLite does the work)."""
        def work(table: RowTable) -> tuple[list[dict[str, Any]], int]:
            teams = self.teams()
            parties = parties_of(query.follower, teams) if query.follower else []
            absent = teams[query.absent_of].absent if query.absent_of in teams else []
            return table.search(query, now, parties, absent)

        return self.query_index(work)

    def get(self, code: str, latest: int | None = None) -> Ticket:
        """The stored ticket; with `latest`, its pinned entries and its newest `latest` other ones only
        (`journal_complete` then says whether any were left out)."""
        number = _number(code)
        with self._locked(exclusive=False):
            return self._load_ticket(number, latest)[0]

    def create_ticket(self, build: Callable[[int], Ticket]) -> Ticket:
        """Store the ticket that `build(number)` makes with the next free number."""
        with self._locked(exclusive=True):
            self._recover()
            number = self.index.use(lambda table: table.max_id()) + 1
            while os.path.lexists(self._ticket_path(number)):  # a file the index never saw: keep it, skip it
                number += 1
            ticket = build(number)
            self._write_ticket(ticket, 0)
            return ticket

    def update(self, code: str, change: Callable[[Ticket], object], expected_version: int | None = None,
               new_version: bool = True) -> Ticket:
        """Apply `change` to the stored ticket and store it; stale `expected_version` is a Conflict.

        If `change` raises, nothing is written. `new_version=False`: a change no agent made and none can be
        stale against (a letter's delivery, R-MAIL-1), which keeps the version: an agent's next write, made from
        the view before it, is not refused as stale, and is applied to the file as it is now.
        """
        number = _number(code)
        with self._locked(exclusive=True):
            self._recover()
            ticket, size = self._load_ticket(number)
            check_version(ticket, expected_version)
            change(ticket)
            if new_version:
                ticket.version += 1
            self._write_ticket(ticket, size)
            return ticket

    def query_index(self, work: Callable[[RowTable], R]) -> R:
        """`work` on the queue index, read under the store's shared lock (every read of the index: rows, search,
        the outbox, the mail's Message-IDs)."""
        with self._locked(exclusive=False):
            self._refresh()
            found: R = self.index.use(work)
            return found

    def rebuild_index(self) -> tuple[int, list[str], Path]:
        """The way forward from a damaged or missing index: rebuild it from the ticket files, which are the truth.

        The new index is written aside first and swapped in (a full disk leaves the old one in place); the old
        files are moved aside (never deleted), and a damaged ticket file is left as it is and named. Returns
        how many tickets were indexed, the damaged files, and where the old index was kept.
        """
        with self._locked(exclusive=True):
            self._set_intent(INDEX_INTENT)
            self.files.remove_all_temporaries()
            rows, damaged = scan_tickets(self.files, self.root / "tickets")
            kept = self.index.replace(rows)
            self._clear_intent()
            return len(rows), damaged, kept

    def import_tickets(self, tickets: list[Ticket]) -> None:
        """Bulk load (demo data, migrations): ticket files first, then all their rows in one transaction."""
        with self._locked(exclusive=True):
            self._recover()
            self._set_intent(IMPORT_INTENT)
            known: set[int] = self.index.use(lambda table: table.ids())
            folders: set[Path] = set()
            for ticket in tickets:
                path = self._ticket_path(ticket.id)
                if path.parent not in folders:
                    self.files.make_folder(path.parent)
                    folders.add(path.parent)
                if os.path.lexists(path) or ticket.id in known:
                    raise Conflict(f"{ticket.code} exists already")
                self.files.write(path, _dumps(ticket.model_dump(mode="json")), durable=False, checked=True)
            os.sync()  # one flush for all files before the index that makes them visible
            self.index.append([indexed_of(ticket) for ticket in tickets])
            self._clear_intent()


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
