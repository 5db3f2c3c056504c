"""The names Helpline and Request Tracker share: lifecycle, statuses, custom fields, the agents' group.

One module, so the provisioning (rt_setup) and the adapter (rt) cannot disagree about a name.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.enums import Kind, LinkKind, Priority, Status
from app.domain.priority import WORK_RANK

LIFECYCLE = "servicedesk"
AGENT_GROUP = "Helpline agents"
NOBODY = "Nobody"
# RT's own users, who act for nobody of the desk (scrips, the owner of an unowned ticket): never the user.
RT_ITSELF = frozenset({"RT_System", NOBODY})

# RT's status names are words people read in RT's own web UI, hence the space.
RT_STATUS: dict[Status, str] = {
    Status.NEW: "new",
    Status.ASSIGNED: "assigned",
    Status.IN_PROGRESS: "in progress",
    Status.PENDING: "pending",
    Status.RESOLVED: "resolved",
    Status.CLOSED: "closed",
}
# Statuses of RT's own `default` lifecycle (a ticket made in RT's General queue, by mail or `rt create`),
# read as the Helpline status that means the same to an agent.
RT_ALIASES: dict[str, Status] = {"open": Status.IN_PROGRESS, "stalled": Status.PENDING,
                                 "rejected": Status.CLOSED, "deleted": Status.CLOSED}
# RT's ways to make a ticket go away: shown as Closed and gone, never written to.
GONE = frozenset({"rejected", "deleted"})
STATUS_OF_RT: dict[str, Status] = {**RT_ALIASES, **{name: status for status, name in RT_STATUS.items()}}


def rt_names(status: Status) -> list[str]:
    """Every RT status a search for `status` must find (the gone ones excepted)."""
    return [name for name, mapped in STATUS_OF_RT.items() if mapped is status and name not in GONE]

CF_KIND = "Kind"
CF_PENDING_REASON = "Pending reason"
CF_IMPACT = "Impact"
CF_URGENCY = "Urgency"
CF_SERIAL = "Serial number"
CF_CATEGORY = "Category"
CF_REQUESTED_FOR = "Requested for"
CF_EXTERNAL_REF = "External reference"
# What RT has no field for (flags, escalations, links, pins, the matrix override's reason) as one JSON
# document, so RT users see it and nothing of Helpline's is lost.
CF_STATE = "Helpline"
# Raised by RT itself: rt-setup's scrip stamps it when a user's mail reaches a ticket (R-FLAG-1), so the flag
# does not depend on who changed the ticket last; Helpline empties it when an agent clears the flag.
CF_UPDATE_FLAG = "Update flag"
# R-ESC-4: when the ticket last saw work (a note, a message, a status change, a hand-over), written by Helpline
# as UTC text that sorts as it reads (rt_moment), so TicketSQL can ask for "no progress since" (rt_query).
CF_PROGRESSED = "Last progress"
# Helpline's own bookkeeping: never shown as a change in the journal.
BOOKKEEPING_CFS = frozenset({CF_STATE, CF_PROGRESSED})


def rt_moment(moment: datetime) -> str:
    """A moment as the Last progress field holds it: UTC, to the second, so that text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

# RT's own links of a ticket (`rt link`, its web UI, a merge): read from RT, never kept in Helpline's state.
RT_LINK_KINDS = frozenset({LinkKind.DEPENDS_ON, LinkKind.DEPENDED_ON_BY, LinkKind.REFERS_TO,
                           LinkKind.REFERRED_TO_BY, LinkKind.MEMBER_OF, LinkKind.HAS_MEMBER, LinkKind.MERGED_FROM})


def rt_priority(priority_rank: int) -> int:
    """RT sorts by a number, higher first: P1 becomes 90, P5 50 (Helpline's work order, R-PRIO-3)."""
    return 100 - 10 * priority_rank


# The bands of each kind (R-PRIO-1..3): a number set in RT is read as the nearest band of the ticket's kind.
INCIDENT_BANDS = (Priority.P1, Priority.P2, Priority.P3, Priority.P4, Priority.P5)
REQUEST_BANDS = (Priority.SR1, Priority.SR2, Priority.SR3)


def priority_of_rt(number: object, kind: Kind = Kind.INCIDENT) -> Priority | None:
    """The band nearest to RT's Priority, as someone set it in RT; None for RT's unset 0 (or no number)."""
    try:
        value = int(str(number))
    except ValueError:
        return None
    if value <= 0:
        return None
    bands = REQUEST_BANDS if kind is Kind.SERVICE_REQUEST else INCIDENT_BANDS
    return min(bands, key=lambda p: (abs(rt_priority(WORK_RANK[p]) - value), WORK_RANK[p]))
