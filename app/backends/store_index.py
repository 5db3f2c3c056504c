"""The local store's queue index: `index/queue.sqlite3`, one row per ticket (app/backends/store_rows.py), so
that every query costs about the same at 1,000 and at 1,000,000 tickets and no process holds every row.

Derived data: the ticket files are the truth, and `helpline reindex` builds the index again from them; a store
without it (made by an older Helpline, or with the file deleted) gets it built from them when opened to write.
SQLite keeps each write whole (its rollback journal), and the store's lock keeps readers and the one writer
apart. Core code: no Textual.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from app import atomic_write as atomic
from app.backends.store_files import StoreFiles, link_damage, unavailable
from app.backends.store_rows import SCHEMA, Indexed, RowTable
from app.errors import StoreDamaged
from app.i18n import t

REINDEX_HINT = "rebuild it from the ticket files with `helpline reindex`"
INDEX_FILE = "queue.sqlite3"
# What a rebuild moves aside: this index and its journal, and the snapshot and log an older Helpline kept.
INDEX_FILES = (INDEX_FILE, INDEX_FILE + "-journal", "snapshot.json", "log.jsonl")


def _new_private_file(path: Path) -> None:
    """The database file made by us, owner-only whatever the umask (SQLite would make it 0644, and gives its
    journal the database's mode)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))


class QueueIndex:
    """The index of one store folder; `open` before use. Writes expect the store's exclusive lock."""

    def __init__(self, files: StoreFiles, root: Path, read_only: bool = False) -> None:
        self.files = files
        self.folder = root / "index"
        self.path = self.folder / INDEX_FILE
        self.read_only = read_only
        self._table: RowTable | None = None
        self._inode: int | None = None  # of the file the table is open on: a rebuild swaps in another
        self._in_memory = False  # nothing on disk to follow

    # ----- opening ------------------------------------------------------------------------------

    def exists(self) -> bool:
        return os.path.lexists(self.path)

    def outdated(self) -> bool:
        """The index on disk is of another schema (an older Helpline's): derived data, to be built anew. A file
        that is no index at all is not outdated; `table` names it."""
        try:
            self._check_files()
            table = RowTable.open(self._uri(self.path, "ro"), read_only=True)
        except (StoreDamaged, sqlite3.Error):
            return False
        try:
            return table.schema() not in (SCHEMA, None)
        except sqlite3.Error:
            return False
        finally:
            table.close()

    def _uri(self, path: Path, mode: str) -> str:
        return f"file:{quote(str(path))}?mode={mode}"

    def _check_files(self) -> None:
        """Never through a link (nor a FIFO or a folder of the name): SQLite itself would follow it."""
        for path in (self.path, self.path.with_name(INDEX_FILE + "-journal")):
            try:
                st = path.lstat()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StoreDamaged(str(path), exc.strerror or str(exc)) from exc
            if stat.S_ISLNK(st.st_mode):
                raise StoreDamaged(str(path), f"{link_damage(path).reason}; {t(REINDEX_HINT)}")
            if not stat.S_ISREG(st.st_mode):
                raise StoreDamaged(str(path), f"{t('not a regular file')}; {t(REINDEX_HINT)}")

    def table(self) -> RowTable:
        """The open table, opened again when another process swapped in a new index (`reindex`)."""
        if self._in_memory and self._table is not None:
            return self._table
        try:
            inode = self.files.stamp(self.path)[0]  # its time changes with every write, its inode only with a swap
        except StoreDamaged as exc:  # missing, or a link: derived data, so say how to get it back
            raise StoreDamaged(exc.path, f"{exc.reason}; {t(REINDEX_HINT)}") from exc
        if self._table is not None and inode == self._inode:
            return self._table
        self.close()
        self._check_files()
        try:
            table = RowTable.open(self._uri(self.path, "ro" if self.read_only else "rw"), self.read_only)
            schema = table.schema()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc
        if schema != SCHEMA:
            table.close()
            raise StoreDamaged(str(self.path), t("index schema {schema} is not this Helpline's; {hint}",
                                                 schema=schema, hint=t(REINDEX_HINT)))
        self._table, self._inode = table, inode
        return table

    def in_memory(self, rows: list[Indexed]) -> None:
        """An index in memory only (a read-only store without one on disk): built from the ticket files."""
        self.close()
        table = RowTable.open("file::memory:", read_only=False)
        table.put(rows, fresh=True)
        self._table, self._inode, self._in_memory = table, None, True

    def close(self) -> None:
        if self._table is not None:
            self._table.close()
            self._table = None

    def _damaged(self, exc: sqlite3.Error) -> StoreDamaged:
        return StoreDamaged(str(self.path), t("not a queue index ({reason}); {hint}", reason=str(exc),
                                              hint=t(REINDEX_HINT)))

    def use(self, work: Callable[[RowTable], Any], consequence: str | None = None) -> Any:
        """`work` on the table; a database that turns out damaged is named, with the way out, and one SQLite
        could not change (a full disk) says `consequence`."""
        table = self.table()
        try:
            return work(table)
        except sqlite3.OperationalError as exc:
            raise unavailable(self.path, OSError(str(exc)), consequence) from exc
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from exc

    # ----- writing ------------------------------------------------------------------------------

    def append(self, rows: list[Indexed]) -> None:
        # The ticket file (the truth) is written by now: the next writer indexes it (its code stays in `lock`).
        self.use(lambda table: table.put(rows), t("the queue index catches up with the next change"))

    def replace(self, rows: list[Indexed]) -> Path:
        """A new index of `rows`, built aside and swapped in; the old files are moved into a new folder beside
        it, which is returned (never deleted: what was there may be worth a look)."""
        self.files.make_folder(self.folder)
        kept = self.folder / f"replaced-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
        aside = self.folder / f".{INDEX_FILE}.new"
        with contextlib.suppress(FileNotFoundError):
            aside.unlink()
        try:
            _new_private_file(aside)
            table = RowTable.open(self._uri(aside, "rw"), read_only=False)
            try:
                table.fill(rows)
            finally:
                table.close()
            atomic.fsync_file(aside)
            self.close()
            kept.mkdir(mode=0o700)
            for name in INDEX_FILES:
                if os.path.lexists(self.folder / name):
                    os.replace(self.folder / name, kept / name)
            os.replace(aside, self.path)
            atomic.fsync_folder(self.folder)
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(OSError):
                aside.unlink()
            raise unavailable(self.folder, exc if isinstance(exc, OSError) else OSError(str(exc)),
                              t("the old index was left in place")) from exc
        self._inode = None
        return kept

    def create_empty(self) -> None:
        """The index of a new store."""
        _new_private_file(self.path)
        RowTable.open(self._uri(self.path, "rw"), read_only=False).close()
