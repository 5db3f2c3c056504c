"""The local store's file operations, made safe for a folder whose content is not trusted.

A store folder may come from a backup, another machine or another user. So nothing in it is followed
or believed: no symbolic link is followed (a link is reported as damage with its path, never read or
written through), a file is read only if it is a regular file, a folder is used only if it is a real
folder of the user's own that nobody else can write, JSON nested too deeply is damage, not a crash,
and every failure to write is one plain line naming the file and the reason (a full disk included).
New files are the owner's only (0600), new folders too (0700).

Core code: no Textual.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from app import atomic_write as atomic
from app.errors import StoreDamaged, Unavailable
from app.i18n import t

PRIVATE_FOLDER = 0o700
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: opening a FIFO planted in place of a file must not hang the store.
READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
WRITE_FLAGS = _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_LINK_ERRNOS = {errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP)}  # what O_NOFOLLOW answers on a link
FOREIGN_HINT = "open it as its owner, or trust it knowingly (--trust-foreign)"
ROOT_FILES = frozenset({"helpline-store.json", "directory.json"})  # what the store itself writes in its root


def reason_of(exc: OSError) -> str:
    return exc.strerror or str(exc)


def unavailable(path: Path, exc: OSError, consequence: str | None = None) -> Unavailable:
    """A write that failed (a full disk, a read-only folder): the file and the reason, in one line."""
    return Unavailable(t("could not write {path}: {reason}; {consequence}", path=path, reason=reason_of(exc),
                         consequence=consequence or t("it was left as it was")))


def link_damage(path: Path) -> StoreDamaged:
    return StoreDamaged(str(path), t("a symbolic link: a store holds its own files only, so it is not followed; "
                                     "put the file itself there"))


def refuse_untrusted(path: Path, st: os.stat_result) -> None:
    """A folder (or file) of someone else, or one that others may write, is not used: whoever can write
    it decides what the desk reads and where the store writes."""
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise StoreDamaged(str(path), t("belongs to user id {owner}, not to you (user id {me}): a store is used "
                                        "by its owner only; {hint}", owner=st.st_uid, me=os.geteuid(),
                                        hint=t(FOREIGN_HINT)))
    if os.name == "posix" and stat.S_IMODE(st.st_mode) & (stat.S_IWGRP | stat.S_IWOTH):
        raise StoreDamaged(str(path), t("can be changed by other users (mode {mode:o}): make it yours only with "
                                        "`chmod 700 {path}`, or {hint}", mode=stat.S_IMODE(st.st_mode),
                                        path=path, hint=t(FOREIGN_HINT)))


class StoreFiles:
    """The files of one store folder, under `root`; `trust_foreign` accepts a folder of someone else."""

    def __init__(self, root: Path, trust_foreign: bool = False) -> None:
        self.root = root
        self.trust_foreign = trust_foreign

    # ----- folders ---------------------------------------------------------------------------------

    def check_root(self) -> None:
        try:
            st = self.root.stat()  # the root itself may be a link: where the user keeps the store is theirs
        except FileNotFoundError as exc:
            raise StoreDamaged(str(self.root), t("no such folder")) from exc
        except OSError as exc:
            raise StoreDamaged(str(self.root), reason_of(exc)) from exc
        if not stat.S_ISDIR(st.st_mode):
            raise StoreDamaged(str(self.root), t("no such folder"))
        if not self.trust_foreign:
            refuse_untrusted(self.root, st)

    def check_folder(self, folder: Path) -> bool:
        """Whether `folder` (inside the store) exists; a link or a folder others may write is damage."""
        try:
            st = folder.lstat()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreDamaged(str(folder), reason_of(exc)) from exc
        if stat.S_ISLNK(st.st_mode):
            raise link_damage(folder)
        if not stat.S_ISDIR(st.st_mode):
            raise StoreDamaged(str(folder), t("not a folder"))
        if not self.trust_foreign:
            refuse_untrusted(folder, st)
        return True

    def check_path(self, path: Path) -> bool:
        """Check every folder between the root and `path`; whether they all exist."""
        parts = path.relative_to(self.root).parts[:-1]
        folder = self.root
        for part in parts:
            folder = folder / part
            if not self.check_folder(folder):
                return False
        return True

    def make_folder(self, folder: Path) -> None:
        """`folder` and the folders above it inside the store, owner-only; those there already are checked."""
        parts = folder.relative_to(self.root).parts
        current = self.root
        for part in parts:
            current = current / part
            if self.check_folder(current):
                continue
            try:
                current.mkdir(mode=PRIVATE_FOLDER)
            except FileExistsError:
                self.check_folder(current)  # made at the same moment by another writer
            except OSError as exc:
                raise unavailable(current, exc) from exc

    # ----- reading ---------------------------------------------------------------------------------

    def read(self, path: Path, folders_checked: bool = False) -> bytes:
        """A regular file of the store, never through a link; FileNotFoundError when it is not there.
        `folders_checked`: the caller has checked the folders above it (a scan of one folder's files, which
        would otherwise check the same two folders again for each of 100,000 files: a third of a reindex)."""
        return self.read_since(path, 0, None, folders_checked)[2]

    def read_since(self, path: Path, offset: int, ino: int | None,
                   folders_checked: bool = False) -> tuple[int, int, bytes]:
        """What `path` holds from `offset` on, if it is still the file of inode `ino` and that long, else
        from its start: (its inode, where the bytes start, the bytes). For a file that only grows (the log)."""
        if not folders_checked and not self.check_path(path):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        try:
            fd = os.open(path, READ_FLAGS)
        except FileNotFoundError:
            raise
        except OSError as exc:
            if exc.errno in _LINK_ERRNOS:
                raise link_damage(path) from exc
            raise StoreDamaged(str(path), reason_of(exc)) from exc
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise StoreDamaged(str(path), t("not a regular file"))
            start = offset if st.st_ino == ino and st.st_size >= offset else 0
            with open(fd, "rb", closefd=False) as handle:
                handle.seek(start)
                return st.st_ino, start, handle.read()
        except OSError as exc:
            raise StoreDamaged(str(path), reason_of(exc)) from exc
        finally:
            os.close(fd)

    def read_json(self, path: Path) -> Any:
        try:
            raw = self.read(path)
        except FileNotFoundError as exc:
            raise StoreDamaged(str(path), t("missing")) from exc
        return parse_json(path, raw)

    def stamp(self, path: Path) -> tuple[int, int]:
        """Identity of a file's current version: a rename gives a new inode, a rewrite a new mtime."""
        try:
            st = path.lstat()
        except OSError as exc:
            missing = isinstance(exc, FileNotFoundError)
            raise StoreDamaged(str(path), t("missing") if missing else reason_of(exc)) from exc
        if stat.S_ISLNK(st.st_mode):
            raise link_damage(path)
        return st.st_ino, st.st_mtime_ns

    # ----- writing ---------------------------------------------------------------------------------

    def write(self, path: Path, data: bytes, durable: bool = True, checked: bool = False) -> None:
        """Replace `path` with `data`: a reader sees the old file or the new one, never half; never through a
        link (the rename replaces a link itself). `durable=False` skips the fsyncs, for bulk imports;
        `checked`: the caller has just checked (or made) the folders on the way."""
        if not checked:
            self.check_path(path)
        try:
            atomic.atomic_write(path, data, mode=atomic.PRIVATE, durable=durable)
        except OSError as exc:
            raise unavailable(path, exc) from exc

    def open_for_update(self, path: Path, create: bool) -> int:
        """An fd to change `path` in place (the log, the lock), never through a link."""
        self.check_path(path)
        flags = os.O_RDWR | WRITE_FLAGS | (os.O_CREAT if create else 0)
        try:
            fd = os.open(path, flags, atomic.PRIVATE)
        except OSError as exc:
            if exc.errno in _LINK_ERRNOS:
                raise link_damage(path) from exc
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreDamaged(str(path), t("not a regular file"))
        return fd

    def append(self, path: Path, data: bytes) -> int:
        """Add `data` at the end of `path` (created if missing), fsynced; its inode. OSError is the caller's
        to word."""
        fd = self.open_for_update(path, create=True)
        try:
            os.lseek(fd, 0, os.SEEK_END)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            return os.fstat(fd).st_ino
        finally:
            os.close(fd)

    def swap_in(self, folder: Path, new: dict[Path, bytes], kept: Path) -> None:
        """Replace the files of `new` (all in `folder`) together, moving the old ones into the new folder
        `kept`: every new file is written whole aside first, so a full disk leaves the old ones in place."""
        temporaries: dict[Path, Path] = {}
        moved: list[Path] = []
        try:
            for path, data in new.items():
                temporaries[path] = atomic.write_temporary(path, data)
            kept.mkdir(mode=PRIVATE_FOLDER)
            for path, temporary in temporaries.items():
                if os.path.lexists(path):
                    os.replace(path, kept / path.name)
                    moved.append(path)
                os.replace(temporary, path)
            atomic.fsync_folder(folder)
        except OSError as exc:
            for path in moved:  # a rename failed half-way (rarer than rare): the old files go back
                if not os.path.lexists(path):
                    with contextlib.suppress(OSError):
                        os.replace(kept / path.name, path)
            for temporary in temporaries.values():
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            raise unavailable(folder, exc, t("the old files were left in place")) from exc

    def cut_torn_tail(self, path: Path) -> None:
        """Cut a last line without its newline (a writer killed mid-append) so the next append starts clean."""
        try:
            fd = self.open_for_update(path, create=False)
        except FileNotFoundError:
            return
        try:
            size = os.fstat(fd).st_size
            if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
                return
            keep = os.pread(fd, size, 0).rfind(b"\n") + 1
            os.ftruncate(fd, keep)
            os.fsync(fd)
        finally:
            os.close(fd)

    # ----- leftovers -------------------------------------------------------------------------------

    def remove_temporaries(self, folder: Path) -> int:
        """Remove the temporary files killed writers left in `folder` (one folder, not below); how many."""
        if folder != self.root and not self.check_folder(folder):
            return 0
        return self._remove_temporaries_in(folder)

    def remove_all_temporaries(self) -> int:
        """The same in every folder of the store (for `reindex`, which reads the whole store anyway)."""
        return sum(self._remove_temporaries_in(Path(folder))
                   for folder, _, _ in os.walk(self.root, followlinks=False))

    def _remove_temporaries_in(self, folder: Path) -> int:
        # In the root only those of the store's own files: another file kept there (a served adapter's tokens)
        # may be written by a process that does not take the store's lock.
        own = ROOT_FILES if folder == self.root else None
        removed = 0
        with contextlib.suppress(FileNotFoundError, NotADirectoryError), os.scandir(folder) as entries:
            for entry in entries:
                target = atomic.temporary_target(entry.name)
                if target is None or (own is not None and target not in own) or entry.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
        return removed


def parse_json(path: Path, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except RecursionError as exc:
        raise StoreDamaged(str(path), t("not valid JSON (nested too deeply)")) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise StoreDamaged(str(path), t("not valid JSON ({reason})", reason=exc)) from exc
