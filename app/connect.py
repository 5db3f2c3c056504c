"""From settings to a client: which adapter answers, mounted in-process or reached at a URL."""

from __future__ import annotations

from pathlib import Path

import httpx

from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import Settings, redacted_url, resolve_store_dir
from app.errors import Invalid

LOCAL_BASE_URL = "http://local-store"


def local_client(store_dir: Path, actor: str) -> HelplineClient:
    """The embedded default: the local store adapter as an in-process httpx transport (no socket)."""
    from app.api.server import build_app
    from app.backends.local import LocalBackend

    backend = LocalBackend(LocalStore(store_dir))
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(backend)), base_url=LOCAL_BASE_URL)
    return HelplineClient(http, actor, f"local store at {store_dir}")


def remote_client(url: str, actor: str, settings: Settings) -> HelplineClient:
    """Any adapter served at a URL (`helpline serve`, or a third party's)."""
    backend = settings.backend
    headers = {}
    if backend.token is not None:
        headers["Authorization"] = f"Bearer {backend.token.get_secret_value()}"
    http = httpx.AsyncClient(base_url=url.rstrip("/"), timeout=backend.timeout, verify=backend.verify_tls,
                             headers=headers)
    return HelplineClient(http, actor, redacted_url(url))  # the name errors show: never a password


def open_client(settings: Settings, store: Path | None = None) -> HelplineClient:
    kind = settings.backend.kind
    actor = settings.me.username
    if kind == "local":
        return local_client(resolve_store_dir(settings, store), actor)
    if kind == "http":
        if not settings.backend.url:
            raise Invalid("backend.url is needed for backend = \"http\"", "backend.url")
        return remote_client(settings.backend.url, actor, settings)
    raise Invalid(f"backend {kind!r} is not available in this version of Helpline", "backend.kind")
