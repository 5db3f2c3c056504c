"""Settings: who I am, which language, which backend. One TOML file in the user config folder.

Pydantic validates (every model forbids unknown keys, so a typo is an error rather than a silently
ignored setting); tomllib reads, tomli_w writes; platformdirs finds the folders. No Textual here:
the CLI and the tests load settings without a terminal.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from enum import Enum
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import platformdirs
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from app import atomic_write as atomic
from app.domain.categories import DEFAULT_CATEGORY_KEYWORDS
from app.domain.enums import Role
from app.mail.settings import MAIL_SECRET_KEYS, MailSettings

APP_NAME = "helpline"
CONFIG_FILE = "config.toml"
LOG_FILE = "helpline.log"
# A config file is a few hundred bytes; anything near this size is not one (and must not fill the memory).
MAX_CONFIG_BYTES = 1024 * 1024
ENV_CONFIG_DIR = "HELPLINE_CONFIG_DIR"
ENV_DATA_DIR = "HELPLINE_DATA_DIR"
# Secrets from the environment keep them out of the file (and win over it).
ENV_TOKEN = "HELPLINE_TOKEN"
ENV_PASSWORD = "HELPLINE_PASSWORD"
SECRET_KEYS = ("token", "password")
REDACTED = "***"
# Limits of the `[categories]` table (R-DISPATCH-5 suggestions): generous for a desk, small for a screen.
MAX_CATEGORIES = 200
MAX_KEYWORDS = 200
MAX_KEYWORD_CHARS = 60


def is_sendable_username(name: str) -> bool:
    """Every request names the acting agent in an HTTP header, which carries printable ASCII only."""
    return re.fullmatch(r"[!-~]{1,64}", name) is not None


class Identity(BaseModel):
    """The agent at the keyboard."""

    model_config = ConfigDict(extra="forbid")

    username: str = Field("anna", min_length=1, description="Login name; the actor of every action.")
    name: str = Field("Anna Berg", description="Full name shown in the journal and in messages.")
    team: str = Field("support", description="Team whose queue opens first.")
    roles: list[Role] = Field(
        default_factory=lambda: [Role.FIRST_LINE, Role.DISPATCHER],
        description="Roles held (R-ROLE-1); a person may hold several.",
    )

    @field_validator("username")
    @classmethod
    def _sendable(cls, value: str) -> str:
        if not is_sendable_username(value):
            raise ValueError("1 to 64 printable ASCII characters, no spaces")
        return value


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a backend's base URL, or None. The HTTP library refuses such URLs with an exception
    of its own, and a control character in one would reach the terminal in every message that names it."""
    if any(not ch.isprintable() or ch.isspace() for ch in url):
        return "a URL has no spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number from 0 to 65535)
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http:// or https:// URL with a host"
    return None


class BackendSettings(BaseModel):
    """Where tickets live: a local store folder, a Helpline adapter over HTTP, or Request Tracker."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["local", "http", "rt"] = Field("local", description="Which backend answers.")
    store: Path | None = Field(
        None, description="Local store folder (kind = local); unset means the default data folder / store."
    )
    url: str | None = Field(None, description="Base URL of the adapter (kind = http or rt).")
    read_only: bool = Field(
        False, description="kind = local: open the store to read everything and change nothing (a store on a "
        "read-only disk, or one being repaired); `helpline --read-only` sets it for one run."
    )
    trust_foreign: bool = Field(
        False, description="kind = local: open a store folder that belongs to another user or that others may "
        "write (refused otherwise: whoever can write it can change every ticket); `helpline --trust-foreign` "
        "sets it for one run."
    )
    token: SecretStr | None = Field(None, description=f"Bearer token; {ENV_TOKEN} overrides it.")
    username: str | None = Field(None, description="Login for backends with user and password.")
    password: SecretStr | None = Field(None, description=f"Password; {ENV_PASSWORD} overrides it.")
    verify_tls: bool = Field(True, description="Check the server's TLS certificate.")
    desk: Path | None = Field(
        None, description="Desk file for kind = rt (teams' line, dispatchers, hours; agents' roles), as "
        "`helpline rt-setup --out DIR` writes it (DIR/desk.json); unset means the demo desk."
    )
    session: bool = Field(
        True, description="kind = rt with a password: log in once and reuse RT's session cookie (a password "
        "on every request costs RT a bcrypt check)."
    )
    rt_base_url: str | None = Field(
        None, description="kind = rt: RT's own WebBaseURL when it differs from `url` (a proxy, a tunnel, another "
        "host name). A cookie session's writes carry it as Origin, which RT's CSRF protection checks."
    )
    header_fallback: bool = Field(
        True, description="kind = rt with a password: when RT refuses the session's writes as cross-site, send "
        "the password with every request instead (slower) rather than fail."
    )
    timeout: float = Field(10.0, gt=0, description="Seconds to wait for the backend before giving up.")

    @field_validator("url", "rt_base_url")
    @classmethod
    def _usable_url(cls, value: str | None) -> str | None:
        problem = url_problem(value) if value else None
        if problem:
            raise ValueError(problem)
        return value


class Settings(BaseModel):
    """Everything in config.toml."""

    model_config = ConfigDict(extra="forbid")

    me: Identity = Field(default_factory=Identity, description="The agent at the keyboard.")
    language: Literal["en", "da", "sv", "nl"] = Field("en", description="Language of the interface.")
    backend: BackendSettings = Field(default_factory=BackendSettings, description="Where tickets live.")
    update_flag_overdue_hours: float = Field(
        24, gt=0, description="R-FLAG-1: an Update flag up longer than this is shown as overdue."
    )
    refresh_seconds: float = Field(
        30, ge=0, description="How often the queue on screen reloads by itself, so what other agents changed "
        "shows up (0: only on `r`)."
    )
    stale_after_hours: float = Field(
        48, gt=0,
        description="R-ESC-4: no progress for longer than this surfaces a ticket for hierarchical "
        "escalation.",
    )
    demo_on_first_run: bool = Field(
        True, description="Fill the default store with demo tickets the first time Helpline starts."
    )
    mail: MailSettings | None = Field(
        None, description="R-MAIL-1/2: the local store's mail (SMTP out, IMAP in); without it letters are "
        "recorded as not sent."
    )
    opener: str | None = Field(
        None, description="Issue 19: the program an attachment is opened with (the journal's f), given the file's "
        "path, e.g. \"xdg-open\" or \"open -a Preview\"; unset: xdg-open (open on macOS).",
    )
    download_folder: Path | None = Field(
        None, description="Issue 19: where a saved attachment goes unless you name another folder; unset: "
        "~/Downloads, or the current folder without one.",
    )
    keymap: dict[str, str] = Field(
        default_factory=dict, description="Keys of your own: a binding id (the README lists them) to a key or "
        "keys, e.g. \"journal.note\" = \"N\" or \"queue.filter\" = \"slash,f\". A clash is refused at start, with "
        "both ids named.",
    )
    categories: dict[str, list[str]] = Field(
        default_factory=lambda: {name: list(words) for name, words in DEFAULT_CATEGORY_KEYWORDS.items()},
        description="R-DISPATCH-5: category -> keywords; a hand-over suggests the category whose keywords its "
        "description holds. The table replaces the default one whole; an empty table suggests nothing.",
    )

    @field_validator("keymap")
    @classmethod
    def _usable_keymap(cls, table: dict[str, str]) -> dict[str, str]:
        if len(table) > MAX_CATEGORIES:
            raise ValueError(f"at most {MAX_CATEGORIES} keys")
        for name, keys in table.items():
            if not re.fullmatch(r"[a-z_]+\.[a-z_]+", name):
                raise ValueError(f"{name!r} is not a binding id such as journal.note")
            if not keys.strip() or len(keys) > MAX_KEYWORD_CHARS or not keys.isprintable() or " " in keys.strip():
                raise ValueError(f"{name}: a key such as N, ctrl+n or f5 (several: a comma between)")
        return table

    @field_validator("categories")
    @classmethod
    def _usable_categories(cls, table: dict[str, list[str]]) -> dict[str, list[str]]:
        if len(table) > MAX_CATEGORIES:
            raise ValueError(f"at most {MAX_CATEGORIES} categories")
        cleaned = {}
        for name, keywords in table.items():
            shown = " ".join(name.split())
            if not shown or len(shown) > MAX_KEYWORD_CHARS or not shown.isprintable():
                raise ValueError(f"a category is named in 1 to {MAX_KEYWORD_CHARS} printable characters")
            if len(keywords) > MAX_KEYWORDS:
                raise ValueError(f"{shown}: at most {MAX_KEYWORDS} keywords")
            kept = [" ".join(keyword.split()) for keyword in keywords]
            if any(not keyword or len(keyword) > MAX_KEYWORD_CHARS or not keyword.isprintable() for keyword in kept):
                raise ValueError(f"{shown}: each keyword is 1 to {MAX_KEYWORD_CHARS} printable characters")
            if not kept:
                raise ValueError(f"{shown}: give it at least one keyword")
            cleaned[shown] = kept
        return cleaned


class ConfigError(Exception):
    """A config file that cannot be used: names the file, the key and why, on one line."""

    def __init__(self, path: Path, problems: list[tuple[str, str]]) -> None:
        self.path = path
        # (dotted key or "" when the problem is the file itself, reason)
        self.problems = problems
        parts = [f"{key}: {reason}" if key else reason for key, reason in problems]
        super().__init__(f"{path}: " + "; ".join(parts))


# --- folders ---------------------------------------------------------------------------------


def _dir_from_env(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    # appauthor=False: on Windows, avoid the doubled "helpline\helpline" folder.
    return _dir_from_env(ENV_CONFIG_DIR) or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return _dir_from_env(ENV_DATA_DIR) or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def default_store_dir() -> Path:
    return data_dir() / "store"


def log_path() -> Path:
    """The command line's private log: what went wrong inside, with its traceback, kept off the terminal."""
    return data_dir() / LOG_FILE


def resolve_store_dir(settings: Settings, override: Path | None = None) -> Path:
    """The local store folder: command-line override, else the config, else the default."""
    chosen = override or settings.backend.store
    return chosen.expanduser() if chosen is not None else default_store_dir()


# --- loading ---------------------------------------------------------------------------------


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _reason(error: Any) -> str:
    # Pydantic's own wording, except the unknown-key one, which reads better in a config context.
    # The offending input is deliberately not echoed: it may be a secret.
    if error["type"] == "extra_forbidden":
        return "unknown key"
    return str(error["msg"])


def _file_secrets(data: dict[str, Any]) -> list[str]:
    found = []
    for table, keys in (("backend", SECRET_KEYS), ("mail", tuple(MAIL_SECRET_KEYS))):
        section = data.get(table)
        if isinstance(section, dict):
            found += [f"{table}.{key}" for key in keys if section.get(key)]
    return found


def _permission_warning(path: Path, mode: int, data: dict[str, Any]) -> str | None:
    secrets = _file_secrets(data)
    if not secrets or os.name != "posix":  # POSIX modes mean nothing on Windows
        return None
    if mode & 0o077 == 0:
        return None
    return (f"{path} holds {'/'.join(secrets)} but its mode is {mode:04o}, readable by others: "
            f"run `chmod 600 {path}` or use {ENV_TOKEN}/{ENV_PASSWORD}/{'/'.join(MAIL_SECRET_KEYS.values())}")


def _apply_env_secrets(data: dict[str, Any]) -> None:
    for key, env in (("token", ENV_TOKEN), ("password", ENV_PASSWORD)):
        value = os.environ.get(env)
        if not value:  # an empty variable counts as unset, so `HELPLINE_TOKEN= helpline` does not blank it
            continue
        backend = data.setdefault("backend", {})
        if isinstance(backend, dict):  # otherwise validation reports `backend` itself
            backend[key] = value
    mail = data.get("mail")
    for key, env in MAIL_SECRET_KEYS.items():
        value = os.environ.get(env)
        if value and isinstance(mail, dict):  # a password alone configures no mail
            mail[key] = value


def _read_config(path: Path) -> tuple[bytes, int] | None:
    """The file's bytes and permission bits, None when there is none; ConfigError unless a small regular file.

    Checked on the open descriptor, before reading: /dev/zero or a huge file would fill the memory, and a FIFO
    would wait for a writer forever (hence O_NONBLOCK, which means nothing for a regular file).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(path, [("", f"cannot read: {exc.strerror or exc}")]) from exc
    too_large = ConfigError(path, [("", f"larger than {MAX_CONFIG_BYTES // 2**20} MB: not a config file")])
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(path, [("", "not a regular file")])
        if info.st_size > MAX_CONFIG_BYTES:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        # Read to the end, but never more than the limit: the file may have grown since fstat.
        while chunk := os.read(fd, MAX_CONFIG_BYTES + 1 - size):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_CONFIG_BYTES:
                raise too_large
    except OSError as exc:
        raise ConfigError(path, [("", f"cannot read: {exc.strerror or exc}")]) from exc
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    return raw, stat.S_IMODE(info.st_mode)


def _parse_toml(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(path, [("", f"not UTF-8 text (byte {exc.start})")]) from exc
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's message ends with "(at line N, column M)".
        raise ConfigError(path, [("", f"TOML syntax error: {exc}")]) from exc
    except RecursionError as exc:
        # tomllib parses nested arrays and inline tables recursively; no setting is nested more than twice.
        raise ConfigError(path, [("", "values nested too deeply")]) from exc


def load_settings_with_warnings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Settings from `path` (default: config_path()), plus warnings worth showing the user.

    A missing file gives the defaults. Raises ConfigError for unreadable files, files that are not small
    regular files, TOML syntax errors and invalid values.
    """
    path = path or config_path()
    warnings: list[str] = []
    read = _read_config(path)
    data: dict[str, Any] = {}
    if read is not None:
        raw, mode = read
        data = _parse_toml(path, raw)
        warning = _permission_warning(path, mode, data)
        if warning:
            warnings.append(warning)
    _apply_env_secrets(data)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(path, [(_loc(e["loc"]), _reason(e)) for e in exc.errors()]) from exc
    return settings, warnings


def load_settings(path: Path | None = None) -> Settings:
    return load_settings_with_warnings(path)[0]


# --- saving ----------------------------------------------------------------------------------


def _plain(value: Any, secret: Any) -> Any:
    """A model dump made TOML/JSON-able: `secret` decides what a SecretStr becomes; None drops out."""
    if isinstance(value, dict):
        return {k: _plain(v, secret) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v, secret) for v in value if v is not None]
    if isinstance(value, SecretStr):
        return secret(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    return value


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings as TOML, atomically and readable by the owner only (it may hold secrets)."""
    path = path or config_path()
    data = _plain(settings.model_dump(), lambda s: s.get_secret_value())
    payload = tomli_w.dumps(data).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Owner-only (0600) from the moment the file exists, and replaced atomically: a crash leaves the old
    # file or the new one, never half of either.
    atomic.atomic_write(path, payload, mode=0o600)
    return path


def redacted_url(url: str) -> str:
    """A URL as it may be shown or logged: a password written into it (user:secret@host) becomes ***."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username}:{REDACTED}@{host}"))


def redacted(settings: Settings) -> dict[str, Any]:
    """Effective settings as a JSON-able dict, secrets shown as "***" (None when unset)."""
    data = settings.model_dump()
    backend = data["backend"]
    for key in SECRET_KEYS:
        backend[key] = REDACTED if backend[key] is not None else None
    if backend["url"]:
        backend["url"] = redacted_url(backend["url"])
    if data["mail"] is not None:
        for key in MAIL_SECRET_KEYS:
            data["mail"][key] = REDACTED if data["mail"][key] is not None else None
    # Show the folder actually used, not "unset".
    backend["store"] = resolve_store_dir(settings)

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return _plain(value, lambda _s: REDACTED)

    return plain(data)
