"""Users' mail from an IMAP mailbox into the local store (R-MAIL-2): `helpline mail-fetch`, and the workstation on
its refresh interval when `imap_host` is set. Each unseen message is read without marking it (BODY.PEEK) and
marked seen only once app/mail/inbound.py has stored it: a crash between fetch and store leaves it unseen, and
the next round stores it then (its Message-ID keeps it from being stored twice). A message over the size limit
is marked seen and flagged, so the mailbox's owner sees what was refused. Core code: no Textual.
"""

from __future__ import annotations

import imaplib
import re
import ssl
from collections.abc import Callable
from datetime import datetime

from app.api.schemas import InboxReport
from app.backends.local_store import LocalStore
from app.i18n import t
from app.mail.inbound import EX_OK, EX_TEMPFAIL, receive
from app.mail.relay import tls_context, unreachable
from app.mail.settings import MailSettings

_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
ROUND = 500  # messages per round: a full mailbox drains over rounds


def _connect(settings: MailSettings) -> imaplib.IMAP4:
    host = settings.imap_host or ""
    if settings.imap_security == "tls":
        client: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, settings.imap_port, ssl_context=tls_context(settings),
                                                  timeout=settings.timeout)
    else:
        client = imaplib.IMAP4(host, settings.imap_port, timeout=settings.timeout)
    try:
        if settings.imap_security == "starttls":
            client.starttls(ssl_context=tls_context(settings))
        password = settings.imap_password.get_secret_value() if settings.imap_password else ""
        client.login(settings.imap_username or "", password)
    except BaseException:
        client.shutdown()
        raise
    return client


def fetch_unseen(store: LocalStore, settings: MailSettings, clock: Callable[[], datetime]) -> InboxReport:
    """One round over the folder's unseen messages."""
    if not settings.imap_host:
        return InboxReport(problem=t("no IMAP server configured (imap_host)"))
    try:
        client = _connect(settings)
    except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
        return InboxReport(problem=unreachable(settings.imap_host, exc))
    report = InboxReport()
    try:
        status, _ = client.select(_quoted(settings.imap_folder))
        if status != "OK":
            return InboxReport(problem=t("no folder {folder} on {host}", folder=settings.imap_folder,
                                         host=settings.imap_host))
        found = client.uid("SEARCH", "UNSEEN")[1]
        uids = [uid.decode() for uid in (found[0] or b"").split()][:ROUND] if found else []
        for uid in uids:
            said = _one(client, uid, store, settings, clock)
            if said is EX_TEMPFAIL:
                report.problem = t("the store could not take mail now; it stays unseen for the next round")
                break
            report.stored += said == EX_OK
            report.refused += said not in (EX_OK, EX_TEMPFAIL)
    except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
        report.problem = t("{host}: {detail}", host=settings.imap_host, detail=" ".join(str(exc).split()))
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            client.shutdown()
    return report


def _one(client: imaplib.IMAP4, uid: str, store: LocalStore, settings: MailSettings,
         clock: Callable[[], datetime]) -> int:
    sized = client.uid("FETCH", uid, "(RFC822.SIZE)")[1]
    size = _SIZE.search(b" ".join(part if isinstance(part, bytes) else b"" for part in sized))
    if size and int(size.group(1)) > settings.max_message_bytes:
        client.uid("STORE", uid, "+FLAGS", "(\\Seen \\Flagged)")
        return 65
    fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")[1]
    raw = next((part[1] for part in fetched if isinstance(part, tuple) and len(part) > 1), None)
    if not isinstance(raw, bytes):
        return EX_TEMPFAIL
    verdict = receive(raw, store, settings, clock)
    if verdict.code == EX_TEMPFAIL:
        return EX_TEMPFAIL  # left unseen: stored on a later round
    client.uid("STORE", uid, "+FLAGS", "(\\Seen)" if verdict.code == EX_OK else "(\\Seen \\Flagged)")
    return verdict.code


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
