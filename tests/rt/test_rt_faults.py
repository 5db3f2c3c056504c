"""What a real RT will not do on demand, through httpx.MockTransport: timeouts, 500s, garbage, a dropped
connection, and the 200s that say a change did not happen. Each must become a typed error naming the
server, never a traceback, and the adapter must answer it as a problem document."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from app.api import USER_HEADER
from app.api.server import build_app
from app.backends.rt import RtBackend
from app.backends.rt_client import RtClient
from app.errors import Conflict, Forbidden, Invalid, Refused, Unauthorized, Unavailable
from tests.rt_desk import demo_desk

URL = "https://rt.example.org"
Handler = Callable[[httpx.Request], httpx.Response]


def logged_in(handler: Handler) -> Handler:
    """RT's REST 1.0 login answers with a session cookie; everything else goes to `handler`."""

    def serve(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/REST/1.0/":
            return httpx.Response(200, text="RT/5.0.3 200 Ok\n", headers={"Set-Cookie": "RT_SID=abc; path=/"})
        return handler(request)

    return serve


def client(handler: Handler, **kwargs: object) -> RtClient:
    return RtClient(URL, ("password", "anna", "s3cret-pw"), transport=httpx.MockTransport(logged_in(handler)),
                    **kwargs)  # type: ignore[arg-type]


def raising(error: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


@pytest.mark.parametrize("error", [httpx.ReadTimeout("slow"), httpx.ConnectError("refused"),
                                   httpx.RemoteProtocolError("peer closed connection without sending complete "
                                                             "message body")])
async def test_timeouts_refusals_and_dropped_responses_are_unavailable_naming_the_server(error: Exception) -> None:
    rt = client(raising(error))
    with pytest.raises(Unavailable) as caught:
        await rt.get("/ticket/1")
    assert caught.value.server == URL and URL in caught.value.message
    assert "s3cret-pw" not in caught.value.message


@pytest.mark.parametrize(("response", "expected"), [
    (httpx.Response(500, text=""), Unavailable),
    (httpx.Response(502, text="<html>Bad gateway</html>"), Unavailable),
    (httpx.Response(200, text="{not json"), Unavailable),
    (httpx.Response(412, json={"message": "Precondition Failed"}), Conflict),
    (httpx.Response(403, json={"message": "Forbidden"}), Forbidden),
    (httpx.Response(400, json={"message": "Wrong query, expecting a value in TicketSQL"}), Invalid),
])
async def test_each_failing_answer_becomes_its_typed_error(response: httpx.Response, expected: type) -> None:
    rt = client(lambda request: response)
    with pytest.raises(expected):
        await rt.get("/tickets", query="Queue = ")


@pytest.mark.parametrize(("messages", "expected"), [
    (["Ticket 7: Permission Denied"], Forbidden),
    (["Ticket 7: You can't change status from 'closed' to 'in progress'."], Refused),
    (["Ticket 7: 'bogus' isn't a valid status for this ticket."], Refused),
    (["Ticket 7: That user may not own tickets in that queue"], Refused),
    (["Invalid value for custom field"], Invalid),
])
async def test_a_200_that_says_nothing_changed_is_an_error(messages: list[str], expected: type) -> None:
    rt = client(lambda request: httpx.Response(200, json=messages))
    with pytest.raises(expected) as caught:
        await rt.update(7, {"Status": "in progress"}, '"41"')
    assert messages[0] in caught.value.message  # RT's own words, shown literally


async def test_a_put_sends_the_etag_it_read() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=["Ticket 7: Status changed from 'new' to 'in progress'"])

    await client(handler).update(7, {"Status": "in progress"}, '"41"')
    assert seen[-1].headers["If-Match"] == '"41"' and seen[-1].method == "PUT"


async def test_a_wrong_password_is_unauthorized_although_rt_answers_200() -> None:
    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="RT/5.0.3 401 Credentials required\n")

    rt = RtClient(URL, ("password", "anna", "wrong"), transport=httpx.MockTransport(serve))
    with pytest.raises(Unauthorized) as caught:
        await rt.get("/ticket/1")
    assert "wrong" not in caught.value.message


async def test_an_expired_session_logs_in_again_once() -> None:
    logins = []
    calls = []

    def serve(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/REST/1.0/":
            logins.append(request)
            cookie = f"RT_SID=s{len(logins)}; path=/"
            return httpx.Response(200, text="RT/5.0.3 200 Ok\n", headers={"Set-Cookie": cookie})
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(401, json={"message": "Unauthorized"})
        return httpx.Response(200, json={"id": 1})

    rt = RtClient(URL, ("password", "anna", "pw"), transport=httpx.MockTransport(serve))
    assert await rt.get("/ticket/1") == {"id": 1}
    assert len(logins) == 2 and calls[-1].headers["cookie"] == "RT_SID=s2"


async def test_a_token_is_sent_on_every_request_and_no_login_is_made() -> None:
    seen: list[httpx.Request] = []

    def serve(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": 1})

    rt = RtClient(URL, ("token", "1-2-abcdef"), transport=httpx.MockTransport(serve))
    await rt.get("/ticket/1")
    assert [r.url.path for r in seen] == ["/REST/2.0/ticket/1"]
    assert seen[0].headers["Authorization"] == "token 1-2-abcdef"


async def test_an_rt_outage_is_a_problem_document_and_dispatch_to_an_agent_sends_nothing_R_DISPATCH_6() -> None:
    sent: list[httpx.Request] = []

    def down(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        raise httpx.ConnectError("connection refused")

    backend = RtBackend(lambda actor: client(down), demo_desk(), url=URL)
    transport = httpx.ASGITransport(app=build_app(backend))
    async with httpx.AsyncClient(transport=transport, base_url="http://rt-adapter",
                                 headers={USER_HEADER: "anna"}) as api:
        refused = await api.post("/v1/tickets/HL-7/dispatch", headers={"If-Match": '"1"'},
                                 json={"team": "infrastructure", "agent": "sofie",
                                                                    "summary": "Printer jams on every job, "
                                                                    "cleaned the rollers already."})
        assert refused.status_code == 422 and refused.json()["rule"] == "R-DISPATCH-6"
        assert sent == []  # R-DISPATCH-6: refused before any request reaches RT
        outage = await api.get("/v1/tickets/HL-7")
        assert outage.status_code == 503 and outage.json()["type"] == "unavailable"
        assert outage.json()["server"] == URL and "Traceback" not in outage.text
