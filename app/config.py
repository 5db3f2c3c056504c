"""Settings: who I am, the backend, thresholds. TOML in the platformdirs config folder.

Read with tomllib, written with tomli-w. A bad file is one ConfigError naming the file and
the key. Secrets are SecretStr: redacted wherever settings are shown, never logged.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
import tomli_w
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from app.domain.enums import Role

SECRET_ENV = {"token": "HELPLINE_TOKEN", "password": "HELPLINE_PASSWORD"}


class ConfigError(Exception):
    """One line for the user: the file, the key, and why."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Identity(_Section):
    username: str = Field(default="anna", description="Your agent username at the backend.")
    name: str = Field(default="Anna Berg", description="Your full name.")
    team: str = Field(default="support", description="The team whose queue is yours.")
    roles: list[Role] = Field(default_factory=lambda: [Role.FIRST_LINE, Role.DISPATCHER],
                              description="Your roles (R-ROLE-1).")


class BackendSettings(_Section):
    kind: Literal["local", "http", "rt"] = Field(default="local", description="Which adapter answers.")
    store: Path | None = Field(default=None, description="Local store folder; empty: <data folder>/store.")
    url: str | None = Field(default=None, description="Adapter URL for kind = http (or the RT server).")
    token: SecretStr | None = Field(default=None, description="API token (or HELPLINE_TOKEN).")
    username: str | None = Field(default=None, description="Login name at the server, if not a token.")
    password: SecretStr | None = Field(default=None, description="Password (or HELPLINE_PASSWORD).")
    verify_tls: bool = Field(default=True, description="Check the server's TLS certificate.")
    timeout: float = Field(default=10.0, gt=0, description="Seconds before a request counts as unanswered.")


class Settings(_Section):
    me: Identity = Field(default_factory=Identity)
    language: Literal["en", "da", "sv"] = Field(default="en", description="Language of the workstation.")
    backend: BackendSettings = Field(default_factory=BackendSettings)
    update_flag_overdue_hours: float = Field(default=24, gt=0, description="R-FLAG-1: when an Update flag is "
                                             "overdue.")
    stale_after_hours: float = Field(default=48, gt=0, description="R-ESC-4: no progress this long surfaces a "
                                     "ticket for hierarchical escalation.")
    demo_on_first_run: bool = Field(default=True, description="Seed demo data into a new default store.")


def config_dir() -> Path:
    return Path(os.environ.get("HELPLINE_CONFIG_DIR") or platformdirs.user_config_dir("helpline"))


def data_dir() -> Path:
    return Path(os.environ.get("HELPLINE_DATA_DIR") or platformdirs.user_data_dir("helpline"))


def config_path() -> Path:
    return config_dir() / "config.toml"


def default_store_dir() -> Path:
    return data_dir() / "store"


def resolve_store_dir(settings: Settings, override: Path | None = None) -> Path:
    return (override or settings.backend.store or default_store_dir()).expanduser()


def _has_secret(data: dict[str, Any]) -> bool:
    backend = data.get("backend")
    return isinstance(backend, dict) and any(backend.get(key) for key in SECRET_ENV)


def load_settings_with_warnings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings of `path` (default: config_path()) plus warnings for the user."""
    path = path or config_path()
    warnings: list[str] = []
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from exc
        if _has_secret(data) and stat.S_IMODE(path.stat().st_mode) & 0o077:
            warnings.append(f"{path} holds a secret but others can read it: run `chmod 600 {path}`")
    backend = data.setdefault("backend", {})
    if isinstance(backend, dict):
        for key, env in SECRET_ENV.items():
            if os.environ.get(env):
                backend[key] = os.environ[env]  # the environment wins over the file
    try:
        return Settings.model_validate(data), warnings
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        raise ConfigError(f"{path}: {problems}") from exc


def load_settings(path: Path | None = None) -> Settings:
    return load_settings_with_warnings(path)[0]


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically, readable by the owner only (it may hold a secret)."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.model_dump(mode="json", exclude_none=True)  # TOML has no null
    for key in SECRET_ENV:
        secret = getattr(settings.backend, key)
        if secret is not None:
            data["backend"][key] = secret.get_secret_value()
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(tomli_w.dumps(data).encode())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return path


def redacted(settings: Settings) -> dict[str, Any]:
    """The effective values as JSON-ready data, secrets shown as *** (for `helpline config`)."""
    data = settings.model_dump(mode="json")
    for key in SECRET_ENV:
        data["backend"][key] = "***" if getattr(settings.backend, key) is not None else None
    return data
