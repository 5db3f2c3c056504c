"""Request and response bodies of the adapter API (besides the domain models themselves)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AwareDatetime, Base64Bytes, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from app.domain.advisory import AdvisoryRequest
from app.domain.enums import (
    AdvisoryBounce,
    EntryKind,
    EscalationKind,
    EscalationStatus,
    Impact,
    PendingReason,
    Recipients,
    Status,
    Urgency,
)
from app.domain.escalation_form import EscalationForm
from app.domain.limits import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES
from app.domain.models import Model, TicketRow
from app.domain.text_quality import MAX_SUBJECT_CHARS
from app.domain.tickets import MAX_SPLIT_PARTS
from app.i18n import t

# Hours a request may name (thresholds of R-ESC-4 and R-FLAG-1): over a century, so no real threshold meets it,
# while 1e20, inf or nan never reach a timedelta (which would overflow into a 500).
MAX_HOURS = 1_000_000
ONE_PROBLEM = ("R-TICKET-4: the agent states that a ticket looking like several problems is one; journalled, "
               "naming them. Without it (or a split first) such a ticket is refused.")


class Sort(StrEnum):
    WORK = "work"  # R-PRIO-3 work order, then oldest first
    AGE = "age"  # oldest first
    UPDATED = "updated"  # least recently updated first
    CODE = "code"


class Meta(Model):
    api_version: str
    adapter: str
    description: str = ""
    # R-MAIL-1: the backend mails the user on every message itself (RT); otherwise the workstation sends its
    # outbox (POST /v1/mail/outbox).
    mails_by_itself: bool = False


class TicketPage(Model):
    items: list[TicketRow]
    total: int
    offset: int
    limit: int


class AttachmentIn(Model):
    """A file of escalation form field h, sent with the form (base64 in JSON). Its size is checked on the
    decoded bytes, which is what the form promises (base64 text is a third longer)."""

    name: str = Field(min_length=1, max_length=255)
    content_type: str = Field(default="application/octet-stream", max_length=255)
    data: Base64Bytes = Field(description=f"base64; at most {MAX_ATTACHMENT_BYTES // 2**20} MB once decoded")

    @field_validator("data")
    @classmethod
    def _at_most_the_promised_size(cls, data: bytes, info: ValidationInfo) -> bytes:
        if len(data) > MAX_ATTACHMENT_BYTES:
            name = info.data.get("name") or t("the file")
            raise PydanticCustomError("file_too_large", t("{name} is larger than {mb} MB.", name=name,
                                                          mb=MAX_ATTACHMENT_BYTES // 2**20))
        return data


class NoteIn(Model):
    kind: EntryKind = EntryKind.INTERNAL_NOTE
    body: str
    pinned: bool = False
    author: str | None = None  # for messages from the user or a supplier: who wrote it
    to: Recipients | None = Field(default=None, description="R-MAIL-1: a message to the user goes to the "
                                  "requester (the default), the requested-for person or both")
    files: list[AttachmentIn] = Field(default_factory=list, description="issue 19: files stored with the entry, "
                                      "in the same write (the escalation form's limits)")

    @field_validator("files")
    @classmethod
    def _within_the_limits(cls, files: list[AttachmentIn]) -> list[AttachmentIn]:
        return within_file_limits(files)


class PinIn(Model):
    pinned: bool


class StatusIn(Model):
    status: Status
    pending_reason: PendingReason | None = None
    solution: str | None = None
    reason: str | None = None  # R-STATUS-6: why a Resolved ticket is reopened (required then)
    until: AwareDatetime | None = Field(default=None, description="R-STATUS-3: the moment a dated pending reason "
                                        "(appointment, future date, HR access date) waits for; required for those")
    message: str | None = Field(default=None, max_length=20_000,
                                description="words to the user with a pending, sent as a message to the user")
    to: Recipients | None = Field(default=None, description="R-MAIL-1: whom the letter of a resolve or a pending "
                                  "goes to, as NoteIn.to")


class AbsenceIn(Model):
    """R-TEAM-3: a member of the team marked absent, or back."""

    agent: str = Field(min_length=1, max_length=64)
    absent: bool


class PriorityIn(Model):
    impact: Impact
    urgency: Urgency
    reason: str | None = None


class FlagsIn(Model):
    update: bool | None = None
    attention: bool | None = None


class FieldsIn(Model):
    """Fields a person may set directly; None leaves a field as it is, "" clears it."""

    category: str | None = None
    serial_number: str | None = None
    external_ref: str | None = None  # R-JOURNAL-4
    expected_handling: str | None = None  # R-JOURNAL-4
    requested_for: str | None = None
    subject: str | None = Field(default=None, max_length=MAX_SUBJECT_CHARS * 4,
                                description="a new title (R-TICKET-5: short and telling); it ends the mark a mail's "
                                "weak subject left (retitle, R-MAIL-2)")


class DispatchIn(Model):
    """R-DISPATCH-1: the target is a team. `agent` exists only so a request naming one is refused."""

    team: str
    summary: str
    category: str | None = None
    pin_summary: bool = False
    tell_user: bool = True
    agent: str | None = Field(default=None, description="Always refused (R-DISPATCH-6); see /handover.")
    one_problem: bool = Field(default=False, description=ONE_PROBLEM)


class HandoverIn(Model):
    """R-DISPATCH-2: straight to an agent, after a stated prior agreement."""

    team: str
    agent: str
    agreed_with: str
    summary: str
    category: str | None = None
    one_problem: bool = Field(default=False, description=ONE_PROBLEM)


class AssignIn(Model):
    agent: str


class ReturnIn(Model):
    note: str


class EscalationIn(Model):
    kind: EscalationKind
    note: str = ""
    handler: str | None = None
    priority: int | None = Field(default=None, ge=1, le=5)
    team: str | None = None  # the specialist group of an advisory escalation
    advisory: AdvisoryRequest | None = None
    stale_hours: float = Field(default=48, gt=0, le=MAX_HOURS, allow_inf_nan=False,
                               description="R-ESC-4 threshold of the desk")


class EscalationUpdateIn(Model):
    status: EscalationStatus | None = None
    handler: str | None = None
    note: str | None = None
    bounce_reason: AdvisoryBounce | None = Field(default=None, description="required to bounce advice (R-ADVICE-2)")


class EscalationFormIn(Model):
    """R-ESC-2: the filled a-h form; one request, so the hand-over and its files land together or not at all.

    `form.attachments` (paths on the agent's machine) is informational; the files travel in `files`.
    """

    form: EscalationForm
    files: list[AttachmentIn] = Field(default_factory=list)

    @field_validator("files")
    @classmethod
    def _within_the_form_limits(cls, files: list[AttachmentIn]) -> list[AttachmentIn]:
        return within_file_limits(files)


def within_file_limits(files: list[AttachmentIn]) -> list[AttachmentIn]:
    """The files of one write (a form, a note, a letter): as many and as large together as a form takes."""
    if len(files) > MAX_ATTACHMENTS:
        raise PydanticCustomError("too_many_files", t("A form takes at most {n} files.", n=MAX_ATTACHMENTS))
    if sum(len(file.data) for file in files) > MAX_ATTACHMENTS_TOTAL_BYTES:
        raise PydanticCustomError("files_too_large", t("The files of one form may be {mb} MB together at most.",
                                                       mb=MAX_ATTACHMENTS_TOTAL_BYTES // 2**20))
    return files


class SplitIn(Model):
    """R-TICKET-4: the problems split off a multi-problem ticket, one a line; each becomes a ticket of its own in
    the parent's queue, with its line as its text and the parent's requester, requested-for, serial number,
    category and kind, linked both ways. The parent keeps its first problem, which `keep` may name for its
    journal; the adapter builds the new tickets, so none can be a copy of the parent or lose what it inherits."""

    lines: list[str] = Field(min_length=1, max_length=MAX_SPLIT_PARTS)
    keep: str = Field(default="", max_length=MAX_SUBJECT_CHARS * 4)


class ClosedList(Model):
    closed: list[str]


class OutboxReport(Model):
    """R-MAIL-1: one round of the outbox: what it came to, what still waits, and why, when the relay failed."""

    sent: int = 0
    deferred: int = 0
    failed: int = 0
    waiting: int = 0  # letters queued or deferred after the round
    problem: str | None = None  # the relay's last trouble ("smtp.example.org unreachable: ...")
    mails_by_itself: bool = False  # the backend mails the user itself (RT): it keeps no outbox


class InboxReport(Model):
    """R-MAIL-2: one round over the desk's IMAP mailbox: stored, refused (too large), and why it stopped."""

    stored: int = 0
    refused: int = 0
    problem: str | None = None  # the server unreachable, the store busy; None when the round went through
    mails_by_itself: bool = False  # the backend takes its users' mail itself (RT's rt-mailgate)
    kept: list[str] = Field(default_factory=list, max_length=1000)  # unreadable mail kept whole for an agent
    kept_folder: str | None = None  # where (the adapter's own folder; served, only its name)


class Problem(Model):
    """RFC 9457 problem document, with the rule id when the rulebook refused."""

    type: str
    title: str
    status: int
    detail: str
    rule: str | None = None
    field: str | None = None
    path: str | None = None
    server: str | None = None
