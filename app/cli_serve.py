"""The `helpline` commands that serve an adapter on a socket, make the tokens it accepts, or check one there.

Kept apart from app/cli.py because they are about the API's trust boundary: who may call it, from where.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import ssl
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.api.auth import RT_TOKENS_FILE, TOKENS_FILE, TokenFile
from app.cli import CliError, _require_store, _store_dir
from app.config import Settings, data_dir
from app.i18n import t

DEFAULT_PORT = 8765


def _port(value: str) -> int:
    """A TCP port, checked by argparse: its error is one line and exit 2, never a traceback."""
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(t("{value} is not a port: give 1-65535", value=value))
    return port


def add_parsers(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="serve the local store adapter (or with --backend rt, RT's) over HTTP; every caller needs a "
        "token of an agent (`helpline token create USER`)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1); any other than loopback needs TLS or --insecure")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"TCP port, 1-65535 (default {DEFAULT_PORT})")
    serve.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                       help="a further name callers reach this server by (the Host header): --host, 127.0.0.1, "
                       "localhost and ::1 are answered, any other is refused; repeatable")
    serve.add_argument("--tls-cert", type=Path, metavar="FILE", help="TLS certificate chain (PEM)")
    serve.add_argument("--tls-key", type=Path, metavar="FILE", help="TLS private key (PEM)")
    serve.add_argument("--insecure", action="store_true",
                       help="serve a --host other than loopback without TLS (tokens and tickets cross the network "
                       "in clear)")
    token = commands.add_parser(
        "token", help="make, list and revoke the tokens `helpline serve` accepts (one agent each; stored hashed in "
        "the store folder, for --backend rt in the data folder)")
    actions = token.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make a token for agent USER and print it, once (its last line)")
    create.add_argument("user", metavar="USER")
    actions.add_parser("list", help="the tokens: id, agent, created (never the token itself)")
    revoke = actions.add_parser("revoke", help="revoke the token ID (a running server refuses it at once)")
    revoke.add_argument("id", metavar="ID")
    check = commands.add_parser(
        "adapter-check", help="run the adapter contract against an adapter served at URL (it must hold a fresh "
        "demo desk, e.g. `helpline --store DIR demo && helpline --store DIR serve`; the checks write to it)")
    check.add_argument("target", metavar="URL")
    check.add_argument("--token", help="token of the acting agent (anna unless --as): also checks that the adapter "
                       "refuses requests without it and acting as anyone else")
    check.add_argument("--agent-token", action="append", default=[], metavar="USER=TOKEN",
                       help="token of another agent some checks act as (sofie, lars); repeatable")


# ----- serve --------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere


def _tls_files(args: argparse.Namespace) -> tuple[Path, Path] | None:
    """Both TLS files, checked readable and matching before anything listens; None when neither is given."""
    cert, key = args.tls_cert, args.tls_key
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise CliError(t("TLS needs both --tls-cert and --tls-key"))
    for path in (cert, key):
        try:
            with path.open("rb") as file:
                file.read(1)
        except OSError as exc:
            raise CliError(t("cannot read the TLS file {path}: {error}", path=path,
                             error=exc.strerror or str(exc))) from exc
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (ssl.SSLError, ValueError) as exc:
        raise CliError(t("{cert} and {key} are not a TLS certificate and its key: {error}", cert=cert, key=key,
                         error=str(exc))) from exc
    return cert, key


def token_file(settings: Settings, args: argparse.Namespace) -> TokenFile:
    """Where the tokens of what `helpline serve` serves are kept: the local store's folder, or for RT (which has
    no store) the Helpline data folder."""
    kind = settings.backend.kind
    if kind == "rt":
        return TokenFile(data_dir() / RT_TOKENS_FILE)
    if kind == "local":
        _require_store(settings, args)
        return TokenFile(_store_dir(settings, args) / TOKENS_FILE)
    raise CliError(t("tokens belong to what `helpline serve` serves, the local store or RT; an adapter at a URL "
                     "keeps its own"))


def backend_name(settings: Settings, args: argparse.Namespace) -> str:
    if settings.backend.kind == "rt":
        return t("Request Tracker as {agent}", agent=settings.me.username)
    return t("the local store at {path}", path=_store_dir(settings, args))


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from app.api.auth import Authenticator
    from app.api.guard import served_names
    from app.api.server import build_app
    from app.api.serving import serve_options
    from app.backends.local import LocalBackend
    from app.connect import rt_backend

    tls = _tls_files(args)
    if tls is None and not is_loopback(args.host):
        if not args.insecure:
            raise CliError(t("--host {host} is not loopback: give --tls-cert and --tls-key, or --insecure to serve "
                             "it without TLS", host=args.host))
        print("helpline: " + t("warning: serving on {host} without TLS: tokens and tickets cross the network in "
                               "clear", host=args.host), file=sys.stderr, flush=True)
    if settings.backend.kind not in ("rt", "local"):
        raise CliError(t("serve serves the local store or RT; an adapter at a URL is served already"))
    tokens = token_file(settings, args)
    # Serving RT acts as the configured agent only: its credentials are that agent's.
    auth = Authenticator(tokens, only_agent=settings.me.username if settings.backend.kind == "rt" else None)
    auth.refresh()
    if auth.damaged is not None:
        raise auth.damaged
    if auth.count() == 0:
        print("helpline: " + t("warning: no token in {path} yet: every request is refused until `helpline token "
                               "create USER` makes one", path=tokens.path), file=sys.stderr, flush=True)
    backend: Any
    if settings.backend.kind == "rt":
        backend = rt_backend(settings)
    else:
        backend = LocalBackend.open(_store_dir(settings, args), read_only=settings.backend.read_only,
                                    trust_foreign=settings.backend.trust_foreign)
    app = build_app(backend, auth=auth, hosts=served_names(args.host, args.allowed_host))
    host = f"[{args.host}]" if ":" in args.host else args.host
    print("helpline: " + t("serving {what} at {url} to holders of its tokens; Ctrl+C stops it",
                           what=backend_name(settings, args), url=f"{'https' if tls else 'http'}://{host}:{args.port}"),
          file=sys.stderr, flush=True)
    uvicorn.run(app, **serve_options(host=args.host, port=args.port, ssl_certfile=str(tls[0]) if tls else None,
                                     ssl_keyfile=str(tls[1]) if tls else None))
    return 0


# ----- token --------------------------------------------------------------------------------------


def _agents_of_store(settings: Settings, args: argparse.Namespace) -> list[str]:
    from app.backends.local_store import LocalStore

    store = LocalStore(_store_dir(settings, args), read_only=True, trust_foreign=settings.backend.trust_foreign)
    try:
        return sorted(store.agents())
    finally:
        store.close()


def cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    tokens = token_file(settings, args)
    if args.token_action == "create":
        if settings.backend.kind == "rt":
            if args.user != settings.me.username:
                raise CliError(t("serving RT acts as the configured agent only ({me}): no token for {user}",
                                 me=settings.me.username, user=args.user))
        else:
            agents = _agents_of_store(settings, args)
            if args.user not in agents:
                raise CliError(t("{user} is not an agent of this desk (its agents: {agents})", user=args.user,
                                 agents=", ".join(agents)))
        record, token = tokens.create(args.user)
        print(t("token {id} of {agent} created in {path}. It is shown this once: give it to {agent} (the "
                "workstation reads it from HELPLINE_TOKEN or backend.token).", id=record.id, agent=record.agent,
                path=tokens.path))
        print(token)  # alone on the last line, for scripts
        return 0
    if args.token_action == "list":
        records = tokens.records()
        if not records:
            print(t("no tokens in {path}", path=tokens.path))
            return 0
        width = max(len(record.agent) for record in records)
        print(f"{t('ID'):<8}  {t('AGENT'):<{width}}  {t('CREATED')}")
        for record in records:
            print(f"{record.id:<8}  {record.agent:<{width}}  {record.created:%Y-%m-%d %H:%M} UTC")
        return 0
    from app.errors import NotFound

    try:
        record = tokens.revoke(args.id)
    except NotFound as exc:
        raise CliError(t("no token {id} in {path}: `helpline token list` shows them", id=args.id,
                         path=tokens.path)) from exc
    print(t("token {id} of {agent} revoked", id=record.id, agent=record.agent))
    return 0


# ----- adapter-check ------------------------------------------------------------------------------


def _agent_tokens(pairs: list[str]) -> dict[str, str]:
    tokens = {}
    for pair in pairs:
        agent, sep, token = pair.partition("=")
        if not sep or not agent.strip() or not token.strip():
            raise CliError(t("--agent-token takes USER=TOKEN, not {value}", value=pair.split("=")[0] + "=…"))
        tokens[agent.strip()] = token.strip()
    return tokens


def cmd_adapter_check(settings: Settings, args: argparse.Namespace) -> int:
    """Each check on one line, PASS or FAIL with why; exit 1 when any failed, so a CI can use it."""
    import httpx

    from app.config import redacted_url
    from app.contract.runner import Outcome, run_checks

    def report(outcome: Outcome) -> None:
        verdict = "PASS" if outcome.failure is None else "FAIL"
        line = f"{verdict}  {outcome.name}  ({outcome.seconds * 1000:.0f} ms)"
        print(line + (f"\n      {outcome.failure}" if outcome.failure else ""), flush=True)

    actor = args.actor or "anna"  # the demo desk's first-line dispatcher, whom the checks act as
    agent_tokens = _agent_tokens(args.agent_token)
    try:
        outcomes = asyncio.run(run_checks(args.target.rstrip("/"), actor, report, token=args.token,
                                          agent_tokens=agent_tokens))
    except httpx.TransportError as error:
        raise CliError(t("cannot reach an adapter at {url}: {error}", url=redacted_url(args.target),
                         error=str(error).replace(args.target, redacted_url(args.target)))) from error
    failed = sum(outcome.failure is not None for outcome in outcomes)
    print(t("{passed} of {total} checks passed against {url}", passed=len(outcomes) - failed,
            total=len(outcomes), url=redacted_url(args.target)))
    return 1 if failed else 0


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "serve": cmd_serve,
    "token": cmd_token,
    "adapter-check": cmd_adapter_check,
}
