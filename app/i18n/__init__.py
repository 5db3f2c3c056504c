"""Translation, gettext style: the English text is the key, catalogues map it to Danish and Swedish.

Pure Python on purpose (no file I/O, no Textual): app/domain calls `t` and `label`, and the domain
must stay importable and testable without a terminal or a disk (tests/test_domain_purity.py).

Enum display names live here, not in app/domain/enums.py, so one table serves every language.
`ENUM_LABELS` is keyed by (enum class name, value) rather than by the enum members themselves so
that this module never imports app.domain: app.domain imports us, and the other way round would
be a cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Any

from app.i18n import da, nl, sv
from app.i18n.phrase_books import PHRASE_BOOKS

__all__ = [
    "DUTIES", "ENUM_LABELS", "FORM_LABELS", "LANGUAGES", "LANGUAGE_NAMES",
    "get_language", "label", "set_language", "speaking", "t",
]

LANGUAGES: tuple[str, ...] = ("en", "da", "sv", "nl")

# Each language named in itself, for a language picker.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "da": "Dansk", "sv": "Svenska", "nl": "Nederlands"}

# English needs no catalogue: a missing key falls back to the English text itself.
# Each language's catalogue is its main module's plus the phrase books of app/i18n/phrase_books.py
# (one per feature, so a feature's words travel with it).
_CATALOGS: dict[str, dict[str, str]] = {
    "en": {},
    "da": da.CATALOG | PHRASE_BOOKS["da"],
    "sv": sv.CATALOG | PHRASE_BOOKS["sv"],
    "nl": nl.CATALOG | PHRASE_BOOKS["nl"],
}

_language: str = "en"
# A language for one stretch of code (speaking): a ContextVar, so a worker thread writing an English journal
# text (app/domain/events.py) does not change the words another thread is drawing.
_speaking: ContextVar[str | None] = ContextVar("helpline_speaking", default=None)


# Display names of every enum member in app/domain/enums.py (English; translated through `t`).
ENUM_LABELS: dict[tuple[str, str], str] = {
    # R-TICKET-1
    ("Kind", "incident"): "Incident",
    ("Kind", "service_request"): "Service request",
    # R-STATUS-1
    ("Status", "new"): "New",
    ("Status", "assigned"): "Assigned",
    ("Status", "in_progress"): "In Progress",
    ("Status", "pending"): "Pending",
    ("Status", "resolved"): "Resolved",
    ("Status", "closed"): "Closed",
    # R-STATUS-3: English exactly as in the rulebook; the end user sees these.
    ("PendingReason", "hr_access_date"): "Pending HR access date",
    ("PendingReason", "internal_supplier"): "Pending internal supplier",
    ("PendingReason", "approval"): "Pending approval",
    ("PendingReason", "future_date"): "Need is for a future date/time",
    ("PendingReason", "user_reply"): "Pending user reply",
    ("PendingReason", "agreed_appointment"): "Pending - agreed appointment",
    ("PendingReason", "external_supplier"): "Pending external supplier",
    ("PendingReason", "item_ordered"): "Awaiting - item ordered",
    ("PendingReason", "ready_for_installation"): "Ready for installation",
    ("PendingReason", "ready_for_pickup"): "Ready for pick-up",
    ("PendingReason", "ready_for_transport"): "Ready for transport",
    ("PendingReason", "delivered_invoiceable"): "Delivered - can be invoiced",
    ("PendingReason", "csi_approval"): "Pending - CSI approval",
    ("PendingReason", "csi_implementation"): "Pending - CSI implementation",
    ("PendingReason", "csi_test"): "Pending - CSI test",
    ("PendingReason", "csi_release"): "Pending - CSI release",
    ("PendingReason", "csi_prioritization"): "Pending - CSI prioritization",
    # R-PRIO-1 columns (incidents), then R-PRIO-2 columns (service requests)
    ("Impact", "company"): "Company",
    ("Impact", "department"): "Department",
    ("Impact", "individual"): "Individual",
    ("Impact", "must_have"): "Must have",
    ("Impact", "should_have"): "Should have",
    ("Impact", "whenever_possible"): "Whenever possible",
    # R-PRIO-1 rows, then R-PRIO-2 rows
    ("Urgency", "high"): "High",
    ("Urgency", "medium"): "Medium",
    ("Urgency", "low"): "Low",
    ("Urgency", "expedite"): "Expedite",
    ("Urgency", "standard"): "Standard",
    # R-PRIO-1..3: codes, the same in every language
    ("Priority", "P1"): "P1",
    ("Priority", "P2"): "P2",
    ("Priority", "P3"): "P3",
    ("Priority", "P4"): "P4",
    ("Priority", "P5"): "P5",
    ("Priority", "SR1"): "SR1",
    ("Priority", "SR2"): "SR2",
    ("Priority", "SR3"): "SR3",
    # R-TEAM-1
    ("LineLevel", "first"): "First line",
    ("LineLevel", "second"): "Second line",
    ("LineLevel", "third"): "Third line",
    ("LineLevel", "supplier"): "Supplier",
    # R-ROLE-1
    ("Role", "first_line"): "First-line agent",
    ("Role", "second_line"): "Second-line agent",
    ("Role", "third_line"): "Third-line agent",
    ("Role", "dispatcher"): "Dispatcher",
    ("Role", "team_lead"): "Team lead",
    ("Role", "purchaser"): "Purchaser",
    ("Role", "process_manager"): "Process manager",
    ("Role", "process_owner"): "Process owner",
    # R-JOURNAL-1
    ("EntryKind", "internal_note"): "Internal note",
    ("EntryKind", "message_to_user"): "Message to user",
    ("EntryKind", "message_from_user"): "Message from user",
    ("EntryKind", "supplier_message"): "Supplier message",
    ("EntryKind", "system_event"): "System event",
    # R-ESC-3, R-ESC-4, R-ADVICE-1, R-LINK-1
    ("EscalationKind", "functional"): "Functional",
    ("EscalationKind", "hierarchical"): "Hierarchical",
    ("EscalationKind", "advisory"): "Advisory",
    ("EscalationKind", "complaint"): "Complaint",
    ("EscalationKind", "service_report"): "Service report",
    ("EscalationKind", "action"): "Action",
    # R-LINK-1
    ("EscalationStatus", "open"): "Open",
    ("EscalationStatus", "in_progress"): "In Progress",
    ("EscalationStatus", "answered"): "Answered",
    ("EscalationStatus", "bounced"): "Bounced",
    ("EscalationStatus", "done"): "Done",
    ("EscalationStatus", "withdrawn"): "Withdrawn",  # R-ESC-5
    # R-MAIL-1
    ("Recipients", "requester"): "The requester",
    ("Recipients", "requested_for"): "The requested-for person",
    ("Recipients", "both"): "Both",
    ("Delivery", "queued"): "Queued",
    ("Delivery", "deferred"): "Deferred",
    ("Delivery", "sent"): "Sent",
    ("Delivery", "failed"): "Failed",
    ("Delivery", "not_sent"): "Not sent",
    # R-ADVICE-2
    ("AdvisoryBounce", "thin_notes"): "Notes missing or too thin",
    ("AdvisoryBounce", "routine_exists"): "An existing routine answers it",
    ("AdvisoryBounce", "second_line_open"): "Second line is open: dispatch instead",
    # Escalation form field f (000 f)
    ("ColleaguesAffected", "only_user"): "Only this user",
    ("ColleaguesAffected", "several_users"): "Several users",
    ("ColleaguesAffected", "whole_site"): "The whole site",
    # Escalation form field g (000 g)
    ("UserUrgency", "can_wait"): "Can wait",
    ("UserUrgency", "hinders_work"): "Hinders work",
    ("UserUrgency", "stops_work"): "Stops work",
    # R-TICKET-4, R-STATUS-6, R-TICKET-6
    ("LinkKind", "split_from"): "Split from",
    ("LinkKind", "split_into"): "Split into",
    ("LinkKind", "follows_up"): "Follows up",
    ("LinkKind", "followed_up_by"): "Followed up by",
    ("LinkKind", "duplicate_of"): "Duplicate of",
    ("LinkKind", "depends_on"): "Depends on",
    ("LinkKind", "depended_on_by"): "Depended on by",
    ("LinkKind", "refers_to"): "Refers to",
    ("LinkKind", "referred_to_by"): "Referred to by",
    ("LinkKind", "member_of"): "Member of",
    ("LinkKind", "has_member"): "Has member",
    ("LinkKind", "merged_from"): "Merged from",
}

# The escalation form a-h (source 000 a-h; docs/rules.md, R-ESC-1): field letter -> English label.
FORM_LABELS: dict[str, str] = {
    "a": "Requester and requested-for",
    "b": "Subject",
    "c": "Description",
    "d": "Troubleshooting already done",
    "e": "Serial number of the affected device",
    "f": "Do colleagues have the same problem?",
    "g": "How urgent is it for the user?",
    "h": "Attachments",
}

# R-PRIO-4: duties by work rank (1 = P1, 3 = P3/SR1, 4 = P4/SR2, 5 = P5/SR3; R-PRIO-3).
DUTIES: dict[int, str] = {
    1: "Nothing else until work has started. The dispatcher calls the receiving team's dispatcher "
    "(or its team lead); team leads join the prioritisation.",
    2: "The owner works on this ticket only. Dispatch at once; not dispatched further without "
    "the receiving agent accepting.",
    3: "Most of the day; start the same day.",
    4: "Best effort.",
    5: "Can wait.",
}

# app/domain/priority.py names the duties by symbolic keys ("duty.p1" ..); resolve those to the
# English text first so `t(duty_key(priority))` shows the duty, not the key.
_ALIASES: dict[str, str] = {f"duty.p{rank}": text for rank, text in DUTIES.items()}


def set_language(code: str) -> None:
    """Switch the language of every later `t` and `label` call (process-wide, like gettext)."""
    global _language
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}: supported are {', '.join(LANGUAGES)}")
    _language = code


def get_language() -> str:
    return _speaking.get() or _language


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """`t` and `label` in `code` inside the block, in this thread or task only."""
    token = _speaking.set(code)
    try:
        yield
    finally:
        _speaking.reset(token)


def t(text: str, /, **kwargs: Any) -> str:
    """Translate English `text` into the current language (English if untranslated), then format."""
    english = _ALIASES.get(text, text)
    translated = _CATALOGS[get_language()].get(english, english)
    if not kwargs:
        return translated
    try:
        return translated.format(**kwargs)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not crash the screen: English still works.
        return english.format(**kwargs)


def label(member: StrEnum) -> str:
    """Display name of an enum member in the current language."""
    english = ENUM_LABELS.get((type(member).__name__, member.value))
    # An enum member added later without a label still shows something readable; the tests
    # (tests/test_i18n.py) make sure every current member has one.
    return t(english) if english is not None else member.value.replace("_", " ")
