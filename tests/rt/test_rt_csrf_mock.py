"""RT's CSRF protection as Debian's 5.0.3+dfsg-3~deb12u7 applies it to REST2, replayed through
httpx.MockTransport: a cookie request that is not GET/HEAD/OPTIONS is refused unless its Origin is RT's own
WebBaseURL; a request authenticated by an Authorization header is not checked (RT's notes, measured)."""

from __future__ import annotations

import httpx
import pytest

from app.backends.rt_client import RtClient, origin_of
from app.errors import Forbidden

RT_OWN = "https://rt.example.org"  # RT's WebBaseURL
REFUSAL = {"message": "Cross-site request forgery protection refused this request"}


class PatchedRt:
    """What RT answers, and what each request carried."""

    def __init__(self, web_base_url: str = RT_OWN) -> None:
        self.web_base_url = web_base_url
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        if request.url.path == "/REST/1.0/":
            return httpx.Response(200, text="RT/5.0.3 200 Ok\n", headers={"Set-Cookie": "RT_SID=abc; path=/"})
        header_auth = "authorization" in request.headers
        if not header_auth and "RT_SID" not in request.headers.get("cookie", ""):
            return httpx.Response(401, json={"message": "Unauthorized"})
        if request.method not in ("GET", "HEAD", "OPTIONS") and not header_auth \
                and request.headers.get("origin") != self.web_base_url:
            return httpx.Response(403, json=REFUSAL)
        return httpx.Response(200, json=["Ticket 7: Subject changed"])

    def writes(self) -> list[httpx.Request]:
        return [r for r in self.seen if r.method == "PUT"]


def connect(rt: PatchedRt, url: str = RT_OWN, **kwargs: object) -> RtClient:
    return RtClient(url, ("password", "anna", "s3cret-pw"), transport=httpx.MockTransport(rt),
                    **kwargs)  # type: ignore[arg-type]


async def test_a_session_write_carries_rts_own_origin_and_no_password() -> None:
    rt = PatchedRt()
    await connect(rt).update(7, {"Subject": "Printer jams"}, None)
    (write,) = rt.writes()
    assert write.headers["origin"] == RT_OWN
    assert "authorization" not in write.headers, "the cheap cookie session, no bcrypt check per request"


async def test_behind_a_proxy_the_configured_base_url_is_the_origin() -> None:
    rt = PatchedRt()
    client = connect(rt, "https://tunnel.example.net:8443", base_url=RT_OWN + "/rt/")
    await client.update(7, {"Subject": "Printer jams"}, None)
    assert [w.headers["origin"] for w in rt.writes()] == [RT_OWN]
    assert client.fallback_reason is None


async def test_a_proxy_mismatch_falls_back_to_the_password_on_every_request() -> None:
    rt = PatchedRt()
    client = connect(rt, "https://tunnel.example.net:8443")
    await client.update(7, {"Subject": "Printer jams"}, None)
    refused, accepted = rt.writes()
    assert refused.headers["origin"] == "https://tunnel.example.net:8443" and "authorization" not in refused.headers
    assert accepted.headers["authorization"].startswith("Basic ")
    assert client.fallback_reason is not None and "cross-site" in client.fallback_reason
    await client.update(7, {"Subject": "Printer jams again"}, None)
    assert len(rt.writes()) == 3, "once fallen back, no more refused attempts"


async def test_without_a_fallback_the_refusal_is_one_line_naming_the_cause_and_remedies() -> None:
    rt = PatchedRt()
    client = connect(rt, "https://tunnel.example.net:8443", header_fallback=False)
    with pytest.raises(Forbidden) as caught:
        await client.update(7, {"Subject": "Printer jams"}, None)
    message = caught.value.message
    assert "\n" not in message and "s3cret-pw" not in message
    for remedy in ("cross-site", "backend.rt_base_url", "@ReferrerWhitelist", "backend.token"):
        assert remedy in message


async def test_when_rt_refuses_the_fallback_too_it_says_so_in_one_line() -> None:
    rt = PatchedRt()

    def no_basic(request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:
            rt.seen.append(request)
            return httpx.Response(401, json={"message": "Unauthorized"})
        return rt(request)

    client = RtClient("https://tunnel.example.net:8443", ("password", "anna", "s3cret-pw"),
                      transport=httpx.MockTransport(no_basic))
    with pytest.raises(Forbidden) as caught:
        await client.update(7, {"Subject": "Printer jams"}, None)
    assert "backend.rt_base_url" in caught.value.message and "too" in caught.value.message


async def test_a_token_is_never_cookie_checked_and_sends_no_origin() -> None:
    rt = PatchedRt()
    await RtClient("https://tunnel.example.net", ("token", "1-2-abc"), transport=httpx.MockTransport(rt)).update(
        7, {"Subject": "x"}, None)
    (write,) = rt.writes()
    assert write.headers["authorization"] == "token 1-2-abc" and "origin" not in write.headers


@pytest.mark.parametrize(("url", "origin"), [
    ("https://rt.example.org/rt/", "https://rt.example.org"),
    ("http://user:pw@127.0.0.1:8080/x", "http://127.0.0.1:8080"),
    ("http://[::1]:9000", "http://[::1]:9000"),
])
def test_the_origin_is_scheme_host_and_port_only(url: str, origin: str) -> None:
    assert origin_of(url) == origin
