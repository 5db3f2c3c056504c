"""Helpline against a live RT 5 (tests/rt_server.py): the TUI, the CLI, RT's own refusals, and what RT
stores read back through RT's REST2 API, not through Helpline."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.api.schemas import FieldsIn, NoteIn
from app.backends.rt_client import RtClient
from app.client import HelplineClient
from app.config import BackendSettings, Identity, Settings
from app.connect import rt_client
from app.domain.tickets import NewTicket
from app.errors import Conflict, Refused, Unavailable
from app.tui import HelplineApp
from screens.dispatch import DispatchScreen
from screens.journal import JournalScreen
from screens.note_editor import NoteEditor
from screens.queue import QueueScreen
from tests.pilot_helpers import open_from_journal, open_journal, settle
from tests.rt_desk import SUMMARY, connect_as_agents, demo_desk
from tests.rt_server import password_of
from widgets.ticket_list import TicketList


def settings_for(url: str, actor: str = "anna") -> Settings:
    return Settings(me=Identity(username=actor), backend=BackendSettings(kind="rt", url=url))


@pytest.fixture
async def desk(rt_fresh: object) -> AsyncIterator[HelplineClient]:
    url = rt_fresh.url  # type: ignore[attr-defined]
    client = rt_client(settings_for(url), demo_desk(), connect=connect_as_agents(url))
    yield client
    await client.aclose()


@pytest.fixture
async def raw(rt_fresh: object) -> AsyncIterator[RtClient]:
    """RT's REST2 itself, as anna: to read back what Helpline wrote."""
    client = RtClient(rt_fresh.url, ("password", "anna", password_of("anna")))  # type: ignore[attr-defined]
    yield client
    await client.aclose()


async def test_the_tui_shows_rts_queue_adds_a_note_and_dispatches_read_back_through_rest2_R_DISPATCH_1(
    desk: HelplineClient, raw: RtClient
) -> None:
    ticket = await desk.create(NewTicket(subject="Docking station in room 3.14 gives no picture",
                                         requester="Søren Bæk", category="Hardware"))
    app = HelplineApp(settings_for("http://unused"), client=desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        listed = [row.code for row in app.screen.query_one(TicketList).rows if row is not None]
        assert ticket.code in listed, f"the queue from RT lists {ticket.code}: {listed}"
        await open_journal(app, pilot, ticket.code)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Tried another cable: still no picture [b]æøå[/b]", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("escape")  # back to the queue
        screen = await open_from_journal(app, pilot, ticket.code, "d", DispatchScreen)
        while screen.chosen_team() != "infrastructure":
            await pilot.press("down")
        await pilot.press("enter")
        screen.query_one("#dispatch-summary").text = SUMMARY  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    number = int(ticket.code.removeprefix("HL-"))
    stored = await raw.get(f"/ticket/{number}")
    queues = {str(q["id"]): q["Name"] for q in await raw.pages("/queues/all", fields="Name")}
    assert queues[str(stored["Queue"]["id"])] == "infrastructure"
    assert stored["Owner"]["id"] == "Nobody"  # R-DISPATCH-1: the team's dispatcher assigns
    comments = [p["Content"] for p in await raw.pages(f"/ticket/{number}/attachments", fields="ContentType,Content")
                if p["ContentType"] == "text/plain"]
    assert "Tried another cable: still no picture [b]æøå[/b]" in comments and SUMMARY in comments


async def test_a_stale_write_is_refused_by_helpline_and_by_rts_if_match(desk: HelplineClient, raw: RtClient) -> None:
    ticket = await desk.create(NewTicket(subject="Scanner on floor 2 does not scan to mail",
                                         requester="Karin Dahl"))
    newer = await desk.add_entry(ticket.code, NoteIn(body="Relay log shows a TLS error"), ticket.version)
    assert newer.version > ticket.version
    with pytest.raises(Conflict):
        await desk.add_entry(ticket.code, NoteIn(body="Written against the old version"), ticket.version)
    with pytest.raises(Conflict):  # RT itself: a PUT with the old ETag changes nothing (412)
        await raw.update(ticket.id, {"Subject": "Overwritten"}, f'"{ticket.version}"')
    assert (await raw.get(f"/ticket/{ticket.id}"))["Subject"] == "Scanner on floor 2 does not scan to mail"


async def test_rt_itself_refuses_what_the_servicedesk_lifecycle_forbids_R_STATUS_6(raw: RtClient) -> None:
    made = await raw.create("/ticket", {"Queue": "support", "Subject": "Made in RT by hand"})
    await raw.update(int(made["id"]), {"Status": "resolved"}, None)
    with pytest.raises(Refused) as caught:
        await raw.update(int(made["id"]), {"Status": "new"}, None)
    assert "can't change status" in caught.value.message


async def test_an_rt_that_is_not_there_is_unavailable_naming_it() -> None:
    client = rt_client(settings_for("http://127.0.0.1:9"), demo_desk(),
                       connect=connect_as_agents("http://127.0.0.1:9"))
    with pytest.raises(Unavailable) as caught:
        await client.get("HL-1")
    assert "127.0.0.1:9" in caught.value.message
    await client.aclose()


def test_every_command_takes_backend_rt(rt_fresh: object, tmp_path: Path) -> None:
    url = rt_fresh.url  # type: ignore[attr-defined]
    env = {**os.environ, "HELPLINE_PASSWORD": password_of("anna"), "HELPLINE_CONFIG_DIR": str(tmp_path)}
    base = [sys.executable, "-m", "app.cli", "--backend", "rt", "--url", url, "--as", "anna"]
    made = subprocess.run([*base, "new", "--subject", "Headset crackles in every Teams call",
                           "--requester", "Åsa Wikström"], env=env, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    code = made.stdout.split()[0] if made.stdout.split()[0].startswith("HL-") else made.stdout.strip().split()[-1]
    listed = subprocess.run([*base, "list", "--team", "support"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert listed.returncode == 0 and "Headset crackles" in listed.stdout, listed.stderr
    shown = subprocess.run([*base, "show", code], env=env, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "Åsa Wikström" in shown.stdout, shown.stderr
    config = subprocess.run([*base, "config"], env=env, capture_output=True, text=True, timeout=60)
    assert password_of("anna") not in config.stdout + config.stderr and "***" in config.stdout
    wrong = subprocess.run([*base, "list"], env={**env, "HELPLINE_PASSWORD": "wrong"}, capture_output=True,
                           text=True, timeout=60)
    assert wrong.returncode != 0 and "did not accept the login" in wrong.stderr and "Traceback" not in wrong.stderr


async def test_changes_made_in_rt_itself_appear_in_the_journal_and_helplines_own_do_not_twice(
    desk: HelplineClient, raw: RtClient
) -> None:
    ticket = await desk.create(NewTicket(subject="Beamer in room 1.12 shows no picture", requester="Karin Dahl"))
    handed = await desk.begin_work(ticket.code, ticket.version)
    assert not [e for e in handed.journal if e.event == "rt"], "Helpline's own changes are told once, by Helpline"
    await raw.update(ticket.id, {"Status": "pending", "CustomFields": {"Category": "AV",
                                                                       "Pending reason": "user_reply"}}, None)
    seen = await desk.get(ticket.code)
    from_rt = [e.body for e in seen.journal if e.event == "rt"]
    assert "Status: In Progress → Pending (in RT, by anna)" in from_rt, from_rt
    assert "Category: AV (in RT, by anna)" in from_rt
    assert (seen.status.value, seen.category, seen.pending_reason.value if seen.pending_reason else None) == (
        "pending", "AV", "user_reply")
    later = await desk.set_fields(seen.code, FieldsIn(category="Projector"), seen.version)
    assert [e.body for e in later.journal if e.event == "rt"] == from_rt, "Helpline's own change is not 'in RT'"
    assert later.journal[-1].event == "field" and later.category == "Projector"


def test_serve_with_backend_rt_answers_the_adapter_api_on_loopback_as_the_configured_agent(
    rt_fresh: object, tmp_path: Path
) -> None:
    import socket
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "HELPLINE_PASSWORD": password_of("anna"), "HELPLINE_CONFIG_DIR": str(tmp_path),
           "HELPLINE_DATA_DIR": str(tmp_path / "data")}
    rt_args = [sys.executable, "-m", "app.cli", "--backend", "rt", "--url", rt_fresh.url,  # type: ignore[attr-defined]
               "--as", "anna"]
    refused = subprocess.run([*rt_args, "token", "create", "lars"], env=env, capture_output=True, text=True,
                             timeout=60)
    assert refused.returncode != 0 and "configured agent only" in refused.stderr
    made = subprocess.run([*rt_args, "token", "create", "anna"], env=env, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    bearer = {"Authorization": f"Bearer {made.stdout.strip().splitlines()[-1]}"}
    served = subprocess.Popen([*rt_args, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/v1/openapi.json", timeout=2).raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.2)  # polling a subprocess's socket: there is no event to wait on
        assert httpx.get(f"{base}/v1/meta", timeout=10).status_code == 401, "nothing without a token"
        assert httpx.get(f"{base}/v1/meta", headers=bearer, timeout=10).json()["adapter"] == "rt"
        page = httpx.get(f"{base}/v1/tickets", params={"team": "support"}, headers=bearer, timeout=30).json()
        assert page["items"] and {row["team"] for row in page["items"]} == {"support"}
        other = httpx.get(f"{base}/v1/tickets", headers={**bearer, "X-Helpline-User": "lars"}, timeout=30)
        assert other.status_code == 403, "the served RT adapter acts as its configured agent only"
    finally:
        served.terminate()
        served.wait(timeout=10)


async def test_a_users_mail_through_rt_is_their_message_and_raises_the_update_flag_until_cleared_R_FLAG_1(
    rt_fresh: object, desk: HelplineClient
) -> None:
    from app.api.backend import TicketQuery
    from app.api.schemas import FlagsIn, StatusIn
    from app.domain.enums import EntryKind, Status

    server = rt_fresh
    ticket = await desk.create(NewTicket(subject="Laptop fan is loud since the update",
                                         requester="karin@example.org"))
    subject = f"[helpline-test #{ticket.id}] Re: Laptop fan is loud since the update"
    server.mail("support", "Karin Dahl <karin@example.org>", subject, "Still loud, any news? Åsa says hi")  # type: ignore[attr-defined]
    mailed = await desk.get(ticket.code)
    entry = mailed.journal[-1]
    assert (entry.kind, entry.author, entry.body.strip()) == (
        EntryKind.MESSAGE_FROM_USER, "karin@example.org", "Still loud, any news? Åsa says hi")
    assert mailed.update_flag is not None and mailed.status.value == "new", "mail changes no status of a new ticket"
    flagged = await desk.search(TicketQuery(update_flag=True, limit=1000))
    assert ticket.code in [row.code for row in flagged.items]
    noted = await desk.add_entry(ticket.code, NoteIn(body="Ordered a new fan"), mailed.version)
    assert noted.update_flag is not None, "an agent's note does not lower the flag: clearing it does"
    cleared = await desk.set_flags(ticket.code, FlagsIn(update=False), noted.version)
    assert cleared.update_flag is None
    flagged = await desk.search(TicketQuery(update_flag=True, limit=1000))
    assert ticket.code not in [row.code for row in flagged.items]
    resolved = await desk.set_status(ticket.code, StatusIn(status=Status.RESOLVED, solution="Replaced the fan and "
                                                           "tested it with the user at her desk."), cleared.version)
    assert resolved.status is Status.RESOLVED
    server.mail("support", "karin@example.org", subject, "It is loud again")  # type: ignore[attr-defined]
    reopened = await desk.get(ticket.code)
    assert reopened.status is Status.IN_PROGRESS and reopened.update_flag is not None, "R-STATUS-6 reopen by mail"


async def test_a_ticket_with_a_large_file_opens_without_fetching_the_file(rt_fresh: object, raw: RtClient) -> None:
    """Escalation-form files may be 25 MB: opening the ticket reads their names and sizes, not their bytes."""
    import base64

    import httpx

    received = {"bytes": 0}

    class Counting(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await super().handle_async_request(request)
            body = await response.aread()
            received["bytes"] += len(body)
            return httpx.Response(response.status_code, headers=response.headers, content=body)

    url = rt_fresh.url  # type: ignore[attr-defined]
    made = await raw.create("/ticket", {"Queue": "support", "Subject": "Scanner output is striped"})
    photo = bytes(range(256)) * 12_000  # about 3 MB
    await raw.message(int(made["id"]), "comment", {
        "Content": "Photo of a striped scan", "ContentType": "text/plain",
        "Attachments": [{"FileName": "stripes.png", "FileType": "image/png",
                         "FileContent": base64.b64encode(photo).decode()}]})
    counting = rt_client(settings_for(url), demo_desk(),
                         connect=lambda agent: RtClient(url, ("password", agent, password_of(agent)),
                                                        transport=Counting()))
    ticket = await counting.get(f"HL-{made['id']}")
    await counting.aclose()
    assert [(a.name, a.size) for a in ticket.attachments] == [("stripes.png", len(photo))]
    assert "Photo of a striped scan" in [e.body for e in ticket.journal]
    assert received["bytes"] < 200_000, f"{received['bytes']} bytes read to open a ticket with a 3 MB file"


async def test_hierarchical_candidates_by_time_whatever_rts_time_zone_R_ESC_4(rt_fresh: object) -> None:
    """No progress for `stale_hours` is asked of RT as "-N minutes", which RT reads the same in any zone."""
    from datetime import timedelta

    from app.domain.clock import utcnow
    from tests.rt_desk import adapter_api, rt_backend

    url = rt_fresh.url  # type: ignore[attr-defined]
    today, later = rt_backend(url), rt_backend(url, clock=lambda: utcnow() + timedelta(days=3))
    async with adapter_api(today) as api, adapter_api(later) as api_later:
        made = (await api.post("/v1/tickets", json={"subject": "Headset crackles in every Teams call",
                                                    "requester": "Bram Smit"})).json()
        assert made["priority"] != "P1"
        query = {"stale_hours": 48, "limit": 1000}
        now_rows = (await api.get("/v1/tickets", params=query)).json()["items"]
        later_rows = (await api_later.get("/v1/tickets", params=query)).json()["items"]
    assert made["code"] not in [row["code"] for row in now_rows], "new today: not stale"
    assert made["code"] in [row["code"] for row in later_rows], "not started for three days: a candidate"
    await today.aclose()
    await later.aclose()


async def test_only_work_takes_a_ticket_off_the_candidates_in_rt_R_ESC_4(rt_fresh: object) -> None:
    """Finding 7 (rules for every agent): a flag set three days on left RT's LastUpdated fresh and the ticket
    dropped from view 6; RT is asked for the Last progress field, which only work moves."""
    from datetime import timedelta

    from app.domain.clock import utcnow
    from tests.rt_desk import adapter_api, rt_backend

    url = rt_fresh.url  # type: ignore[attr-defined]
    today, later = rt_backend(url), rt_backend(url, clock=lambda: utcnow() + timedelta(days=3))
    query = {"stale_hours": 48, "limit": 1000}
    async with adapter_api(today) as api, adapter_api(later) as api_later:
        made = (await api.post("/v1/tickets", json={"subject": "Docking station drops both screens hourly",
                                                    "requester": "Bram Smit"})).json()
        begun = (await api.post(f"/v1/tickets/{made['code']}/begin",
                                headers={"If-Match": f'"{made["version"]}"'})).json()

        async def candidate() -> bool:
            rows = (await api_later.get("/v1/tickets", params=query)).json()["items"]
            return made["code"] in [row["code"] for row in rows]

        assert await candidate(), "begun, then nothing for three days: no progress"
        flagged = (await api_later.post(f"/v1/tickets/{made['code']}/flags", json={"attention": True},
                                        headers={"If-Match": f'"{begun["version"]}"'}))
        assert flagged.status_code == 200, flagged.text
        assert await candidate(), "a flag is no progress (R-ESC-4)"
        noted = await api_later.post(f"/v1/tickets/{made['code']}/journal",
                                     json={"kind": "internal_note", "body": "Swapped the dock's power supply."})
        assert noted.status_code in (200, 201), noted.text
        assert not await candidate(), "a note is progress"
    await today.aclose()
    await later.aclose()
