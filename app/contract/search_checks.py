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


SEARCH_CHECKS: list[Check] = [check_the_search_finds_a_word_of_a_note]
