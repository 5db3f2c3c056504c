"""`helpline serve` trusts nobody: tokens name the acting agent, Host names and TLS guard where it answers,
limits hold before any work. Real `helpline serve` processes on loopback, as in tests/test_serve.py."""

from __future__ import annotations

import asyncio
import json
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.api import USER_HEADER
from app.api.routes import OPERATIONS
from app.cli import main
from app.domain.limits import MAX_BODY_BYTES
from app.seed import seed_demo
from bench.serve_attacks import memory, post_huge_body
from tests.test_serve import Served, _free_port, issue_tokens, start_serve, stop, wait_answering

ALLOWED = "helpline.example"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One served demo store for the tests that only read or make small changes (each server start costs a
    second); the tests of failed logins each come from an address of their own, so their delays do not add up."""
    store = tmp_path_factory.mktemp("desk") / "store"
    seed_demo(store)
    tokens = issue_tokens(store)
    url, process = start_serve(store, "--allowed-host", ALLOWED)
    yield Served(url, tokens, process, store)
    stop(process)


def _from(address: str) -> httpx.Client:
    """A client whose requests come from `address` (any of 127.0.0.0/8 reaches the server on 127.0.0.1)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


def _path(template: str, code: str = "HL-1") -> str:
    return template.replace("{code}", code).replace("{entry}", "1").replace("{number}", f"{code}-E1")


def _problem(response: httpx.Response, status: int, type_: str) -> dict[str, Any]:
    assert response.status_code == status, f"{response.request.method} {response.request.url}: " \
        f"{response.status_code} {response.text[:300]}"
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["type"] == type_ and body["status"] == status and body["detail"]
    return body


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_no_token_is_refused_on_every_operation_but_the_openapi_document(desk: Served) -> None:
    """Finding 1 (trust boundaries): naming an agent in X-Helpline-User made the caller that agent; now every
    operation wants a bearer token, and a 401 says so with WWW-Authenticate: Bearer."""
    with httpx.Client(base_url=desk.url, headers={USER_HEADER: "anna"}) as client:
        for op in OPERATIONS:
            body = b"{}" if op.body is not None else None
            response = client.request(op.method, _path(op.path), content=body,
                                      headers={"Content-Type": "application/json"})
            _problem(response, 401, "unauthorized")
            assert response.headers["www-authenticate"].lower().startswith("bearer"), op.name
        _problem(client.get("/v1/nothing-here"), 401, "unauthorized")
        spec = client.get("/v1/openapi.json")
    assert spec.status_code == 200
    document = spec.json()
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer") and document["security"] == [{"bearer": []}]
    with _from("127.0.0.2") as client:
        _problem(client.get(f"{desk.url}/v1/me", headers={"Authorization": "Bearer forged"}), 401, "unauthorized")


def test_mikkel_cannot_act_as_anna_nor_assign_as_the_dispatcher(desk: Served) -> None:
    """Finding 1 (trust boundaries): mikkel's request naming anna assigned a ticket to sofie as if anna, the
    dispatcher, did; his token cannot name anna, and as himself the rulebook refuses him (R-DISPATCH-3)."""
    mikkel = {"Authorization": f"Bearer {desk.tokens['mikkel']}"}
    rows = httpx.get(f"{desk.url}/v1/tickets", params={"team": "support", "open": "true", "limit": 1},
                     headers=mikkel).json()["items"]
    code = rows[0]["code"]
    before = httpx.get(f"{desk.url}/v1/tickets/{code}", headers=mikkel).json()
    as_anna = httpx.post(f"{desk.url}/v1/tickets/{code}/assign", json={"agent": "sofie"},
                         headers={**mikkel, USER_HEADER: "anna"})
    assert _problem(as_anna, 403, "forbidden")["field"] == USER_HEADER
    as_himself = httpx.post(f"{desk.url}/v1/tickets/{code}/assign", json={"agent": "sofie"},
                            headers={**mikkel, USER_HEADER: "mikkel", "If-Match": f'"{before["version"]}"'})
    assert _problem(as_himself, 422, "rule")["rule"] == "R-DISPATCH-3"
    after = httpx.get(f"{desk.url}/v1/tickets/{code}", headers=mikkel).json()
    assert (after["owner"], after["version"]) == (before["owner"], before["version"])
    _problem(httpx.get(f"{desk.url}/v1/tickets", headers={**mikkel, USER_HEADER: "ruben"}), 403, "forbidden")
    _problem(httpx.post(f"{desk.url}/v1/housekeeping/auto-close", headers={**mikkel, USER_HEADER: "anna"}), 403,
             "forbidden")


def test_the_token_s_agent_is_the_actor(desk: Served) -> None:
    """Finding 1 (trust boundaries): the acting agent was whoever the header named; now it is the token's agent,
    with the header left out or naming that same agent."""
    mikkel = {"Authorization": f"Bearer {desk.tokens['mikkel']}"}
    assert httpx.get(f"{desk.url}/v1/me", headers=mikkel).json()["username"] == "mikkel"
    assert httpx.get(f"{desk.url}/v1/me", headers={**mikkel, USER_HEADER: "mikkel"}).json()["username"] == "mikkel"
    code = httpx.get(f"{desk.url}/v1/tickets", params={"limit": 1, "open": "true"}, headers=mikkel).json()[
        "items"][0]["code"]
    noted = httpx.post(f"{desk.url}/v1/tickets/{code}/journal", json={"body": "Checked the switch port."},
                       headers=mikkel)
    assert noted.status_code == 200, noted.text
    assert noted.json()["journal"][-1]["author"] == "mikkel"


def test_a_revoked_token_is_refused_at_once(desk: Served, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 1 (trust boundaries): a configured token was never checked, so none could be taken back; now
    `helpline token revoke` shuts it out of the running server at its next request."""
    from app.api.auth import TOKENS_FILE, TokenFile

    code, out, _ = _cli(capsys, "--store", str(desk.store), "token", "create", "sofie")
    assert code == 0
    token = out.strip().splitlines()[-1]
    token_id = TokenFile(desk.store / TOKENS_FILE).records()[-1].id
    assert token_id in _cli(capsys, "--store", str(desk.store), "token", "list")[1]
    with _from("127.0.0.3") as client:
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get(f"{desk.url}/v1/me", headers=headers).json()["username"] == "sofie"
        assert _cli(capsys, "--store", str(desk.store), "token", "revoke", token_id)[0] == 0
        _problem(client.get(f"{desk.url}/v1/me", headers=headers), 401, "unauthorized")
        assert client.get(f"{desk.url}/v1/me", headers=desk.headers("sofie")).status_code == 200
    refused = _cli(capsys, "--store", str(desk.store), "token", "revoke", token_id)
    assert refused[0] == 1 and token_id in refused[2] and len(refused[2].strip().splitlines()) == 1


def test_tokens_are_kept_hashed_and_never_shown_again(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 1 (trust boundaries): tokens are shown once, by `token create` on its last line; `token list`
    and the file never hold one; a damaged file is refused with its path and never overwritten."""
    from app.api.auth import TOKENS_FILE, TokenFile

    seed_demo(store_dir)
    code, out, _ = _cli(capsys, "--store", str(store_dir), "token", "create", "mikkel")
    assert code == 0
    token = out.strip().splitlines()[-1]
    assert len(token) >= 43 and " " not in token and token not in out.strip().splitlines()[0]
    code, listing, _ = _cli(capsys, "--store", str(store_dir), "token", "list")
    assert code == 0 and "mikkel" in listing and token not in listing
    path = store_dir / TOKENS_FILE
    assert token.encode() not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (record,) = TokenFile(path).records()
    assert record.agent == "mikkel" and record.id in listing and record.sha256 not in listing
    refused = _cli(capsys, "--store", str(store_dir), "token", "create", "mallory")
    assert refused[0] == 1 and "mallory" in refused[2] and len(refused[2].strip().splitlines()) == 1
    path.write_bytes(b'{"format": "helpline-tokens", "tokens": [{"id": ')
    for argv in (("token", "create", "anna"), ("token", "list"), ("token", "revoke", record.id)):
        code, _, err = _cli(capsys, "--store", str(store_dir), *argv)
        assert code == 1 and str(path) in err and len(err.strip().splitlines()) == 1, err
    assert path.read_bytes() == b'{"format": "helpline-tokens", "tokens": [{"id": '


async def test_a_damaged_tokens_file_lets_nobody_in(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 1 (trust boundaries): a tokens file that cannot be read stops `helpline serve` with its path, and
    one damaged while serving refuses every request without telling the caller where the file is."""
    from app.api.auth import TOKENS_FILE, Authenticator, TokenFile
    from app.api.server import build_app
    from app.backends.local import LocalBackend

    seed_demo(store_dir)
    tokens = TokenFile(store_dir / TOKENS_FILE)
    _, token = tokens.create("anna")
    backend = LocalBackend.open(store_dir)
    app = build_app(backend, auth=Authenticator(tokens))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        headers = {"Authorization": f"Bearer {token}"}
        assert (await client.get("/v1/me", headers=headers)).status_code == 200
        tokens.path.write_text("{not json")
        refused = _problem(await client.get("/v1/me", headers=headers), 503, "unavailable")
        assert str(store_dir) not in refused["detail"]
    backend.store.close()
    code, _, err = _cli(capsys, "--store", str(store_dir), "serve", "--port", str(_free_port()))
    assert code == 1 and str(tokens.path) in err and len(err.strip().splitlines()) == 1, err


async def test_serving_rt_accepts_its_configured_agent_only(capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 1 (trust boundaries): RT is served as the configured agent (its credentials are that agent's);
    a token for anyone else is not made, and one found in the file is refused before RT is asked."""
    from app.api.auth import RT_TOKENS_FILE, Authenticator, TokenFile
    from app.api.guard import served_names
    from app.api.server import build_app
    from app.config import BackendSettings, Settings, data_dir
    from app.connect import rt_backend

    code, _, err = _cli(capsys, "--backend", "rt", "token", "create", "sofie")
    assert code == 1 and "serving RT acts as the configured agent only" in err
    code, out, _ = _cli(capsys, "--backend", "rt", "token", "create", "anna")
    anna = out.strip().splitlines()[-1]
    tokens = TokenFile(data_dir() / RT_TOKENS_FILE)
    assert code == 0 and [record.agent for record in tokens.records()] == ["anna"]
    _, sofie = tokens.create("sofie")  # as if the file came from elsewhere
    settings = Settings(backend=BackendSettings(kind="rt", url=f"http://127.0.0.1:{_free_port()}", token="rt"))
    app = build_app(rt_backend(settings), auth=Authenticator(tokens, only_agent="anna"),
                    hosts=served_names("127.0.0.1"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        refused = await client.get("/v1/me", headers={"Authorization": f"Bearer {sofie}"})
        assert "configured agent only" in _problem(refused, 403, "forbidden")["detail"]
        posing = await client.get("/v1/me", headers={"Authorization": f"Bearer {anna}", USER_HEADER: "sofie"})
        _problem(posing, 403, "forbidden")
        assert (await client.get("/v1/meta", headers={"Authorization": f"Bearer {anna}"})).json()["adapter"] == "rt"


def test_a_host_name_not_served_is_refused(desk: Served) -> None:
    """Finding 1 (trust boundaries): any Host header was answered, so a web page that rebinds its own name to
    127.0.0.1 could read the desk through a browser; only the served names are answered now, token or not."""
    port = desk.url.rsplit(":", 1)[1]
    for headers in ({}, desk.headers()):
        refused = httpx.get(f"{desk.url}/v1/me", headers={**headers, "Host": f"attacker.example:{port}"})
        assert _problem(refused, 400, "invalid")["field"] == "Host"
    for name in (f"localhost:{port}", f"127.0.0.1:{port}", f"{ALLOWED}:{port}", ALLOWED.upper()):
        assert httpx.get(f"{desk.url}/v1/me", headers={**desk.headers(), "Host": name}).status_code == 200, name


def test_a_host_beyond_loopback_needs_tls_or_says_it_goes_without(store_dir: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 1 (trust boundaries): `--host 0.0.0.0` served every interface in clear without a word; now it
    needs --tls-cert and --tls-key, or --insecure, which warns on stderr."""
    seed_demo(store_dir)
    code, _, err = _cli(capsys, "--store", str(store_dir), "serve", "--host", "0.0.0.0")
    assert code == 1 and "--tls-cert" in err and "--insecure" in err and len(err.strip().splitlines()) == 1
    missing = tmp_path / "missing.pem"
    code, _, err = _cli(capsys, "--store", str(store_dir), "serve", "--host", "0.0.0.0", "--tls-cert", str(missing),
                        "--tls-key", str(missing))
    assert code == 1 and str(missing) in err and len(err.strip().splitlines()) == 1
    # An address of the documentation range, not on this machine: the warning comes first, then binding fails,
    # so nothing listens beyond loopback while the test runs.
    out = subprocess.run([sys.executable, "-m", "app.cli", "--store", str(store_dir), "serve", "--host",
                          "192.0.2.1", "--insecure", "--port", str(_free_port())], capture_output=True, text=True,
                         timeout=60)
    first = out.stderr.strip().splitlines()[0]
    assert out.returncode != 0 and "warning" in first and "without TLS" in first and "192.0.2.1" in first


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the test's certificate")
def test_tls_files_are_served_with(store_dir: Path, tmp_path: Path) -> None:
    """Finding 1 (trust boundaries): with --tls-cert and --tls-key the server speaks HTTPS."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    seed_demo(store_dir)
    tokens = issue_tokens(store_dir, ("anna",))
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "app.cli", "--store", str(store_dir), "serve", "--port",
                                str(port), "--tls-cert", str(cert), "--tls-key", str(key)], stderr=subprocess.PIPE)
    try:
        url = f"https://127.0.0.1:{port}"
        wait_answering(url, process, verify=False)
        response = httpx.get(f"{url}/v1/me", headers={"Authorization": f"Bearer {tokens['anna']}"}, verify=False)
        assert response.json()["username"] == "anna"
    finally:
        stop(process)


def test_a_port_out_of_range_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 11 (trust boundaries): `serve --port 99999` ended in a traceback; argparse now refuses it in one
    line with exit 2."""
    for port in ("99999", "0", "http"):
        with pytest.raises(SystemExit) as exited:
            main(["serve", "--port", port])
        err = capsys.readouterr().err
        assert exited.value.code == 2 and "1-65535" in err and len(err.strip().splitlines()) == 1, err


def test_a_200_mb_body_is_refused_before_it_is_read(store_dir: Path) -> None:
    """Finding 10 (trust boundaries): a 200 MB body was read whole (the server's memory grew by 435 MB); now
    its Content-Length is refused with 413 before any of it is read, and a chunked one as soon as what came
    exceeds the limit, so the server never holds more than the limit of it."""
    seed_demo(store_dir)
    tokens = issue_tokens(store_dir, ("anna",))
    url, process = start_serve(store_dir)
    try:
        port = int(url.rsplit(":", 1)[1])
        headers = {"Authorization": f"Bearer {tokens['anna']}"}
        bearer = f"Authorization: Bearer {tokens['anna']}\r\n"
        assert httpx.post(f"{url}/v1/tickets/HL-1/journal", json={"body": "warm"}, headers=headers).status_code == 200
        before = memory(process.pid)
        status, head, body, sent = post_huge_body(port, bearer, 200 * MB, chunked=False)
        grown = memory(process.pid)["VmHWM"] - before["VmRSS"]
        assert status == 413 and json.loads(body)["type"] == "too-large", head
        assert "application/problem+json" in head and grown < 60 * MB, (grown // MB, sent // MB)
        status, head, body, sent = post_huge_body(port, bearer, 200 * MB, chunked=True)
        grown = memory(process.pid)["VmHWM"] - before["VmRSS"]
        assert status == 413 and json.loads(body)["type"] == "too-large", head
        assert sent < 200 * MB and grown < MAX_BODY_BYTES + 60 * MB, (grown // MB, sent // MB)
        assert httpx.get(f"{url}/v1/me", headers=headers).json()["username"] == "anna"  # and it goes on serving
    finally:
        stop(process)


def test_numbers_out_of_range_are_400_not_500(desk: Served) -> None:
    """Finding 11 (trust boundaries): `stale_hours=1e20` or `nan` ended in a 500 (a timedelta overflowed); every
    number of a query, a body or a path is now bounded and finite, and anything else is a 400 naming it."""
    headers = desk.headers()
    for field, value in (("stale_hours", "1e20"), ("stale_hours", "nan"), ("stale_hours", "inf"),
                         ("stale_hours", "-1"), ("flag_older_than_hours", "1e20"), ("offset", "1" + "0" * 30),
                         ("limit", "1e3")):
        refused = httpx.get(f"{desk.url}/v1/tickets", params={field: value}, headers=headers)
        assert _problem(refused, 400, "invalid")["field"] == field, (field, value)
    assert httpx.get(f"{desk.url}/v1/tickets", params={"stale_hours": 48}, headers=headers).status_code == 200
    code = httpx.get(f"{desk.url}/v1/tickets", params={"limit": 1, "open": "true"}, headers=headers).json()[
        "items"][0]["code"]
    headers = {**headers, "If-Match": httpx.get(f"{desk.url}/v1/tickets/{code}", headers=headers).headers["ETag"]}
    escalation = httpx.post(f"{desk.url}/v1/tickets/{code}/escalations", headers={**headers, "Content-Type":
                            "application/json"}, content=b'{"kind": "hierarchical", "stale_hours": 1e400}')
    assert _problem(escalation, 400, "invalid")["field"] == "stale_hours"
    for entry in ("9" * 5000, "\u00b2", "1e3"):
        pinned = httpx.post(f"{desk.url}/v1/tickets/{code}/journal/{entry}/pin", json={"pinned": True},
                            headers=headers)
        assert _problem(pinned, 400, "invalid")["field"] == "entry", entry


def test_failed_logins_get_slower_without_slowing_anyone_else(desk: Served) -> None:
    """Finding 1 (trust boundaries): nothing slowed a guesser down; now each failed login from an address waits
    longer than the one before (0.1 s, doubling), in that request only: a valid token from the same address is
    answered while a failed one still waits."""
    with _from("127.0.0.4") as client:
        for n in range(3):
            start = time.monotonic()
            _problem(client.get(f"{desk.url}/v1/me", headers={"Authorization": f"Bearer wrong-{n}"}), 401,
                     "unauthorized")
            waited = time.monotonic() - start
            assert waited >= 0.1 * 2**n * 0.9, (n, waited)
        failed_done: list[float] = []

        def fail_again() -> None:  # the fourth failure: 0.8 s
            with _from("127.0.0.4") as other:
                other.get(f"{desk.url}/v1/me", headers={"Authorization": "Bearer wrong-again"})
                failed_done.append(time.monotonic())

        failing_since = time.monotonic()
        waiting = threading.Thread(target=fail_again)
        waiting.start()
        time.sleep(0.1)
        assert client.get(f"{desk.url}/v1/me", headers=desk.headers()).status_code == 200
        valid_done = time.monotonic()
        waiting.join(timeout=30)
        assert failed_done and failed_done[0] - failing_since >= 0.75, failed_done
        assert valid_done < failed_done[0], "the valid request waited for the failed one"


async def test_the_token_checks_fail_an_adapter_that_does_not_check_tokens(store_dir: Path) -> None:
    """Finding 1 (trust boundaries): `helpline adapter-check --token` proves that an adapter refuses requests
    without a token and tokens acting as another agent: an adapter that checks none fails exactly those two."""
    from app.api.server import build_app
    from app.backends.local import LocalBackend
    from app.contract.runner import run_checks

    seed_demo(store_dir)
    backend = LocalBackend.open(store_dir)
    transport = httpx.ASGITransport(app=build_app(backend))
    outcomes = await run_checks("http://adapter", "anna", lambda outcome: None, transport=transport,
                                token="any", agent_tokens={"sofie": "any", "lars": "any"})
    failed = {outcome.name for outcome in outcomes if outcome.failure}
    assert failed == {"no_token_is_refused", "token_cannot_act_as_another_agent"}, failed
    backend.store.close()


def test_the_workstation_sends_its_configured_token(desk: Served, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 1 (trust boundaries): the client's configured token (backend.token, or HELPLINE_TOKEN over it)
    goes with every request; without one a served desk refuses the workstation in one line."""
    from app.config import load_settings
    from app.connect import remote_client

    monkeypatch.setenv("HELPLINE_TOKEN", desk.tokens["mikkel"])
    settings = load_settings()
    client = remote_client(desk.url, "mikkel", settings)
    assert client.http.headers["Authorization"] == f"Bearer {desk.tokens['mikkel']}"
    asyncio.run(client.aclose())
    monkeypatch.delenv("HELPLINE_TOKEN")
    code, _, err = _cli(capsys, "--backend", "http", "--url", desk.url, "show", "HL-1")
    assert code == 1 and "token" in err and len(err.strip().splitlines()) == 1, err


async def test_idle_connections_cannot_shut_the_desk_out() -> None:
    """Finding 10 (trust boundaries): beyond its concurrency limit the server answers 503, counting open
    connections, so sockets that send nothing would shut every agent out; one address holds at most half the
    room, and a connection that sends no whole request head in time is closed."""
    import uvicorn

    from app.api.serving import guarded_protocol

    async def hello(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(hello, host="127.0.0.1", port=port, log_config=None, lifespan="off",
                                           limit_concurrency=4, http=guarded_protocol(head_timeout=0.5, per_client=2)))
    serving = asyncio.create_task(server.serve())
    try:
        for _ in range(200):
            if server.started:
                break
            await asyncio.sleep(0.05)
        request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        idle = [await asyncio.open_connection("127.0.0.1", port) for _ in range(2)]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        refused = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        assert refused.startswith(b"HTTP/1.1 503") and b"application/problem+json" in refused
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.2", 0))
        writer.write(request)
        assert (await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        for idle_reader, _ in idle:
            assert await asyncio.wait_for(idle_reader.read(), 5) == b""
        assert time.monotonic() - started < 2
        # A byte now and then does not keep a connection either (it would restart uvicorn's own keep-alive timer).
        slow_reader, slow_writer = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.3", 0))
        closed = False
        for byte in request[:12]:
            if slow_reader.at_eof():
                closed = True
                break
            slow_writer.write(bytes([byte]))
            await asyncio.sleep(0.1)
        closed = closed or await asyncio.wait_for(slow_reader.read(), 5) == b""
        assert closed
        for _, idle_writer in idle:
            idle_writer.close()
        writer.close()
        slow_writer.close()
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, 10)
