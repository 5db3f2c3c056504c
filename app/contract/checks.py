"""The Helpline adapter API contract, written against HTTP only: any adapter must pass it.

Each check takes an httpx client pointed at an adapter holding the demo desk and acting as anna,
and fails with an AssertionError naming what differs. Rule checks prove that the adapter itself
refuses, so no client can bypass the rulebook. Run by the test suite (tests/contract) and by
`helpline adapter-check URL` for adapters that others write.

An adapter served with tokens (`helpline serve`) is checked with one: a ContractClient sends anna's with every
request, the checks that act as another agent send that agent's, and TOKEN_CHECKS prove that nobody gets in
without a token or acts as anyone but its agent.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import httpx

from app.api import USER_HEADER
from app.domain.enums import Priority
from app.domain.priority import WORK_RANK

RANK = {p.value: rank for p, rank in WORK_RANK.items()}
SUMMARY = "User cannot print; cleaned rollers, reinstalled driver, still jams on every job."
Check = Callable[[httpx.AsyncClient], Awaitable[None]]


class ContractClient(httpx.AsyncClient):
    """The checks' client: acting as `actor`, with its `token` when the adapter wants one, and the tokens of the
    other agents that some checks act as (`agent_tokens`)."""

    def __init__(self, *, actor: str, token: str | None = None, agent_tokens: dict[str, str] | None = None,
                 **kwargs: Any) -> None:
        headers = {USER_HEADER: actor}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        super().__init__(headers=headers, **kwargs)
        self.token = token
        self.agent_tokens = dict(agent_tokens or {})


def token_of(api: httpx.AsyncClient) -> str | None:
    return api.token if isinstance(api, ContractClient) else None


def acting_as(api: httpx.AsyncClient, agent: str) -> dict[str, str]:
    """The headers of a request acting as `agent`. A token names its agent, so against an adapter checked with
    tokens such a request carries that agent's own token."""
    headers = {USER_HEADER: agent}
    if token_of(api) is None:
        return headers
    assert isinstance(api, ContractClient)
    token = api.agent_tokens.get(agent)
    assert token, f"this check acts as {agent}: give a token of theirs (--agent-token {agent}=TOKEN)"
    headers["Authorization"] = f"Bearer {token}"
    return headers


async def without_token(api: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> httpx.Response:
    request = api.build_request(method, path, **kwargs)
    del request.headers["Authorization"]
    return await api.send(request)


async def first(api: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    page = (await api.get("/v1/tickets", params={"limit": 1, **params})).json()
    assert page["items"], f"the demo desk has a ticket for {params}"
    return page["items"][0]


async def new_ticket(api: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    data = {"subject": "Docking station gives no picture", "requester": "Eva Holm", "category": "Hardware"}
    data.update(body)
    response = await api.post("/v1/tickets", json=data)
    assert response.status_code == 201, response.text
    return response.json()


def problem(response: httpx.Response, status: int, type_: str) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url.path}: expected {status} {type_}, got "
        f"{response.status_code}: {response.text[:200]}")
    assert response.headers["content-type"].startswith("application/problem+json"), (
        f"{response.request.url.path}: an error must be an RFC 9457 problem document")
    body = response.json()
    assert body["type"] == type_ and body["status"] == status and body["detail"]
    return body


async def check_meta_and_identity(api: httpx.AsyncClient) -> None:
    meta = (await api.get("/v1/meta")).json()
    assert meta["api_version"] == "1" and meta["adapter"]
    assert (await api.get("/v1/me")).json()["username"] == "anna"
    if token_of(api) is None:
        problem(await api.get("/v1/me", headers={USER_HEADER: ""}), 401, "unauthorized")
        problem(await api.get("/v1/me", headers={USER_HEADER: "mallory"}), 401, "unauthorized")
    else:  # anna's token naming someone else: refused either as nobody (401) or as not anna (403)
        stranger = await api.get("/v1/me", headers={USER_HEADER: "mallory"})
        kinds = {401: "unauthorized", 403: "forbidden"}
        assert stranger.status_code in kinds, f"anna's token acting as mallory: expected 401 or 403, got " \
            f"{stranger.status_code}: {stranger.text[:200]}"
        problem(stranger, stranger.status_code, kinds[stranger.status_code])


async def check_teams_and_agents(api: httpx.AsyncClient) -> None:
    teams = (await api.get("/v1/teams")).json()
    agents = {a["username"] for a in (await api.get("/v1/agents")).json()}
    assert teams and all(team["dispatchers"] for team in teams)  # R-TEAM-1
    assert all(set(team["members"]) <= agents for team in teams)


async def check_search_pages_with_totals(api: httpx.AsyncClient) -> None:
    whole = (await api.get("/v1/tickets", params={"limit": 1000})).json()
    pages = [(await api.get("/v1/tickets", params={"limit": 10, "offset": offset})).json()
             for offset in range(0, whole["total"], 10)]
    assert [row["code"] for page in pages for row in page["items"]] == [row["code"] for row in whole["items"]]
    assert all(page["total"] == whole["total"] for page in pages)
    problem(await api.get("/v1/tickets", params={"limit": 0}), 400, "invalid")


async def check_search_sorts_in_work_order_R_PRIO_3(api: httpx.AsyncClient) -> None:
    rows = (await api.get("/v1/tickets", params={"open": "true", "limit": 1000})).json()["items"]
    ranks = [RANK[row["priority"]] for row in rows]
    assert ranks == sorted(ranks) and ranks[0] == 1


async def check_search_filters(api: httpx.AsyncClient) -> None:
    def all_rows(params: dict[str, Any]) -> Any:
        return api.get("/v1/tickets", params={"limit": 1000, **params})

    team = (await all_rows({"team": "infrastructure"})).json()["items"]
    assert team and {row["team"] for row in team} == {"infrastructure"}
    unassigned = (await all_rows({"owner": "none", "open": "true"})).json()["items"]
    assert unassigned and all(row["owner"] is None for row in unassigned)
    pending = (await all_rows({"status": "pending,resolved"})).json()["items"]
    assert {row["status"] for row in pending} == {"pending", "resolved"}
    # A flagged ticket of its own: on a desk where no user has written yet (a fresh RT) none may exist.
    made = await new_ticket(api)
    await api.post(f"/v1/tickets/{made['code']}/journal",
                   json={"kind": "message_from_user", "body": "Any news?", "author": "Eva Holm"})
    flagged = (await all_rows({"update_flag": "true"})).json()["items"]
    assert flagged and all(row["update_flag"] for row in flagged)
    some = team[0]
    found = (await all_rows({"q": some["code"].lower()})).json()["items"]
    assert some["code"] in [row["code"] for row in found]
    asked = (await all_rows({"requester": some["requester"].upper()})).json()["items"]
    assert some["code"] in [row["code"] for row in asked]
    assert all(some["requester"] in (row["requester"], row["requested_for"]) for row in asked)
    stale = (await all_rows({"stale_hours": 48})).json()["items"]
    assert stale and all(row["status"] in {"new", "assigned", "in_progress", "pending"} for row in stale)


async def check_one_ticket_with_etag_and_not_found(api: httpx.AsyncClient) -> None:
    row = await first(api)
    response = await api.get(f"/v1/tickets/{row['code']}")
    ticket = response.json()
    assert response.headers["etag"] == f'"{ticket["version"]}"' and ticket["journal"]
    problem(await api.get("/v1/tickets/HL-999999"), 404, "not-found")
    problem(await api.get("/v1/tickets/nonsense"), 404, "not-found")
    problem(await api.get("/v1/nothing-here"), 404, "not-found")


async def check_create_and_refuse_by_rule_R_TICKET_5(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    assert made["code"].startswith("HL-") and made["status"] == "new" and made["version"] >= 1
    refused = problem(await api.post("/v1/tickets", json={"subject": "Help!", "requester": "Eva"}), 422, "rule")
    assert refused["rule"] == "R-TICKET-5" and refused["field"] == "subject"
    problem(await api.post("/v1/tickets", json={"subject": 5}), 400, "invalid")
    problem(await api.post("/v1/tickets", content=b"{not json", headers={"content-type": "application/json"}),
            400, "invalid")


async def check_notes_bump_version_and_stale_writes_conflict(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    code, version = made["code"], made["version"]
    noted = await api.post(f"/v1/tickets/{code}/journal", json={"body": "Called the user"},
                           headers={"If-Match": f'"{version}"'})
    # A version only grows; by how much is the adapter's (RT's is its newest transaction's id).
    assert noted.status_code == 200 and noted.json()["version"] > version
    stale = await api.post(f"/v1/tickets/{code}/journal", json={"body": "Second note"},
                           headers={"If-Match": f'"{version}"'})
    problem(stale, 409, "conflict")
    after = (await api.get(f"/v1/tickets/{code}")).json()
    assert [e["body"] for e in after["journal"]].count("Second note") == 0


async def check_message_from_user_raises_update_flag_R_FLAG_1(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    body = {"kind": "message_from_user", "body": "Any news?", "author": "Eva Holm"}
    ticket = (await api.post(f"/v1/tickets/{made['code']}/journal", json=body)).json()
    assert ticket["update_flag"] and ticket["journal"][-2]["author"] == "Eva Holm"
    cleared = (await api.post(f"/v1/tickets/{made['code']}/flags", json={"update": False},
                              headers={"If-Match": f'"{ticket["version"]}"'})).json()
    assert cleared["update_flag"] is None


async def check_overdue_update_flags_are_counted_by_the_adapter_R_FLAG_1(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    flagged = (await api.post(f"/v1/tickets/{made['code']}/journal",
                              json={"kind": "message_from_user", "body": "Still broken", "author": "Eva Holm"})).json()
    assert flagged["update_flag"]
    raised = (await api.get("/v1/tickets", params={"update_flag": "true", "limit": 1})).json()["total"]
    up_at_all = (await api.get("/v1/tickets", params={"flag_older_than_hours": 0, "limit": 1})).json()
    assert up_at_all["total"] == raised and len(up_at_all["items"]) == 1, "every raised flag is older than 0 h"
    none = (await api.get("/v1/tickets", params={"flag_older_than_hours": 900_000, "limit": 1})).json()
    assert none["total"] == 0
    for bad in ("nan", "-1", "1e20"):
        problem(await api.get("/v1/tickets", params={"flag_older_than_hours": bad}), 400, "invalid")


async def check_status_rules_are_enforced_by_the_adapter_R_STATUS_3_4_6(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    url, at = f"/v1/tickets/{made['code']}/status", {"If-Match": f'"{made["version"]}"'}
    assert problem(await api.post(url, json={"status": "pending"}, headers=at), 422, "rule")["rule"] == "R-STATUS-3"
    assert problem(await api.post(url, json={"status": "resolved", "solution": "done"}, headers=at), 422, "rule")[
        "rule"] == "R-STATUS-4"
    assert problem(await api.post(url, json={"status": "closed"}, headers=at), 422, "rule")["rule"] == "R-STATUS-6"
    resolved = await api.post(url, json={"status": "resolved", "solution": "Replaced the dock's power supply."},
                              headers=at)
    assert resolved.json()["status"] == "resolved"
    closed_row = await first(api, status="closed")
    closed = (await api.get(f"/v1/tickets/{closed_row['code']}")).json()
    reopen = await api.post(f"/v1/tickets/{closed_row['code']}/status", json={"status": "in_progress"},
                            headers={"If-Match": f'"{closed["version"]}"'})
    assert problem(reopen, 422, "rule")["rule"] == "R-STATUS-6"


async def check_every_status_move_allowed_or_refused_R_STATUS_2_3_4_6(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    code, version = made["code"], made["version"]
    url = f"/v1/tickets/{code}/status"
    solution = {"solution": "Replaced the dock's power supply and tested it with the user."}
    walk = [  # (move, expected status, or the rule that refuses it)
        ({"status": "in_progress"}, "in_progress"),
        ({"status": "new"}, "R-STATUS-2"),
        ({"status": "pending"}, "R-STATUS-3"),  # no reason
        ({"status": "pending", "pending_reason": "user_reply"}, "pending"),
        ({"status": "pending", "pending_reason": "external_supplier"}, "pending"),
        ({"status": "in_progress"}, "in_progress"),
        ({"status": "resolved", **solution}, "resolved"),
        ({"status": "pending", "pending_reason": "user_reply"}, "R-STATUS-6"),
        ({"status": "closed"}, "R-STATUS-6"),
        ({"status": "in_progress"}, "R-STATUS-6"),  # a reopen says why
        ({"status": "in_progress", "reason": "The user says the dock fails again."}, "in_progress"),  # in 30 days
    ]
    for move, expected in walk:
        response = await api.post(url, json=move, headers={"If-Match": f'"{version}"'})
        if expected.startswith("R-"):
            assert problem(response, 422, "rule")["rule"] == expected, f"{move} must be refused by {expected}"
        else:
            assert response.status_code == 200, f"{move}: {response.text[:200]}"
            ticket = response.json()
            version = ticket["version"]
            assert ticket["status"] == expected, f"{move} gave {ticket['status']}"
            assert (ticket["pending_reason"] is not None) == (expected == "pending")  # R-STATUS-2
    final = (await api.get(f"/v1/tickets/{code}")).json()
    assert final["status"] == "in_progress" and final["pending_reason"] is None


async def check_journal_keeps_every_kind_in_order_R_JOURNAL_1(api: httpx.AsyncClient) -> None:
    code = (await new_ticket(api))["code"]
    written: list[dict[str, Any]] = [
        {"kind": "internal_note", "body": "Asked the user for the model of the dock."},
        {"kind": "message_to_user", "body": "Could you tell us the model of your dock?", "pinned": True},
        {"kind": "message_from_user", "body": "It is a WD19.", "author": "Eva Holm"},
        {"kind": "supplier_message", "body": "WD19 firmware 1.0.15 fixes this.", "author": "NetCare"},
        {"kind": "internal_note", "body": "Updating the firmware.", "pinned": True},
    ]
    for entry in written:
        response = await api.post(f"/v1/tickets/{code}/journal", json=entry)
        assert response.status_code == 200, response.text[:200]
    journal = (await api.get(f"/v1/tickets/{code}")).json()["journal"]
    got = [(e["kind"], e["body"], e["author"]) for e in journal if e["kind"] != "system_event"]
    want = [(e["kind"], e["body"], e.get("author", "anna")) for e in written]
    assert got == want, f"journal {got} != written {want}"
    pinned = {e["body"] for e in journal if e["pinned"]}
    assert pinned == {"Could you tell us the model of your dock?", "Updating the firmware."}, pinned
    bodies = [e["body"] for e in journal]
    flag = next(i for i, e in enumerate(journal) if e["event"] == "flag")
    assert bodies.index("It is a WD19.") < flag < bodies.index("WD19 firmware 1.0.15 fixes this.")
    problem(await api.post(f"/v1/tickets/{code}/journal", json={"kind": "system_event", "body": "x"}), 422, "rule")


async def check_every_event_names_its_agent_R_JOURNAL_6(api: httpx.AsyncClient) -> None:
    """A status change is journalled as the agent's, not the system's: the event's author is the one who acted and
    its text names them, the resolve too (a resolved ticket has no owner to tell who resolved it)."""
    made = await new_ticket(api)
    code = made["code"]
    taken = (await api.post(f"/v1/tickets/{code}/begin", headers={"If-Match": f'"{made["version"]}"'})).json()
    resolved = await api.post(f"/v1/tickets/{code}/status", headers={"If-Match": f'"{taken["version"]}"'},
                              json={"status": "resolved", "solution": "Replaced the dock's power supply."})
    assert resolved.status_code == 200, resolved.text
    journal = (await api.get(f"/v1/tickets/{code}")).json()["journal"]
    events = [e for e in journal if e["kind"] == "system_event"]
    status_events = [e for e in events if e.get("event") == "status"]
    assert len(status_events) >= 2, events
    for event in status_events:
        assert event["author"] == "anna", f"a status change anna made is journalled as {event['author']!r}"
        assert "anna" in event["body"], f"the status event does not name anna: {event['body']!r}"
    assert all(e["author"] != "system" for e in events), [(e["author"], e["body"]) for e in events]


async def check_unicode_intact_both_ways(api: httpx.AsyncClient) -> None:
    text = "Skärmen flimrar på Søren Bæks kontor – æøå ÆØÅ äö ÄÖ 😀"
    made = await new_ticket(api, subject=f"Skärm flimrar hos Søren {text[-1]}", requester="Åsa Ørsted-Bæk",
                            description=text)
    ticket = (await api.get(f"/v1/tickets/{made['code']}")).json()
    assert (ticket["subject"], ticket["requester"], ticket["description"]) == (
        f"Skärm flimrar hos Søren {text[-1]}", "Åsa Ørsted-Bæk", text)
    noted = (await api.post(f"/v1/tickets/{made['code']}/journal", json={"body": text})).json()
    assert noted["journal"][-1]["body"] == text
    found = (await api.get("/v1/tickets", params={"q": "flimrar hos Søren", "limit": 50})).json()["items"]
    assert [row["subject"] for row in found if row["code"] == made["code"]] == [ticket["subject"]]


async def check_second_line_cannot_resolve_R_STATUS_5(api: httpx.AsyncClient) -> None:
    row = await first(api, team="infrastructure", open="true")
    version = (await api.get(f"/v1/tickets/{row['code']}")).json()["version"]
    response = await api.post(f"/v1/tickets/{row['code']}/status",
                              json={"status": "resolved", "solution": "Replaced the switch port module."},
                              headers={**acting_as(api, "sofie"), "If-Match": f'"{version}"'})
    assert problem(response, 422, "rule")["rule"] == "R-STATUS-5"


async def check_dispatch_to_an_agent_is_refused_by_the_adapter_R_DISPATCH_6(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    url = f"/v1/tickets/{made['code']}/dispatch"
    for body in ({"team": "sofie", "summary": SUMMARY}, {"team": "infrastructure", "agent": "sofie",
                                                        "summary": SUMMARY}):
        refused = await api.post(url, json=body, headers={"If-Match": f'"{made["version"]}"'})
        assert problem(refused, 422, "rule")["rule"] == "R-DISPATCH-6"
    unchanged = (await api.get(f"/v1/tickets/{made['code']}")).json()
    assert unchanged["version"] == made["version"] and unchanged["team"] == made["team"]


async def check_dispatch_to_a_team_clears_owner_R_DISPATCH_1(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    code = made["code"]
    taken = (await api.post(f"/v1/tickets/{code}/begin", headers={"If-Match": f'"{made["version"]}"'})).json()
    assert taken["owner"] == "anna" and taken["status"] == "in_progress"
    handed = (await api.post(f"/v1/tickets/{code}/dispatch", json={"team": "infrastructure", "summary": SUMMARY},
                             headers={"If-Match": f'"{taken["version"]}"'}))
    assert handed.status_code == 200, handed.text
    ticket = handed.json()
    assert (ticket["team"], ticket["owner"], ticket["status"]) == ("infrastructure", None, "in_progress")
    # Infrastructure holds it now, so one of its members hands it on (R-DISPATCH-7).
    missing = await api.post(f"/v1/tickets/{code}/dispatch", json={"team": "security", "summary": "done"},
                             headers={**acting_as(api, "sofie"), "If-Match": f'"{ticket["version"]}"'})
    assert problem(missing, 422, "rule")["rule"] == "R-JOURNAL-3"


async def check_assign_only_by_a_dispatcher_of_the_team_R_DISPATCH_3(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    url = f"/v1/tickets/{made['code']}/assign"
    at = {"If-Match": f'"{made["version"]}"'}
    refused = await api.post(url, json={"agent": "lars"}, headers={**acting_as(api, "lars"), **at})
    assert problem(refused, 422, "rule")["rule"] == "R-DISPATCH-3"
    assigned = (await api.post(url, json={"agent": "lars"}, headers=at)).json()
    assert assigned["owner"] == "lars" and assigned["status"] == "assigned"


async def check_priority_from_the_matrix_R_PRIO_1(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    url = f"/v1/tickets/{made['code']}/priority"
    ticket = (await api.post(url, json={"impact": "company", "urgency": "high"},
                             headers={"If-Match": f'"{made["version"]}"'})).json()
    assert ticket["priority"] == Priority.P1.value
    refused = await api.post(url, json={"impact": "must_have", "urgency": "high"},
                             headers={"If-Match": f'"{ticket["version"]}"'})
    assert problem(refused, 422, "rule")["rule"] == "R-PRIO-1"


async def check_supplier_case_id_and_handling_time_recorded_R_JOURNAL_4(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    body = {"external_ref": "NC-20417", "expected_handling": "Technician on site Thursday"}
    ticket = (await api.post(f"/v1/tickets/{made['code']}/fields", json=body,
                             headers={"If-Match": f'"{made["version"]}"'})).json()
    assert ticket["external_ref"] == "NC-20417" and ticket["expected_handling"] == "Technician on site Thursday"
    assert ticket["journal"][-1]["event"] == "field"
    cleared = (await api.post(f"/v1/tickets/{made['code']}/fields", json={"external_ref": ""},
                              headers={"If-Match": f'"{ticket["version"]}"'})).json()
    assert cleared["external_ref"] is None


async def check_linked_escalation_R_LINK_1(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    body = {"kind": "complaint", "note": "User complains about waiting three days", "handler": "mikkel",
            "priority": 2}
    ticket = (await api.post(f"/v1/tickets/{made['code']}/escalations", json=body,
                             headers={"If-Match": f'"{made["version"]}"'})).json()
    escalation = ticket["escalations"][-1]
    assert escalation["number"] == f"{made['code']}-E1" and escalation["priority"] == 2
    moved = await api.post(f"/v1/tickets/{made['code']}/escalations/{escalation['number']}",
                           json={"status": "done"}, headers={"If-Match": f'"{ticket["version"]}"'})
    assert moved.json()["escalations"][-1]["status"] == "done"


async def check_split_makes_one_ticket_per_further_problem_R_TICKET_4(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api, subject="Printer jams and the scanner on floor 3 does not scan",
                            requested_for="Bo Ek", serial_number="CNB1K2345",
                            description="The printer jams. Also the scanner on floor 3 does not scan.")
    lines = ["Scanner on floor 3 does not scan", "Phone in room 214 has no dial tone"]
    response = await api.post(f"/v1/tickets/{made['code']}/split",
                              json={"lines": lines, "keep": "Printer on floor 2 jams"})
    assert response.status_code == 201, response.text[:200]
    parent, *children = response.json()
    # The parent keeps its first problem, as it was: no child is a copy of it.
    assert [child["subject"] for child in children] == lines, "one new ticket per line given"
    assert (parent["status"], parent["description"]) == (made["status"], made["description"])
    assert parent["links"] == [{"code": child["code"], "kind": "split_into"} for child in children]
    inherited = ("requester", "requested_for", "serial_number", "category", "kind", "team")
    for shown, line in zip(children, lines, strict=True):
        child = (await api.get(f"/v1/tickets/{shown['code']}")).json()
        assert child["description"] == line, f"{child['code']} carries its own line only: {child['description']!r}"
        assert {k: child[k] for k in inherited} == {k: made[k] for k in inherited}, f"{child['code']} inherits"
        said = [(e["author"], e["recorded_by"], e["body"]) for e in child["journal"]
                if e["kind"] == "message_from_user"]
        assert said == [("Eva Holm", "anna", line)], f"the user's words, recorded by anna (R-JOURNAL-6): {said}"
        assert child["links"] == [{"code": made["code"], "kind": "split_from"}]


async def check_only_the_holding_team_hands_a_ticket_over_R_DISPATCH_7(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)  # anna's, in Service Desk; sofie is in Infrastructure
    code = made["code"]
    sofie = {**acting_as(api, "sofie"), "If-Match": f'"{made["version"]}"'}
    form = {"requester": "Eva Holm", "subject": "Docking station gives no picture",
            "description": "Since Monday the docking station shows nothing on either screen; the laptop works.",
            "troubleshooting": ["Swapped the cable"], "serial_number": "CNB1K2345", "colleagues": "only_user",
            "user_urgency": "hinders_work", "target_team": "infrastructure"}
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("dispatch", {"team": "security", "summary": SUMMARY}),
        ("handover", {"team": "infrastructure", "agent": "sofie", "agreed_with": "sofie", "summary": SUMMARY}),
        ("escalation-form", {"form": form, "files": []}),
        ("return", {"note": "Replaced the dock's power supply and tested both screens."}),
        ("split", {"lines": ["Second screen stays black after docking"]}),
    ]
    for operation, body in attempts:
        refused = problem(await api.post(f"/v1/tickets/{code}/{operation}", json=body, headers=sofie), 422, "rule")
        assert refused["rule"] == "R-DISPATCH-7", f"{operation} by an agent of another team: {refused}"
        assert "Service Desk" in refused["detail"], f"{operation}: the refusal names the team holding it"
    after = (await api.get(f"/v1/tickets/{code}")).json()
    assert (after["version"], after["team"], after["links"]) == (made["version"], "support", []), "nothing written"
    noted = await api.post(f"/v1/tickets/{code}/journal", json={"body": "Infrastructure saw this dock last week."},
                           headers=acting_as(api, "sofie"))
    assert noted.status_code == 200, f"anyone adds a note: {noted.text[:200]}"


async def check_a_ticket_is_registered_in_a_first_line_team_R_DISPATCH_7(api: httpx.AsyncClient) -> None:
    body = {"subject": "Switch port in room 214 gives no link", "requester": "Karin Dahl"}
    refused = problem(await api.post("/v1/tickets", json={**body, "team": "infrastructure"}), 422, "rule")
    assert (refused["rule"], refused["field"]) == ("R-DISPATCH-7", "team")
    # sofie is in no first-line team: hers is no team to register in either.
    theirs = problem(await api.post("/v1/tickets", json=body, headers=acting_as(api, "sofie")), 422, "rule")
    assert theirs["rule"] == "R-DISPATCH-7"
    found = (await api.get("/v1/tickets", params={"q": "room 214 gives no link", "limit": 10})).json()
    assert found["items"] == [], "nothing was registered"
    made = await new_ticket(api, team="support", **body)
    assert (made["team"], made["primary_team"]) == ("support", "support")


async def check_auto_close_after_30_days_R_STATUS_6(api: httpx.AsyncClient) -> None:
    closed = (await api.post("/v1/housekeeping/auto-close")).json()["closed"]
    assert closed, "the demo desk has a ticket resolved more than 30 days ago"
    for code in closed:
        assert (await api.get(f"/v1/tickets/{code}")).json()["status"] == "closed"
    assert (await api.post("/v1/housekeeping/auto-close")).json()["closed"] == []


async def check_text_is_stored_literally(api: httpx.AsyncClient) -> None:
    hostile = "[bold red]x[/] [@click=app.quit]q \x1b]8;;file:///etc/passwd\x07 æøå 🙂 \u202eabc\u0301"
    made = await new_ticket(api)
    ticket = (await api.post(f"/v1/tickets/{made['code']}/journal", json={"body": hostile})).json()
    assert ticket["journal"][-1]["body"] == hostile


async def check_openapi_lists_every_operation(api: httpx.AsyncClient) -> None:
    spec = (await api.get("/v1/openapi.json")).json()
    assert spec["openapi"].startswith("3.") and spec["info"]["version"] == "1"
    assert {"/v1/tickets", "/v1/tickets/{code}", "/v1/tickets/{code}/dispatch", "/v1/teams", "/v1/me"} <= set(
        spec["paths"])
    assert "Ticket" in spec["components"]["schemas"]


async def check_escalation_form_hands_over_with_files_in_one_request_R_ESC_2(api: httpx.AsyncClient) -> None:
    ticket = await new_ticket(api, subject="Printer on floor 2 jams on every job")
    form = {
        "requester": "Eva Holm", "subject": "Printer on floor 2 jams on every job",
        "description": "Since Monday every print job jams in tray 2; the whole floor prints elsewhere meanwhile.",
        "troubleshooting": ["Cleared the paper path", "Power-cycled the printer"], "serial_number": "CNB1K2345",
        "colleagues": "several_users", "user_urgency": "hinders_work", "target_team": "infrastructure",
    }
    files = [{"name": "jam.jpg", "content_type": "image/jpeg", "data": "/9j/cGhvdG8="}]
    path = f"/v1/tickets/{ticket['code']}/escalation-form"
    weak = await api.post(path, json={"form": {**form, "serial_number": ""}, "files": files},
                          headers={"If-Match": f'"{ticket["version"]}"'})
    assert problem(weak, 422, "rule")["field"] == "e"  # R-ESC-1
    stale = await api.post(path, json={"form": form, "files": files}, headers={"If-Match": '"999"'})
    problem(stale, 409, "conflict")
    done = await api.post(path, json={"form": form, "files": files},
                          headers={"If-Match": f'"{ticket["version"]}"'})
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["team"], body["owner"]) == ("infrastructure", None)
    assert [(a["name"], a["size"]) for a in body["attachments"]] == [("jam.jpg", 8)]
    assert any(e["pinned"] and "Power-cycled the printer" in e["body"] for e in body["journal"])


async def check_a_notes_file_comes_back_identical_as_bytes_to_save(api: httpx.AsyncClient) -> None:
    """Issue 19: a note takes files, listed under it; the streamed operation sends each back identical as
    application/octet-stream (never the type its sender declared) and sends nothing the ticket does not list."""
    ticket = await new_ticket(api, subject="Scanner in room 2.10 saves blank pages")
    data = bytes(range(256)) * 300 + b"\x00 end"
    note = {"body": "The scanner's own log, as the user sent it", "files": [
        {"name": "../../scan.log", "content_type": "text/html", "data": base64.b64encode(data).decode()}]}
    done = await api.post(f"/v1/tickets/{ticket['code']}/journal", json=note)
    assert done.status_code == 200, done.text
    body = done.json()
    entry = next(e for e in reversed(body["journal"]) if e["body"] == note["body"])
    listed = [a for a in body["attachments"] if a.get("entry") == entry["id"]]
    assert len(listed) == 1, f"the file is listed under its note: {body['attachments']}"
    assert "/" not in listed[0]["name"] and ".." not in listed[0]["name"], listed[0]["name"]
    handle = quote(listed[0].get("ref") or listed[0]["name"], safe="")
    got = await api.get(f"/v1/tickets/{ticket['code']}/attachments/{handle}")
    assert got.status_code == 200 and got.content == data, f"{got.status_code}: {len(got.content)} bytes"
    assert got.headers["content-type"] == "application/octet-stream", got.headers["content-type"]
    assert got.headers.get("x-content-type-options") == "nosniff"
    problem(await api.get(f"/v1/tickets/{ticket['code']}/attachments/not-listed.txt"), 404, "not-found")


async def token_check_no_token_is_refused(api: httpx.AsyncClient) -> None:
    """Without a token, or with one that is not valid, nothing is answered but the OpenAPI document."""
    row = await first(api)
    for method, path, body in (("GET", "/v1/meta", None), ("GET", "/v1/me", None), ("GET", "/v1/agents", None),
                               ("GET", "/v1/tickets", None), ("GET", f"/v1/tickets/{row['code']}", None),
                               ("POST", "/v1/tickets", {})):
        refused = await without_token(api, method, path, json=body)
        problem(refused, 401, "unauthorized")
        assert refused.headers.get("www-authenticate", "").lower().startswith("bearer"), (
            f"{method} {path}: a 401 says how to authenticate (WWW-Authenticate: Bearer)")
    wrong = await api.get("/v1/me", headers={"Authorization": "Bearer not-a-token-of-this-adapter"})
    problem(wrong, 401, "unauthorized")
    spec = await without_token(api, "GET", "/v1/openapi.json")
    assert spec.status_code == 200, f"the OpenAPI document is open to all, got {spec.status_code}"


async def token_check_token_cannot_act_as_another_agent(api: httpx.AsyncClient) -> None:
    """A token is its agent's: naming anyone else in the user header is refused, for reads and writes alike."""
    problem(await api.get("/v1/me", headers={USER_HEADER: "sofie"}), 403, "forbidden")
    before = (await api.get("/v1/tickets", params={"limit": 1})).json()["total"]
    made = await api.post("/v1/tickets", headers={USER_HEADER: "sofie"},
                          json={"subject": "Docking station gives no picture", "requester": "Eva Holm"})
    problem(made, 403, "forbidden")
    assert (await api.get("/v1/tickets", params={"limit": 1})).json()["total"] == before, "nothing was registered"
    assert (await api.get("/v1/me", headers={USER_HEADER: "anna"})).json()["username"] == "anna"


def name_of_check(check: Check) -> str:
    return check.__name__.removeprefix("token_").removeprefix("check_")


# In the order written: cheap reads first, then the writes.
CHECKS: list[Check] = [check for name, check in list(globals().items()) if name.startswith("check_")]
# Run when the adapter is checked with a token.
TOKEN_CHECKS: list[Check] = [check for name, check in list(globals().items()) if name.startswith("token_check_")]
