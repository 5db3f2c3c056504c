"""Which of the journal's keys apply to a ticket in its status: the footer offers those, and no others.

A Closed ticket takes internal notes only (R-STATUS-6): its work goes on in a new ticket linked to it, so the
footer offers that instead of escalating, dispatching, messaging, pending or resolving. A Resolved one is
reopened through `s` (R-STATUS-6) and takes no pending, resolving, begin work or hand-over.
"""

from __future__ import annotations

from app.domain.enums import Status
from app.domain.models import Ticket

# The actions that change or hand over the work (and so need it open); notes, pins, reading and jumping stay.
CLOSED_REFUSES = frozenset({
    "escalation_form", "dispatch", "direct_handover", "assign", "return_to_primary", "hierarchical", "advisory",
    "linked_escalation", "answer_advice", "begin_work", "clear_update_flag", "toggle_attention", "message_user",
    "pending", "resolve", "status", "impact_urgency", "supplier_ref", "expected_handling",
})
RESOLVED_REFUSES = frozenset({
    "escalation_form", "dispatch", "direct_handover", "assign", "hierarchical", "advisory", "begin_work",
    "pending", "resolve",
})
ONLY_WHEN_CLOSED = frozenset({"follow_up"})


def applies(action: str, ticket: Ticket | None) -> bool:
    """Whether `action` applies to `ticket` as it stands; before it is loaded, everything is kept."""
    if ticket is None:
        return action not in ONLY_WHEN_CLOSED
    if action in ONLY_WHEN_CLOSED:
        return ticket.status is Status.CLOSED
    if ticket.status is Status.CLOSED:
        return action not in CLOSED_REFUSES
    if ticket.status is Status.RESOLVED:
        return action not in RESOLVED_REFUSES
    return True
