"""The contract's checks of the Update flag around a reopen and an answer (R-STATUS-6, R-FLAG-1, R-JOURNAL-6).

A Resolved ticket is reopened only with a reason: without one the adapter refuses with 422 and the rule; with one
the ticket is In Progress, the reason is the agent's note and the Update flag is up, its event naming who raised
it. A message to the user is the answer the flag waits for: it comes down, and its event names who answered.
Same signature as the checks of app/contract/checks.py, whose helpers these use; app/contract/runner.py lists them.
"""

from __future__ import annotations

from typing import Any

import httpx

from app.contract.checks import Check, new_ticket, problem

SOLUTION = "Replaced the dock's power supply and tested it with the user."
REASON = "The user says the dock gives no picture again since this morning."


def _if_match(ticket: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{ticket["version"]}"'}


def _new_entries(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    seen = {entry["id"] for entry in before["journal"]}
    return [entry for entry in after["journal"] if entry["id"] not in seen]


async def _resolved(api: httpx.AsyncClient) -> dict[str, Any]:
    made = await new_ticket(api)
    url = f"/v1/tickets/{made['code']}/status"
    begun = await api.post(url, json={"status": "in_progress"}, headers=_if_match(made))
    assert begun.status_code == 200, begun.text[:200]
    resolved = await api.post(url, json={"status": "resolved", "solution": SOLUTION}, headers=_if_match(begun.json()))
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved", resolved.text[:200]
    ticket: dict[str, Any] = resolved.json()
    return ticket


async def check_a_reopen_says_why_and_raises_the_flag_in_the_journal_R_STATUS_6_R_FLAG_1(api: httpx.AsyncClient
                                                                                          ) -> None:
    resolved = await _resolved(api)
    url = f"/v1/tickets/{resolved['code']}/status"
    for body in ({"status": "in_progress"}, {"status": "in_progress", "reason": "again"}):
        refused = problem(await api.post(url, json=body, headers=_if_match(resolved)), 422, "rule")
        assert refused["rule"] == "R-STATUS-6", f"a reopen with {body} must be refused by R-STATUS-6: {refused}"
    unchanged = (await api.get(f"/v1/tickets/{resolved['code']}")).json()
    assert (unchanged["status"], unchanged["version"], unchanged["update_flag"]) == (
        "resolved", resolved["version"], resolved["update_flag"]), "a refused reopen changed the ticket"
    reopened = await api.post(url, json={"status": "in_progress", "reason": REASON}, headers=_if_match(resolved))
    assert reopened.status_code == 200, f"a reopen with a reason: {reopened.text[:200]}"
    ticket = reopened.json()
    assert ticket["status"] == "in_progress" and ticket["update_flag"], "a reopened ticket has the Update flag up"
    new = _new_entries(resolved, ticket)
    assert any(e["kind"] == "internal_note" and e["author"] == "anna" and REASON in e["body"] for e in new), (
        f"the reason is anna's internal note: {new}")
    flag_events = [e for e in new if e["kind"] == "system_event" and e["event"] == "flag"]
    assert flag_events and all(e["author"] == "anna" and "anna" in e["body"] for e in flag_events), (
        f"the flag's event names who raised it (R-JOURNAL-6): {flag_events}")


async def check_a_message_to_the_user_clears_the_update_flag_R_FLAG_1(api: httpx.AsyncClient) -> None:
    made = await new_ticket(api)
    journal = f"/v1/tickets/{made['code']}/journal"
    flagged = (await api.post(journal, json={"kind": "message_from_user", "body": "Still no picture on the dock",
                                             "author": "Eva Holm"})).json()
    assert flagged["update_flag"], "a message from the user raises the Update flag"
    answered = await api.post(journal, json={"kind": "message_to_user",
                                             "body": "A new power supply for your dock is on its way."})
    assert answered.status_code == 200, answered.text[:200]
    ticket = answered.json()
    assert ticket["update_flag"] is None, "a message to the user is the answer: the Update flag comes down"
    flag_events = [e for e in _new_entries(flagged, ticket) if e["kind"] == "system_event" and e["event"] == "flag"]
    assert len(flag_events) == 1 and flag_events[0]["author"] == "anna" and "anna" in flag_events[0]["body"], (
        f"the flag's clearing names who answered (R-JOURNAL-6): {flag_events}")


FLAG_CHECKS: tuple[Check, ...] = (
    check_a_reopen_says_why_and_raises_the_flag_in_the_journal_R_STATUS_6_R_FLAG_1,
    check_a_message_to_the_user_clears_the_update_flag_R_FLAG_1,
)
