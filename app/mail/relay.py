"""Handing letters to the SMTP relay (stdlib smtplib): one connection for a batch, and for each letter what it
came to. A relay that cannot be reached, or answers 4xx, defers; 5xx fails the letter for good. Nothing here
raises for a mail server's behaviour: every outcome is a value the outbox records. Core code: no Textual.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import getaddresses

from app.domain.enums import Delivery
from app.i18n import t
from app.mail.settings import MailSettings


@dataclass(frozen=True)
class Outcome:
    delivery: Delivery
    reason: str | None = None


def tls_context(settings: MailSettings) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.ca_file is not None:
        context.load_verify_locations(cafile=str(settings.ca_file))
    return context


def _connect(settings: MailSettings) -> smtplib.SMTP:
    if settings.smtp_security == "tls":
        server: smtplib.SMTP = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=settings.timeout,
                                                context=tls_context(settings))
    else:
        server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout)
    try:
        if settings.smtp_security == "starttls":
            server.starttls(context=tls_context(settings))
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            server.login(settings.smtp_username, password)
    except BaseException:
        server.close()
        raise
    return server


def _said(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _refused(code: int, reason: str) -> Outcome:
    return Outcome(Delivery.FAILED if 500 <= code < 600 else Delivery.DEFERRED, reason)


def unreachable(host: str, exc: BaseException) -> str:
    """One line on a mail server that could not be reached (SMTP here, IMAP in app/mail/imap_fetch.py)."""
    said = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    detail = " ".join(said.split()) or type(exc).__name__
    return t("{host} unreachable ({detail})", host=host, detail=detail)


def send(settings: MailSettings, messages: list[EmailMessage]) -> list[Outcome]:
    """Each message's outcome, in order."""
    if not messages:
        return []
    try:
        server = _connect(settings)
    except smtplib.SMTPAuthenticationError as exc:
        return [Outcome(Delivery.DEFERRED, t("{host} refused the login: {said}", host=settings.smtp_host,
                                             said=_said(exc)))] * len(messages)
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        return [Outcome(Delivery.DEFERRED, unreachable(settings.smtp_host, exc))] * len(messages)
    outcomes: list[Outcome] = []
    try:
        for message in messages:
            outcomes.append(_one(server, settings, message))
    except (OSError, smtplib.SMTPException) as exc:  # the connection is gone: this and the rest wait a round
        outcomes += [Outcome(Delivery.DEFERRED, unreachable(settings.smtp_host, exc))] * (len(messages) - len(outcomes))
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return outcomes


def _one(server: smtplib.SMTP, settings: MailSettings, message: EmailMessage) -> Outcome:
    recipients = [address for _, address in getaddresses(message.get_all("To", []))]
    try:
        refused = server.send_message(message, from_addr=settings.from_address, to_addrs=recipients)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        worst = min(codes) if codes else 550  # any temporary refusal makes the whole letter worth a retry
        reasons = "; ".join(f"{who}: {code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
                            for who, (code, text) in exc.recipients.items())
        return _refused(worst, " ".join(reasons.split()))
    except smtplib.SMTPResponseException as exc:
        return _refused(exc.smtp_code, _said(exc))
    if refused:  # some accepted: the letter went; who did not get it is said
        return Outcome(Delivery.SENT, t("not accepted for {who}", who=", ".join(sorted(refused))))
    return Outcome(Delivery.SENT)
