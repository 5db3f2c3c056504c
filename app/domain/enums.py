"""The vocabulary of the service desk (docs/rules.md). Values are stable wire names.

Display names never live here: they go through `app.i18n.t` so Danish and
Swedish can follow English.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """R-TICKET-1: something broke, or something is asked for."""

    INCIDENT = "incident"
    SERVICE_REQUEST = "service_request"


class Status(StrEnum):
    """R-STATUS-1."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.PENDING})
NOT_STARTED_STATUSES = frozenset({Status.NEW, Status.ASSIGNED})


class PendingReason(StrEnum):
    """R-STATUS-3: the reasons an end user sees while a ticket waits."""

    HR_ACCESS_DATE = "hr_access_date"
    INTERNAL_SUPPLIER = "internal_supplier"
    APPROVAL = "approval"
    FUTURE_DATE = "future_date"
    USER_REPLY = "user_reply"
    AGREED_APPOINTMENT = "agreed_appointment"
    EXTERNAL_SUPPLIER = "external_supplier"
    ITEM_ORDERED = "item_ordered"
    READY_FOR_INSTALLATION = "ready_for_installation"
    READY_FOR_PICKUP = "ready_for_pickup"
    READY_FOR_TRANSPORT = "ready_for_transport"
    DELIVERED_INVOICEABLE = "delivered_invoiceable"
    CSI_APPROVAL = "csi_approval"
    CSI_IMPLEMENTATION = "csi_implementation"
    CSI_TEST = "csi_test"
    CSI_RELEASE = "csi_release"
    CSI_PRIORITIZATION = "csi_prioritization"


# R-STATUS-3, finding 6 (follow-up and triage): the reasons that wait for a moment, which Pending then records,
# and on which the ticket resurfaces.
DATED_PENDING_REASONS = frozenset({PendingReason.AGREED_APPOINTMENT, PendingReason.FUTURE_DATE,
                                   PendingReason.HR_ACCESS_DATE})


class Impact(StrEnum):
    """Columns of the priority matrices (R-PRIO-1 for incidents, R-PRIO-2 for requests)."""

    COMPANY = "company"
    DEPARTMENT = "department"
    INDIVIDUAL = "individual"
    MUST_HAVE = "must_have"
    SHOULD_HAVE = "should_have"
    WHENEVER_POSSIBLE = "whenever_possible"


class Urgency(StrEnum):
    """Rows of the priority matrices (R-PRIO-1, R-PRIO-2)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    EXPEDITE = "expedite"
    STANDARD = "standard"


class Priority(StrEnum):
    """P1..P5 for incidents, SR1..SR3 for service requests (R-PRIO-1..3)."""

    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"
    SR1 = "SR1"
    SR2 = "SR2"
    SR3 = "SR3"


class LineLevel(StrEnum):
    """R-TEAM-1."""

    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    SUPPLIER = "supplier"


class Role(StrEnum):
    """R-ROLE-1. A person may hold several."""

    FIRST_LINE = "first_line"
    SECOND_LINE = "second_line"
    THIRD_LINE = "third_line"
    DISPATCHER = "dispatcher"
    TEAM_LEAD = "team_lead"
    PURCHASER = "purchaser"
    PROCESS_MANAGER = "process_manager"
    PROCESS_OWNER = "process_owner"


class EntryKind(StrEnum):
    """R-JOURNAL-1: what a journal entry is."""

    INTERNAL_NOTE = "internal_note"
    MESSAGE_TO_USER = "message_to_user"
    MESSAGE_FROM_USER = "message_from_user"
    SUPPLIER_MESSAGE = "supplier_message"
    SYSTEM_EVENT = "system_event"


class EscalationKind(StrEnum):
    """R-ESC-3, R-ESC-4, R-ADVICE-1 and the linked kinds of R-LINK-1."""

    FUNCTIONAL = "functional"
    HIERARCHICAL = "hierarchical"
    ADVISORY = "advisory"
    COMPLAINT = "complaint"
    SERVICE_REPORT = "service_report"
    ACTION = "action"


LINKED_ESCALATION_KINDS = frozenset(
    {EscalationKind.COMPLAINT, EscalationKind.SERVICE_REPORT, EscalationKind.ACTION}
)


class EscalationStatus(StrEnum):
    """Status of an escalation record, independent of its ticket's (R-LINK-1)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    BOUNCED = "bounced"
    DONE = "done"
    WITHDRAWN = "withdrawn"


# R-ESC-5: an escalation is followed up while it is one of these; the others are its ends (an advisory one ends
# answered or bounced).
ACTIVE_ESCALATION_STATUSES = frozenset({EscalationStatus.OPEN, EscalationStatus.IN_PROGRESS})


class AdvisoryBounce(StrEnum):
    """R-ADVICE-2: the three reasons a specialist sends an advisory escalation back unanswered."""

    THIN_NOTES = "thin_notes"
    ROUTINE_EXISTS = "routine_exists"
    SECOND_LINE_OPEN = "second_line_open"


class ColleaguesAffected(StrEnum):
    """Escalation form field f (000 f)."""

    ONLY_USER = "only_user"
    SEVERAL_USERS = "several_users"
    WHOLE_SITE = "whole_site"


class UserUrgency(StrEnum):
    """Escalation form field g: how urgent it is for the user (000 g)."""

    CAN_WAIT = "can_wait"
    HINDERS_WORK = "hinders_work"
    STOPS_WORK = "stops_work"


class LinkKind(StrEnum):
    """How two tickets relate (R-TICKET-4 split, R-STATUS-6 follow-up of a closed ticket)."""

    SPLIT_FROM = "split_from"
    SPLIT_INTO = "split_into"
    FOLLOWS_UP = "follows_up"
    FOLLOWED_UP_BY = "followed_up_by"
    DUPLICATE_OF = "duplicate_of"
    # Made in Request Tracker (its links and merges), shown so nothing RT knows of a ticket is hidden.
    DEPENDS_ON = "depends_on"
    DEPENDED_ON_BY = "depended_on_by"
    REFERS_TO = "refers_to"
    REFERRED_TO_BY = "referred_to_by"
    MEMBER_OF = "member_of"
    HAS_MEMBER = "has_member"
    MERGED_FROM = "merged_from"


class Recipients(StrEnum):
    """R-MAIL-1: whom a message to the user goes to, when the ticket was opened on someone's behalf."""

    REQUESTER = "requester"
    REQUESTED_FOR = "requested_for"
    BOTH = "both"


class Delivery(StrEnum):
    """R-MAIL-1: where a letter stands. Queued and deferred ones wait in the store's outbox; the others are ends."""

    QUEUED = "queued"
    DEFERRED = "deferred"  # the relay could not be reached or said "later": tried again with backoff
    SENT = "sent"  # the relay accepted it
    FAILED = "failed"  # refused for good, or bounced
    NOT_SENT = "not_sent"  # never to be sent: no mail configured, or nobody with an address to send it to


WAITING_DELIVERIES = frozenset({Delivery.QUEUED, Delivery.DEFERRED})
