"""`[mail]` in config.toml: how the local store's letters leave (SMTP) and how users' mail arrives (IMAP, or an
MTA piping into `helpline mail-in`). R-MAIL-1/2. Passwords come from the environment, or the file (0600),
and are redacted wherever settings are shown. Core code: no Textual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from app.domain.letters import address_of

ENV_SMTP_PASSWORD = "HELPLINE_SMTP_PASSWORD"
ENV_IMAP_PASSWORD = "HELPLINE_IMAP_PASSWORD"
MAIL_SECRET_KEYS = {"smtp_password": ENV_SMTP_PASSWORD, "imap_password": ENV_IMAP_PASSWORD}
Security = Literal["starttls", "tls", "none"]


def _host(value: str | None) -> str | None:
    if value is not None and (not value or any(ch.isspace() or not ch.isprintable() for ch in value)):
        raise ValueError("a host name has no spaces or control characters")
    return value


class MailSettings(BaseModel):
    """The desk's mail. Without this table letters are recorded as not sent (no mail configured)."""

    model_config = ConfigDict(extra="forbid")

    from_address: str = Field(description="The desk's address: letters come from it, and mail from it is never "
                              "answered or made a ticket (R-MAIL-2).")
    from_name: str = Field("Service Desk", description="The name letters come from.")
    smtp_host: str = Field(description="The relay letters are handed to.")
    smtp_port: int = Field(587, ge=1, le=65535, description="587 for starttls, 465 for tls, 25 for none.")
    smtp_security: Security = Field("starttls", description="starttls, tls (from the first byte) or none.")
    smtp_username: str | None = Field(None, description="Login at the relay, if it asks for one.")
    smtp_password: SecretStr | None = Field(None, description=f"Its password; {ENV_SMTP_PASSWORD} overrides it.")
    imap_host: str | None = Field(None, description="`helpline mail-fetch` and the workstation take users' mail "
                                  "from this IMAP server, when set.")
    imap_port: int = Field(993, ge=1, le=65535, description="993 for tls, 143 for starttls or none.")
    imap_security: Security = Field("tls", description="tls, starttls or none.")
    imap_username: str | None = Field(None, description="Login at the IMAP server.")
    imap_password: SecretStr | None = Field(None, description=f"Its password; {ENV_IMAP_PASSWORD} overrides it.")
    imap_folder: str = Field("INBOX", description="The folder read; a message is marked seen once it is stored.")
    language: Literal["en", "da", "sv", "nl"] | None = Field(
        None, description="The language of the letters (app/domain/templates.py); unset: the interface's.")
    intake_team: str = Field("support", description="R-MAIL-2: the team a mail that names no ticket opens one in.")
    max_message_bytes: int = Field(25 * 2**20, gt=0, description="A mail larger than this is refused (exit 65).")
    ca_file: Path | None = Field(None, description="Certificates to trust beyond the system's (a desk's own CA).")
    timeout: float = Field(20.0, gt=0, description="Seconds to wait for a mail server before deferring.")

    @field_validator("from_address")
    @classmethod
    def _an_address(cls, value: str) -> str:
        if address_of(value) != value.strip():
            raise ValueError("a mail address such as servicedesk@example.org")
        return value.strip()

    @field_validator("smtp_host", "imap_host")
    @classmethod
    def _a_host(cls, value: str | None) -> str | None:
        return _host(value)

    @property
    def domain(self) -> str:
        """Of the desk's address: the right side of every Message-ID it makes."""
        return self.from_address.rpartition("@")[2]
