"""An ASGI app that answers the adapter API for any DeskBackend.

Mounted in-process with httpx.ASGITransport (the embedded default) or served on a socket by
`helpline serve`. Starlette does the routing: small, typed, and the ASGI app httpx mounts.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import to_json
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from app.api import API_VERSION, USER_HEADER
from app.api.auth import Authenticator
from app.api.backend import DeskBackend
from app.api.guard import AGENT_KEY, Guard
from app.api.problems import PROBLEM, TooLarge, problem
from app.api.routes import OPERATIONS, Operation
from app.api.spec import openapi_document
from app.api.streams import OCTET_STREAM, FileStream, stream_headers
from app.domain.errors import RuleViolation
from app.errors import HelplineError, Invalid, PreconditionRequired, Refused, StoreDamaged, Unauthorized, Unavailable

__all__ = ["PROBLEM", "PreconditionRequired", "build_app", "problem", "problem_for"]
log = logging.getLogger(__name__)
# A journal entry's number in a path: digits, few enough that int() is cheap; anything else is a 400, not a 500.
MAX_ENTRY_DIGITS = 9


def problem_for(exc: Exception) -> Response:
    """The one place an exception becomes a problem document."""
    if isinstance(exc, PreconditionRequired):
        return problem(exc.status, exc.problem_type, "Precondition required", exc.message)
    if isinstance(exc, TooLarge):  # the rest of the body is not read: the connection closes
        return problem(exc.status, exc.problem_type, "Request body too large", exc.message,
                       headers={"Connection": "close"})
    if isinstance(exc, RuleViolation):
        return problem(422, Refused.problem_type, "Refused by rule", exc.message, rule=exc.rule, field=exc.field)
    if isinstance(exc, StoreDamaged):
        return problem(exc.status, exc.problem_type, "Store damaged", exc.message, path=exc.path)
    if isinstance(exc, Unavailable):
        return problem(exc.status, exc.problem_type, "Unavailable", exc.message, server=exc.server)
    if isinstance(exc, Invalid):
        return problem(exc.status, exc.problem_type, "Invalid request", exc.message, field=exc.field)
    if isinstance(exc, HelplineError):
        return problem(exc.status, exc.problem_type, type(exc).__name__, exc.message)
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        return problem(400, Invalid.problem_type, "Invalid request", f"{field}: {first['msg']}", field=field)
    log.exception("adapter failed")
    return problem(500, "internal", "Internal error", f"{type(exc).__name__}: the adapter failed")


def _version(request: Request, op: Operation) -> int | None:
    raw = request.headers.get("if-match")
    if raw is None:
        if op.version_required:
            raise PreconditionRequired(f"{request.method} {request.url.path} changes the ticket: send If-Match with "
                                       "the version from the ticket's ETag (GET the ticket first)")
        return None
    try:
        return int(raw.strip().removeprefix("W/").strip('"'))
    except ValueError as exc:
        raise Invalid("If-Match must be the ticket's version, as in its ETag", "If-Match") from exc


def _entry(value: str) -> int:
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_ENTRY_DIGITS):
        raise Invalid(f"entry must be a journal entry's number, not {value[:40]!r}", "entry")
    return int(value)


def _query(request: Request, model: type[BaseModel]) -> BaseModel:
    params: dict[str, Any] = {}
    for key in request.query_params:
        values = request.query_params.getlist(key)
        is_list = key in model.model_fields and get_origin(model.model_fields[key].annotation) is list
        params[key] = [v for value in values for v in value.split(",") if v] if is_list else values[-1]
    return model.model_validate(params)


def _encode(result: Any, op: Operation) -> Response:
    if isinstance(result, BaseModel):
        payload = result.model_dump_json()
    elif isinstance(result, list) and result and isinstance(result[0], BaseModel):
        payload = TypeAdapter(op.response).dump_json(result).decode()
    else:
        # pydantic-core's encoder: a page of 50 rows costs a quarter of json.dumps, on the event loop every caller
        # shares.
        payload = to_json(result).decode()
    headers = {}
    version = getattr(result, "version", None)
    if isinstance(version, int):
        headers["ETag"] = f'"{version}"'
    return Response(payload, status_code=op.status, media_type="application/json", headers=headers)


def _streamed(file: FileStream) -> Response:
    """A file as it is read: chunk by chunk (the whole file is never held), its declared type only named."""
    return StreamingResponse(file.chunks, media_type=OCTET_STREAM, headers=stream_headers(file))


def _method(backend: DeskBackend, op: Operation) -> Callable[..., Awaitable[Any]]:
    """The adapter's own method of the operation's name, else its shared change of that name."""
    own = getattr(backend, op.name, None)
    if own is not None:
        return own
    has_change = getattr(backend, "has_change", None)
    if op.versioned and has_change is not None and has_change(op.name):
        return functools.partial(backend.apply_change, op.name)
    raise TypeError(f"{type(backend).__name__} answers no operation {op.name!r} of the table")


def _endpoint(backend: DeskBackend, op: Operation) -> Callable[[Request], Awaitable[Response]]:
    method = _method(backend, op)

    async def endpoint(request: Request) -> Response:
        try:
            args: list[Any] = []
            if op.name != "meta":
                # Served with tokens, the token's agent acts (the guard refused a header naming anyone else);
                # embedded, the process is its user and the header says whom it acts as.
                actor = request.scope.get(AGENT_KEY) or request.headers.get(USER_HEADER, "").strip()
                if not actor:
                    raise Unauthorized(f"say who you are in the {USER_HEADER} header")
                args.append(actor)
            # Read before the path, the query and the body, so that a write refused for want of it does no work.
            version = _version(request, op) if op.versioned else None
            for name, value in request.path_params.items():
                args.append(_entry(value) if name == "entry" else value)
            if op.query is not None:
                args.append(_query(request, op.query))
            if op.body is not None:
                args.append(op.body.model_validate_json(await request.body() or b"{}"))
            if op.versioned:
                args.append(version)
            result = await method(*args)
            if op.streamed:
                return _streamed(result)
            return _encode(result, op)
        except Exception as exc:
            return problem_for(exc)

    return endpoint


def build_app(backend: DeskBackend, *, auth: Authenticator | None = None,
              hosts: Collection[str] | None = None) -> Starlette:
    """The adapter API of `backend`. `auth`: accept only requests with a token of its file (served on a
    socket); `hosts`: answer only these Host names. Both None for the embedded use, whose process is its user."""
    routes = [
        Route(op.path, _endpoint(backend, op), methods=[op.method], name=op.name) for op in OPERATIONS
    ]

    async def spec(_: Request) -> Response:
        return JSONResponse(openapi_document())

    async def not_found(request: Request, exc: Exception) -> Response:
        return problem(404, "not-found", "Not found", f"no operation {request.method} {request.url.path} "
                       f"in API v{API_VERSION}")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return problem(405, "invalid", "Method not allowed", f"{request.method} {request.url.path}")

    routes.append(Route("/v1/openapi.json", spec, methods=["GET"]))
    return Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed},
                     middleware=[Middleware(Guard, auth=auth, hosts=hosts)])
