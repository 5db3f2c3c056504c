"""Unsent drafts (notes, messages) kept on disk as they are typed, so a crash or restart loses nothing.

All drafts live in one file, rewritten whole (atomically, fsynced). Writing it on every key would cost
an fsync per key on the UI thread, so a screen *stages* the newest text (in memory, at once, from any
thread) and has it written a moment later, off the UI thread (`write_staged`). A staged draft counts
as the draft: `load_draft` answers with it before it is on disk, and writing takes whatever is newest
when it runs, so a late write never brings back a draft cleared since.

A drafts file that cannot be read is never overwritten: it is renamed aside
(`drafts.json.damaged-<time>`, where the drafts in it can still be recovered) before a new one is
written. Nothing here raises to the agent: a draft is a convenience, not a reason for an error.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from app import atomic_write as atomic
from app.config import data_dir

# Held only for dict operations: staging from the UI thread never waits for a disk.
_staged_lock = threading.Lock()
# Held for a whole read-change-write of a drafts file, so two writers never lose each other's drafts.
_file_lock = threading.Lock()
_staged: dict[Path, dict[str, str]] = {}  # newest text per key, not yet known to be on disk
PRIVATE_FOLDER = 0o700


def drafts_path() -> Path:
    return data_dir() / "drafts.json"


def _where(path: Path | None) -> Path:
    return path or drafts_path()


def _read(path: Path) -> tuple[dict[str, str], bool]:
    """The drafts in the file, and whether the file is damaged (there, but not wholly a map of texts)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, False
    except OSError:
        return {}, True
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # truncated, not UTF-8, or nested deeper than Python can follow
        return {}, True
    if not isinstance(data, dict):
        return {}, True
    drafts = {key: text for key, text in data.items() if isinstance(text, str)}
    return drafts, len(drafts) != len(data)


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while kept.exists():
        number += 1
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    os.rename(path, kept)
    return kept


def _store(path: Path, changes: dict[str, str]) -> bool:
    """Apply `changes` (empty text: forget the key) to the file; False when it could not be written."""
    try:
        drafts, damaged = _read(path)
        if damaged:
            _set_aside(path)  # if even this fails, writing would destroy the only copy: give up instead
        for key, text in changes.items():
            if text.strip():
                drafts[key] = text
            else:
                drafts.pop(key, None)
        # The owner's only, folder and file (atomic.PRIVATE): a draft may hold what the user told on the phone.
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        atomic.atomic_write(path, json.dumps(drafts, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError:
        return False
    return True


def stage_draft(key: str, text: str, path: Path | None = None) -> None:
    """Make `text` the draft under `key` (empty text: none) at once, in memory; `write_staged` stores it."""
    with _staged_lock:
        _staged.setdefault(_where(path), {})[key] = text


def has_staged(path: Path | None = None) -> bool:
    with _staged_lock:
        return bool(_staged.get(_where(path)))


def write_staged(path: Path | None = None) -> None:
    """Write every staged draft to disk: slow (a read, an fsync), meant for a worker thread.

    A draft that could not be written stays staged, for the next write to try again.
    """
    path = _where(path)
    with _file_lock:
        with _staged_lock:
            changes = dict(_staged.get(path, {}))
        if not changes or not _store(path, changes):
            return
        with _staged_lock:
            staged = _staged.get(path, {})
            for key, text in changes.items():
                if staged.get(key) == text:  # a text staged while this one was written stays for the next write
                    del staged[key]
            if not staged:
                _staged.pop(path, None)


def load_draft(key: str, path: Path | None = None) -> str:
    path = _where(path)
    with _staged_lock:
        staged = _staged.get(path, {})
        if key in staged:
            return staged[key] if staged[key].strip() else ""
    return _read(path)[0].get(key, "")


def save_draft(key: str, text: str, path: Path | None = None) -> None:
    """Store (or, for empty text, forget) the draft under `key` now; atomic, and never an error for the agent."""
    stage_draft(key, text, path)
    write_staged(path)


@atexit.register
def _write_all_staged() -> None:
    # The last chance for a draft whose write was still due when the process ended (the app's own workers
    # are cancelled on exit): typed text is not lost to a quick quit.
    with _staged_lock:
        paths = list(_staged)
    for path in paths:
        with contextlib.suppress(Exception):
            write_staged(path)
