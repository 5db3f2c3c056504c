"""Issue 19, macros: `K` on two marked rows of the queue picks a desk's macro, shows what each ticket will get,
and after `y` both tickets got the note and the status (through the use cases: the rules hold)."""

from __future__ import annotations

from pathlib import Path

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind, PendingReason, Status
from app.tui import HelplineApp
from screens.choose import Choose
from screens.macro_preview import MacroPreview
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from widgets.ticket_list import TicketList

MACRO = b'''title = "Wait for [bold]the user[/]"
[[action]]
do = "note"
text = "Asked {requester} about {code}."
[[action]]
do = "status"
status = "pending"
pending_reason = "user_reply"
'''


async def test_a_macro_on_two_marked_rows_previews_then_changes_both(client: HelplineClient, store_dir: Path
                                                                     ) -> None:
    (store_dir / "macros").mkdir(mode=0o700)
    (store_dir / "macros" / "wait.toml").write_bytes(MACRO)
    rows = [row for row in (await client.search(TicketQuery(open=True, status=[Status.IN_PROGRESS], limit=100))
                            ).items][:2]
    assert len(rows) == 2
    app = HelplineApp(Settings(), store=store_dir, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        for row in rows:
            tickets.cursor = next(i for i, shown in enumerate(tickets.rows) if shown and shown.code == row.code)
            await pilot.press("space")
        await pilot.press("K")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, Choose) and "2 ticket" in chooser.title_text
        index = next(i for i, (_, macro) in enumerate(chooser.choices) if macro.name == "wait")
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()  # the worker reads the tickets, then opens the preview
        for _ in range(20):
            if isinstance(app.screen, MacroPreview):
                break
            await pilot.pause()
        preview = app.screen
        assert isinstance(preview, MacroPreview)
        assert set(preview.steps) == {row.code for row in rows}
        first = preview.steps[rows[0].code]
        assert first[0] == f"Internal note: Asked {rows[0].requester} about {rows[0].code}."
        assert "Pending user reply" in first[1]
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen) and not app.screen.tickets.marked
    for row in rows:
        ticket = await client.get(row.code)
        assert ticket.status is Status.PENDING and ticket.pending_reason is PendingReason.USER_REPLY
        notes = [e for e in ticket.journal if e.kind is EntryKind.INTERNAL_NOTE]
        assert notes and notes[-1].body == f"Asked {row.requester} about {row.code}."
