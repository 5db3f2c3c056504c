"""What Request Tracker 5 needs before Helpline can work against it (`helpline rt-setup`).

From the desk (teams and agents) it writes:
- the `servicedesk` lifecycle, a site-config snippet: REST2 cannot change RT's configuration;
- an initialdata file for `rt-setup-database --action insert`: one queue per team, the agents as privileged
  users, the ticket custom fields with their values, and the rights the agents need (REST2 5.0 cannot grant
  rights, create tokens or set passwords, so those go through this file too).
Everything is generated from the same names the adapter reads (app.backends.rt_fields), so the two never drift.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from app.backends.rt_fields import (
    AGENT_GROUP,
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
    INCIDENT_BANDS,
    LIFECYCLE,
    RT_STATUS,
    rt_priority,
)
from app.domain.enums import Impact, Kind, PendingReason, Status, Urgency
from app.domain.models import Agent, Team
from app.domain.priority import WORK_RANK
from app.domain.status import person_moves

# What every agent may do in every team queue: see and work tickets, including owning them (a dispatch
# to a queue where the owner lacks OwnTicket silently drops the owner, which is what R-DISPATCH-1 wants
# anyway, but an assign must be able to set one).
AGENT_RIGHTS = (
    "SeeQueue", "ShowTicket", "CreateTicket", "ModifyTicket", "OwnTicket", "TakeTicket", "StealTicket",
    "ReassignTicket", "CommentOnTicket", "ReplyToTicket", "ShowTicketComments", "ShowOutgoingEmail",
    "Watch", "WatchAsAdminCc", "SeeCustomField", "ModifyCustomField", "SeeGroup", "ShowUserHistory",
)

USER_RIGHTS = ("CreateTicket", "ReplyToTicket")

# The transitions RT enforces, beyond a person's moves: the system's own (R-STATUS-6 auto close) and
# the dispatch's Assigned -> New when a hand-over clears the owner (R-DISPATCH-1, R-STATUS-2).
SYSTEM_MOVES = ((Status.RESOLVED, Status.CLOSED), (Status.ASSIGNED, Status.NEW))


def _perl(value: object) -> str:
    """A Perl literal for JSON-like data (strings single-quoted, so nothing interpolates)."""
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_perl(str(k))} => {_perl(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[ " + ", ".join(_perl(v) for v in value) + " ]"
    raise TypeError(f"no Perl literal for {type(value).__name__}")


# RT's delete: any ticket may go to `deleted` (with RT's DeleteTicket right), and back to New to restore it.
DELETED = "deleted"
# Status maps for a ticket moved between RT's `default` lifecycle (its General queue, by mail or `rt create`)
# and Helpline's: without them RT refuses the move inside a 200 ("There is no mapping for statuses").
DEFAULT_TO_DESK = {"new": Status.NEW, "open": Status.IN_PROGRESS, "stalled": Status.PENDING,
                   "resolved": Status.RESOLVED, "rejected": Status.CLOSED}
DESK_TO_DEFAULT = {Status.NEW: "new", Status.ASSIGNED: "open", Status.IN_PROGRESS: "open", Status.PENDING: "stalled",
                   Status.RESOLVED: "resolved", Status.CLOSED: "resolved"}


def lifecycle_snippet(teams: Iterable[Team] = ()) -> str:
    """RT_SiteConfig for Helpline: `%Lifecycles` with Helpline's statuses and exactly its transitions (plus
    RT's delete), the status maps to and from RT's default lifecycle, and `%PriorityAsString` naming
    P1..P5 in the teams' queues."""
    transitions: dict[str, list[str]] = {"": [RT_STATUS[Status.NEW]]}
    for source, targets in person_moves().items():
        transitions[RT_STATUS[source]] = [RT_STATUS[t] for t in sorted(targets, key=list(Status).index)]
    for source, target in SYSTEM_MOVES:
        transitions[RT_STATUS[source]].append(RT_STATUS[target])
    for name, moves in transitions.items():
        if name:
            moves.append(DELETED)
    transitions[DELETED] = [RT_STATUS[Status.NEW]]
    maps = {
        f"default -> {LIFECYCLE}": {**{old: RT_STATUS[new] for old, new in DEFAULT_TO_DESK.items()},
                                    DELETED: DELETED},
        f"{LIFECYCLE} -> default": {**{RT_STATUS[old]: new for old, new in DESK_TO_DEFAULT.items()},
                                    DELETED: DELETED},
    }
    body = {
        "type": "ticket",
        # New counts as active for RT: its "Open Inactive Tickets" scrip moves any other ticket that gets mail
        # to the first active status it can reach, which would make a new ticket Assigned without an owner
        # (R-STATUS-2). A Resolved ticket still reopens to In Progress on the user's reply (R-STATUS-6).
        "initial": [],
        "active": [RT_STATUS[s] for s in (Status.IN_PROGRESS, Status.NEW, Status.ASSIGNED, Status.PENDING)],
        "inactive": [*(RT_STATUS[s] for s in (Status.RESOLVED, Status.CLOSED)), DELETED],
        # RT's reminders are tickets of the same lifecycle: without these, adding one fails ("Status 'open'
        # isn't a valid status"); a merged ticket is Resolved, as in RT's own lifecycle.
        "defaults": {"on_create": RT_STATUS[Status.NEW], "on_merge": RT_STATUS[Status.RESOLVED],
                     "reminder_on_open": RT_STATUS[Status.NEW], "reminder_on_resolve": RT_STATUS[Status.RESOLVED]},
        "transitions": transitions,
        "rights": {f"* -> {DELETED}": "DeleteTicket", "* -> *": "ModifyTicket"},
    }
    # Ordered label => number lists, so RT's web UI shows and offers "P2" where it showed "Medium".
    bands = [item for p in INCIDENT_BANDS for item in (p.value, rt_priority(WORK_RANK[p]))]
    priorities = {team.id: bands for team in teams}
    return (
        "# Helpline's service-desk lifecycle (R-STATUS-1..7): put this in RT_SiteConfig.pm and restart RT.\n"
        f"Set(%Lifecycles, {_perl(LIFECYCLE)} => {_perl(body)}, '__maps__' => {_perl(maps)});\n"
        + (f"Set(%PriorityAsString, {_perl(priorities)[2:-2]});\n" if priorities else "")
        # The search over journal text (queue view 0, TicketQuery.text) asks for transaction content, which RT
        # finds only with full-text search on; unindexed needs no set-up (a desk may index it: RT's docs).
        + "Set(%FullTextSearch, Enable => 1, Indexed => 0);\n"
    )


def _select(name: str, values: Iterable[str], description: str) -> dict[str, object]:
    return {"Name": name, "Type": "SelectSingle", "LookupType": "RT::Queue-RT::Ticket", "Queue": 0,
            "Description": description, "Values": [{"Name": v, "SortOrder": i} for i, v in enumerate(values)]}


def _freeform(name: str, description: str, type_: str = "FreeformSingle") -> dict[str, object]:
    return {"Name": name, "Type": type_, "LookupType": "RT::Queue-RT::Ticket", "Queue": 0,
            "Description": description}


def custom_fields() -> list[dict[str, object]]:
    return [
        _select(CF_KIND, [k.value for k in Kind], "Helpline: incident or service request (R-TICKET-1)"),
        _select(CF_PENDING_REASON, [r.value for r in PendingReason], "Helpline: why it waits (R-STATUS-3)"),
        _select(CF_IMPACT, [i.value for i in Impact], "Helpline: impact (R-PRIO-1/2)"),
        _select(CF_URGENCY, [u.value for u in Urgency], "Helpline: urgency (R-PRIO-1/2)"),
        _freeform(CF_SERIAL, "Helpline: serial number of the device"),
        _freeform(CF_CATEGORY, "Helpline: category (R-DISPATCH-5)"),
        _freeform(CF_REQUESTED_FOR, "Helpline: the person the ticket is for (R-TICKET-2)"),
        _freeform(CF_EXTERNAL_REF, "Helpline: the supplier's case number (R-JOURNAL-4)"),
        _freeform(CF_STATE, "Helpline: flags, escalations, links and pins as JSON (kept by Helpline)",
                  "TextSingle"),
        _freeform(CF_UPDATE_FLAG, "Helpline: when a user's mail came in, until an agent clears it (R-FLAG-1)"),
        _freeform(CF_PROGRESSED, "Helpline: when the ticket last saw work, UTC (R-ESC-4; kept by Helpline)"),
    ]


# R-FLAG-1 inside RT: a user's mail (correspondence by someone not privileged) stamps the Update flag field, so
# the flag stays up whatever an agent does next in RT, until Helpline clears it. The field is set as RT's
# system user: the sender has no right to change fields. No transaction, so the journal has no noise.
FLAG_PREPARE = "return $self->TransactionObj->CreatorObj->Privileged ? 0 : 1;"
FLAG_COMMIT = (
    "my $ticket = RT::Ticket->new(RT->SystemUser); $ticket->Load($self->TicketObj->id); "
    f"my ($ok, $msg) = $ticket->AddCustomFieldValue(Field => {_perl(CF_UPDATE_FLAG)}, "
    "Value => $self->TransactionObj->CreatedObj->W3CDTF, RecordTransaction => 0); "
    "RT->Logger->error(\"Helpline Update flag: $msg\") unless $ok; return 1;"
)


def scrips() -> list[dict[str, object]]:
    return [{"Description": "Helpline: a user's mail raises the Update flag (R-FLAG-1)",
             "ScripCondition": "On Correspond", "ScripAction": "User Defined", "Template": "Blank",
             "CustomPrepareCode": FLAG_PREPARE, "CustomCommitCode": FLAG_COMMIT}]


def initialdata(teams: Iterable[Team], agents: Iterable[Agent], passwords: dict[str, str] | None = None) -> str:
    """An RT initialdata file (Perl) for `rt-setup-database-5 --action insert --datafile FILE`."""
    passwords = passwords or {}
    agents = list(agents)
    queues = [{"Name": team.id, "Description": team.name, "Lifecycle": LIFECYCLE} for team in teams]
    users = []
    for agent in agents:
        user = {"Name": agent.username, "RealName": agent.name, "Privileged": 1,
                "EmailAddress": agent.email or f"{agent.username}@helpline.invalid"}
        if agent.username in passwords:
            user["Password"] = passwords[agent.username]
        users.append(user)
    groups = [{"Name": AGENT_GROUP, "Description": "Helpline agents: every agent of the desk"}]
    members = [{"Class": "RT::User", "Name": agent.username, "Group": AGENT_GROUP} for agent in agents]
    acl = [{"GroupId": AGENT_GROUP, "GroupDomain": "UserDefined", "Right": right} for right in AGENT_RIGHTS]
    # Users write to the desk by mail: a reply lands in the journal as their message (and raises the
    # Update flag, R-FLAG-1), a new mail opens a ticket in the queue it was sent to.
    acl += [{"GroupDomain": "SystemInternal", "GroupType": "Everyone", "Right": right} for right in USER_RIGHTS]
    parts = [
        "# Helpline's desk for RT 5: rt-setup-database-5 --action insert --datafile THIS_FILE",
        f"@Queues = @{{ {_perl(queues)} }};",
        f"@Users = @{{ {_perl(users)} }};",
        f"@Groups = @{{ {_perl(groups)} }};",
        f"@Members = @{{ {_perl(members)} }};",
        f"@CustomFields = @{{ {_perl(custom_fields())} }};",
        f"@Scrips = @{{ {_perl(scrips())} }};",
        f"@ACL = @{{ {_perl(acl)} }};",
        "1;",
    ]
    return "\n".join(parts) + "\n"


def manual_steps() -> list[str]:
    """What an admin does by hand, because REST2 5.0 cannot (printed by `helpline rt-setup`)."""
    return [
        "Add the lifecycle snippet to RT_SiteConfig.pm and restart RT (REST2 cannot change RT's config): "
        "Helpline's lifecycle with RT's delete and reminders, the status maps that let a ticket move in from "
        "RT's General queue, the P1..P5 names of the teams' priorities, and full-text search (for the search over "
        "journal text).",
        "Load the initialdata file: rt-setup-database-5 --action insert --datafile FILE (REST2 cannot grant "
        "rights or add group members).",
        "Give each agent a password (rt-passwd) or an auth token (RT's web UI: Settings > Auth Tokens); "
        "REST2 cannot create either.",
        f"Every existing queue that Helpline should use must have the {LIFECYCLE!r} lifecycle (Admin > Queues).",
        "Keep RT's CSRF protection on ($RestrictReferrer): Helpline's session sends RT's WebBaseURL as its "
        "Origin. If agents reach RT at another address (a proxy, a tunnel, another host name), set "
        "backend.rt_base_url in their config.toml to RT's WebBaseURL, or add that address to "
        "Set(@ReferrerWhitelist, qw(host:port)) in RT_SiteConfig.pm; agents with an auth token are not affected.",
    ]


def desk_json(teams: Iterable[Team], agents: Iterable[Agent]) -> str:
    """The desk file the RT adapter reads: what RT itself has no place for (line level, dispatchers, hours)."""
    return json.dumps({"teams": [t.model_dump(mode="json") for t in teams],
                       "agents": [a.model_dump(mode="json") for a in agents]}, ensure_ascii=False, indent=2)
