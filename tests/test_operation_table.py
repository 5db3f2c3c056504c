"""One operation table (app/api/routes.py) drives the server, the OpenAPI document and the client: a path or a
method cannot drift between them, and a new operation needs no new code in the client."""

from __future__ import annotations

import re

import httpx
import pytest

from app import client as client_module
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
