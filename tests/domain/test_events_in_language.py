"""Issue 19: system events stored as data and written in the reader's language (app/domain/events.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from app.domain.enums import EntryKind, PendingReason, Status
from app.domain.events import EVENT_CODES, english, event_text
from app.domain.models import JournalEntry, Ticket
from app.i18n import set_language

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

# One of each event kind the desk writes as data, with its words in Danish and Swedish.
CASES: list[tuple[dict[str, object], str, str]] = [
    ({"event": "registered", "actor": "anna", "team": "Service Desk"},
     "Registreret af anna i Service Desk", "Registrerat av anna i Service Desk"),
    ({"event": "registered_from_mail", "sender": "eva@example.org", "team": "Service Desk"},
     "Registreret fra en mail af eva@example.org i Service Desk",
     "Registrerat från ett mejl av eva@example.org i Service Desk"),
    ({"event": "split_from", "parent": "HL-7", "actor": "anna", "team": "Service Desk"},
     "Udskilt fra HL-7 af anna i Service Desk", "Avdelat från HL-7 av anna i Service Desk"),
    ({"event": "status_changed", "from": "new", "to": "in_progress", "actor": "anna"},
     "Status: Ny → I gang, af anna", "Status: Ny → Pågår, av anna"),
    ({"event": "status_changed", "from": "in_progress", "to": "pending", "reason": "user_reply", "actor": "anna"},
     "(", "("),
    ({"event": "status_changed", "from": "in_progress", "to": "pending", "reason": "agreed_appointment",
      "until": "2026-12-03T08:00:00+00:00", "actor": "anna"},
     "indtil 2026-12-03 08:00 UTC", "till 2026-12-03 08:00 UTC"),
    ({"event": "auto_closed"}, "Lukket automatisk", "Stängt automatiskt"),
    ({"event": "taken", "actor": "bo"}, "Taget af bo", "Tagen av bo"),
    ({"event": "p2_accepted", "actor": "bo"}, "P2 accepteret af bo", "P2 accepterad av bo"),
    ({"event": "assigned", "agent": "bo", "actor": "anna"}, "Tildelt bo af anna", "Tilldelad bo av anna"),
    ({"event": "dispatched", "team": "Network", "actor": "anna"},
     "Sendt videre til Network af anna", "Skickad till Network av anna"),
    ({"event": "returned", "team": "Service Desk", "actor": "bo"},
     "Returneret til Service Desk af bo", "Återlämnad till Service Desk av bo"),
    ({"event": "handed_direct", "agent": "bo", "team": "Network", "actor": "anna"},
     "Overdraget til bo i Network af anna", "Överlämnad till bo i Network av anna"),
    ({"event": "update_flag_raised", "actor": "anna", "reason": "reopened"},
     "Opdateringsflag sat af anna: genåbnet", "Uppdateringsflagga satt av anna: återöppnad"),
    ({"event": "update_flag_cleared", "actor": "anna", "unanswered": True},
     "uden svar til brugeren", "utan svar till användaren"),
    ({"event": "update_flag_cleared", "actor": "anna", "reason": "answered the user"},
     "Opdateringsflag fjernet af anna (svarede brugeren)", "Uppdateringsflagga borttagen av anna (svarade användaren)"),
    ({"event": "attention_set", "actor": "anna"}, "Opmærksomhedsflag sat af anna", "Uppmärksamhetsflagga satt av anna"),
    ({"event": "attention_cleared", "actor": "anna"},
     "Opmærksomhedsflag fjernet af anna", "Uppmärksamhetsflagga borttagen av anna"),
    ({"event": "pinned", "entry": 3, "actor": "anna"}, "Indlæg 3 fastgjort af anna", "Post 3 fäst av anna"),
    ({"event": "unpinned", "entry": 3, "actor": "anna"}, "Indlæg 3 frigjort af anna", "Post 3 lossad av anna"),
    ({"event": "escalation_raised", "kind": "functional", "number": "HL-1-E1", "actor": "anna", "handler": "Network"},
     "eskalering HL-1-E1 oprettet af anna, med Network inddraget",
     "eskalering HL-1-E1 skapad av anna, med Network inblandad"),
    ({"event": "escalation_moved", "number": "HL-1-E1", "status": "done", "actor": "bo", "why": "resolved",
      "team": ""}, "Eskalering HL-1-E1: ", "(dess ärende är löst)"),
    ({"event": "one_problem", "actor": "anna"}, "Ét problem, erklæret af anna", "Ett problem, intygat av anna"),
    ({"event": "split_keeps", "actor": "anna", "problem": "printer"}, "Opdelt af anna", "Delat av anna"),
    ({"event": "split_made", "child": "HL-9", "actor": "anna"}, "HL-9 oprettet fra denne sag", "HL-9 skapat från"),
    ({"event": "rt_status_changed", "from": "new", "to": "in_progress", "actor": "bo"},
     "Status: Ny → I gang (i RT, af bo)", "Status: Ny → Pågår (i RT, av bo)"),
    ({"event": "followed_up_by_mail", "code": "HL-9"}, "En mail fra brugeren åbnede HL-9",
     "Ett mejl från användaren öppnade HL-9"),
]


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    set_language("en")


def _entry(data: dict[str, object] | None, body: str = "the stored words") -> JournalEntry:
    return JournalEntry(id=1, kind=EntryKind.SYSTEM_EVENT, author="anna", created=NOW, body=body, event_data=data)


def test_every_event_kind_has_a_case() -> None:
    assert {str(data["event"]) for data, _, _ in CASES} == EVENT_CODES


@pytest.mark.parametrize(("data", "danish", "swedish"), CASES,
                         ids=[f"{case[0]['event']}-{i}" for i, case in enumerate(CASES)])
def test_each_event_reads_in_the_readers_language(data: dict[str, object], danish: str, swedish: str) -> None:
    entry = _entry(data, english(data))
    set_language("da")
    assert danish in event_text(entry)
    set_language("sv")
    assert swedish in event_text(entry)
    assert event_text(entry) != entry.body, "not the English body"


def test_pending_reason_is_named_in_the_readers_language() -> None:
    from app.i18n import label
    data = {"event": "status_changed", "from": "in_progress", "to": "pending", "reason": "user_reply", "actor": "a"}
    set_language("sv")
    assert label(PendingReason.USER_REPLY) in event_text(_entry(data))


def test_the_body_is_english_whoever_writes_it() -> None:
    from app.domain.journal import record_event
    set_language("sv")
    ticket = Ticket.model_validate(json.loads(_a_ticket_json()))
    entry = record_event(ticket, "status", {"event": "status_changed", "from": "new", "to": "in_progress",
                                            "actor": "anna"}, NOW, actor="anna")
    assert entry.body == "Status: New → In Progress, by anna"
    assert event_text(entry) == "Status: Ny → Pågår, av anna"


def test_a_store_entry_without_event_data_shows_its_body() -> None:
    # A journal entry as a store written before issue 19 holds it: no event_data field at all.
    old = {"id": 4, "kind": "system_event", "author": "anna", "created": "2026-11-01T09:00:00Z",
           "body": "Status: New → In Progress, by anna", "event": "status"}
    entry = JournalEntry.model_validate(old)
    set_language("sv")
    assert entry.event_data is None
    assert event_text(entry) == "Status: New → In Progress, by anna"


@pytest.mark.parametrize("data", [
    {"event": "no_such_event", "actor": "anna"},
    {"event": 7},
    {"actor": "anna"},
    {"event": "status_changed", "from": "new", "to": "sideways", "actor": "anna"},
    {"event": "status_changed", "from": ["new"], "to": "in_progress", "actor": "anna"},
    {"event": "status_changed", "from": "new", "to": "pending", "reason": "agreed_appointment",
     "until": "not a date", "actor": "anna"},
    {"event": "pinned", "entry": "3", "actor": "anna"},
    {"event": "pinned", "entry": True, "actor": "anna"},
    {"event": "registered", "actor": {"name": "anna"}, "team": "Service Desk"},
    {"event": "registered", "team": "Service Desk"},
])
def test_data_not_understood_shows_the_stored_words_literally(data: dict[str, object]) -> None:
    set_language("sv")
    body = "[b]Registered[/b] {actor} {0}"
    assert event_text(_entry(data, body)) == body


def test_event_data_is_in_the_adapter_apis_json() -> None:
    data = {"event": "taken", "actor": "bo"}
    dumped = _entry(data, english(data)).model_dump(mode="json")
    assert dumped["event_data"] == data and dumped["body"] == "Taken by bo"


def _a_ticket_json() -> str:
    return json.dumps({"id": 1, "code": "HL-1", "kind": "incident", "subject": "Printer jams", "requester": "Eva",
                       "team": "service-desk", "impact": "individual", "urgency": "low", "priority": "P4",
                       "status": Status.NEW.value, "created": NOW.isoformat(), "updated": NOW.isoformat()})


def test_an_rt_status_transaction_carries_the_data() -> None:
    from app.backends.rt_journal import _rt_changes
    history = [{"id": 9, "Type": "Status", "OldValue": "new", "NewValue": "in progress", "Creator": "bo",
                "Created": "2026-12-01T09:00:00Z"}]
    [entry] = _rt_changes(history, {}, {}, [], agents=("bo",))
    assert entry.event_data is not None and entry.event_data["event"] == "rt_status_changed"
    set_language("sv")
    assert event_text(entry) == "Status: Ny → Pågår (i RT, av bo)"
    assert entry.body == "Status: New → In Progress (in RT, by bo)"
