"""English display names of the domain vocabulary, keyed by (enum name, value)."""

from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "Kind": {"incident": "Incident", "service_request": "Service request"},
    "Status": {
        "new": "New", "assigned": "Assigned", "in_progress": "In Progress", "pending": "Pending",
        "resolved": "Resolved", "closed": "Closed",
    },
    # R-STATUS-3, as in domain.md.
    "PendingReason": {
        "hr_access_date": "Pending HR access date",
        "internal_supplier": "Pending internal supplier",
        "approval": "Pending approval",
        "future_date": "Need is for a future date/time",
        "user_reply": "Pending user reply",
        "agreed_appointment": "Pending - agreed appointment",
        "external_supplier": "Pending external supplier",
        "item_ordered": "Awaiting - item ordered",
        "ready_for_installation": "Ready for installation",
        "ready_for_pickup": "Ready for pick-up",
        "ready_for_transport": "Ready for transport",
        "delivered_invoiceable": "Delivered - can be invoiced",
        "csi_approval": "Pending - CSI approval",
        "csi_implementation": "Pending - CSI implementation",
        "csi_test": "Pending - CSI test",
        "csi_release": "Pending - CSI release",
        "csi_prioritization": "Pending - CSI prioritization",
    },
    "Impact": {
        "company": "Company", "department": "Department", "individual": "Individual",
        "must_have": "Must have", "should_have": "Should have", "whenever_possible": "Whenever possible",
    },
    "Urgency": {"high": "High", "medium": "Medium", "low": "Low", "expedite": "Expedite", "standard": "Standard"},
    "Priority": {p: p for p in ("P1", "P2", "P3", "P4", "P5", "SR1", "SR2", "SR3")},
    "LineLevel": {"first": "1st line", "second": "2nd line", "third": "3rd line", "supplier": "Supplier"},
    "Role": {
        "first_line": "First-line agent", "second_line": "Second-line agent", "third_line": "Third-line agent",
        "dispatcher": "Dispatcher", "team_lead": "Team lead", "purchaser": "Purchaser",
        "process_manager": "Process manager", "process_owner": "Process owner",
    },
    "EntryKind": {
        "internal_note": "Internal note", "message_to_user": "Message to user",
        "message_from_user": "Message from user", "supplier_message": "Supplier message",
        "system_event": "System event",
    },
    "EscalationKind": {
        "functional": "Functional", "hierarchical": "Hierarchical", "advisory": "Advisory",
        "complaint": "Complaint", "service_report": "Service report", "action": "Action",
    },
    "EscalationStatus": {
        "open": "Open", "in_progress": "In Progress", "answered": "Answered", "bounced": "Bounced", "done": "Done",
    },
    "ColleaguesAffected": {
        "only_user": "Only this user", "several_users": "Several users", "whole_site": "The whole site or unit",
    },
    "UserUrgency": {
        "can_wait": "Can wait", "hinders_work": "Hinders the user's work", "stops_work": "The user cannot work",
    },
    "LinkKind": {
        "split_from": "Split from", "split_into": "Split into", "follows_up": "Follows up",
        "followed_up_by": "Followed up by", "duplicate_of": "Duplicate of",
    },
}

ENUM_LABELS: dict[tuple[str, str], str] = {
    (enum, value): text for enum, values in _LABELS.items() for value, text in values.items()
}

# The escalation form's field letters (000 a-h).
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

# R-PRIO-4: duties by work rank, shown where the agent acts.
DUTIES: dict[int, str] = {
    1: "Nothing else until work has started. The dispatcher calls the receiving team's dispatcher (or its team "
    "lead); team leads join the prioritisation.",
    2: "The owner works on this ticket only. Dispatch at once; not dispatched further without the receiving agent "
    "accepting.",
    3: "Most of the day; start the same day.",
    4: "Best effort.",
    5: "Can wait.",
}
