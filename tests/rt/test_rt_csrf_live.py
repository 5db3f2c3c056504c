"""Writes on the RT that Debian ships today (5.0.3+dfsg-3~deb12u7 and later), with RT's CSRF protection
left on: RT refuses a cookie write without its own Origin, Helpline's session sends it, and an agent who
reaches RT at another address (a proxy, a tunnel) still works or is told why in one line, losing nothing."""

from __future__ import annotations

import httpx
from textual.widgets import Input

from app.api.schemas import NoteIn
from app.backends.rt_client import RtClient
from app.config import BackendSettings, Identity, Settings
from app.connect import rt_client
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.new_ticket import NewTicketScreen
from tests.pilot_helpers import settle
from tests.rt_desk import demo_desk
from tests.rt_server import password_of

PROXY = "https://helpdesk-proxy.example.net:8443"  # not RT's WebBaseURL, as behind a proxy or tunnel


def settings(url: str) -> Settings:
    return Settings(me=Identity(username="anna"), backend=BackendSettings(kind="rt", url=url))


def agent(url: str, **kwargs: object) -> RtClient:
    return RtClient(url, ("password", "anna", password_of("anna")), **kwargs)  # type: ignore[arg-type]


async def test_this_rt_refuses_a_cookie_write_without_its_origin(rt_fresh: object) -> None:
    """The RT under test is the patched one: a session cookie alone cannot write (CVE-2026-108277)."""
    url = rt_fresh.url  # type: ignore[attr-defined]
    async with httpx.AsyncClient(base_url=url) as http:
        await http.post("/REST/1.0/", data={"user": "anna", "pass": password_of("anna")})
        refused = await http.post("/REST/2.0/ticket", json={"Queue": "support", "Subject": "no origin"})
        allowed = await http.post("/REST/2.0/ticket", json={"Queue": "support", "Subject": "with origin"},
                                  headers={"Origin": url})
    assert refused.status_code == 403 and "Cross-site request forgery" in refused.text
    assert allowed.status_code == 201


async def test_helplines_session_writes_with_rts_own_origin_and_no_fallback(rt_fresh: object) -> None:
    url = rt_fresh.url  # type: ignore[attr-defined]
    raw = agent(url)
    client = rt_client(settings(url), demo_desk(), connect=lambda actor: raw)
    ticket = await client.create(NewTicket(subject="Badge reader at the main door is dead", requester="Eva Holm"))
    noted = await client.add_entry(ticket.code, NoteIn(body="Power LED is off"), ticket.version)
    assert noted.journal[-1].body == "Power LED is off"
    assert raw.fallback_reason is None, "the cheap cookie session held"
    await client.aclose()


async def test_behind_a_proxy_the_session_falls_back_to_the_password_and_the_note_is_written(
    rt_fresh: object,
) -> None:
    url = rt_fresh.url  # type: ignore[attr-defined]
    raw = agent(url, base_url=PROXY)  # RT takes the proxy's origin for someone else's
    client = rt_client(settings(url), demo_desk(), connect=lambda actor: raw)
    ticket = await client.create(NewTicket(subject="Wall screen in room 4 flickers", requester="Eva Holm"))
    assert raw.fallback_reason is not None and PROXY in raw.fallback_reason
    assert PROXY in (await client.meta()).description, "the adapter says why it is slower"
    noted = await client.add_entry(ticket.code, NoteIn(body="Swapped the HDMI cable"), ticket.version)
    assert noted.journal[-1].body == "Swapped the HDMI cable"
    await client.aclose()


async def test_without_a_fallback_the_form_says_why_in_one_line_and_keeps_what_was_typed(rt_fresh: object) -> None:
    url = rt_fresh.url  # type: ignore[attr-defined]
    client = rt_client(settings(url), demo_desk(),
                       connect=lambda actor: agent(url, base_url=PROXY, header_fallback=False))
    app = HelplineApp(settings(url), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen)
        app.screen.query_one("#requester", Input).value = "Eva Holm"
        app.screen.query_one("#subject", Input).value = "Projector in the aula shows no picture"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen), "the form stays open"
        assert app.screen.query_one("#subject", Input).value == "Projector in the aula shows no picture"
        messages = [str(n.message) for n in app._notifications]
        refusal = next(m for m in messages if "cross-site" in m)
        assert "\n" not in refusal and "backend.rt_base_url" in refusal and "@ReferrerWhitelist" in refusal
        assert password_of("anna") not in refusal
    await client.aclose()
