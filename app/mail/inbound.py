"""One inbound mail into the local store (R-MAIL-2), as `rt-mailgate` does for RT: `helpline mail-in` (an MTA's
pipe, procmail, fetchmail) and `helpline mail-fetch` (IMAP) both come here.

The outcome is an exit code an MTA understands: 0 stored (or deliberately dropped: a loop, a duplicate);
75 (EX_TEMPFAIL) when the store cannot take it now, so the MTA retries and nothing is lost; 65 (EX_DATAERR)
for a mail over the size limit. A mail that cannot be read is kept whole in the store for an agent rather
than bounced. Nothing here trusts the mail: every header and part may be malformed. Core code: no Textual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes
from email.message import EmailMessage, Message
from email.policy import default
from email.utils import parseaddr

from app.backends.local_store import LocalStore
from app.backends.store_attachments import NewFile
from app.domain import mail_in
from app.domain.codes import format_code, ticket_for_inbound
from app.domain.enums import Delivery
from app.domain.journal import system_event
from app.domain.letters import person, record_delivery
from app.domain.limits import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES
from app.domain.mail_in import UserMail
from app.domain.models import Attachment, Ticket
from app.errors import HelplineError, NotFound, StoreDamaged
from app.i18n import t
from app.mail.mail_text import body_text, decoded
from app.mail.settings import MailSettings

EX_OK = 0
EX_DATAERR = 65
EX_TEMPFAIL = 75
KEPT_FOLDER = "mail-kept"  # in the store: mail that could not be read, for an agent
_LOOP_SENDERS = ("mailer-daemon", "postmaster")
_BULK = ("bulk", "junk", "list")


@dataclass(frozen=True)
class Verdict:
    code: int  # the exit code
    said: str  # one line for the MTA's log (and the CLI's standard error)


def receive(raw: bytes, store: LocalStore, settings: MailSettings, clock: Callable[[], datetime]) -> Verdict:
    if len(raw) > settings.max_message_bytes:
        return Verdict(EX_DATAERR, f"refused: {len(raw)} bytes, more than the limit of {settings.max_message_bytes}")
    try:
        message = message_from_bytes(raw, policy=default)
        read = _read(message)
    except Exception as exc:  # a mail may break the parser in any way: it is kept, never lost
        return _keep(store, raw, f"{type(exc).__name__}: {exc}")
    if not read.address and not read.mail.subject:  # no one to answer and nothing to go by: not a mail
        return _keep(store, raw, "no sender and no subject")
    try:
        return _route(message, read, store, settings, clock)
    except HelplineError as exc:  # the store is locked, full, damaged or read-only: the MTA tries again later
        return Verdict(EX_TEMPFAIL, f"not stored now ({exc}); try again")
    except Exception as exc:  # a header that breaks only when read, a rule the mail cannot meet: kept, not lost
        return _keep(store, raw, f"{type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class _Read:
    mail: UserMail
    address: str
    replying_to: list[str]
    files: list[NewFile]  # its attachments, within the store's limits
    left_out: int  # attachments over those limits


def _attachments(message: EmailMessage) -> tuple[list[NewFile], int]:
    """The mail's attachments as files to store with the ticket (a forwarded message as an .eml file), as many
    as the store's limits take (app/domain/limits.py); how many more there were."""
    found: list[NewFile] = []
    for part in message.iter_attachments():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            data = first.as_bytes() if isinstance(first, Message) else b""
            name = part.get_filename() or "forwarded-message.eml"
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            name = part.get_filename() or "attachment"
        if data:
            found.append(NewFile(name, data, kind))
    kept: list[NewFile] = []
    for file in found:
        room = MAX_ATTACHMENTS_TOTAL_BYTES - sum(len(k.data) for k in kept)
        if len(kept) < MAX_ATTACHMENTS and len(file.data) <= min(MAX_ATTACHMENT_BYTES, room):
            kept.append(file)
    return kept, len(found) - len(kept)


def _read(message: EmailMessage) -> _Read:
    name, address = parseaddr(str(message.get("From", "")))
    sender = person(name, address) if address else " ".join(name.split())
    replying = str(message.get("In-Reply-To", "")) + " " + str(message.get("References", ""))
    mail = UserMail(sender=sender or "unknown sender", subject=" ".join(str(message.get("Subject", "")).split()),
                    text=body_text(message), message_id=_message_id(message.get("Message-ID")))
    files, left_out = _attachments(message)
    return _Read(mail, address.casefold(), [word for word in replying.split() if word.startswith("<")], files,
                 left_out)


def _message_id(value: object) -> str | None:
    text = " ".join(str(value or "").split())
    return text[:500] or None


def _route(message: EmailMessage, read: _Read, store: LocalStore, settings: MailSettings,
           clock: Callable[[], datetime]) -> Verdict:
    mail = read.mail
    if message.get_content_type() == "multipart/report":
        return _bounce(message, store, clock)
    loop = _loop_reason(message, read, settings)
    if loop:
        return Verdict(EX_OK, f"dropped: {loop} (R-MAIL-2: no mail loops)")
    if mail.message_id:
        known = store.query_index(lambda table: table.ticket_of_mail(mail.message_id or ""))
        if known is not None:
            return Verdict(EX_OK, f"already stored with {format_code(known)}")
    target = _ticket_named(mail.subject, read.replying_to, store)
    now = clock()
    teams = store.teams()
    intake = teams.get(settings.intake_team)
    if intake is None:
        raise NotFound(f"the intake team {settings.intake_team!r} is not a team of the desk")
    if target is not None and mail_in.can_join(target, now):
        team = teams.get(target.team, intake)
        _with_files(store, target.code, read, now, lambda ticket: mail_in.join(ticket, mail, team, now))
        return Verdict(EX_OK, f"joined {target.code}")
    made = store.create_ticket(lambda number: mail_in.ticket_of_mail(number, mail, intake, now, follows=target))
    if read.files or read.left_out:
        _with_files(store, made.code, read, now, lambda ticket: None)
    if target is not None:
        store.update(target.code, lambda closed: mail_in.followed_up(closed, made, now))
        return Verdict(EX_OK, f"opened {made.code}, following up {target.code}")
    return Verdict(EX_OK, f"opened {made.code}")


def _with_files(store: LocalStore, code: str, read: _Read, now: datetime, change: Callable[[Ticket], None]) -> None:
    """`change`, with the mail's attachments stored beside the ticket in the same write (or none of them)."""
    def changed(ticket: Ticket, stored: list[Attachment]) -> None:
        change(ticket)
        ticket.attachments.extend(stored)
        if read.left_out:
            system_event(ticket, "attachments", t("{n} attachment(s) of the mail not kept: over the store's limits",
                                                  n=read.left_out), now, actor=mail_in.MAIL_ACTOR)

    store.update_with_files(code, read.files, changed, None, mail_in.MAIL_ACTOR, now)


def _loop_reason(message: EmailMessage, read: _Read, settings: MailSettings) -> str | None:
    auto = str(message.get("Auto-Submitted", "")).strip().casefold()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = str(message.get("Precedence", "")).strip().casefold()
    if precedence in _BULK:
        return f"Precedence: {precedence}"
    if str(message.get("Return-Path", "")).strip() == "<>":
        return "an empty Return-Path (a bounce)"
    local = read.address.partition("@")[0]
    if local in _LOOP_SENDERS:
        return f"from {read.address}"
    if read.address == settings.from_address.casefold() or message.get("X-Helpline-Ticket"):
        return "from the desk itself"
    return None


def _ticket_named(subject: str, replying_to: list[str], store: LocalStore) -> Ticket | None:
    """The ticket the subject's code names (R-TICKET-7), else the one whose letter this answers."""
    code = ticket_for_inbound(subject)
    if code is None:
        found = store.query_index(lambda table: [table.ticket_of_mail(known) for known in replying_to])
        code = next((format_code(number) for number in found if number is not None), None)
    if code is None:
        return None
    try:
        return store.get(code)
    except NotFound:
        return None  # a code of no ticket (a typo, another desk's): the mail opens a new one


def _bounce(message: EmailMessage, store: LocalStore, clock: Callable[[], datetime]) -> Verdict:
    """R-MAIL-2: a delivery report never opens a ticket; it marks the letter it reports on as failed."""
    original, diagnostic = None, "bounced"
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            diagnostic = _diagnostic(part) or diagnostic
        elif kind in ("message/rfc822", "text/rfc822-headers") and original is None:
            original = _original_id(part)
    if original is None:
        return Verdict(EX_OK, "dropped: a delivery report on no letter of ours")
    number = store.query_index(lambda table: table.ticket_of_mail(original or ""))
    if number is None:
        return Verdict(EX_OK, "dropped: a delivery report on no letter of ours")
    now = clock()
    store.update(format_code(number), lambda ticket: record_delivery(ticket, original or "", Delivery.FAILED, now,
                                                                      diagnostic), new_version=False)
    return Verdict(EX_OK, f"marked the letter {original} of {format_code(number)} as failed")


def _diagnostic(part: Message) -> str | None:
    """The server's words on why (Diagnostic-Code), else the status code, from a delivery-status part."""
    payload = part.get_payload()
    blocks = payload if isinstance(payload, list) else [message_from_bytes(decoded(part).encode(), policy=default)]
    said: dict[str, str] = {}
    for block in blocks:
        if isinstance(block, Message):
            for field in ("Diagnostic-Code", "Status"):
                if block.get(field) and field not in said:
                    said[field] = " ".join(str(block.get(field)).split())
    found = said.get("Diagnostic-Code") or said.get("Status")
    return f"bounced: {found}" if found else None


def _original_id(part: Message) -> str | None:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        first = inner[0] if isinstance(inner, list) and inner else None
        return _message_id(first.get("Message-ID")) if isinstance(first, Message) else None
    payload = part.get_payload(decode=True)
    headers = message_from_bytes(payload if isinstance(payload, bytes) else b"", policy=default)
    return _message_id(headers.get("Message-ID"))


def kept_mail(store: LocalStore) -> list[str]:
    """The names of the mails kept for an agent (R-MAIL-2), for the status line to name."""
    folder = store.root / KEPT_FOLDER
    if not store.files.check_folder(folder):
        return []
    return sorted(path.name for path in folder.iterdir() if path.suffix == ".eml")[:1000]


def _keep(store: LocalStore, raw: bytes, why: str) -> Verdict:
    """The mail whole, in the store's mail-kept folder, for an agent: never bounced, never lost."""
    folder = store.root / KEPT_FOLDER
    try:
        store.files.make_folder(folder)
        path = folder / f"{hashlib.sha256(raw).hexdigest()[:24]}.eml"
        store.files.write(path, raw, checked=True)
    except (OSError, StoreDamaged, HelplineError) as exc:
        return Verdict(EX_TEMPFAIL, f"could not keep an unreadable mail ({exc}); try again")
    return Verdict(EX_OK, f"kept for an agent in {path} (it could not be read: {' '.join(why.split())[:200]})")

