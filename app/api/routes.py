"""The operations of the adapter API, once: the server routes them and the OpenAPI document lists them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from app.api.backend import JournalWindow, TicketQuery
from app.api.schemas import (
    AssignIn,
    ClosedList,
    DispatchIn,
    EscalationFormIn,
    EscalationIn,
    EscalationUpdateIn,
    FieldsIn,
    FlagsIn,
    HandoverIn,
    Meta,
    NoteIn,
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
    query: type[BaseModel] | None = None
    status: int = 200


T = "/v1/tickets/{code}"

OPERATIONS: tuple[Operation, ...] = (
    Operation("GET", "/v1/meta", "meta", "Which adapter answers, and its API version", response=Meta),
    Operation("GET", "/v1/me", "me", "The agent the workstation acts as", response=Agent),
    Operation("GET", "/v1/teams", "teams", "All teams (dispatch targets)", response=list[Team]),
    Operation("GET", "/v1/agents", "agents", "All agents", response=list[Agent]),
    Operation("GET", "/v1/tickets", "search", "Search and page queue rows", response=TicketPage,
              query=TicketQuery),
    Operation("POST", "/v1/tickets", "create", "Register a ticket (R-TICKET-*)", body=NewTicket, status=201),
    Operation("GET", T, "get", "One ticket with its journal", query=JournalWindow),
    Operation("POST", T + "/journal", "add_entry", "Add a journal entry (R-JOURNAL-1)", body=NoteIn,
              versioned=True),
    Operation("POST", T + "/journal/{entry}/pin", "pin", "Pin or unpin an entry (R-JOURNAL-2)", body=PinIn,
              versioned=True),
    Operation("POST", T + "/status", "set_status", "Change status (R-STATUS-*)", body=StatusIn, versioned=True),
    Operation("POST", T + "/begin", "begin_work", "Begin work: take and start (R-STATUS-2, R-DISPATCH-3)",
              versioned=True),
    Operation("POST", T + "/priority", "set_priority", "Set impact and urgency (R-PRIO-1/2)", body=PriorityIn,
              versioned=True),
    Operation("POST", T + "/flags", "set_flags", "Raise or clear flags (R-FLAG-1/2)", body=FlagsIn,
              versioned=True),
    Operation("POST", T + "/fields", "set_fields", "Set category, serial number, references", body=FieldsIn,
              versioned=True),
    Operation("POST", T + "/dispatch", "dispatch", "Hand over to a team (R-DISPATCH-1/5/6)", body=DispatchIn,
              versioned=True),
    Operation("POST", T + "/handover", "handover", "Straight to an agent after agreement (R-DISPATCH-2)",
              body=HandoverIn, versioned=True),
    Operation("POST", T + "/assign", "assign", "Assign within the team (R-DISPATCH-3)", body=AssignIn,
              versioned=True),
    Operation("POST", T + "/return", "return_to_primary", "Back to the primary team (R-DISPATCH-4)",
              body=ReturnIn, versioned=True),
    Operation("POST", T + "/escalations", "escalate", "Raise an escalation (R-ESC-3/4, R-ADVICE, R-LINK-1)",
              body=EscalationIn, versioned=True),
    Operation("POST", T + "/escalation-form", "submit_escalation_form", "Submit the a-h form: summary, files, "
              "hand-over (R-ESC-1/2)", body=EscalationFormIn, versioned=True),
    Operation("POST", T + "/escalations/{number}", "update_escalation", "Move an escalation on (R-LINK-2)",
              body=EscalationUpdateIn, versioned=True),
    Operation("POST", T + "/split", "split", "Split into linked tickets (R-TICKET-4)", body=SplitIn,
              response=list[Ticket], status=201),
    Operation("POST", "/v1/housekeeping/auto-close", "auto_close", "Close tickets resolved 30 days ago "
              "(R-STATUS-6)", response=ClosedList),
)
