"""Finding 6 (follow-up and triage): `p` set Pending at once, with no word to the user and no date, and
"Pending - agreed appointment" had no time. Pending now asks for an optional message to the user and, for the
dated reasons, the moment; when it comes the ticket resurfaces with Attention (R-STATUS-3)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Label

from app.api.backend import TicketQuery
from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind, PendingReason, Status
from app.domain.errors import RuleViolation
from app.domain.status import apply_status_change
from app.tui import HelplineApp
from screens.choose import Choose
from screens.pending_details import PendingDetailsScreen
from tests.domain.factories import NOW, support, ticket
from tests.pilot_helpers import notifications, open_journal, settle
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea


async def _mine_in_progress(client: HelplineClient) -> str:
    return (await client.search(TicketQuery(owner="anna", status=[Status.IN_PROGRESS], limit=1))).items[0].code


def test_a_dated_reason_needs_its_moment_to_come_and_a_message_goes_to_the_user() -> None:
    with pytest.raises(RuleViolation, match="give its date"):
        apply_status_change(ticket(), Status.PENDING, team=support(), actor="anna", now=NOW,
                            pending_reason=PendingReason.AGREED_APPOINTMENT)
    with pytest.raises(RuleViolation, match="past"):
        apply_status_change(ticket(), Status.PENDING, team=support(), actor="anna", now=NOW,
                            pending_reason=PendingReason.AGREED_APPOINTMENT, until=NOW - timedelta(hours=1))
    pending = apply_status_change(ticket(), Status.PENDING, team=support(), actor="anna", now=NOW,
                                  pending_reason=PendingReason.AGREED_APPOINTMENT, until=NOW + timedelta(days=1),
                                  message="A technician comes Thursday at nine.")
    assert pending.pending_until == NOW + timedelta(days=1)
    assert pending.journal[-1].kind is EntryKind.MESSAGE_TO_USER and "Thursday" in pending.journal[-1].body
    assert "until" in next(e.body for e in reversed(pending.journal) if e.event == "status")
    working = apply_status_change(pending, Status.IN_PROGRESS, team=support(), actor="anna", now=NOW)
    assert working.pending_until is None, "leaving Pending forgets the moment"


async def test_p_in_the_journal_asks_the_moment_and_the_message(client: HelplineClient) -> None:
    code = await _mine_in_progress(client)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, code)
        await pilot.press("p")
        await pilot.pause()  # the worker waits on the pickers it opens
        assert isinstance(app.screen, Choose)
        appointment = [reason for _, reason in app.screen.choices].index(PendingReason.AGREED_APPOINTMENT)
        await pilot.press(*["down"] * appointment, "enter")
        await pilot.pause()
        details = app.screen
        assert isinstance(details, PendingDetailsScreen)
        requester = (await client.get(code)).requester
        said = " ".join(str(label.render()) for label in details.query(Label))
        assert f"to {requester}" in said, "R-MAIL-1: the message's recipient is named before it goes"
        details.query_one("#pending-until", PlainInput).value = "2020-01-01 09:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PendingDetailsScreen), "a past moment is refused, the dialog stays"
        details.query_one("#pending-until", PlainInput).value = "2099-12-03 09:00"
        details.query_one("#pending-message", PlainTextArea).text = "A technician comes on the 3rd at nine."
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    stored = await client.get(code)
    assert stored.status is Status.PENDING and stored.pending_reason is PendingReason.AGREED_APPOINTMENT
    assert stored.pending_until is not None and stored.pending_until.year == 2099
    assert any(e.kind is EntryKind.MESSAGE_TO_USER and "on the 3rd" in e.body for e in stored.journal)


async def test_on_its_date_a_pending_ticket_resurfaces_with_attention(client: HelplineClient,
                                                                       store_dir: Path) -> None:
    code = await _mine_in_progress(client)
    store = LocalStore(store_dir)

    def waited(held: object) -> None:  # set Pending a day ago, for a moment that has now come
        apply_status_change(held, Status.PENDING, team=support(), actor="anna", now=NOW,  # type: ignore[arg-type]
                            pending_reason=PendingReason.FUTURE_DATE, until=NOW + timedelta(hours=1))
        held.attention = False  # type: ignore[attr-defined]

    store.update(code, waited)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        told = notifications(app)
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        assert code in [row.code for row in app.screen.query_one("TicketList").rows if row]  # type: ignore[attr-defined]
    assert (await client.get(code)).attention
    assert any(code in message and "due" in message for message in told), told
