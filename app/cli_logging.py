"""Where the command line's log records go: a private file in the data folder, never the terminal.

With no handler at all, Python's last-resort handler prints a record with its traceback on stderr: the
embedded adapter's "adapter failed" would land between the CLI's own one-line messages, and text from
outside in an exception message would reach the terminal as it is. A handler on the root logger catches
every record (Helpline's and its libraries'); the CLI names the file when something went wrong inside.
"""

from __future__ import annotations

import errno
import io
import logging
import logging.handlers
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.plain_text import printable

# Enough for many failures with their tracebacks; one older file is kept beside it.
MAX_LOG_BYTES = 1024 * 1024


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # A log is read with `cat` or `less` in a terminal too: outside text in it is shown, not obeyed.
        return printable(super().format(record), keep_newlines=True)


class PrivateLog(logging.handlers.RotatingFileHandler):
    """A log file readable by its owner only (0600), opened at its first record.

    Opened lazily so a run that logs nothing creates no file; a log that cannot be written is given up on
    quietly (logging's own handleError would print a traceback on stderr), and `logged_errors` then stays 0 so no
    message names a file that does not hold the details.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_LOG_BYTES, backupCount=1, encoding="utf-8", delay=True)
        self.path = Path(self.baseFilename)  # absolute: the message that names it holds in any folder
        self.logged_errors = 0  # records of level ERROR or above that reached the file
        self._failed = False
        self.setLevel(logging.WARNING)
        self.setFormatter(_Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def _open(self) -> io.TextIOWrapper:
        return open_private_log(self.path)

    def emit(self, record: logging.LogRecord) -> None:
        self._failed = False
        super().emit(record)
        if not self._failed and record.levelno >= logging.ERROR:
            self.logged_errors += 1

    def handleError(self, record: logging.LogRecord) -> None:
        self._failed = True


def open_private_log(path: Path) -> io.TextIOWrapper:
    """`path` opened to append, owner-only (0600, in a 0700 folder): the one way the command line and the
    workstation open the log. No symlink followed and no FIFO waited on: the log is a plain file of ours or
    nothing; a file made by an older version or by hand, readable by others, becomes private first."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = (os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    fd = os.open(path, flags, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, f"{path} is not a regular file")
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace")
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def logging_to(path: Path) -> Iterator[PrivateLog]:
    """Every log record of this run goes to `path` (and to no terminal) until the block ends."""
    handler = PrivateLog(path)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        handler.close()
