"""An attachment fetched to the agent's machine (issue 19): saved under a name of its own, opened with the system's
opener. Core code: no Textual.

A file's name and bytes are outside text: the name is made one harmless path component again here (whatever the
adapter says), a file is created exclusively (never over another one: "report (1).pdf"), owner-only and never
executable, written chunk by chunk as it arrives, and removed again when the fetch fails half-way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from app.atomic_write import write_all
from app.domain.file_names import safe_file_name
from app.i18n import t

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_PRIVATE_FILE = 0o600  # read and write, never execute, whatever the sender declared
_NAME_TRIES = 1000
OPENER_WAIT_SECONDS = 10  # xdg-open and open hand the file on and return; one that stays is left running


def default_opener() -> list[str]:
    return ["open"] if sys.platform == "darwin" else ["xdg-open"]


def opener_command(configured: str | None) -> list[str]:
    """`opener` of config.toml split as a shell would ("open -a Preview"), else the system's."""
    return shlex.split(configured) if configured and configured.strip() else default_opener()


def default_folder(configured: Path | None = None) -> Path:
    """Where a saved file goes unless the agent says otherwise: the configured folder, ~/Downloads, the cwd."""
    if configured is not None:
        return configured.expanduser()
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.cwd()


def private_folder() -> Path:
    """A new folder only this user can read (0700), for files opened rather than saved."""
    return Path(tempfile.mkdtemp(prefix="helpline-"))


def _numbered(name: str, counter: int) -> str:
    if counter == 0:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not stem:  # no extension (or a name that is all extension after sanitising)
        return f"{name} ({counter})"
    return f"{stem} ({counter}){dot}{suffix}"


def create_free(folder: Path, name: str) -> tuple[Path, int]:
    """A new file in `folder` named after `name` (sanitised), " (1)", " (2)" … when taken: (path, descriptor)."""
    safe = safe_file_name(name)
    for counter in range(_NAME_TRIES):
        path = folder / _numbered(safe, counter)
        try:
            return path, os.open(path, _CREATE, _PRIVATE_FILE)
        except FileExistsError:
            continue
    raise FileExistsError(t("every numbered name of {name} is taken in {folder}", name=safe, folder=str(folder)))


async def save_chunks(chunks: AsyncIterator[bytes], folder: Path, name: str) -> Path:
    """Write `chunks` to a new file in `folder`; nothing is left behind when they break off."""
    path, fd = await asyncio.to_thread(create_free, folder, name)
    try:
        try:
            async for chunk in chunks:
                await asyncio.to_thread(write_all, fd, chunk)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return path


async def open_with(command: list[str], path: Path) -> str | None:
    """Hand `path` to the opener; None when it took it, else what went wrong, naming where the file is."""
    program = shutil.which(command[0]) if command else None
    if program is None:
        return t("No program to open files was found ({opener}): the file is saved at {path}",
                 opener=command[0] if command else "-", path=str(path))
    try:
        process = await asyncio.create_subprocess_exec(
            program, *command[1:], str(path), stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL, start_new_session=True)
    except OSError as error:
        return t("{opener} could not be started ({reason}): the file is saved at {path}", opener=command[0],
                 reason=error.strerror or str(error), path=str(path))
    try:
        code = await asyncio.wait_for(process.wait(), OPENER_WAIT_SECONDS)
    except TimeoutError:
        return None  # still running: an opener that stays with its file
    if code != 0:
        return t("{opener} could not open it (exit {code}): the file is saved at {path}", opener=command[0],
                 code=code, path=str(path))
    return None
