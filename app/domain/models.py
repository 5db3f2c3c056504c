"""Pydantic models of the service desk (R-TICKET-2, R-TEAM-1, R-JOURNAL-1, R-LINK-1).

These are also the bodies of the adapter API, so every field is plain JSON.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from app.domain.enums import (
    ACTIVE_ESCALATION_STATUSES,
    WAITING_DELIVERIES,
    Delivery,
    EntryKind,
    EscalationKind,
    EscalationStatus,
    Impact,
    Kind,
    LineLevel,
    LinkKind,
    PendingReason,
    Priority,
    Recipients,
    Role,
    Status,
    Urgency,
)

Username = Annotated[str, StringConstraints(min_length=1, max_length=64)]
TeamId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Model(BaseModel):
    """Base: unknown fields are an error, so a typo in a store file or request is caught."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class OfficeHours(Model):
    """R-TEAM-3: when a team is open, in the team's own time zone. Weekdays 0=Monday."""

    weekdays: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4])
    opens: time = time(8, 0)
    closes: time = time(16, 0)
    # An IANA name ("Europe/Copenhagen"); None: the desk's (directory.json's `time_zone`), else the machine's.
    time_zone: str | None = Field(default=None, max_length=64)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown time zone {value!r} (an IANA name such as Europe/Copenhagen)") from exc
        return value


class Agent(Model):
    """R-ROLE-1: a person who works tickets."""

    username: Username
    name: str
    email: str = ""
    roles: list[Role] = Field(default_factory=list)
    phone: str = Field(default="", max_length=40)  # R-PRIO-4: the number a P1 or P2 hand-over calls


class Team(Model):
    """R-TEAM-1..3."""

    id: TeamId
    name: str
    line: LineLevel
    primary: bool = False
    members: list[Username] = Field(default_factory=list)
    dispatchers: list[Username] = Field(default_factory=list)
    team_lead: Username | None = None
    office_hours: OfficeHours = Field(default_factory=OfficeHours)
    absent: list[Username] = Field(default_factory=list)
    advisory: bool = False  # a product-specialist group that answers advisory escalations (003)

    @model_validator(mode="after")
    def _dispatchers_are_members(self) -> Team:
        # R-TEAM-1: a team has at least one dispatcher, and dispatchers are members.
        if not self.dispatchers:
            raise ValueError(f"team {self.id!r} needs at least one dispatcher (R-TEAM-1)")
        outsiders = [d for d in self.dispatchers if d not in self.members]
        if outsiders:
            raise ValueError(f"dispatchers {outsiders} of team {self.id!r} are not members")
        return self


class JournalEntry(Model):
    """R-JOURNAL-1: one entry; entries are never edited, only pinned or unpinned (R-JOURNAL-2)."""

    id: int
    kind: EntryKind
    author: str
    created: datetime
    body: str
    pinned: bool = False
    event: str | None = None  # machine-readable name of a system event, e.g. "status"
    # Issue 19: a system event as data, {"event": "status_changed", "from": "new", ...}, so each reader sees it in
    # their own language (app/domain/events.py event_text); `body` keeps its English words. None in older stores.
    event_data: dict[str, Any] | None = None
    # R-JOURNAL-6: words recorded on someone's behalf (a user's call, a supplier's answer) name both: `author`
    # is whose words they are, `recorded_by` the agent who typed them in. None when the author wrote it.
    recorded_by: str | None = None
    # R-MAIL-2: the Message-ID of the mail this entry was made from, so the same mail delivered twice is stored
    # once and a letter answering it says In-Reply-To.
    message_id: str | None = None
    # R-MAIL-1: whom a message to the user is for (None: the requester), chosen by the agent before it goes.
    to: Recipients | None = None


class Letter(Model):
    """R-MAIL-1: a journal entry's message to the user as a letter, kept with the ticket: whom it went to and where
    its delivery stands. Only a backend that does not mail by itself keeps letters (the local store)."""

    entry: int  # the journal entry it carries
    message_id: str  # fixed when queued, so a repeat after a crash is recognised as the same letter
    to: list[str]  # "Karin Dahl <karin.dahl@example.org>": every address it goes to
    names: list[str]  # who it is for, as the ticket names them, with or without an address
    subject: str
    in_reply_to: str | None = None  # the user's last mail (its Message-ID)
    queued: datetime
    delivery: Delivery = Delivery.QUEUED
    reason: str | None = None  # why deferred, failed or not sent
    attempts: int = 0
    next_try: datetime | None = None  # when a waiting one is tried (again)
    sent: datetime | None = None


class Escalation(Model):
    """An escalation raised from a ticket (R-ESC-3, R-ESC-4, R-ADVICE-1, R-LINK-1).

    Linked kinds (complaint, service report, action) carry their own number,
    status, handler and priority, independent of the ticket's.
    """

    number: str
    kind: EscalationKind
    status: EscalationStatus = EscalationStatus.OPEN
    created: datetime
    created_by: str
    handler: str | None = None  # R-ESC-5: a team id or an agent's username of the desk
    team: TeamId | None = None
    priority: int | None = Field(default=None, ge=1, le=5)
    note: str = ""
    updated: datetime | None = None
    follow_up: str | None = None  # R-ESC-5: the agent who follows it up until it ends


class EscalationRow(Model):
    """What a queue row says of an escalation (view 8, R-ESC-5): who is party to it and where it stands."""

    number: str
    kind: EscalationKind
    status: EscalationStatus
    created_by: str
    handler: str | None = None
    follow_up: str | None = None


class Link(Model):
    """A relation to another ticket (R-TICKET-4, R-STATUS-6)."""

    code: str
    kind: LinkKind


class Attachment(Model):
    """Metadata of a file stored with a ticket (escalation form h, a note's or a letter's files, a mail's)."""

    name: str
    size: int
    # As the sender declared it: shown, never trusted (a file is always sent back as application/octet-stream).
    content_type: str = "application/octet-stream"
    added: datetime
    added_by: str
    # Issue 19: the adapter's handle for GET /v1/tickets/{code}/attachments/{ref} (RT: its attachment id);
    # None: the name, unique in the ticket's folder of the local store.
    ref: str | None = Field(default=None, max_length=64)
    entry: int | None = None  # the journal entry it came with (a note's or a letter's files), listed under it

    @property
    def handle(self) -> str:
        return self.ref or self.name


class Ticket(Model):
    """R-TICKET-2. `version` grows by one with every stored change (stale writes are refused)."""

    id: int
    code: str
    kind: Kind
    subject: str
    description: str = ""
    requester: str
    # Set by a backend that mails the user itself (RT) when the requester has no address: a message to the
    # user then reaches nobody, which the agent is told before sending.
    no_mail_address: bool = False
    requested_for: str | None = None
    team: TeamId
    primary_team: TeamId | None = None  # R-DISPATCH-4: where a ticket solved elsewhere returns
    # R-DISPATCH-4: second line's solution note as the ticket came back with it, for first line's resolve letter;
    # gone once the ticket is resolved or handed on.
    returned_solution: str | None = None
    owner: Username | None = None
    status: Status = Status.NEW
    pending_reason: PendingReason | None = None
    pending_until: datetime | None = None  # R-STATUS-3: the moment a dated reason waits for
    impact: Impact
    urgency: Urgency
    priority: Priority
    priority_reason: str | None = None  # set when the matrix was overridden, with why
    category: str | None = None
    serial_number: str | None = None
    external_ref: str | None = None
    expected_handling: str | None = None  # R-JOURNAL-4: internal note of expected time
    update_flag: datetime | None = None  # R-FLAG-1: raised at; None when down
    attention: bool = False  # R-FLAG-2
    awaiting_acceptance: bool = False  # R-PRIO-4: a P2 hand-over not yet accepted
    created: datetime
    updated: datetime
    # R-ESC-4: the last work on the ticket (app/domain/journal.py is_progress); None in a store written before
    # it was kept, where `updated` stands in (last_progress).
    progressed: datetime | None = None
    started: datetime | None = None  # first "Begin work"
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    version: int = 1
    journal: list[JournalEntry] = Field(default_factory=list)
    # False when an adapter sent only the newest entries (and the pinned ones) of a long journal.
    journal_complete: bool = True
    escalations: list[Escalation] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    letters: list[Letter] = Field(default_factory=list)  # R-MAIL-1: the messages to the user as letters
    # R-MAIL-2: opened from a mail whose subject says too little; the agent gives it a title that does.
    retitle: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Ticket:
        # R-STATUS-2: Pending always has a reason, and only Pending has one.
        if (self.status is Status.PENDING) != (self.pending_reason is not None):
            raise ValueError("a pending reason is set exactly when the status is Pending (R-STATUS-2)")
        from app.domain.priority import check_matrix_values

        check_matrix_values(self.kind, self.impact, self.urgency)
        return self


class TicketRow(Model):
    """The compact queue row: what a list shows, without the journal."""

    id: int
    code: str
    kind: Kind
    subject: str
    requester: str
    requested_for: str | None = None
    team: TeamId
    owner: str | None = None
    status: Status
    pending_reason: PendingReason | None = None
    pending_until: datetime | None = None  # R-STATUS-3: the moment a dated reason waits for
    priority: Priority
    serial_number: str | None = None
    category: str | None = None
    update_flag: datetime | None = None
    attention: bool = False
    created: datetime
    updated: datetime
    progressed: datetime | None = None  # R-ESC-4, as on Ticket
    started: datetime | None = None
    resolved_at: datetime | None = None
    version: int
    advice_team: TeamId | None = None  # R-ADVICE-1: the specialist group asked for advice, while it is open
    escalations: list[EscalationRow] = Field(default_factory=list)  # those not ended (R-ESC-5)
    returned: bool = False  # back from second line with its solution, not resolved yet (R-DISPATCH-4)
    letters_waiting: int = 0  # R-MAIL-1: letters queued or deferred in the outbox
    mail_due: datetime | None = None  # when the first of them is to be tried
    retitle: bool = False  # R-MAIL-2

    @classmethod
    def data_of(cls, ticket: Ticket) -> dict[str, Any]:
        """The row of a ticket as JSON-ready data (what a store's index keeps)."""
        data = ticket.model_dump(mode="json", include=_TICKET_ROW_FIELDS - {"escalations"})
        data["returned"] = bool(ticket.returned_solution)
        waiting = [letter for letter in ticket.letters if letter.delivery in WAITING_DELIVERIES]
        data["letters_waiting"] = len(waiting)
        due = min((letter.next_try for letter in waiting if letter.next_try), default=None)
        data["mail_due"] = due.isoformat() if due else None
        active = [e for e in ticket.escalations if e.status in ACTIVE_ESCALATION_STATUSES]
        data["advice_team"] = next((e.team for e in active if e.kind is EscalationKind.ADVISORY), None)
        data["escalations"] = [EscalationRow.model_validate(e.model_dump(include=set(EscalationRow.model_fields)))
                               .model_dump(mode="json") for e in active]
        return data

    @classmethod
    def of(cls, ticket: Ticket) -> TicketRow:
        return cls.model_validate(cls.data_of(ticket))


_TICKET_ROW_FIELDS = set(TicketRow.model_fields) & set(Ticket.model_fields)
