"""The served adapter's door: what a request must be before any operation works on it.

In this order, each refusal a problem document and none reading the body:
the Host header must name the server (a web page that rebinds its own name to 127.0.0.1 is answered nothing);
a bearer token must name the acting agent (every operation but the OpenAPI document), a wrong one waiting a
growing delay; a body over the limit is refused from its Content-Length, or, sent in chunks, as soon as what
came exceeds it.

The embedded use (httpx.ASGITransport in the workstation's own process) passes no tokens and no hosts: the
process is its user. The body limit holds there too.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api import USER_HEADER
from app.api.auth import Authenticator, LoginThrottle
from app.api.problems import TooLarge, problem
from app.domain.limits import MAX_BODY_BYTES

AGENT_KEY = "helpline.agent"  # the scope key of the agent a token named; only the guard sets it
OPEN_PATHS = frozenset({("GET", "/v1/openapi.json")})
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
_CLOSE = {"Connection": "close"}


def host_name(value: str) -> str:
    """The name of a Host header without its port, lower case: "[::1]:8765" is "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def served_names(host: str, allowed: Collection[str] = ()) -> frozenset[str]:
    """The Host names a server bound to `host` answers: that host, the loopback names, and those allowed."""
    return frozenset(host_name(name) for name in (host, *LOOPBACK_NAMES, *allowed) if name.strip())


def bearer(headers: Headers) -> str | None:
    value = headers.get("authorization")
    if value is None:
        return None
    scheme, _, token = value.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class Guard:
    """ASGI middleware in front of the operations (see the module's doc)."""

    def __init__(self, app: ASGIApp, auth: Authenticator | None = None, hosts: Collection[str] | None = None,
                 max_body: int = MAX_BODY_BYTES, throttle: LoginThrottle | None = None) -> None:
        self.app = app
        self.auth = auth
        self.hosts = frozenset(host_name(name) for name in hosts) if hosts is not None else None
        self.max_body = max_body
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        # A refusal before the body is read closes the connection: otherwise the server would go on reading
        # (and throwing away) whatever the client still sends.
        has_body = "transfer-encoding" in headers or headers.get("content-length", "0").strip() not in ("", "0")
        close = _CLOSE if has_body else None
        refusal = await self._refusal(scope, headers, close)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self._limited(scope, receive, send)

    async def _refusal(self, scope: Scope, headers: Headers, close: dict[str, str] | None) -> Response | None:
        if self.hosts is not None and host_name(headers.get("host", "")) not in self.hosts:
            return problem(400, "invalid", "Unknown host", "this server does not answer to that Host name (its "
                           "operator can add a name with `helpline serve --allowed-host NAME`)", headers=close,
                           field="Host")
        if self.auth is not None and (scope["method"], scope["path"]) not in OPEN_PATHS:
            refusal = await self._authenticate(scope, headers, close)
            if refusal is not None:
                return refusal
        length = headers.get("content-length")
        if length is not None:
            if not length.strip().isdigit() or not length.isascii():
                return problem(400, "invalid", "Invalid request", "Content-Length is not a number",
                               headers=_CLOSE, field="Content-Length")
            if int(length) > self.max_body:
                return _too_large(self.max_body)
        return None

    async def _authenticate(self, scope: Scope, headers: Headers, close: dict[str, str] | None) -> Response | None:
        assert self.auth is not None
        challenge = {"WWW-Authenticate": 'Bearer realm="helpline"', **(close or {})}
        token = bearer(headers)
        if token is None:
            return problem(401, "unauthorized", "Unauthorized", "this server wants a token of an agent "
                           "(Authorization: Bearer <token>; the workstation sends HELPLINE_TOKEN or backend.token, "
                           "and `helpline token create USER` where it is served makes one)", headers=challenge)
        client = scope["client"][0] if scope.get("client") else "?"
        if self.throttle.saturated(client):
            retry = {"Retry-After": str(int(self.throttle.cap + 0.999)), **(close or {})}
            return problem(429, "unauthorized", "Too many failed logins", "too many failed logins from this "
                           "address at once; wait and try again", headers=retry)
        record = self.auth.record_of(token)
        if self.auth.damaged is not None:
            # The server's log names the file for its operator; a caller learns nothing of the machine.
            return problem(503, "unavailable", "Unavailable", "the server's token file cannot be read; its "
                           "operator must mend it", headers=close)
        if record is None:
            await self.throttle.failed(client)
            return problem(401, "unauthorized", "Unauthorized", "that token is not valid (unknown or revoked)",
                           headers=challenge)
        if self.auth.only_agent is not None and record.agent != self.auth.only_agent:
            return problem(403, "forbidden", "Forbidden", f"serving RT acts as the configured agent only "
                           f"({self.auth.only_agent}), not {record.agent}", headers=close)
        named = headers.get(USER_HEADER, "").strip()
        if named and named != record.agent:
            return problem(403, "forbidden", "Forbidden", f"this token is {record.agent}'s: it cannot act as "
                           f"{named}", headers=close, field=USER_HEADER)
        scope[AGENT_KEY] = record.agent
        return None

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The app with a receive that refuses a body as soon as more than the limit came (chunked bodies say
        no length up front): what was read stays below the limit, never the whole body."""
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise TooLarge(_too_large_detail(self.max_body))
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except TooLarge:
            if started:
                raise
            await _too_large(self.max_body)(scope, receive, send)


def _too_large_detail(limit: int) -> str:
    return f"the request body is over {limit} bytes, the most this server accepts"


def _too_large(limit: int) -> Response:
    return problem(413, TooLarge.problem_type, "Request body too large", _too_large_detail(limit), headers=_CLOSE)

