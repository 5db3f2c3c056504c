"""Request Tracker's JSON to Helpline's tickets and back: pure functions, no I/O.

The mapping: team = queue, agent = privileged user, internal note = comment, message to the user =
correspondence, status = the `servicedesk` lifecycle, the ticket's own fields = custom fields, the journal =
history joined with attachments. What RT has no place for (flags, escalations, links, pins, Helpline's
system events, the matrix override) travels as one JSON document in the `Helpline` custom field.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from pydantic import ValidationError

from app.backends.rt_fields import (
    CF_CATEGORY,
    CF_EXTERNAL_REF,
    CF_IMPACT,
    CF_KIND,
    CF_PENDING_REASON,
    CF_PROGRESSED,
    CF_REQUESTED_FOR,
    CF_SERIAL,
    CF_STATE,
    CF_UPDATE_FLAG,
    CF_URGENCY,
    NOBODY,
    RT_LINK_KINDS,
    RT_STATUS,
    STATUS_OF_RT,
    priority_of_rt,
    rt_priority,
)
from app.backends.rt_journal import journal_of, links_of, parse_time, person_name, ref_id
from app.domain.codes import format_code
from app.domain.enums import ACTIVE_ESCALATION_STATUSES, Kind, PendingReason, Priority, Status
from app.domain.escalations import parties_in
from app.domain.models import EscalationRow, Ticket, TicketRow
from app.domain.priority import WORK_RANK, default_impact_urgency, priority_for
from app.errors import Unavailable

# Ticket fields RT has no column for, kept in the Helpline custom field.
STATE_FIELDS = frozenset({
    "requester", "priority", "priority_reason", "expected_handling", "update_flag", "attention",
    "awaiting_acceptance", "primary_team", "started", "resolved_at", "closed_at", "escalations", "links",
    "returned_solution", "pending_until",
})
# Ticket field -> custom field, for the fields that are RT custom fields.
CF_OF_FIELD = {
    "kind": CF_KIND, "pending_reason": CF_PENDING_REASON, "impact": CF_IMPACT, "urgency": CF_URGENCY,
    "serial_number": CF_SERIAL, "category": CF_CATEGORY, "requested_for": CF_REQUESTED_FOR,
    "external_ref": CF_EXTERNAL_REF,
}
def custom_fields(item: dict[str, Any]) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for field in item.get("CustomFields") or []:
        found = field.get("values") or []
        values[str(field.get("name"))] = str(found[0]) if found else None
    return values


def read_state(cfs: dict[str, str | None]) -> dict[str, Any]:
    raw = cfs.get(CF_STATE)
    if not raw:
        return {}
    try:
        state = json.loads(raw)
    except ValueError:
        return {}  # someone edited it by hand in RT: the native fields still stand
    return state if isinstance(state, dict) else {}


def state_of(ticket: Ticket, events: list[dict[str, Any]], pins: dict[str, bool],
             writes: list[list[Any]] | None = None) -> str:
    data = ticket.model_dump(mode="json", include=set(STATE_FIELDS))
    # RT keeps its own links (rt_journal.links_of): only Helpline's go into the state.
    data["links"] = [link for link in data["links"] if link["kind"] not in RT_LINK_KINDS]
    data["events"] = events
    data["pins"] = pins
    data["writes"] = writes or []
    # Denormalised so TicketSQL can find the specialist's queue (R-ADVICE-1) and the escalations an agent follows
    # (R-ESC-5, view 8): CF.{Helpline} LIKE '…'. The parties as "|anna|network|", so that one is found whole.
    row = TicketRow.data_of(ticket)
    data["advice_team"] = row["advice_team"]
    data["parties"] = "|" + "|".join(sorted(parties_in(row["escalations"]))) + "|"
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def requester_of(item: dict[str, Any], state: dict[str, Any]) -> str:
    requestors = [person_name(r) for r in item.get("Requestor") or []]
    return state.get("requester") or next((r for r in requestors if r), None) or "(unknown)"


def _native(item: dict[str, Any], queues: dict[str, str], etag: int) -> dict[str, Any]:
    """The fields both a queue row and a whole ticket take from RT's own columns and custom fields."""
    cfs = custom_fields(item)
    state = read_state(cfs)
    if not state.get("update_flag") and cfs.get(CF_UPDATE_FLAG):
        # R-FLAG-1: rt-setup's scrip stamped a user's mail; it stays up until an agent clears it.
        state["update_flag"] = cfs[CF_UPDATE_FLAG]
    kind = Kind(cfs.get(CF_KIND) or Kind.INCIDENT.value)
    default_impact, default_urgency = default_impact_urgency(kind)
    impact = cfs.get(CF_IMPACT) or default_impact.value
    urgency = cfs.get(CF_URGENCY) or default_urgency.value
    status = STATUS_OF_RT.get(str(item.get("Status")), Status.NEW)
    owner = ref_id(item.get("Owner"))
    number = int(item["id"])
    # A priority set in RT itself (its web UI, a scrip) wins over the one Helpline last wrote (R-PRIO-3).
    set_in_rt = priority_of_rt(item.get("Priority"), kind)
    written = state.get("priority")
    priority = written or priority_for(kind, impact, urgency).value  # type: ignore[arg-type]
    if set_in_rt is not None and rt_priority(WORK_RANK[Priority(priority)]) != int(str(item.get("Priority"))):
        priority = set_in_rt.value
        state["priority"] = priority
    data: dict[str, Any] = {
        "id": number,
        "code": format_code(number),
        "kind": kind.value,
        "subject": str(item.get("Subject") or ""),
        "requester": requester_of(item, state),
        "requested_for": cfs.get(CF_REQUESTED_FOR),
        "team": queues.get(ref_id(item.get("Queue")) or "", ref_id(item.get("Queue")) or "?"),
        "owner": None if owner in (None, NOBODY) else owner,
        "status": status.value,
        # RT's `stalled` says no why: waiting on the user is what it means on most desks (R-STATUS-3).
        "pending_reason": (cfs.get(CF_PENDING_REASON) or PendingReason.USER_REPLY.value)
        if status is Status.PENDING else None,
        "priority": priority,
        "serial_number": cfs.get(CF_SERIAL),
        "category": cfs.get(CF_CATEGORY),
        "update_flag": state.get("update_flag"),
        "attention": bool(state.get("attention")),
        "created": parse_time(item.get("Created")),
        "updated": parse_time(item.get("LastUpdated")),
        "progressed": parse_time(cfs.get(CF_PROGRESSED)),
        "started": state.get("started"),
        "resolved_at": state.get("resolved_at"),
        "pending_until": state.get("pending_until") if status is Status.PENDING else None,
        "version": etag,
        "impact": impact,
        "urgency": urgency,
        "external_ref": cfs.get(CF_EXTERNAL_REF),
        "state": state,
    }
    return data


_ROW_FIELDS = set(TicketRow.model_fields)
_ACTIVE = {status.value for status in ACTIVE_ESCALATION_STATUSES}


def row_of(item: dict[str, Any], queues: dict[str, str]) -> TicketRow:
    """A queue row from one item of a /tickets search. Rows carry version 0: RT's ETag (the newest
    transaction's id) comes only with the ticket itself, and every write reads that first."""
    data = _native(item, queues, 0)
    state = data["state"]
    row = {key: value for key, value in data.items() if key in _ROW_FIELDS}
    row["advice_team"] = state.get("advice_team")
    row["returned"] = bool(state.get("returned_solution"))
    row["escalations"] = [{key: e.get(key) for key in EscalationRow.model_fields}
                          for e in state.get("escalations") or [] if e.get("status") in _ACTIVE]
    return _validated(TicketRow, row, data["code"])


def _validated(model: Any, data: dict[str, Any], code: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Unavailable(f"{code} in RT cannot be shown: {where}: {first['msg']} (fix the ticket in RT)") from exc


def ticket_of(item: dict[str, Any], etag: int, queues: dict[str, str], history: list[dict[str, Any]],
              attachments: list[dict[str, Any]], agents: Collection[str] = (),
              staff: Collection[str] = (), window_from: int = 0) -> Ticket:
    """`agents`: the desk's agents; `staff`: everyone in RT who is not the user (the agents and RT's other
    privileged users, such as its admins); `window_from`: the history is the newest transactions from this
    one on (and the first report and pinned notes), not the whole (rt_fetch)."""
    data = _native(item, queues, etag)
    state = data.pop("state")
    cf_names = {str(cf.get("id")): str(cf.get("name")) for cf in item.get("CustomFields") or []}
    description, journal, files = journal_of(
        history, attachments, state, agents, staff or agents, cf_names, queues, ticket_id=data["id"],
        requester=data["requester"], window_from=window_from)
    data.update({key: state[key] for key in STATE_FIELDS if key in state})
    data["links"] = list(data.get("links") or []) + [link.model_dump(mode="json")
                                                   for link in links_of(item, history)]
    mailable = any(isinstance(r, dict) and r.get("EmailAddress") for r in item.get("Requestor") or [])
    data.update(description=description, journal=journal, attachments=files, no_mail_address=not mailable,
                journal_complete=not window_from)
    return _validated(Ticket, data, data["code"])


def changes(before: Ticket, after: Ticket, state_before: str, state_after: str) -> dict[str, Any]:
    """The body of the PUT that takes RT from `before` to `after` (empty when only notes were added)."""
    body: dict[str, Any] = {}
    if after.subject != before.subject:
        body["Subject"] = after.subject
    if after.team != before.team:
        body["Queue"] = after.team
    if after.owner != before.owner:
        body["Owner"] = after.owner or NOBODY
    if after.status is not before.status:
        body["Status"] = RT_STATUS[after.status]
    if WORK_RANK[after.priority] != WORK_RANK[before.priority]:
        body["Priority"] = rt_priority(WORK_RANK[after.priority])
    fields: dict[str, Any] = {}
    for name, cf in CF_OF_FIELD.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            fields[cf] = None if new is None else str(getattr(new, "value", new))
    if state_after != state_before:
        fields[CF_STATE] = state_after
    if fields:
        body["CustomFields"] = fields
    return body
