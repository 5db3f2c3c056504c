"""A TicketQuery as RT's TicketSQL, so RT filters and sorts and Helpline fetches one page only.

Every value is quoted here and nowhere else: a filter typed by an agent can never change the query's meaning.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from app.api.backend import TicketQuery
from app.backends.rt_fields import (
    CF_PROGRESSED,
    CF_REQUESTED_FOR,
    CF_SERIAL,
    CF_STATE,
    CF_UPDATE_FLAG,
    NOBODY,
    rt_moment,
    rt_names,
    rt_priority,
)
from app.domain.codes import parse_code
from app.domain.enums import NOT_STARTED_STATUSES, OPEN_STATUSES, Priority, Status
from app.domain.escalations import parties_of
from app.domain.models import Team
from app.domain.priority import WORK_RANK


def quote(value: str) -> str:
    """A TicketSQL string literal: backslash and quote escaped, control characters dropped."""
    cleaned = "".join(ch for ch in value if ch >= " ")
    return "'" + cleaned.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _any_status(statuses: Iterable[Status]) -> str:
    return "(" + " OR ".join(f"Status = {quote(name)}" for s in statuses for name in rt_names(s)) + ")"


def _when(moment: datetime) -> str:
    """A moment as RT reads it whatever its time zone: RT takes an absolute date in the user's zone, so say
    how long ago it was instead ("-N minutes": RT misreads "2880 minutes ago", checked on RT 5.0.3)."""
    minutes = round((moment - datetime.now(UTC)).total_seconds() / 60)
    return quote(f"{minutes:+d} minutes")  # a moment to come (a clock set ahead) is "+N minutes"


def ticket_sql(query: TicketQuery, now: datetime, teams: Mapping[str, Team]) -> str:
    # The desk's queues only: an RT that also serves other departments shows Helpline nothing of theirs.
    clauses = ["(" + " OR ".join(f"Queue = {quote(team)}" for team in teams) + ")"] if teams else ["id > 0"]
    if query.team is not None:
        clauses.append(f"Queue = {quote(query.team)}")
    if query.owner is not None:
        clauses.append(f"Owner = {quote(NOBODY if query.owner == 'none' else query.owner)}")
    if query.absent_of is not None:  # R-TEAM-3: the team's absent members, from the desk file
        absent = teams[query.absent_of].absent if query.absent_of in teams else []
        clauses.append("(" + " OR ".join(f"Owner = {quote(who)}" for who in absent) + ")" if absent else "id = 0")
    if query.status:
        clauses.append(_any_status(query.status))
    if query.open is not None:
        wanted = OPEN_STATUSES if query.open else set(Status) - OPEN_STATUSES
        clauses.append(_any_status(sorted(wanted, key=list(Status).index)))
    if query.update_flag is not None:
        # Raised in Helpline's state, or (R-FLAG-1) stamped by rt-setup's scrip when a user's mail reached RT.
        # A raised flag is a time, a JSON string: `"update_flag":"`. Not `NOT LIKE …null`, which RT also
        # answers for a ticket without the field at all (one made in RT itself).
        raised = f"CF.{{{CF_STATE}}} LIKE {quote(_json_raw('update_flag', chr(34)))}"
        if query.update_flag:
            clauses.append(f"({raised} OR CF.{{{CF_UPDATE_FLAG}}} IS NOT NULL)")
        else:  # TicketSQL has no NOT: the same, turned round by hand
            lowered = f"(CF.{{{CF_STATE}}} LIKE {quote(_json_raw('update_flag', 'null'))} OR CF.{{{CF_STATE}}} IS NULL)"
            clauses.append(f"({lowered} AND CF.{{{CF_UPDATE_FLAG}}} IS NULL)")
    if query.attention is not None:
        word = "LIKE" if query.attention else "NOT LIKE"
        clauses.append(f"CF.{{{CF_STATE}}} {word} {quote(_json_raw('attention', 'true'))}")
    if query.advice_team is not None:
        clauses.append(f"CF.{{{CF_STATE}}} LIKE {quote(_json_pair('advice_team', query.advice_team))}")
    if query.requester is not None:
        who = query.requester.strip()
        clauses.append(f"(CF.{{{CF_STATE}}} LIKE {quote(_json_pair('requester', who))} OR "
                       f"CF.{{{CF_REQUESTED_FOR}}} = {quote(who)} OR Requestor.EmailAddress = {quote(who)})")
    if query.q:
        clauses.append("(" + " OR ".join(_in_fields(query.q.strip())) + ")")
    if query.text and query.text.strip():
        # The journal through RT's full-text search of transaction content: it needs `%FullTextSearch` enabled
        # in RT_SiteConfig.pm (README, "Request Tracker"); without it RT finds no content, and the fields still.
        text = query.text.strip()
        clauses.append("(" + " OR ".join([*_in_fields(text), f"Content LIKE {quote(text)}"]) + ")")
    if query.follower is not None:
        # R-ESC-5: the parties to a ticket's escalations not ended, kept in the state as "|anna|network|"
        # (rt_mapping.state_of); a name is found whole between its bars.
        found = [f"CF.{{{CF_STATE}}} LIKE {quote('|' + who + '|')}" for who in parties_of(query.follower, teams)]
        clauses.append("(" + " OR ".join(found) + ")")
    if query.stale_hours is not None:
        # R-ESC-4 as TicketSQL: open and (P1, or not started since, or no progress since). Progress is the Last
        # progress field, compared as text (rt_moment sorts as time); a ticket written before the field was kept
        # has only RT's LastUpdated, as on the local store (escalations.last_progress).
        moment = now - timedelta(hours=query.stale_hours)
        since = _when(moment)
        no_progress = (f"(CF.{{{CF_PROGRESSED}}} < {quote(rt_moment(moment))} OR "
                       f"(CF.{{{CF_PROGRESSED}}} IS NULL AND LastUpdated < {since}))")
        clauses.append(_any_status(sorted(OPEN_STATUSES, key=list(Status).index)))
        clauses.append(f"(Priority >= {rt_priority(WORK_RANK[Priority.P1])} OR "
                       f"({_any_status(sorted(NOT_STARTED_STATUSES, key=list(Status).index))} AND Created < {since})"
                       f" OR {no_progress})")
    return " AND ".join(clauses)


def _in_fields(text: str) -> list[str]:
    """TicketSQL that finds `text` in a ticket's subject or serial number, or (HL-n) is its code."""
    found = [f"Subject LIKE {quote(text)}", f"CF.{{{CF_SERIAL}}} LIKE {quote(text)}"]
    number = parse_code(text) if text.upper().startswith("HL-") else None
    if number is not None:
        found.append(f"id = {number}")
    return found


def _json_pair(key: str, value: str) -> str:
    """`"key":"value"` as it appears in the Helpline custom field (written compact by rt_mapping.state_of)."""
    return json.dumps({key: value}, ensure_ascii=False, separators=(",", ":"))[1:-1]


def _json_raw(key: str, literal: str) -> str:
    return f'"{key}":{literal}'
