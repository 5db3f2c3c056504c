"""The `helpline` commands that serve an adapter on a socket or check one there.

Kept apart from app/cli.py because they are about the API's trust boundary: who may call it, from where.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from typing import Any

from app.cli import CliError, _require_store, _store_dir
from app.config import Settings
from app.i18n import t


def add_parsers(commands: Any) -> None:
    serve = commands.add_parser("serve", help="serve the local store adapter (or with --backend rt, RT's) over "
                                "HTTP on loopback")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    check = commands.add_parser(
        "adapter-check", help="run the adapter contract against an adapter served at URL (it must hold a fresh "
        "demo desk, e.g. `helpline --store DIR demo && helpline --store DIR serve`; the checks write to it)")
    check.add_argument("target", metavar="URL")


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from app.api.server import build_app
    from app.backends.local import LocalBackend
    from app.connect import rt_backend

    if settings.backend.kind == "rt":  # RT's adapter on a socket, acting as the configured agent only
        app = build_app(rt_backend(settings))
    elif settings.backend.kind == "local":
        _require_store(settings, args)
        app = build_app(LocalBackend.open(_store_dir(settings, args), read_only=settings.backend.read_only))
    else:
        raise CliError(t("serve serves the local store or RT; an adapter at a URL is served already"))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


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
    try:
        outcomes = asyncio.run(run_checks(args.target.rstrip("/"), actor, report))
    except httpx.TransportError as error:
        raise CliError(t("cannot reach an adapter at {url}: {error}", url=redacted_url(args.target),
                         error=str(error).replace(args.target, redacted_url(args.target)))) from error
    failed = sum(outcome.failure is not None for outcome in outcomes)
    print(t("{passed} of {total} checks passed against {url}", passed=len(outcomes) - failed,
            total=len(outcomes), url=redacted_url(args.target)))
    return 1 if failed else 0



COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "serve": cmd_serve,
    "adapter-check": cmd_adapter_check,
}
