"""From settings to a client: which adapter answers, mounted in-process or reached at a URL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import ENV_PASSWORD, ENV_TOKEN, Settings, redacted_url, resolve_store_dir
from app.errors import Invalid, Unauthorized
from app.mail.settings import MailSettings

if TYPE_CHECKING:
    from app.backends.rt import Desk, RtBackend
    from app.backends.rt_client import RtClient

LOCAL_BASE_URL = "http://local-store"
RT_BASE_URL = "http://rt-adapter"


def host_of(url: str) -> str:
    """The host (and port) of `url`, as the status line names a server (never its path or credentials)."""
    parsed = httpx.URL(url)
    return parsed.host + (f":{parsed.port}" if parsed.port else "") if parsed.host else url


def local_client(store_dir: Path, actor: str, read_only: bool = False, trust_foreign: bool = False,
                 mail: MailSettings | None = None) -> HelplineClient:
    """The embedded default: the local store adapter as an in-process httpx transport (no socket). `mail`:
    the desk's `[mail]`, through which its outbox is sent (R-MAIL-1)."""
    from app.api.server import build_app
    from app.backends.local import LocalBackend

    backend = LocalBackend(LocalStore(store_dir, read_only=read_only, trust_foreign=trust_foreign), mail=mail)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(backend)), base_url=LOCAL_BASE_URL)
    # The name every message and the status line show: read-only is said wherever the store is named.
    name = f"local store at {store_dir}" + (" (read-only)" if read_only else "")
    return HelplineClient(http, actor, name, short="local" + (" (read-only)" if read_only else ""))


def remote_client(url: str, actor: str, settings: Settings) -> HelplineClient:
    """Any adapter served at a URL (`helpline serve`, or a third party's)."""
    backend = settings.backend
    headers = {}
    if backend.token is not None:
        headers["Authorization"] = f"Bearer {backend.token.get_secret_value()}"
    http = httpx.AsyncClient(base_url=url.rstrip("/"), timeout=backend.timeout, verify=backend.verify_tls,
                             headers=headers)
    # the name errors show: never a password
    return HelplineClient(http, actor, redacted_url(url), short=f"http: {host_of(url)}")


def rt_desk(path: Path | None) -> Desk:
    """The desk file's teams and agents, or the demo desk's (what `helpline rt-setup` provisions by default)."""
    from app.backends.rt import Desk
    from app.domain.advisory import in_desk_zone
    from app.domain.models import Agent, Team

    if path is None:
        from app.demo import demo_people

        teams, agents = demo_people()
    else:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            # R-TEAM-3: `time_zone` beside the teams is the desk's, for a team whose hours name none.
            teams = in_desk_zone([Team.model_validate(team) for team in data["teams"]], data.get("time_zone"))
            agents = [Agent.model_validate(agent) for agent in data["agents"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise Invalid(f"desk file {path} cannot be used: {exc}", "backend.desk") from exc
    return Desk({team.id: team for team in teams}, {agent.username: agent for agent in agents})


def rt_auth(settings: Settings) -> tuple[str, ...]:
    backend = settings.backend
    if backend.token is not None:
        return ("token", backend.token.get_secret_value())
    if backend.password is not None:
        return ("password", backend.username or settings.me.username, backend.password.get_secret_value())
    raise Invalid("backend = \"rt\" needs a token, or a password (config.toml or "
                  f"{ENV_TOKEN} / {ENV_PASSWORD})", "backend.token")


def rt_backend(settings: Settings, desk: Desk | None = None,
               connect: Callable[[str], RtClient] | None = None) -> RtBackend:
    """The RT adapter for these settings. `connect` makes the REST2 client of an agent; by default only the
    configured agent may act, with the configured credentials (the tests pass one that logs each agent in)."""
    from app.backends.rt import RtBackend
    from app.backends.rt_client import RtClient

    backend = settings.backend
    if not backend.url:
        raise Invalid("backend.url is needed for backend = \"rt\" (RT's base URL, e.g. https://rt.example.org)",
                      "backend.url")
    url, actor = backend.url, settings.me.username
    if connect is None:
        auth = rt_auth(settings)

        def connect(agent: str) -> RtClient:
            if agent != actor:
                raise Unauthorized(f"this workstation logs in to RT as {actor}, not {agent}")
            return RtClient(url, auth, timeout=backend.timeout, verify=backend.verify_tls, session=backend.session,
                            base_url=backend.rt_base_url, header_fallback=backend.header_fallback)

    return RtBackend(connect, desk or rt_desk(backend.desk), url=redacted_url(url))


def rt_client(settings: Settings, desk: Desk | None = None,
              connect: Callable[[str], RtClient] | None = None) -> HelplineClient:
    """The RT adapter in-process (like the local store), acting as the configured agent."""
    from app.api.server import build_app

    adapter = rt_backend(settings, desk, connect)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(adapter)), base_url=RT_BASE_URL,
                             timeout=settings.backend.timeout * 4)  # one call of the API is several of RT's
    return HelplineClient(http, settings.me.username, f"Request Tracker at {adapter.url}",
                          short=f"rt: {host_of(adapter.url)}")


def open_client(settings: Settings, store: Path | None = None) -> HelplineClient:
    kind = settings.backend.kind
    actor = settings.me.username
    if kind == "local":
        return local_client(resolve_store_dir(settings, store), actor, settings.backend.read_only,
                            settings.backend.trust_foreign, settings.mail)
    if kind == "http":
        if not settings.backend.url:
            raise Invalid("backend.url is needed for backend = \"http\"", "backend.url")
        return remote_client(settings.backend.url, actor, settings)
    if kind == "rt":
        return rt_client(settings)
    raise Invalid(f"backend {kind!r} is not available in this version of Helpline", "backend.kind")
