"""Who may call a served adapter: per-agent bearer tokens, kept hashed in a file, and the slowing of failed logins.

A token is 32 random bytes: it is not a password a person chose, so nothing is gained by stretching it (bcrypt,
scrypt); one SHA-256 of it is what the file keeps, so the file never holds a token that could be used, and a
stolen copy of it lets nobody in. The token itself is shown once, when it is created.

No HTTP here (app/api/guard.py answers the requests); the `helpline token` commands and the server share this.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import logging
import os
import secrets
import stat
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import Field, ValidationError

from app import atomic_write as atomic
from app.domain.models import Model, Username
from app.errors import NotFound, StoreDamaged

log = logging.getLogger(__name__)
TOKENS_FILE = "tokens.json"
# The tokens `helpline --backend rt serve` accepts, in the Helpline data folder (RT has no store folder).
RT_TOKENS_FILE = "rt-serve-tokens.json"
FORMAT = "helpline-tokens"
TOKEN_BYTES = 32
# Longer than any token this module makes (43 characters); anything longer is refused unhashed.
MAX_TOKEN_CHARS = 256
_UNREAD = (-1, -1, -1)  # the stamp of a file not read yet (None is one that does not exist)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class TokenRecord(Model):
    """One token as the file keeps it: never the token, only its SHA-256."""

    id: str = Field(min_length=1, max_length=32)
    agent: Username
    created: datetime
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class TokenFileData(Model):
    format: str = FORMAT
    tokens: list[TokenRecord] = Field(default_factory=list)


class TokenFile:
    """The tokens of one served adapter: `tokens.json` in the store folder, or the RT-serve file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def records(self) -> list[TokenRecord]:
        """Every token, oldest first; none when the file does not exist. A damaged file raises StoreDamaged
        with its path, and is never overwritten (a write reads it first)."""
        try:
            raw = _read_no_link(self.path)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreDamaged(str(self.path), f"cannot read: {exc.strerror or exc}") from exc
        try:
            data = TokenFileData.model_validate_json(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise StoreDamaged(str(self.path), f"{where + ': ' if where else ''}{first['msg']}") from exc
        if data.format != FORMAT:
            raise StoreDamaged(str(self.path), f"not a Helpline tokens file (format {data.format!r})")
        return data.tokens

    def _save(self, records: list[TokenRecord]) -> None:
        payload = TokenFileData(tokens=records).model_dump(mode="json")
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Owner-only although the file holds no token: who may serve is nobody else's business either.
        atomic.atomic_write(self.path, json.dumps(payload, indent=2).encode("utf-8") + b"\n", mode=0o600)

    def create(self, agent: str) -> tuple[TokenRecord, str]:
        """A new token of `agent`: its record (kept) and the token itself (shown once, kept nowhere)."""
        records = self.records()
        token = secrets.token_urlsafe(TOKEN_BYTES)
        taken = {record.id for record in records}
        token_id = secrets.token_hex(4)
        while token_id in taken:
            token_id = secrets.token_hex(4)
        record = TokenRecord(id=token_id, agent=agent, created=datetime.now(UTC).replace(microsecond=0),
                             sha256=digest(token))
        self._save([*records, record])
        return record, token

    def revoke(self, token_id: str) -> TokenRecord:
        records = self.records()
        kept = [record for record in records if record.id != token_id]
        if len(kept) == len(records):
            raise NotFound(f"no token {token_id} in {self.path}")
        self._save(kept)
        return next(record for record in records if record.id == token_id)


class Authenticator:
    """Answers which agent a presented token belongs to, from a TokenFile that it reads again whenever the file
    changed (so `helpline token revoke` takes effect on a running server at its next request).

    `only_agent`: the one agent whose tokens count (serving RT acts as the configured agent only)."""

    def __init__(self, tokens: TokenFile, only_agent: str | None = None) -> None:
        self.tokens = tokens
        self.only_agent = only_agent
        self._stamp: tuple[int, int, int] | None = _UNREAD
        self._by_digest: dict[str, TokenRecord] = {}
        self.damaged: StoreDamaged | None = None

    def _current_stamp(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.tokens.path)
        except FileNotFoundError:
            return None
        # atomic_write renames a new file over the old one, so every change is a new inode as well.
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def refresh(self) -> None:
        try:
            stamp = self._current_stamp()
        except OSError as exc:
            self.damaged = StoreDamaged(str(self.tokens.path), f"cannot read: {exc.strerror or exc}")
            return
        if stamp == self._stamp:
            return
        try:
            records = self.tokens.records()
        except StoreDamaged as exc:
            # Fail closed: a file that cannot be read lets nobody in until it is mended. The operator reads why
            # here; a caller is told only that the server cannot check tokens.
            if self.damaged is None:
                log.error("every request is refused until the tokens file is mended: %s", exc)
            self.damaged, self._by_digest, self._stamp = exc, {}, _UNREAD
            return
        self.damaged = None
        self._by_digest = {record.sha256: record for record in records}
        self._stamp = stamp

    def count(self) -> int:
        self.refresh()
        return len(self._by_digest)

    def record_of(self, token: str) -> TokenRecord | None:
        """The record of a valid token, else None. The lookup is by digest: timing it tells nothing about
        any token, only about digests, which cannot be turned back into a token."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            return None
        self.refresh()
        return self._by_digest.get(digest(token))


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    waiting: int = 0


@dataclass
class LoginThrottle:
    """A growing delay for failed logins from one client address: `first` seconds, doubling with each failure
    and capped at `cap`, forgotten `forget_after` seconds after the last one. Each failed request waits on its
    own (asyncio.sleep in that request), so nobody else waits; an address that already has `max_waiting`
    requests waiting is refused at once, before its token is even looked at, so its waiting requests cannot
    take up the server's concurrency limit and it learns nothing from being quick."""

    first: float = 0.1
    cap: float = 4.0
    forget_after: float = 900.0
    max_waiting: int = 4
    max_clients: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _clients: OrderedDict[str, _Failures] = field(default_factory=OrderedDict)

    def _entry(self, client: str) -> _Failures | None:
        entry = self._clients.get(client)
        if entry is not None and entry.waiting == 0 and self.clock() - entry.last > self.forget_after:
            del self._clients[client]
            return None
        return entry

    def saturated(self, client: str) -> bool:
        entry = self._entry(client)
        return entry is not None and entry.waiting >= self.max_waiting

    def delay(self, client: str) -> float:
        """What the next failure from `client` waits: the delay a failure now would get."""
        entry = self._entry(client)
        count = entry.count if entry is not None else 0
        return float(min(self.cap, self.first * 2 ** min(count, 32)))

    async def failed(self, client: str) -> None:
        """Count a failed login and wait its delay."""
        wait = self.delay(client)
        entry = self._entry(client) or _Failures()
        entry.count += 1
        entry.last = self.clock()
        entry.waiting += 1
        self._clients[client] = entry
        self._clients.move_to_end(client)
        while len(self._clients) > self.max_clients:  # a flood of addresses cannot fill the memory
            self._clients.popitem(last=False)
        try:
            await asyncio.sleep(wait)
        finally:
            entry.waiting -= 1
            entry.last = self.clock()


def _read_no_link(path: Path) -> bytes:
    """The file's bytes, never through a symbolic link nor from a FIFO or device: who may serve is decided by
    this file, so it must be the store's own (the store refuses links the same way, app/backends/store_files)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)
