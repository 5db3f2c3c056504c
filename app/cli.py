"""The `helpline` command: the TUI by default, and commands for scripts and mail hooks.

Every error is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import typing
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app import cli_logging
from app.cli_args import json_for_terminal, refuse_non_utf8, shown, url_argument, user_name, whole_number
from app.config import (
    ConfigError,
    Settings,
    load_settings_with_warnings,
    log_path,
    resolve_store_dir,
)
from app.domain.enums import Impact, Kind, Status, Urgency
from app.domain.errors import RuleViolation
from app.errors import HelplineError, StoreDamaged
from app.i18n import label, set_language, t
from app.plain_text import printable

EXIT_ERROR = 1
EX_TEMPFAIL = 75  # sysexits.h: an MTA keeps the mail and tries again
EXIT_USAGE = 2
# What `demo --tickets` and `list --limit` accept: a load test's size, and what one page of the API answers.
MAX_EXTRA_TICKETS = 100_000
MAX_LIST_LIMIT = 1000

log = logging.getLogger(__name__)


class CliError(Exception):
    """A failure already phrased for the user."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        # One line, not argparse's usage block: scripts and people read the reason first. argparse quotes what
        # was typed (a mail hook passes a mail's text), so it is shown, not obeyed.
        self.exit(EXIT_USAGE, f"{self.prog}: {printable(message)} (see `{self.prog} --help`)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="helpline", description="Keyboard-driven service desk workstation.")
    parser.add_argument("--store", type=Path, help="local store folder (default: the user data folder)")
    parser.add_argument("--backend", choices=["local", "http", "rt"], help="backend kind (overrides the config)")
    parser.add_argument("--url", type=url_argument,
                        help="adapter URL for --backend http, RT's base URL for --backend rt")
    parser.add_argument("--read-only", action="store_true",
                        help="open the local store to read everything and change nothing")
    parser.add_argument("--trust-foreign", action="store_true",
                        help="open a store folder of another user, or one others may write, knowingly")
    parser.add_argument("--config", type=Path, help="config file (default: the user config folder)")
    parser.add_argument("--as", dest="actor", metavar="USER", type=user_name,
                        help="act as this agent (default: me in config)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("tui", help="start the workstation (the default)")
    demo = commands.add_parser("demo", help="create a store with demo data")
    demo.add_argument("--tickets", type=whole_number(0, MAX_EXTRA_TICKETS), default=0,
                      help=f"extra generated tickets beyond the demo set (0 to {MAX_EXTRA_TICKETS})")
    listing = commands.add_parser("list", help="print tickets")
    listing.add_argument("--team")
    listing.add_argument("--status", choices=[s.value for s in Status], action="append")
    listing.add_argument("--open", action="store_true", help="only open tickets")
    listing.add_argument("--search", metavar="WORDS",
                         help="in code, subject, requester, requested-for, owner, team, category, serial "
                         "number or the journal's notes and messages (oberg finds Öberg)")
    listing.add_argument("--limit", type=whole_number(1, MAX_LIST_LIMIT), default=100,
                         help=f"at most this many tickets (1 to {MAX_LIST_LIMIT})")
    listing.add_argument("--json", action="store_true")
    show = commands.add_parser("show", help="print one ticket with its journal")
    show.add_argument("code")
    show.add_argument("--json", action="store_true")
    new = commands.add_parser("new", help="register a ticket and print its code")
    new.add_argument("--subject", required=True)
    new.add_argument("--requester", required=True)
    new.add_argument("--requested-for")
    new.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.INCIDENT.value)
    new.add_argument("--team")
    new.add_argument("--description", default="")
    new.add_argument("--category")
    new.add_argument("--serial")
    new.add_argument("--impact", choices=[i.value for i in Impact])
    new.add_argument("--urgency", choices=[u.value for u in Urgency])
    new.add_argument("--allow-duplicate", action="store_true", help="register even if likely duplicates exist")
    commands.add_parser("config", help="show the config path and effective values (secrets redacted)")
    commands.add_parser("api-spec", help="print the OpenAPI document of the adapter API")
    commands.add_parser("reindex", help="rebuild a damaged or missing queue index from the ticket files "
                        "(the old index is kept aside)")
    from app.cli_mail import add_parsers as add_mail_parsers
    from app.cli_serve import add_parsers as add_serve_parsers

    add_serve_parsers(commands)
    add_mail_parsers(commands)
    setup = commands.add_parser(
        "rt-setup", help="write what Request Tracker 5 needs for Helpline (lifecycle, queues, custom fields, "
        "agents, rights) and say what an RT admin must do by hand")
    setup.add_argument("--out", type=Path, default=Path("helpline-rt"), help="folder for the files")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings, warnings = load_settings_with_warnings(args.config)
    for warning in warnings:
        print(f"helpline: warning: {printable(warning)}", file=sys.stderr)
    changes: dict[str, Any] = {}
    if args.backend:
        changes["kind"] = args.backend
    if args.url:
        changes["url"] = args.url
    if args.read_only:
        changes["read_only"] = True
    if args.trust_foreign:
        changes["trust_foreign"] = True
    if changes:
        settings = settings.model_copy(update={"backend": settings.backend.model_copy(update=changes)})
    if args.actor:
        settings = settings.model_copy(update={"me": settings.me.model_copy(update={"username": args.actor})})
    set_language(settings.language)
    return settings


def _store_dir(settings: Settings, args: argparse.Namespace) -> Path:
    return resolve_store_dir(settings, args.store)


def _require_store(settings: Settings, args: argparse.Namespace) -> None:
    from app.backends.local_store import LocalStore

    if settings.backend.kind != "local":
        return
    store = _store_dir(settings, args)
    if not LocalStore.exists(store):
        raise CliError(t("no Helpline store at {path}: run `helpline demo` (demo data) or `helpline` once",
                         path=printable(str(store))))


async def _with_desk(settings: Settings, args: argparse.Namespace, work: Callable[[Any], Awaitable[int]]) -> int:
    from app.connect import open_client
    from app.usecases import Desk

    client = open_client(settings, args.store)
    try:
        return await work(await Desk.connect(client))
    finally:
        await client.aclose()


# ----- commands --------------------------------------------------------------------------------------


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from app.seed import seed_demo

    if settings.backend.kind != "local":
        raise CliError(t("demo makes a local store; for RT, `helpline rt-setup` says what RT needs"))
    store = _store_dir(settings, args)
    count = seed_demo(store, extra=args.tickets)
    print(t("Demo store with {n} tickets at {path}", n=count, path=printable(str(store))))
    return 0


def cmd_list(settings: Settings, args: argparse.Namespace) -> int:
    from app.api.backend import TicketQuery

    query = TicketQuery(team=args.team, status=args.status or [], open=True if args.open else None,
                        text=args.search, limit=args.limit)

    async def work(desk: Any) -> int:
        page = await desk.search(query)
        if args.json:
            print(json_for_terminal(json.dumps([row.model_dump(mode="json") for row in page.items], ensure_ascii=False,
                                        indent=2)))
            return 0
        for row in page.items:
            # Every field an adapter sends is outside text: a team named with an escape sequence could write
            # the clipboard or retitle the terminal.
            owner = printable(row.owner) or "-"
            status = label(row.status) + (f" ({label(row.pending_reason)})" if row.pending_reason else "")
            print(f"{printable(row.code):<9} {row.priority.value:<4} {status:<34} {printable(row.team):<16} "
                  f"{owner:<10} {printable(row.subject)}")
        print(t("{shown} of {total} tickets", shown=len(page.items), total=page.total), file=sys.stderr)
        return 0

    return asyncio.run(_with_desk(settings, args, work))


def cmd_show(settings: Settings, args: argparse.Namespace) -> int:
    async def work(desk: Any) -> int:
        ticket = await desk.ticket(args.code.strip().upper())
        if args.json:
            print(json_for_terminal(ticket.model_dump_json(indent=2)))
            return 0
        print(f"{printable(ticket.code)}  {printable(ticket.subject)}")
        print(f"  {label(ticket.kind)} · {label(ticket.status)}"
              + (f" ({label(ticket.pending_reason)})" if ticket.pending_reason else "")
              + f" · {ticket.priority.value} ({label(ticket.impact)} / {label(ticket.urgency)})")
        print(f"  {t('Team')}: {printable(ticket.team)}   {t('Owner')}: {printable(ticket.owner) or '-'}")
        print(f"  {t('Requester')}: {printable(ticket.requester)}"
              + (f"   {t('Requested for')}: {printable(ticket.requested_for)}" if ticket.requested_for else ""))
        from app.domain.enums import EntryKind
        from app.domain.events import event_text
        from app.domain.journal import ordered_for_reading

        for entry in ordered_for_reading(ticket.journal):
            pin = " [pinned]" if entry.pinned else ""
            # R-JOURNAL-6: words typed in for someone else name the agent who recorded them, as the journal does.
            recorded = f" · {t('recorded by {agent}', agent=printable(entry.recorded_by))}" if entry.recorded_by else ""
            who = printable(entry.author) + recorded
            print(f"\n--- {entry.created:%Y-%m-%d %H:%M} {label(entry.kind)} · {who}{pin}")
            print(printable(event_text(entry) if entry.kind is EntryKind.SYSTEM_EVENT else entry.body,
                            keep_newlines=True))
        return 0

    return asyncio.run(_with_desk(settings, args, work))


def cmd_new(settings: Settings, args: argparse.Namespace) -> int:
    from app.domain.tickets import NewTicket
    from app.usecases import DuplicatesFound

    draft = NewTicket(
        kind=Kind(args.kind), subject=args.subject, requester=args.requester, requested_for=args.requested_for,
        team=args.team, description=args.description, category=args.category, serial_number=args.serial,
        impact=Impact(args.impact) if args.impact else None, urgency=Urgency(args.urgency) if args.urgency else None,
    )

    async def work(desk: Any) -> int:
        try:
            ticket = await desk.create_ticket(draft, allow_duplicates=args.allow_duplicate)
        except DuplicatesFound as found:
            codes = ", ".join(f"{printable(row.code)} ({printable(row.subject)})" for row in found.rows)
            raise CliError(t("likely duplicates (R-TICKET-6): {codes}; add --allow-duplicate to register anyway",
                             codes=codes)) from found
        print(printable(ticket.code))
        return 0

    return asyncio.run(_with_desk(settings, args, work))


def cmd_config(settings: Settings, args: argparse.Namespace) -> int:
    from app.config import config_path
    from app.config_toml import effective

    print(f"# {printable(str(args.config or config_path()))}")
    print(printable(effective(settings), keep_newlines=True))  # a value from the file may hold anything
    return 0


def cmd_api_spec(settings: Settings, args: argparse.Namespace) -> int:
    from app.api.spec import openapi_document

    print(json.dumps(openapi_document(), indent=2, ensure_ascii=False))
    return 0


def cmd_reindex(settings: Settings, args: argparse.Namespace) -> int:
    """The way forward from a damaged index: the ticket files are the truth; a damaged one is named, not touched."""
    from app.backends.local_store import LocalStore

    if settings.backend.kind != "local":
        raise CliError(t("reindex works on a local store only"))
    _require_store(settings, args)
    store = LocalStore(_store_dir(settings, args), trust_foreign=settings.backend.trust_foreign)
    try:
        count, damaged, kept = store.rebuild_index()
    finally:
        store.close()
    print(t("indexed {n} tickets; the old index files were kept in {path}", n=count, path=printable(str(kept))))
    for problem in damaged:
        print(t("damaged, left as it is and not in the queue: {problem}", problem=printable(problem)),
              file=sys.stderr)
    return 1 if damaged else 0


def cmd_rt_setup(settings: Settings, args: argparse.Namespace) -> int:
    """REST2 5.0 can neither change RT's config nor grant rights, so this writes the files an admin loads."""
    from app.backends.rt_setup import desk_json, initialdata, lifecycle_snippet, manual_steps
    from app.connect import rt_desk

    desk = rt_desk(settings.backend.desk)
    teams, agents = list(desk.teams.values()), list(desk.agents.values())
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "RT_SiteConfig-helpline.pm": lifecycle_snippet(teams),
        "helpline-initialdata": initialdata(teams, agents),
        "desk.json": desk_json(teams, agents),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    print(t("Wrote {files} to {out} for {teams} teams and {agents} agents.", files=", ".join(files),
            out=printable(str(out)), teams=len(teams), agents=len(agents)))
    print(t("What an RT admin does (REST2 cannot do these):"))
    for number, step in enumerate(manual_steps(), start=1):
        print(f"  {number}. {step}")
    print(t("Then set backend.kind = \"rt\", backend.url and backend.desk = \"{desk}\" in {config}.",
            desk=printable(str((out / "desk.json").resolve())), config="config.toml"))
    return 0


def cmd_tui(settings: Settings, args: argparse.Namespace) -> int:
    from app.config import config_path
    from app.seed import ensure_first_run_store

    if args.config is None and not os.path.lexists(config_path()):
        _write_first_config(config_path())

    if settings.backend.kind == "local" and not settings.backend.read_only:
        ensure_first_run_store(_store_dir(settings, args), settings)
    from app.tui import run_workstation

    return run_workstation(settings, store=args.store)


def _write_first_config(path: Path) -> None:
    """Issue 19: the first run leaves a config.toml with every key and its meaning, to change in place."""
    from app import atomic_write as atomic
    from app.config_toml import defaults

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic.atomic_write(path, defaults().encode("utf-8"), mode=0o600)
    except OSError as exc:  # a read-only home: the defaults still apply, said once
        said = t("could not write {path}: {reason}", path=printable(str(path)),
                 reason=printable(exc.strerror or str(exc)))
        print(f"helpline: {said}", file=sys.stderr)
        return
    print(t("First run: wrote {path}, every setting with its meaning", path=printable(str(path))), file=sys.stderr)


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "tui": cmd_tui,
    "demo": cmd_demo,
    "list": cmd_list,
    "show": cmd_show,
    "new": cmd_new,
    "config": cmd_config,
    "api-spec": cmd_api_spec,
    "reindex": cmd_reindex,
    "rt-setup": cmd_rt_setup,
}
NEEDS_STORE = {"list", "show", "new"}


def _further_commands() -> dict[str, Callable[[Settings, argparse.Namespace], int]]:
    from app.cli_mail import COMMANDS as MAIL_COMMANDS
    from app.cli_serve import COMMANDS as SERVE_COMMANDS

    return {**SERVE_COMMANDS, **MAIL_COMMANDS}


def _tolerant_output() -> None:
    """A character the terminal's encoding cannot show (a lone surrogate from a file name, ⏎ in a Latin-1
    locale) is printed as an escape instead of ending the command with an encoding error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A stream that is closed or not a text file keeps its ways.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _quiet_stdout() -> None:
    # After a closed pipe (`helpline list | head -1`), the flush at exit would fail again and Python would say
    # so on stderr: what is left to print goes nowhere.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _fail(message: str, journal: cli_logging.PrivateLog) -> int:
    """The one line of a failure; it names the log when something failed inside while the command ran."""
    if journal.logged_errors:
        message = t("{message} (details in {path})", message=message, path=printable(str(journal.path)))
    print(f"helpline: {message}", file=sys.stderr)
    return EXIT_ERROR


def main(argv: list[str] | None = None) -> int:
    _tolerant_output()
    parser = _parser()
    arguments = sys.argv[1:] if argv is None else argv
    refuse_non_utf8(parser, arguments)
    args = parser.parse_args(arguments)
    command = args.command or "tui"
    code = _main(args, command)
    # An MTA bounces a mail on any other failure: whatever went wrong (a config file, the store), it tries again.
    return EX_TEMPFAIL if command == "mail-in" and code == EXIT_ERROR else code


def _main(args: argparse.Namespace, command: str) -> int:
    with cli_logging.logging_to(log_path()) as journal:
        try:
            settings = _settings(args)
            if command in NEEDS_STORE:
                _require_store(settings, args)
            run = COMMANDS.get(command) or _further_commands()[command]
            return run(settings, args)
        # Every message below may carry outside text (an adapter's detail, a path in the store): printable.
        except (CliError, ConfigError) as exc:
            return _fail(printable(str(exc)), journal)
        except RuleViolation as exc:
            return _fail(f"{printable(exc.message)} ({printable(exc.rule)})", journal)
        except StoreDamaged as exc:
            return _fail(f"{t('store file damaged')}: {printable(exc.path)}: {printable(exc.reason)}", journal)
        except HelplineError as exc:
            return _fail(printable(exc.message), journal)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            return _fail(f"{printable(where)}: {printable(first['msg'])}", journal)
        except KeyboardInterrupt:
            return _fail(t("interrupted"), journal)
        except BrokenPipeError:
            _quiet_stdout()
            return EXIT_ERROR
        except OSError as exc:
            reason = printable(exc.strerror or str(exc))
            return _fail(f"{printable(str(exc.filename))}: {reason}" if exc.filename is not None else reason, journal)
        except Exception as exc:
            # Last: a bug or a library's surprise. The traceback goes to the log, one line to the terminal.
            log.exception("helpline %s failed", command)
            kind = type(exc).__name__
            if journal.logged_errors:
                said = t("internal error ({kind}); details in {path}", kind=kind, path=printable(str(journal.path)))
            else:  # the log could not be written: the error's own words are all there is
                said = t("internal error ({kind}): {error}", kind=kind, error=shown(str(exc), 200))
            print(f"helpline: {said}", file=sys.stderr)
            return EXIT_ERROR


if __name__ == "__main__":
    # `python -m app.cli` runs this file as __main__; the commands in app/cli_serve.py import app.cli, whose
    # CliError must be the one main() catches, so run the imported module's main.
    from app.cli import main as imported_main

    sys.exit(imported_main())
