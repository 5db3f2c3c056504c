"""Files stored with a ticket (escalation form field h), in `attachments/<id // 1000>/HL-<id>/`.

A form's files land with its ticket write or not at all, also when several processes write: each file is
written whole under a temporary name first, then given its name by a hard link, which fails if the name
is taken (by anyone, in any process), so a file is never overwritten and the check cannot race; the ticket
is written after, and on any failure the linked names are removed again. A writer killed in between
leaves the ticket named in the store's lock: the next writer removes the files that ticket does not name.

Core code: no Textual.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import atomic_write as atomic
from app.backends.store_files import READ_FLAGS, StoreFiles, link_damage, reason_of
from app.domain.file_names import safe_file_name
from app.domain.limits import (
    DOWNLOAD_CHUNK_BYTES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_ATTACHMENTS_TOTAL_BYTES,
    MAX_DOWNLOAD_BYTES,
)
from app.domain.models import Attachment
from app.errors import Invalid, StoreDamaged, Unavailable
from app.i18n import t

_NAME_TRIES = 1000


@dataclass(frozen=True)
class NewFile:
    name: str
    data: bytes
    content_type: str = "application/octet-stream"


def check_files(files: Sequence[NewFile]) -> None:
    """The limits of one form, on the decoded bytes (the API checks them too; the store trusts no caller)."""
    if len(files) > MAX_ATTACHMENTS:
        raise Invalid(t("A form takes at most {n} files.", n=MAX_ATTACHMENTS), "files")
    for file in files:
        if len(file.data) > MAX_ATTACHMENT_BYTES:
            raise Invalid(t("{name} is larger than {mb} MB.", name=safe_file_name(file.name),
                            mb=MAX_ATTACHMENT_BYTES // 2**20), "files")
    if sum(len(file.data) for file in files) > MAX_ATTACHMENTS_TOTAL_BYTES:
        raise Invalid(t("The files of one form may be {mb} MB together at most.",
                        mb=MAX_ATTACHMENTS_TOTAL_BYTES // 2**20), "files")


def place_files(files: StoreFiles, folder: Path, new: Sequence[NewFile], code: str, actor: str, now: datetime
                ) -> tuple[list[Path], list[Attachment]]:
    """Write `new` into `folder` under free names; the paths placed (to remove if the ticket write fails)
    and what the ticket records of them. Nothing stays behind if this fails."""
    placed: list[Path] = []
    stored: list[Attachment] = []
    try:
        if new:
            files.make_folder(folder)
        for file in new:
            safe = safe_file_name(file.name)
            try:
                staged = atomic.write_temporary(folder / safe, file.data)
            except OSError as exc:
                raise _refused(code, safe, exc) from exc
            try:
                path = _link_free_name(staged, folder, safe, code)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(staged)
            placed.append(path)
            stored.append(Attachment(name=path.name, size=len(file.data), content_type=file.content_type,
                                     added=now, added_by=actor))
        if placed:
            atomic.fsync_folder(folder)
    except BaseException:
        remove(placed)
        raise
    return placed, stored


def _link_free_name(staged: Path, folder: Path, safe: str, code: str) -> Path:
    for counter in range(1, _NAME_TRIES + 1):
        path = folder / (safe if counter == 1 else f"{counter}-{safe}")
        try:
            os.link(staged, path, follow_symlinks=False)
            return path
        except FileExistsError:
            continue
        except OSError as exc:
            raise _refused(code, safe, exc) from exc
    raise Unavailable(t("could not store {name} with {code}: every numbered name is taken", name=safe, code=code))


def _refused(code: str, name: str, exc: OSError) -> Unavailable:
    # The file's name and the reason, never the server's path: whoever sent the file learns nothing of the machine.
    return Unavailable(t("could not store {name} with {code}: {reason}; nothing was changed", name=name, code=code,
                         reason=reason_of(exc)))


def remove(paths: Sequence[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def remove_orphans(files: StoreFiles, folder: Path, named: set[str]) -> None:
    """After a writer was killed between placing a form's files and writing its ticket: remove the files the
    ticket does not name, and the temporary ones."""
    if not files.check_folder(folder):
        return
    files.remove_temporaries(folder)
    with os.scandir(folder) as entries:
        orphans = [Path(entry.path) for entry in entries
                   if entry.name not in named and entry.is_file(follow_symlinks=False)]
    remove(orphans)


# ----- sending a stored file back (issue 19) ------------------------------------------------------------------


def open_stored(files: StoreFiles, path: Path, listed: Attachment) -> tuple[int, int]:
    """(descriptor, size) of the stored file a ticket lists. The ticket file is outside text too: a name that is
    not one harmless path component (`../../etc/passwd`) is damage, and no link is followed."""
    if safe_file_name(listed.name) != listed.name:
        raise StoreDamaged(str(path.parent), t("the ticket lists an attachment named {name}, which is no file "
                                              "name of the store", name=repr(listed.name)))
    files.check_path(path)
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError as exc:
        raise StoreDamaged(str(path.parent), t("{name} is listed but not stored", name=listed.name)) from exc
    except OSError as exc:
        if os.path.islink(path):
            raise link_damage(path) from exc
        raise Unavailable(t("could not read {name}: {reason}", name=listed.name, reason=reason_of(exc))) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StoreDamaged(str(path), t("not a file"))
        if st.st_size > MAX_DOWNLOAD_BYTES:
            raise Invalid(t("{name} is larger than {mb} MB.", name=listed.name, mb=MAX_DOWNLOAD_BYTES // 2**20))
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


async def chunks_of(fd: int, size: int) -> AsyncIterator[bytes]:
    """The file behind `fd`, `size` bytes of it, one chunk at a time, each read in a worker thread (the event
    loop never waits on the disk, and the whole file is never in memory); the descriptor is closed at the end."""
    try:
        left = size
        while left > 0:
            chunk = await asyncio.to_thread(os.read, fd, min(DOWNLOAD_CHUNK_BYTES, left))
            if not chunk:
                return  # shorter than it was: what there is
            left -= len(chunk)
            yield chunk
    finally:
        os.close(fd)
