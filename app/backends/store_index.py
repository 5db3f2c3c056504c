"""The local store's queue index: compact rows of every ticket in `index/snapshot.json`, plus the rows
appended to `index/log.jsonl` after each ticket write since; folded into a new snapshot once the log is long.

Derived data: the ticket files are the truth, and `helpline reindex` builds the index again from them.
Core code: no Textual.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.backends.store_files import StoreFiles, unavailable
from app.errors import StoreDamaged
from app.i18n import t

SCHEMA = 1
REINDEX_HINT = "rebuild it from the ticket files with `helpline reindex`"


def snapshot_bytes(rows: list[dict[str, Any]]) -> bytes:
    # One row per line: readable, greppable, and diffable by a person.
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    return f'{{"schema": {SCHEMA},\n"rows": [\n{lines}\n]}}\n'.encode()


class QueueIndex:
    """The index as this process last read it; every method but `refresh` expects the exclusive lock."""

    def __init__(self, files: StoreFiles, root: Path) -> None:
        self.files = files
        self.folder = root / "index"
        self.snapshot_path = self.folder / "snapshot.json"
        self.log_path = self.folder / "log.jsonl"
        self.rows: dict[int, dict[str, Any]] = {}
        self.generation = 0  # grows whenever a row changes: what a cache of query results is keyed on
        self.log_lines = 0
        self._snapshot_stamp: tuple[int, int] | None = None
        self._log_offset = 0
        self._log_ino: int | None = None

    def refresh(self) -> None:
        """Catch up with what other processes wrote: reload the snapshot if it changed, read new log lines."""
        try:
            self._load_snapshot()
            self._read_log()
        except StoreDamaged as exc:
            # The index is derived data: say how to get it back (the ticket files are untouched).
            raise StoreDamaged(exc.path, f"{exc.reason}; {REINDEX_HINT}") from exc

    def _load_snapshot(self) -> None:
        stamp = self.files.stamp(self.snapshot_path)
        if stamp == self._snapshot_stamp:
            return
        data = self.files.read_json(self.snapshot_path)
        try:
            self.rows = {int(row["id"]): row for row in data["rows"]}
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreDamaged(str(self.snapshot_path), f"not an index snapshot ({exc})") from exc
        self.generation += 1
        self._snapshot_stamp = stamp
        self._log_offset = 0
        self.log_lines = 0

    def _read_log(self) -> None:
        try:
            ino, start, chunk = self.files.read_since(self.log_path, self._log_offset, self._log_ino)
        except FileNotFoundError:
            return
        if start != self._log_offset:  # a new log (folded into the snapshot by another process): from its start
            self._log_offset = self.log_lines = 0
        self._log_ino = ino
        end = chunk.rfind(b"\n") + 1  # a line without its newline is a write still under way
        for line in chunk[:end].splitlines():
            try:
                row = json.loads(line)
                self.rows[int(row["id"])] = row
                self.generation += 1
            except (ValueError, KeyError, TypeError, RecursionError):
                continue  # a torn line of a killed writer; its ticket is re-indexed from the file
            self.log_lines += 1
        self._log_offset += end

    def cut_torn_tail(self) -> None:
        try:
            self.files.cut_torn_tail(self.log_path)
        except OSError as exc:
            raise unavailable(self.log_path, exc) from exc

    def append(self, rows: list[dict[str, Any]]) -> None:
        data = b"".join(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n" for row in rows)
        try:
            self._log_ino = self.files.append(self.log_path, data)
        except OSError as exc:
            # The ticket file (the truth) is written; the ticket named in `lock` is re-indexed by the next writer.
            raise unavailable(self.log_path, exc, t("the queue index catches up with the next change")) from exc
        for row in rows:
            self.rows[int(row["id"])] = row
        self.generation += 1
        self._log_offset += len(data)
        self.log_lines += len(rows)

    def is_long(self) -> bool:
        # A quarter of the rows keeps the amortised cost of folding constant per write.
        return self.log_lines >= max(2000, len(self.rows) // 4)

    def fold(self) -> None:
        """Fold the log into a new snapshot."""
        rows = [self.rows[key] for key in sorted(self.rows)]
        self.files.write(self.snapshot_path, snapshot_bytes(rows))
        # Empty the log only after the snapshot holding its rows is durable; a new file, so that a reader in
        # another process knows it by its inode and reads it from its start.
        self.files.write(self.log_path, b"")
        self._snapshot_stamp = self.files.stamp(self.snapshot_path)
        self._log_ino = self.files.stamp(self.log_path)[0]
        self._log_offset = 0
        self.log_lines = 0

    def replace(self, rows: list[dict[str, Any]], kept: Path) -> None:
        """A new index of `rows`, written aside and swapped in; the old files are moved into `kept`."""
        self.files.make_folder(self.folder)
        self.files.swap_in(self.folder, {self.snapshot_path: snapshot_bytes(rows), self.log_path: b""}, kept)
        self.rows, self._snapshot_stamp, self._log_offset, self.log_lines, self._log_ino = {}, None, 0, 0, None
