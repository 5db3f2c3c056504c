"""The contract's checks of R-TICKET-4 at a hand-over: a ticket that looks like several problems is split first, or
the agent states that it is one problem, which the journal records naming them.

The adapter itself refuses, so no client (a script, another front end) hands such a ticket on unsplit and unstated.
Same signature as the checks of app/contract/checks.py, which this module does not import.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx

Check = Callable[[httpx.AsyncClient], Awaitable[None]]
SUMMARY = "Printer jams on every job and the scanner feeds nothing; cleaned both, restarted both, no change."
# Subject and description in the words of a user with two problems at once.
SEVERAL = {"subject": "Printer jams and also the scanner is broken", "requester": "Eva Holm", "category": "Printing",
           "description": "The printer on floor 2 jams on every job. Also the scanner next to it does not scan."}
HAND_OVERS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("/dispatch", {"team": "infrastructure", "summary": SUMMARY}),
    ("/handover", {"team": "infrastructure", "agent": "sofie", "agreed_with": "sofie", "summary": SUMMARY}),
)


async def _several_problems(api: httpx.AsyncClient) -> dict[str, Any]:
    response = await api.post("/v1/tickets", json=SEVERAL)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


async def check_a_multi_problem_hand_over_is_refused_unless_stated_one_problem_R_TICKET_4(
    api: httpx.AsyncClient,
) -> None:
    for path, body in HAND_OVERS:
        made = await _several_problems(api)
        url, at = f"/v1/tickets/{made['code']}{path}", {"If-Match": f'"{made["version"]}"'}
        refused = await api.post(url, json=body, headers=at)
        where = f"POST {path} of a multi-problem ticket without one_problem"
        assert refused.status_code == 422, f"{where}: expected 422, got {refused.status_code}: {refused.text[:200]}"
        problem = refused.json()
        assert (problem.get("rule"), problem.get("field")) == ("R-TICKET-4", "one_problem"), f"{where}: {problem}"
        assert "ctrl+t" in problem["detail"] and "one problem" in problem["detail"], f"{where}: {problem['detail']}"
        unchanged = (await api.get(f"/v1/tickets/{made['code']}")).json()
        assert (unchanged["version"], unchanged["team"]) == (made["version"], made["team"]), f"{where} wrote"
        handed = await api.post(url, json={**body, "one_problem": True}, headers=at)
        assert handed.status_code == 200, f"POST {path} with one_problem: {handed.text[:200]}"
        ticket = handed.json()
        assert ticket["team"] == "infrastructure", f"POST {path} with one_problem did not hand it over"
        stated = [entry for entry in ticket["journal"] if entry.get("event") == "one_problem"]
        assert len(stated) == 1 and stated[0]["author"] == "anna" and "anna" in stated[0]["body"], (
            f"POST {path} with one_problem: the journal names who stated it is one problem (R-JOURNAL-6): "
            f"{[entry['body'] for entry in ticket['journal']][-4:]}")


async def check_a_split_ticket_is_handed_over_without_a_statement_R_TICKET_4(api: httpx.AsyncClient) -> None:
    made = await _several_problems(api)
    code = made["code"]
    split = await api.post(f"/v1/tickets/{code}/split", json={"lines": ["Scanner next to the printer does not scan"],
                                                              "keep": "Printer on floor 2 jams"},
                           headers={"If-Match": f'"{made["version"]}"'})
    assert split.status_code == 201, f"the split: {split.text[:200]}"
    parent = (await api.get(f"/v1/tickets/{code}")).json()
    handed = await api.post(f"/v1/tickets/{code}/dispatch", json={"team": "infrastructure", "summary": SUMMARY},
                            headers={"If-Match": f'"{parent["version"]}"'})
    assert handed.status_code == 200, f"a split ticket needs no statement: {handed.text[:200]}"
    assert not [entry for entry in handed.json()["journal"] if entry.get("event") == "one_problem"]


HANDOVER_CHECKS: tuple[Check, ...] = (
    check_a_multi_problem_hand_over_is_refused_unless_stated_one_problem_R_TICKET_4,
    check_a_split_ticket_is_handed_over_without_a_statement_R_TICKET_4,
)
