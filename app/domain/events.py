"""System events as data, written in the reader's language (issue 19, R-JOURNAL-1, R-JOURNAL-6).

A system event is stored twice: `event_data` ({"event": code, ...its parameters}) and `body`, the same words in
English, written at the time for other adapters, older clients and mail. The workstation reads the data through
`event_text`, so a Swedish agent sees "Status: Ny → Pågår". Data that is not understood (an unknown code, a
parameter of the wrong type, a store file edited by hand) is never an error: the stored body is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from app.domain.enums import EscalationKind, EscalationStatus, PendingReason, Status
from app.domain.models import JournalEntry
from app.i18n import label, speaking, t

EventData = dict[str, Any]


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not text")
    return value


def _registered(data: Mapping[str, Any]) -> str:
    return t("Registered by {actor} in {team}", actor=_text(data, "actor"), team=_text(data, "team"))


def _registered_from_mail(data: Mapping[str, Any]) -> str:
    return t("Registered from a mail by {sender} in {team}", sender=_text(data, "sender"), team=_text(data, "team"))


def _split_from(data: Mapping[str, Any]) -> str:
    return t("Split from {parent} by {actor} in {team}", parent=_text(data, "parent"), actor=_text(data, "actor"),
             team=_text(data, "team"))


def _status_changed(data: Mapping[str, Any]) -> str:
    old, new, actor = label(Status(_text(data, "from"))), label(Status(_text(data, "to"))), _text(data, "actor")
    if data.get("reason") is None:
        return t("Status: {old} → {new}, by {actor}", old=old, new=new, actor=actor)
    reason = label(PendingReason(_text(data, "reason")))
    if data.get("until") is None:
        return t("Status: {old} → {new} ({reason}), by {actor}", old=old, new=new, reason=reason, actor=actor)
    moment = f"{datetime.fromisoformat(_text(data, 'until')).astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    return t("Status: {old} → {new} ({reason}, until {moment}), by {actor}", old=old, new=new, reason=reason,
             moment=moment, actor=actor)


def _auto_closed(data: Mapping[str, Any]) -> str:
    return t("Closed automatically 30 days after it was resolved, by the desk's housekeeping")


def _taken(data: Mapping[str, Any]) -> str:
    return t("Taken by {actor}", actor=_text(data, "actor"))


def _p2_accepted(data: Mapping[str, Any]) -> str:
    return t("P2 accepted by {actor}", actor=_text(data, "actor"))


def _assigned(data: Mapping[str, Any]) -> str:
    return t("Assigned to {agent} by {actor}", agent=_text(data, "agent"), actor=_text(data, "actor"))


def _dispatched(data: Mapping[str, Any]) -> str:
    return t("Dispatched to {team} by {actor}", team=_text(data, "team"), actor=_text(data, "actor"))


def _returned(data: Mapping[str, Any]) -> str:
    return t("Returned to {team} by {actor}, solved (R-DISPATCH-4)", team=_text(data, "team"),
             actor=_text(data, "actor"))


def _handed_direct(data: Mapping[str, Any]) -> str:
    return t("Handed to {agent} in {team} by {actor}, as agreed beforehand with {agent}", agent=_text(data, "agent"),
             team=_text(data, "team"), actor=_text(data, "actor"))


def _flag_reason(data: Mapping[str, Any]) -> str:
    """A flag's reason: the desk's own reasons in the reader's words; anything else as it was written."""
    reason = _text(data, "reason")
    known = {"answered the user": t("answered the user"), "reopened": t("reopened"),
             "the user wrote": t("the user wrote")}
    return known.get(reason, reason)


def _update_flag_raised(data: Mapping[str, Any]) -> str:
    if data.get("reason") is None:
        return t("Update flag raised by {actor}", actor=_text(data, "actor"))
    return t("Update flag raised by {actor}: {reason}", actor=_text(data, "actor"), reason=_flag_reason(data))


def _update_flag_cleared(data: Mapping[str, Any]) -> str:
    actor = _text(data, "actor")
    if data.get("reason") is not None:
        return t("Update flag cleared by {actor} ({reason})", actor=actor, reason=_flag_reason(data))
    if data.get("unanswered") is True:
        return t("Update flag cleared by {actor} without an answer to the user", actor=actor)
    return t("Update flag cleared by {actor}", actor=actor)


def _attention_set(data: Mapping[str, Any]) -> str:
    return t("Attention flag set by {actor}", actor=_text(data, "actor"))


def _attention_cleared(data: Mapping[str, Any]) -> str:
    return t("Attention flag cleared by {actor}", actor=_text(data, "actor"))


def _entry_number(data: Mapping[str, Any]) -> int:
    value = data["entry"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("entry is not a number")
    return value


def _pinned(data: Mapping[str, Any]) -> str:
    return t("Entry {id} pinned by {actor}", id=_entry_number(data), actor=_text(data, "actor"))


def _unpinned(data: Mapping[str, Any]) -> str:
    return t("Entry {id} unpinned by {actor}", id=_entry_number(data), actor=_text(data, "actor"))


def _escalation_raised(data: Mapping[str, Any]) -> str:
    kind, number, actor = label(EscalationKind(_text(data, "kind"))), _text(data, "number"), _text(data, "actor")
    if data.get("handler") is None:
        return t("{kind} escalation {number} raised by {actor}", kind=kind, number=number, actor=actor)
    return t("{kind} escalation {number} raised by {actor}, drawing in {handler}", kind=kind, number=number,
             actor=actor, handler=_text(data, "handler"))


def _escalation_moved(data: Mapping[str, Any]) -> str:
    said = [label(EscalationStatus(_text(data, "status")))]
    if "handler" in data:
        said.append(t("handler {handler}", handler=data["handler"] if isinstance(data["handler"], str) else "-"))
    text = t("Escalation {number}: {status}, by {actor}", number=_text(data, "number"), status=", ".join(said),
             actor=_text(data, "actor"))
    why = data.get("why")
    if why == "resolved":
        return f"{text} ({t('its ticket is resolved')})"
    if why == "returned":
        return f"{text} ({t('its ticket returned to {team}', team=_text(data, 'team'))})"
    return text


def _one_problem(data: Mapping[str, Any]) -> str:
    return t("One problem, stated by {actor} (R-TICKET-4)", actor=_text(data, "actor"))


def _split_keeps(data: Mapping[str, Any]) -> str:
    return t("Split by {actor}: this ticket keeps its first problem, {problem}", actor=_text(data, "actor"),
             problem=_text(data, "problem"))


def _split_made(data: Mapping[str, Any]) -> str:
    return t("Split: {child} made from this ticket by {actor}", child=_text(data, "child"), actor=_text(data, "actor"))


def _followed_up_by_mail(data: Mapping[str, Any]) -> str:
    return t("A mail from the user opened {code}, which follows this one up", code=_text(data, "code"))



def _rt_status_changed(data: Mapping[str, Any]) -> str:
    return t("Status: {old} → {new} (in RT, by {who})", old=label(Status(_text(data, "from"))),
             new=label(Status(_text(data, "to"))), who=_text(data, "actor"))


_RENDERERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "registered": _registered,
    "registered_from_mail": _registered_from_mail,
    "split_from": _split_from,
    "status_changed": _status_changed,
    "auto_closed": _auto_closed,
    "taken": _taken,
    "p2_accepted": _p2_accepted,
    "assigned": _assigned,
    "dispatched": _dispatched,
    "returned": _returned,
    "handed_direct": _handed_direct,
    "update_flag_raised": _update_flag_raised,
    "update_flag_cleared": _update_flag_cleared,
    "attention_set": _attention_set,
    "attention_cleared": _attention_cleared,
    "pinned": _pinned,
    "unpinned": _unpinned,
    "escalation_raised": _escalation_raised,
    "escalation_moved": _escalation_moved,
    "one_problem": _one_problem,
    "split_keeps": _split_keeps,
    "split_made": _split_made,
    "followed_up_by_mail": _followed_up_by_mail,
    "rt_status_changed": _rt_status_changed,
}
EVENT_CODES = frozenset(_RENDERERS)


def render(data: Mapping[str, Any] | None) -> str | None:
    """The event's words in the current language; None when the data is not understood."""
    if not isinstance(data, Mapping):
        return None
    code = data.get("event")
    renderer = _RENDERERS.get(code) if isinstance(code, str) else None
    if renderer is None:
        return None
    try:
        return renderer(data)
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


def english(data: EventData) -> str:
    """The words stored as the entry's body: English, whatever language the writer reads."""
    with speaking("en"):
        text = render(data)
    if text is None:
        raise ValueError(f"not a system event the desk knows: {data!r}")
    return text


def event_text(entry: JournalEntry) -> str:
    """What a reader is shown of a system event: its data in their language, else its stored words literally."""
    text = render(entry.event_data) if entry.event_data is not None else None
    return entry.body if text is None else text
