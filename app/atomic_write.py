"""Replacing a file so that a reader, a crash or a full disk sees the old file or the new one, never half.

The one way every file of Helpline is rewritten (settings, the local store, the queue's state, drafts):
the bytes go to a temporary file beside the target, created exclusively (O_EXCL, so no other file or link
is ever written through), owner-only unless the caller says otherwise; the file is fsynced, renamed over
the target (atomic within one folder) and the folder is fsynced so the rename itself survives a power cut.
Whatever fails before the rename removes the temporary file and leaves the target as it was.

Core code: no Textual, no knowledge of what the bytes mean; callers keep their own error handling.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path

PRIVATE = 0o600
# O_NOFOLLOW and O_CLOEXEC as mkstemp uses them; O_BINARY keeps Windows from translating newlines.
_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
          | getattr(os, "O_BINARY", 0))
_NAME_TRIES = 100
_HEX = 12  # secrets.token_hex(6)
_TEMPORARY = re.compile(rf"\.(.+)\.[0-9a-f]{{{_HEX}}}\.tmp", re.DOTALL)
# A folder on a filesystem that cannot sync folders answers these: nothing the caller could do about it.
_CANNOT_SYNC_FOLDERS = {errno.EINVAL, getattr(errno, "ENOTSUP", errno.EINVAL), getattr(errno, "EOPNOTSUPP", 0)}


def atomic_write(path: Path, data: bytes, *, mode: int | None = PRIVATE, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; an OSError leaves `path` untouched and no temporary file behind.

    `mode` is the new file's permission bits (default 0600: drafts and settings hold private text);
    None gives what any new file gets (0666 less the umask). `durable=False` skips both fsyncs, for bulk
    writes that sync the whole disk once at the end.
    """
    tmp = write_temporary(path, data, mode=mode, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_folder(path.parent)


def write_temporary(path: Path, data: bytes, *, mode: int | None = PRIVATE, durable: bool = True) -> Path:
    """The first half of `atomic_write`: `data` in a new temporary file beside `path`, returned for the caller
    to rename into place (or remove). For writes of several files that must all be ready before any is
    renamed; an OSError leaves no temporary file behind."""
    fd, tmp = _create_temporary(path, PRIVATE if mode is not None else 0o666)
    try:
        try:
            write_all(fd, data)
            if durable:
                os.fsync(fd)
            if mode is not None:
                # os.open's mode is narrowed by the umask; the caller asked for exactly these bits.
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)
                else:  # Windows (before Python 3.13): only the read-only bit means anything there
                    os.chmod(tmp, mode)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def is_temporary(name: str) -> bool:
    """Whether a file name is one `atomic_write` gives its temporary files (a leftover of a killed writer)."""
    return temporary_target(name) is not None


def temporary_target(name: str) -> str | None:
    """The name of the file a temporary file of `atomic_write` was to replace; None for any other name."""
    match = _TEMPORARY.fullmatch(name)
    return match.group(1) if match else None


def fsync_file(path: Path) -> None:
    """Make a file written without syncs (a rebuilt index) durable before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_FOLDERS:
            raise
    finally:
        os.close(fd)


def _create_temporary(path: Path, mode: int) -> tuple[int, Path]:
    # Beside the target, so the rename never crosses a filesystem; hidden and named *.tmp so a leftover of a
    # killed process is recognisable for what it is.
    for _ in range(_NAME_TRIES):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(_HEX // 2)}.tmp")
        try:
            return os.open(tmp, _FLAGS, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


def write_all(fd: int, data: bytes) -> None:
    """All of `data` to `fd` (os.write may write less than it is given)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
