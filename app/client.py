"""The workstation's one way to data: an httpx.AsyncClient speaking the adapter API.

It never knows which adapter answers. Problem documents become the typed errors of
app.errors; a transport failure becomes Unavailable naming the server, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter, ValidationError

from app.api import USER_HEADER
from app.api.backend import TicketQuery
from app.api.routes import OPERATIONS
from app.api.schemas import (
    AbsenceIn,
    AssignIn,
    ClosedList,
    DispatchIn,
    EscalationFormIn,
    EscalationIn,
    EscalationUpdateIn,
    FieldsIn,
    FlagsIn,
    HandoverIn,
    InboxReport,
    Meta,
    NoteIn,
    OutboxReport,
    PinIn,
    PriorityIn,
    ReturnIn,
    SplitIn,
    StatusIn,
    TicketPage,
)
from app.domain.limits import MAX_DOWNLOAD_BYTES
from app.domain.models import Agent, Attachment, Model, Team, Ticket
from app.domain.tickets import NewTicket
from app.errors import (
    PROBLEM_TYPES,
    Conflict,
    Forbidden,
    HelplineError,
    Invalid,
    NotFound,
    Refused,
    StoreDamaged,
    Unauthorized,
    Unavailable,
)
from app.i18n import t

R = TypeVar("R")


async def send(http: httpx.AsyncClient, server: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request; a timeout, a refused or dropped connection becomes Unavailable naming `server`."""
    try:
        return await http.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise Unavailable(f"{server} did not answer in time", server) from exc
    except httpx.TransportError as exc:
        raise Unavailable(f"cannot reach {server}: {exc or type(exc).__name__}", server) from exc


def parsed_json(response: httpx.Response, server: str) -> Any:
    """The body as JSON, or Unavailable naming `server` (a proxy's HTML page, a truncated body)."""
    try:
        return response.json()
    except ValueError as exc:
        raise Unavailable(f"{server} answered something that is not JSON", server) from exc


def error_from_response(response: httpx.Response, server: str) -> HelplineError:
    """The typed error of a problem response (or of a response that is not one)."""
    try:
        body = response.json()
        kind = PROBLEM_TYPES.get(body.get("type", ""))
        detail = str(body.get("detail") or body.get("title") or response.reason_phrase)
    except (ValueError, AttributeError):
        body, kind, detail = {}, None, f"HTTP {response.status_code} {response.reason_phrase}"
    if kind is Refused:
        return Refused(body.get("rule") or "R-?", detail, body.get("field"))
    if kind is StoreDamaged:
        return StoreDamaged(body.get("path") or server, detail)
    if kind is Invalid:
        return Invalid(detail, body.get("field"))
    if kind is Unavailable:
        return Unavailable(detail, body.get("server") or server)
    if kind is not None:
        return kind(detail)
    if response.status_code >= 500:
        return Unavailable(f"{server} failed: {detail}", server)
    # A server that is not a Helpline adapter (a proxy, a login wall) answers without a problem document.
    plain: dict[int, type[HelplineError]] = {401: Unauthorized, 403: Forbidden, 404: NotFound, 409: Conflict,
                                             412: Conflict}
    if response.status_code in plain:
        return plain[response.status_code](f"{server}: {detail}")
    return Invalid(detail)


class HelplineClient:
    """Typed calls of the adapter API for one acting agent."""

    def __init__(self, http: httpx.AsyncClient, actor: str, server: str, short: str | None = None) -> None:
        self.http = http
        self.actor = actor
        self.server = server  # how the user knows this backend: a URL or "local store at …"
        # Issue 19: the backend named in the status line, which must fit one line ("local", "rt: host").
        self.short = short or server

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _call(
        self, method: str, path: str, *, body: Model | None = None, version: int | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        headers = {USER_HEADER: self.actor}
        if version is not None:
            headers["If-Match"] = f'"{version}"'
        content = body.model_dump_json(exclude_unset=False).encode() if body is not None else None
        if content is not None:
            headers["Content-Type"] = "application/json"
        response = await send(self.http, self.server, method, path, content=content, headers=headers,
                              params=params)
        if response.is_error:
            raise error_from_response(response, self.server)
        return parsed_json(response, self.server)

    def _parse(self, validate: Callable[[Any], R], data: Any) -> R:
        """An answer of the right shape, or Unavailable naming the server: a third party's adapter that
        answers something else must give the agent a message, never a traceback."""
        try:
            return validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "the body"
            raise Unavailable(f"{self.server} answered something that is not what the Helpline adapter API "
                              f"documents ({where}: {first['msg']})", self.server) from exc

    async def call(self, name: str, *path: str | int, body: Model | None = None, version: int | None = None,
                   params: dict[str, Any] | None = None) -> Any:
        """Any operation of the adapter API by its name in the one table (app/api/routes.py) that the server
        routes and the OpenAPI document lists: its method and path come from there, the path's {fields} are
        filled from `path` in order, and the answer is checked against the operation's response type. A new
        operation needs no new code here. `version`: the ticket's, sent as If-Match; an operation that requires
        it (`version_required`) is not sent without one."""
        op = OPERATION_BY_NAME[name]
        if op.version_required and version is None:
            # The adapter would refuse it (428); a caller that forgot the version is a bug to name here, not a
            # message for the agent.
            raise TypeError(f"{name} changes the ticket: pass the version of the ticket it was made from")
        url = _url(op.path, path, name)
        if op.streamed:  # a file, whole: for small ones; `stream` hands a large one over chunk by chunk
            async with self.stream(name, *path, params=params) as chunks:
                return b"".join([chunk async for chunk in chunks])
        data = await self._call(op.method, url, body=body, version=version if op.versioned else None,
                                params=params)
        return self._parse(_adapter(op.response).validate_python, data)

    @contextlib.asynccontextmanager
    async def stream(self, name: str, *path: str | int, params: dict[str, Any] | None = None,
                     limit: int = MAX_DOWNLOAD_BYTES) -> AsyncIterator[AsyncIterator[bytes]]:
        """A streamed operation's file (issue 19) as chunks, as they arrive: never more than `limit` bytes (a
        file announced larger is refused before a byte is read, one that grows past it is cut off)."""
        op = OPERATION_BY_NAME[name]
        if not op.streamed:
            raise TypeError(f"{name} answers JSON: use call()")
        request = self.http.build_request(op.method, _url(op.path, path, name), params=params,
                                          headers={USER_HEADER: self.actor})
        try:
            response = await self.http.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise Unavailable(f"{self.server} did not answer in time", self.server) from exc
        except httpx.TransportError as exc:
            raise Unavailable(f"cannot reach {self.server}: {exc or type(exc).__name__}", self.server) from exc
        try:
            if response.is_error:
                await response.aread()
                raise error_from_response(response, self.server)
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > limit:
                raise Invalid(t("The file is {mb} MB; at most {limit} MB are fetched.",
                                mb=int(announced) // 2**20, limit=limit // 2**20))
            yield self._limited(response, limit)
        finally:
            await response.aclose()

    async def _limited(self, response: httpx.Response, limit: int) -> AsyncIterator[bytes]:
        got = 0
        try:
            async for chunk in response.aiter_bytes():
                got += len(chunk)
                if got > limit:
                    raise Invalid(t("The file is larger than {limit} MB: it was not fetched.", limit=limit // 2**20))
                yield chunk
        except httpx.TimeoutException as exc:
            raise Unavailable(f"{self.server} did not answer in time", self.server) from exc
        except httpx.TransportError as exc:
            raise Unavailable(f"{self.server} broke off the file: {exc or type(exc).__name__}", self.server) from exc

    def attachment(self, code: str, attachment: Attachment) -> contextlib.AbstractAsyncContextManager[
            AsyncIterator[bytes]]:
        """One attachment of ticket `code`, chunk by chunk (`async with client.attachment(...) as chunks`)."""
        return self.stream("attachment", code, attachment.handle)

    # ----- reading ------------------------------------------------------------------------------

    async def meta(self) -> Meta:
        return await self.call("meta")

    async def me(self) -> Agent:
        return await self.call("me")

    async def teams(self) -> list[Team]:
        return await self.call("teams")

    async def set_absence(self, team: str, body: AbsenceIn) -> Team:
        return await self.call("set_absence", team, body=body)

    async def agents(self) -> list[Agent]:
        return await self.call("agents")

    async def search(self, query: TicketQuery | None = None) -> TicketPage:
        query = query or TicketQuery()
        params: dict[str, Any] = {}
        for name, value in query.model_dump(mode="json", exclude_defaults=True).items():
            params[name] = ",".join(value) if isinstance(value, list) else str(value).lower() \
                if isinstance(value, bool) else value
        return await self.call("search", params=params)

    async def get(self, code: str, latest: int | None = None) -> Ticket:
        """`latest`: the newest entries that must come (and the pinned ones); the adapter may send more."""
        params = {"latest": latest} if latest is not None else None
        return await self.call("get", code, params=params)

    # ----- writing: one line each, for callers that like a typed name ----------------------------

    async def create(self, body: NewTicket) -> Ticket:
        return await self.call("create", body=body)

    async def add_entry(self, code: str, body: NoteIn, version: int | None = None) -> Ticket:
        return await self.call("add_entry", code, body=body, version=version)

    async def pin(self, code: str, entry: int, pinned: bool, version: int) -> Ticket:
        return await self.call("pin", code, entry, body=PinIn(pinned=pinned), version=version)

    async def set_status(self, code: str, body: StatusIn, version: int) -> Ticket:
        return await self.call("set_status", code, body=body, version=version)

    async def begin_work(self, code: str, version: int) -> Ticket:
        return await self.call("begin_work", code, version=version)

    async def set_priority(self, code: str, body: PriorityIn, version: int) -> Ticket:
        return await self.call("set_priority", code, body=body, version=version)

    async def set_flags(self, code: str, body: FlagsIn, version: int) -> Ticket:
        return await self.call("set_flags", code, body=body, version=version)

    async def set_fields(self, code: str, body: FieldsIn, version: int) -> Ticket:
        return await self.call("set_fields", code, body=body, version=version)

    async def dispatch(self, code: str, body: DispatchIn, version: int) -> Ticket:
        return await self.call("dispatch", code, body=body, version=version)

    async def handover(self, code: str, body: HandoverIn, version: int) -> Ticket:
        return await self.call("handover", code, body=body, version=version)

    async def assign(self, code: str, body: AssignIn, version: int) -> Ticket:
        return await self.call("assign", code, body=body, version=version)

    async def return_to_primary(self, code: str, body: ReturnIn, version: int) -> Ticket:
        return await self.call("return_to_primary", code, body=body, version=version)

    async def escalate(self, code: str, body: EscalationIn, version: int) -> Ticket:
        return await self.call("escalate", code, body=body, version=version)

    async def update_escalation(
        self, code: str, number: str, body: EscalationUpdateIn, version: int
    ) -> Ticket:
        return await self.call("update_escalation", code, number, body=body, version=version)

    async def submit_escalation_form(self, code: str, body: EscalationFormIn, version: int) -> Ticket:
        return await self.call("submit_escalation_form", code, body=body, version=version)

    async def split(self, code: str, body: SplitIn) -> list[Ticket]:
        return await self.call("split", code, body=body)

    async def auto_close(self) -> ClosedList:
        return await self.call("auto_close")

    async def send_mail(self) -> OutboxReport:
        return await self.call("send_mail")

    async def fetch_mail(self) -> InboxReport:
        return await self.call("fetch_mail")


OPERATION_BY_NAME = {op.name: op for op in OPERATIONS}


def _url(template: str, path: tuple[str | int, ...], name: str) -> str:
    """The operation's path with its {fields} filled in order, each quoted whole: a value cannot add a part."""
    fields = re.findall(r"{(\w+)}", template)
    if len(fields) != len(path):
        raise TypeError(f"{name} takes {fields}, got {len(path)} values")
    url = template
    for field, value in zip(fields, path, strict=True):
        url = url.replace("{" + field + "}", quote(str(value), safe=""))
    return url


@functools.cache
def _adapter(response: Any) -> TypeAdapter[Any]:
    return TypeAdapter(response)
