"""The `helpline` commands of the local store's mail (R-MAIL-1/2): `mail-in` takes one message on standard input
(an MTA's pipe, as RT's `rt-mailgate`), `mail-send` sends the outbox once and `mail-fetch` takes the
IMAP mailbox's unseen mail once (both for cron).

Kept apart from app/cli.py: mail-in answers an MTA, in exit codes it understands (app/mail/inbound.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from app.backends.local_store import LocalStore
from app.cli import CliError, _store_dir
from app.config import Settings
from app.domain.clock import utcnow
from app.i18n import t
from app.mail.settings import MailSettings
from app.plain_text import printable

R = TypeVar("R")


def add_parsers(commands: Any) -> None:
    commands.add_parser(
        "mail-in", help="store one mail read from standard input in the local store (for an MTA's pipe, procmail or "
        "fetchmail): exit 0 stored, 75 try again later, 65 refused")
    commands.add_parser("mail-send", help="send the letters due in the local store's outbox, once (for cron)")
    commands.add_parser("mail-fetch", help="store the unseen mail of the IMAP mailbox of [mail] in the local store, "
                        "marking each seen once stored (for cron)")


def _mail(settings: Settings) -> MailSettings:
    if settings.backend.kind != "local":
        raise CliError(t("the mail commands work on a local store only (Request Tracker mails by itself)"))
    if settings.mail is None:
        raise CliError(t("no [mail] in config.toml: see the README's Mail section"))
    return settings.mail


def _on_store(settings: Settings, args: argparse.Namespace, work: Callable[[LocalStore], R]) -> R:
    store = LocalStore(_store_dir(settings, args), trust_foreign=settings.backend.trust_foreign)
    try:
        return work(store)
    finally:
        store.close()


def cmd_mail_in(settings: Settings, args: argparse.Namespace) -> int:
    from app.mail.inbound import receive

    mail = _mail(settings)
    raw = sys.stdin.buffer.read(mail.max_message_bytes + 1)  # never more than the limit (and one byte to know)
    verdict = _on_store(settings, args, lambda store: receive(raw, store, mail, utcnow))
    print(f"helpline mail-in: {printable(verdict.said)}", file=sys.stderr)
    return verdict.code


def cmd_mail_send(settings: Settings, args: argparse.Namespace) -> int:
    from app.mail.outbox import deliver_due

    mail = _mail(settings)
    report = _on_store(settings, args, lambda store: deliver_due(store, mail, utcnow))
    print(t("sent {sent}, deferred {deferred}, failed {failed}; {waiting} waiting", sent=report.sent,
            deferred=report.deferred, failed=report.failed, waiting=report.waiting))
    if report.problem:
        print(f"helpline: {printable(report.problem)}", file=sys.stderr)
    return 0


def cmd_mail_fetch(settings: Settings, args: argparse.Namespace) -> int:
    from app.mail.imap_fetch import fetch_unseen

    mail = _mail(settings)
    report = _on_store(settings, args, lambda store: fetch_unseen(store, mail, utcnow))
    print(t("stored {stored}, refused {refused}", stored=report.stored, refused=report.refused))
    if report.problem:
        raise CliError(printable(report.problem))
    return 0


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "mail-in": cmd_mail_in,
    "mail-send": cmd_mail_send,
    "mail-fetch": cmd_mail_fetch,
}
