"""The names Helpline and Request Tracker share: lifecycle, statuses, custom fields, the agents' group.

One module, so the provisioning (rt_setup) and the adapter (rt) cannot disagree about a name.
"""

from __future__ import annotations

from app.domain.enums import Status

LIFECYCLE = "servicedesk"
AGENT_GROUP = "Helpline agents"
NOBODY = "Nobody"

# RT's status names are words people read in RT's own web UI, hence the space.
RT_STATUS: dict[Status, str] = {
    Status.NEW: "new",
    Status.ASSIGNED: "assigned",
    Status.IN_PROGRESS: "in progress",
    Status.PENDING: "pending",
    Status.RESOLVED: "resolved",
    Status.CLOSED: "closed",
}
STATUS_OF_RT: dict[str, Status] = {name: status for status, name in RT_STATUS.items()}

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
