"""The operations of the adapter API, once: the server routes them and the OpenAPI document lists them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from app.api.backend import JournalWindow, TicketQuery
from app.api.schemas import (
    AbsenceIn,
    AssignIn,
    ClosedList,
    DispatchIn,
    EscalationFormIn,
    EscalationIn,
    EscalationUpdateIn,
    FieldsIn,
    FlagsIn,
    HandoverIn,
    InboxReport,
    Meta,
    NoteIn,
    OutboxReport,
    PinIn,
    PriorityIn,
    ReturnIn,
    SplitIn,
    StatusIn,
    TicketPage,
)
from app.domain.models import Agent, Team, Ticket
from app.domain.tickets import NewTicket


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    name: str  # the DeskBackend method
    summary: str
    body: type[BaseModel] | None = None
    response: Any = Ticket
    versioned: bool = False  # takes If-Match with the ticket's version (stale writes become 409)
    # Without If-Match the write is refused (428) before any work: a change made from a view of the ticket that
    # may be stale must say which version it was made from.
    version_required: bool = False
    query: type[BaseModel] | None = None
    status: int = 200
    # The answer is a file's bytes (application/octet-stream, sent in chunks as the adapter reads them) rather
    # than JSON: the adapter's method returns an app.api.streams.FileStream (issue 19).
    streamed: bool = False

    def __post_init__(self) -> None:
        if self.version_required and not self.versioned:
            raise ValueError(f"{self.name}: only an operation that takes If-Match can require it")
        if self.streamed and (self.method != "GET" or self.body is not None):
            raise ValueError(f"{self.name}: only a read without a body can answer with a file")


T = "/v1/tickets/{code}"

OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/v1/meta", "meta", "Which adapter answers, and its API version", response=Meta),
    Operation("GET", "/v1/me", "me", "The agent the workstation acts as", response=Agent),
    Operation("GET", "/v1/teams", "teams", "All teams (dispatch targets)", response=list[Team]),
    Operation("GET", "/v1/agents", "agents", "All agents", response=list[Agent]),
    Operation("POST", "/v1/teams/{team}/absence", "set_absence", "Mark a member absent or back (R-TEAM-3): the "
              "team's dispatchers; kept in the directory's history", body=AbsenceIn, response=Team),
    Operation("GET", "/v1/tickets", "search", "Search and page queue rows", response=TicketPage,
              query=TicketQuery),
    Operation("POST", "/v1/tickets", "create", "Register a ticket (R-TICKET-*)", body=NewTicket, status=201),
    Operation("GET", T, "get", "One ticket with its journal", query=JournalWindow),
    Operation("GET", T + "/attachments/{attachment}", "attachment", "One attachment's bytes, in chunks, as "
              "application/octet-stream whatever its declared type (issue 19); {attachment} is its `ref`, else its "
              "name", response=bytes, streamed=True),
    Operation("POST", T + "/journal", "add_entry", "Add a journal entry (R-JOURNAL-1), with its files if any",
              body=NoteIn, versioned=True),  # appending a note conflicts with nothing, so If-Match is optional
    Operation("POST", T + "/journal/{entry}/pin", "pin", "Pin or unpin an entry (R-JOURNAL-2)", body=PinIn,
              versioned=True, version_required=True),
    Operation("POST", T + "/status", "set_status", "Change status (R-STATUS-*)", body=StatusIn, versioned=True,
              version_required=True),
    Operation("POST", T + "/begin", "begin_work", "Begin work: take and start (R-STATUS-2, R-DISPATCH-3)",
              versioned=True, version_required=True),
    Operation("POST", T + "/priority", "set_priority", "Set impact and urgency (R-PRIO-1/2)", body=PriorityIn,
              versioned=True, version_required=True),
    Operation("POST", T + "/flags", "set_flags", "Raise or clear flags (R-FLAG-1/2)", body=FlagsIn,
              versioned=True, version_required=True),
    Operation("POST", T + "/fields", "set_fields", "Set category, serial number, references", body=FieldsIn,
              versioned=True, version_required=True),
    Operation("POST", T + "/dispatch", "dispatch", "Hand over to a team (R-DISPATCH-1/5/6)", body=DispatchIn,
              versioned=True, version_required=True),
    Operation("POST", T + "/handover", "handover", "Straight to an agent after agreement (R-DISPATCH-2)",
              body=HandoverIn, versioned=True, version_required=True),
    Operation("POST", T + "/assign", "assign", "Assign within the team (R-DISPATCH-3)", body=AssignIn,
              versioned=True, version_required=True),
    Operation("POST", T + "/return", "return_to_primary", "Back to the primary team (R-DISPATCH-4)",
              body=ReturnIn, versioned=True, version_required=True),
    Operation("POST", T + "/escalations", "escalate", "Raise an escalation (R-ESC-3/4, R-ADVICE, R-LINK-1)",
              body=EscalationIn, versioned=True, version_required=True),
    Operation("POST", T + "/escalation-form", "submit_escalation_form", "Submit the a-h form: summary, files, "
              "hand-over (R-ESC-1/2)", body=EscalationFormIn, versioned=True, version_required=True),
    Operation("POST", T + "/escalations/{number}", "update_escalation", "Move an escalation on (R-LINK-2)",
              body=EscalationUpdateIn, versioned=True, version_required=True),
    # Split, create and auto_close are not writes of a ticket's version: create makes a ticket that has none yet and
    # auto_close closes whichever tickets are due. Split does change the parent (its links), but the adapters'
    # split takes no version to check it against, so it cannot refuse a stale one; until it does, it takes none.
    Operation("POST", T + "/split", "split", "Split into linked tickets (R-TICKET-4)", body=SplitIn,
              response=list[Ticket], status=201),
    Operation("POST", "/v1/housekeeping/auto-close", "auto_close", "Close tickets resolved 30 days ago "
              "(R-STATUS-6)", response=ClosedList),
    Operation("POST", "/v1/mail/outbox", "send_mail", "Send the letters due in the outbox, once (R-MAIL-1); a "
              "backend that mails by itself (meta.mails_by_itself) keeps none", response=OutboxReport),
    Operation("POST", "/v1/mail/inbox", "fetch_mail", "Take the unseen mail from the desk's IMAP mailbox, once "
              "(R-MAIL-2)", response=InboxReport),
)
