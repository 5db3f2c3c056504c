"""A small typed client of Request Tracker 5's REST2 API: authentication, and RT's errors made plain.

RT's quirks (measured on RT 5.0.3; the README's Request Tracker section) are handled here, once:
- a PUT answers 200 with a list of messages even when it changed nothing ("Permission Denied",
  "You can't change status …"): those messages become typed errors;
- a stale If-Match gives 412, which is a Conflict;
- timeouts, refused connections, dropped responses, 5xx and bodies that are not JSON become Unavailable
  naming the server, never a traceback;
- basic auth and tokens cost a bcrypt check on every request, so a user and password log in once
  (REST 1.0's form login) and the cookie session is reused, and renewed once when it expires;
- since Debian's RT 5.0.3+dfsg-3~deb12u7, REST2 applies RT's CSRF check to every cookie-authenticated
  request that is not GET/HEAD/OPTIONS: it must carry an `Origin` that RT takes for its own (its
  WebBaseURL). The session sends RT's base URL as Origin (about 50 ms a call, against about 330 ms for a
  bcrypt check per request at RT's default cost); when RT still refuses it as cross-site (a proxy or tunnel
  in between, a wrong `rt_base_url`), the client falls back to the password on every request, slower but
  working, or fails with one line naming the cause and the remedies (see `csrf_remedy`).
Secrets never appear in a message: the server is named by its redacted URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.client import parsed_json, send
from app.config import redacted_url
from app.errors import Conflict, Forbidden, Invalid, NotFound, Refused, Unauthorized, Unavailable

REST2 = "/REST/2.0"
PAGE_MAX = 100  # RT's largest page
# The messages of a 200 that mean nothing (or not all) was changed, and the error each becomes.
_FAILURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"permission denied", re.I), "forbidden"),
    (re.compile(r"you can't change status|isn't a valid status|status .* is not valid", re.I), "status"),
    (re.compile(r"may not own tickets|could not change owner|couldn't change owner", re.I), "owner"),
    # A move to a queue of another lifecycle that RT's config maps no statuses for (rt-setup writes the maps).
    (re.compile(r"no mapping for statuses", re.I), "queue"),
    (re.compile(r"is not a valid value|invalid value|could not add new custom field value|"
                r"could not load|couldn't load|no such|can't be (?:empty|set)|failed", re.I), "invalid"),
)
# RT's answer to a cookie request whose Origin/Referer it does not take for its own (CVE-2026-108277 fix).
CSRF_REFUSAL = re.compile(r"cross-site request forgery", re.I)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, as a browser would send it in `Origin` (no path, no credentials)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def csrf_remedy(server: str, origin: str) -> str:
    """The one line an agent sees when RT refuses the session as cross-site and no fallback is left."""
    return (f"{server} refused the request as cross-site (RT's CSRF protection does not take {origin} for its "
            "own address): set backend.rt_base_url to RT's WebBaseURL, or ask RT's admin to add that host to "
            "@ReferrerWhitelist, or use an RT auth token (backend.token)")


class RtError(Exception):
    """What RT refused, in its own words (kept literal: it is shown as text)."""


class RtClient:
    """One agent's connection to RT. `auth` is ("token", token) or ("password", user, password)."""

    def __init__(self, url: str, auth: tuple[str, ...], *, timeout: float = 10.0, verify: bool = True,
                 transport: httpx.AsyncBaseTransport | None = None, session: bool = True,
                 base_url: str | None = None, header_fallback: bool = True) -> None:
        """`base_url` is RT's own WebBaseURL when the agent reaches RT at another address (a proxy, a
        tunnel); `header_fallback` allows the password on every request when RT refuses the session."""
        self.server = redacted_url(url)
        self._auth = auth
        self._session = session and auth[0] == "password"
        self.origin = origin_of(base_url or url)
        self._header_fallback = header_fallback and auth[0] == "password"
        self.fallback_reason: str | None = None  # set once the session gave way to header authentication
        headers = {"Accept": "application/json"}
        if auth[0] == "token":
            headers["Authorization"] = f"token {auth[1]}"
        basic = (auth[1], auth[2]) if auth[0] == "password" and not self._session else None
        self.http = httpx.AsyncClient(base_url=url.rstrip("/"), timeout=timeout, verify=verify, headers=headers,
                                      auth=basic, transport=transport, follow_redirects=False)
        self._logged_in = False

    @property
    def username(self) -> str | None:
        return self._auth[1] if self._auth[0] == "password" else None

    async def aclose(self) -> None:
        await self.http.aclose()

    # ----- transport ----------------------------------------------------------------------------

    async def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await send(self.http, self.server, method, path, **kwargs)

    async def login(self) -> None:
        """REST 1.0's form login sets RT's session cookie; a wrong password still answers 200 (RT's quirk)."""
        _, user, password = self._auth
        self.http.cookies.clear()
        response = await self._send("POST", "/REST/1.0/", data={"user": user, "pass": password})
        if response.status_code >= 500:
            raise Unavailable(f"{self.server} failed to log in (HTTP {response.status_code})", self.server)
        if response.status_code != 200 or "401 Credentials required" in response.text or not self.http.cookies:
            raise Unauthorized(f"{self.server} did not accept the login of {user!r}: check the user and password")
        self._logged_in = True

    async def request(self, method: str, path: str, *, json: Any = None, params: Any = None,
                      headers: dict[str, str] | None = None) -> httpx.Response:
        async def attempt() -> httpx.Response:
            sent = dict(headers or {})
            if self._session and method.upper() not in _SAFE_METHODS:
                sent["Origin"] = self.origin  # RT's CSRF check takes a cookie write only from its own origin
            return await self._send(method, REST2 + path, json=json, params=params, headers=sent)

        if self._session and not self._logged_in:
            await self.login()
        response = await attempt()
        if self._session and response.status_code in (401, 302):
            await self.login()  # the session expired or RT restarted: once more with a new one
            response = await attempt()
        if self._session and _refused_as_cross_site(response):
            if not self._header_fallback:
                raise Forbidden(csrf_remedy(self.server, self.origin))
            self._use_header_auth()
            response = await attempt()
            if response.status_code in (401, 302) or _refused_as_cross_site(response):
                raise Forbidden(csrf_remedy(self.server, self.origin) + "; RT refused the password on each "
                                "request too")
        self._raise_for(response)
        return response

    def _use_header_auth(self) -> None:
        """From now on the password goes with every request (RT checks no Origin then): slower, but
        the agent can work while the admin sets RT's base URL or whitelist."""
        _, user, password = self._auth
        self._session = False
        self.http.cookies.clear()
        self.http.auth = httpx.BasicAuth(user, password)
        self.fallback_reason = (f"{self.server} refused the session as cross-site from {self.origin}; "
                                "logging in on every request instead (slower)")

    def _raise_for(self, response: httpx.Response) -> None:
        if response.status_code < 400 and response.status_code != 302:
            return
        message = _message_of(response)
        status = response.status_code
        if status in (401, 302):
            raise Unauthorized(f"{self.server} did not accept the credentials: {message}")
        if status == 403:
            raise Forbidden(f"{self.server} refused: {message}")
        if status == 404:
            raise NotFound(f"{self.server}: {message}")
        if status == 412:
            raise Conflict("the ticket was changed by someone else since you read it: reload it and try again")
        if status >= 500:
            raise Unavailable(f"{self.server} failed (HTTP {status}){': ' + message if message else ''}",
                              self.server)
        raise Invalid(f"{self.server} refused the request: {message}")

    async def json(self, method: str, path: str, **kwargs: Any) -> Any:
        return parsed_json(await self.request(method, path, **kwargs), self.server)

    # ----- REST2 --------------------------------------------------------------------------------

    async def get(self, path: str, **params: Any) -> Any:
        return await self.json("GET", path, params=params or None)

    async def get_with_etag(self, path: str) -> tuple[Any, str]:
        response = await self.request("GET", path)
        return parsed_json(response, self.server), response.headers.get("ETag", "")

    async def pages(self, path: str, search: list[dict[str, Any]] | None = None, **params: Any) -> list[dict[str, Any]]:
        """Every item of a listing (filtered by a JSON search when given): RT gives no totals to
        non-superusers, so page until a page comes back short."""
        items: list[dict[str, Any]] = []
        page = 1
        while True:
            paged = {**params, "per_page": PAGE_MAX, "page": page}
            if search is None:
                data = await self.get(path, **paged)
            else:
                data = await self.json("POST", path, json=search, params=paged)
            batch = data.get("items") or []
            items.extend(batch)
            if len(batch) < PAGE_MAX:
                return items
            page += 1

    async def create(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        data = await self.json("POST", path, json=body)
        return data if isinstance(data, dict) else {}

    async def message(self, ticket_id: int, kind: str, body: dict[str, Any]) -> int | None:
        """A comment or correspondence; the transaction's id, from the Location RT answers with."""
        response = await self.request("POST", f"/ticket/{ticket_id}/{kind}", json=body)
        check_messages(_decoded(response))
        match = re.search(r"/transaction/(\d+)", response.headers.get("Location", ""))
        return int(match.group(1)) if match else None

    async def update(self, ticket_id: int, body: dict[str, Any], etag: str | None) -> None:
        """PUT with If-Match; RT's 200 carries messages that may say it did not happen."""
        headers = {"If-Match": etag} if etag else None
        response = await self.request("PUT", f"/ticket/{ticket_id}", json=body, headers=headers)
        check_messages(_decoded(response))


def _refused_as_cross_site(response: httpx.Response) -> bool:
    return response.status_code == 403 and bool(CSRF_REFUSAL.search(_message_of(response)))


def _decoded(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return []


def _message_of(response: httpx.Response) -> str:
    data = _decoded(response)
    if isinstance(data, dict):
        return str(data.get("message") or "").strip()
    return response.text.strip()[:200] if "json" not in response.headers.get("content-type", "") else ""


def check_messages(messages: Any) -> None:
    """Turn the failures hidden in a 200's message list into typed errors."""
    if not isinstance(messages, list):
        return
    for raw in messages:
        text = str(raw)
        for pattern, kind in _FAILURES:
            if not pattern.search(text):
                continue
            if kind == "forbidden":
                raise Forbidden(f"RT refused: {text}")
            if kind == "status":
                raise Refused("R-STATUS-1", f"RT refused the status change: {text}", "status")
            if kind == "owner":
                raise Refused("R-DISPATCH-3", f"RT refused the owner: {text}", "owner")
            if kind == "queue":
                raise Invalid(f"RT refused the move to another queue: {text}", "team")
            raise Invalid(f"RT refused: {text}")
