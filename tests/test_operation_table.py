"""One operation table (app/api/routes.py) drives the server, the OpenAPI document and the client: a path or a
method cannot drift between them, and a new operation needs no new code in the client."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from app import client as client_module
from app.api import USER_HEADER
from app.api.routes import OPERATIONS, Operation, T
from app.api.spec import openapi_document
from app.client import HelplineClient
from app.errors import NotFound

NOT_THERE = {"type": "not-found", "title": "Not found", "status": 404, "detail": "no such ticket"}


def recording_client() -> tuple[HelplineClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json=NOT_THERE, headers={"content-type": "application/problem+json"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url="http://adapter")
    return HelplineClient(http, "anna", "http://adapter"), seen


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
async def test_the_client_sends_each_operation_as_the_table_says(op: Operation) -> None:
    client, seen = recording_client()
    values = [f"v{n}" for n in range(len(re.findall(r"{\w+}", op.path)))]
    with pytest.raises(NotFound):
        await client.call(op.name, *values, version=7)
    (request,) = seen
    expected = op.path
    for value in values:
        expected = re.sub(r"{\w+}", value, expected, count=1)
    assert (request.method, request.url.path) == (op.method, expected)
    assert ("if-match" in request.headers) == op.versioned
    await client.aclose()


def test_the_openapi_document_lists_the_same_operations() -> None:
    listed = {(method.upper(), path) for path, item in openapi_document()["paths"].items() for method in item}
    assert listed == {(op.method, op.path) for op in OPERATIONS}


async def test_a_new_operation_is_one_table_row_away_for_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    made_up = Operation("POST", T + "/frobnicate", "frobnicate", "A made-up operation", versioned=True)
    monkeypatch.setitem(client_module.OPERATION_BY_NAME, made_up.name, made_up)
    client, seen = recording_client()
    with pytest.raises(NotFound):
        await client.call("frobnicate", "HL-7", version=3)
    assert (seen[0].method, seen[0].url.path, seen[0].headers["if-match"]) == ("POST", "/v1/tickets/HL-7/frobnicate",
                                                                                '"3"')
    await client.aclose()


async def test_path_values_are_quoted_so_a_code_cannot_change_the_path() -> None:
    client, seen = recording_client()
    with pytest.raises(NotFound):
        await client.call("get", "HL-1/../../v1/housekeeping")
    assert seen[0].url.raw_path == b"/v1/tickets/HL-1%2F..%2F..%2Fv1%2Fhousekeeping"
    await client.aclose()


# ----- If-Match: every change of a ticket's state or fields names the version it was made from -------------------

NOT_TICKET_VERSION_WRITES = {"create", "split", "auto_close", "set_absence", "send_mail", "fetch_mail"}
# set_absence: a team; send_mail: the outbox, whose deliveries leave every version as it was (R-MAIL-1);
# fetch_mail: the mailbox, whose mail joins tickets as a user's mail does (R-MAIL-2)


def test_every_change_of_a_ticket_but_a_note_requires_its_version() -> None:
    writes = {op.name for op in OPERATIONS if op.method != "GET"}
    required = {op.name for op in OPERATIONS if op.version_required}
    assert required == writes - NOT_TICKET_VERSION_WRITES - {"add_entry"}
    assert {op.name for op in OPERATIONS if op.versioned} == required | {"add_entry"}
    with pytest.raises(ValueError, match="only an operation that takes If-Match"):
        Operation("POST", T + "/x", "x", "unversioned yet required", version_required=True)


REQUIRED = [op for op in OPERATIONS if op.version_required]


@pytest.mark.parametrize("op", REQUIRED, ids=lambda op: op.name)
async def test_the_client_never_sends_a_required_write_without_a_version(op: Operation) -> None:
    client, seen = recording_client()
    values = [f"v{n}" for n in range(len(re.findall(r"{\w+}", op.path)))]
    with pytest.raises(TypeError, match="pass the version"):
        await client.call(op.name, *values)
    assert seen == []
    await client.aclose()


async def test_the_client_sends_a_note_without_a_version() -> None:
    client, seen = recording_client()
    with pytest.raises(NotFound):
        await client.call("add_entry", "HL-1")
    assert "if-match" not in seen[0].headers
    await client.aclose()


class Recorder:
    """A backend that answers every operation and records that it was asked."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        async def answer(*args: Any) -> dict[str, Any]:
            self.calls.append(name)
            return {}

        return answer


def served(backend: Recorder) -> httpx.AsyncClient:
    from app.api.server import build_app

    return httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(backend)),  # type: ignore[arg-type]
                             base_url="http://adapter", headers={USER_HEADER: "anna"})


def url_of(op: Operation) -> str:
    return re.sub(r"{(\w+)}", lambda field: "7" if field[1] == "entry" else "HL-1", op.path)


@pytest.mark.parametrize("op", REQUIRED, ids=lambda op: op.name)
async def test_the_server_refuses_a_required_write_without_if_match_before_any_work(op: Operation) -> None:
    backend = Recorder()
    async with served(backend) as http:
        # A body that would be a 400 shows the refusal comes first: not even the body is read.
        refused = await http.request(op.method, url_of(op), content=b"{not json")
        assert refused.status_code == 428
        assert refused.headers["content-type"] == "application/problem+json"
        body = refused.json()
        assert (body["type"], body["status"], body["title"]) == ("precondition-required", 428,
                                                                 "Precondition required")
        assert "If-Match" in body["detail"] and "ETag" in body["detail"]
        assert backend.calls == []
        # With If-Match the same request gets as far as its body: a 400 for the body, or done when it takes none.
        versioned = await http.request(op.method, url_of(op), content=b"{not json", headers={"If-Match": '"3"'})
        assert versioned.status_code == (400 if op.body is not None else op.status)
    assert backend.calls == ([] if op.body is not None else [op.name])


async def test_the_server_takes_a_note_without_if_match() -> None:
    backend = Recorder()
    async with served(backend) as http:
        noted = await http.post("/v1/tickets/HL-1/journal", json={"body": "Called the user"})
    assert noted.status_code == 200 and backend.calls == ["add_entry"]


def test_the_openapi_document_says_which_writes_require_if_match() -> None:
    paths = openapi_document()["paths"]
    for op in OPERATIONS:
        operation = paths[op.path][op.method.lower()]
        if_match = [p for p in operation["parameters"] if p["name"] == "If-Match"]
        assert [p["required"] for p in if_match] == ([op.version_required] if op.versioned else []), op.name
        assert ("428" in operation["responses"]) == op.version_required, op.name
