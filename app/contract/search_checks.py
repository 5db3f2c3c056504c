"""The contract's check of the search over every ticket (`text`): it finds the words of a journal's notes, which
the queue's filter (`q`) does not look in. Same signature as the checks of app/contract/checks.py, which this
module does not import (as app/contract/progress_checks.py says why).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

import httpx

Check = Callable[[httpx.AsyncClient], Awaitable[None]]


async def _codes(api: httpx.AsyncClient, **params: str) -> list[str]:
    response = await api.get("/v1/tickets", params={**params, "limit": "50"})
    assert response.status_code == 200, response.text
    return [row["code"] for row in response.json()["items"]]


async def check_the_search_finds_a_word_of_a_note(api: httpx.AsyncClient) -> None:
    word = f"zebrafinch{secrets.token_hex(4)}"  # in no other ticket of the desk
    response = await api.post("/v1/tickets", json={"subject": "Docking station stays dark", "requester": "Eva Holm",
                                                   "category": "Hardware"})
    assert response.status_code == 201, response.text
    code = response.json()["code"]
    noted = await api.post(f"/v1/tickets/{code}/journal",
                           json={"kind": "internal_note", "body": f"Swapped the cable; label {word} on the dock."})
    assert noted.status_code in (200, 201), noted.text
    assert code in await _codes(api, text=word), "the search over every ticket finds a word of its journal"
    assert code in await _codes(api, text=word[:-3]), "and the word only begun, as it is typed"
    assert code not in await _codes(api, q=word), "the queue's filter looks in the row's own fields only"
    assert code in await _codes(api, text="Docking station"), "the search finds what the filter finds, too"


async def check_a_resolved_ticket_is_found_by_its_journal_and_its_requester(api: httpx.AsyncClient) -> None:
    """Issue 19 (finding things): yesterday's resolved case, by a word of its solution (queue view 0) and by its
    requester (the earlier tickets of app/finding.py); the open views no longer hold it."""
    word = f"quokka{secrets.token_hex(4)}"
    requester = f"Ulla Strand {secrets.token_hex(2)}"
    made = await api.post("/v1/tickets", json={"subject": "Headset crackles in calls", "requester": requester,
                                               "category": "Hardware"})
    assert made.status_code == 201, made.text
    code, version = made.json()["code"], made.json()["version"]
    resolved = await api.post(f"/v1/tickets/{code}/status", headers={"If-Match": f'"{version}"'},
                              json={"status": "resolved", "solution": f"Replaced the {word} cable of the headset."})
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved", resolved.text
    assert code in await _codes(api, text=word), "the search over every ticket finds a resolved one"
    assert code not in await _codes(api, text=word, open="true"), "and it has left the open tickets"
    assert code in await _codes(api, requester=requester), "the requester's tickets include the resolved one"
    assert code in await _codes(api, requester=requester, status="resolved")


SEARCH_CHECKS: list[Check] = [check_the_search_finds_a_word_of_a_note,
                              check_a_resolved_ticket_is_found_by_its_journal_and_its_requester]
