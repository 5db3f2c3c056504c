"""The workstation shell driven from the keyboard with Pilot, on a demo store."""

from __future__ import annotations

import stat

import httpx
import pytest

from app.client import HelplineClient
from app.config import Settings
from app.domain.priority import work_rank
from app.domain.tickets import NewTicket
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.pilot_helpers import settle
from widgets.status_line import StatusLine
from widgets.ticket_list import TicketList

HOSTILE = "Printer jams [bold red]Boom[/] [@click=app.quit]x\x1b[2J"



async def started(app: HelplineApp, pilot: object) -> TicketList:
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, QueueScreen)
    return app.screen.query_one(TicketList)


async def test_queue_in_work_order_and_keys_move_R_PRIO_3(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        tickets = await started(app, pilot)
        ranks = [work_rank(row.priority) for row in tickets.rows]
        assert tickets.rows and ranks == sorted(ranks) and ranks[0] == 1
        await pilot.press("j", "j")
        assert tickets.cursor == 2
        await pilot.press("G")
        assert tickets.cursor == len(tickets.rows) - 1
        await pilot.press("g")
        assert tickets.cursor == 0
        assert "P1" in tickets.render_line(0).text
        columns = str(app.screen.query_one("#columns").render())
        assert columns.startswith("Code") and "Subject" in columns and "Owner" in columns


async def test_views_by_one_key(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        tickets = await started(app, pilot)
        all_open = len(tickets.rows)
        await pilot.press("2")
        await settle(app, pilot)
        assert tickets.rows and {row.owner for row in tickets.rows} == {"anna"} and len(tickets.rows) < all_open
        await pilot.press("4")
        await settle(app, pilot)
        assert tickets.rows and all(row.update_flag for row in tickets.rows)
        assert app.screen.sub_title.startswith("Update flag raised")


async def test_status_line_names_me_and_the_backend(client: HelplineClient) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(app, pilot)
        text = str(app.screen.query_one(StatusLine).render())
        assert "anna" in text and text.rstrip().endswith("· local") and "Team unassigned" in text  # issue 19: short


async def test_backend_text_is_shown_literally(client: HelplineClient) -> None:
    made = await client.create(NewTicket(subject=HOSTILE, requester="Karin Dahl"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(200, 40)) as pilot:
        tickets = await started(app, pilot)
        index = next(i for i, row in enumerate(tickets.rows) if row.code == made.code)
        tickets._move_to(index)
        await pilot.pause()
        line = tickets.render_line(index - tickets.scroll_offset.y).text
        assert "[bold red]Boom[/] [@click=app.quit]x" in line and "\x1b" not in line
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running


async def test_unreachable_backend_is_shown_not_raised() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = HelplineClient(httpx.AsyncClient(transport=httpx.MockTransport(refuse), base_url="http://rt.example"),
                            "anna", "http://rt.example")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        text = str(app.query_one("#connecting").render())
        assert "rt.example" in text and "Cannot connect" in text
        await pilot.press("q")
    assert not app.is_running


async def test_housekeeping_closes_old_resolved_tickets_behind_the_queue_R_STATUS_6(client: HelplineClient) -> None:
    from app.api.backend import TicketQuery
    from app.domain.enums import Status

    before = (await client.search(TicketQuery(status=[Status.CLOSED], limit=1))).total
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
    after = (await client.search(TicketQuery(status=[Status.CLOSED], limit=1))).total
    assert after > before, "the demo holds tickets resolved more than 30 days ago"


def test_a_crash_exits_non_zero_says_one_line_and_logs_the_traceback_privately(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Textual prints a crash as a traceback with every frame's locals (ticket text) and `helpline` exited 0.
    Now the exit status is 1, stderr has one line naming the log, and the log (0600) has the plain traceback."""
    from app.config import data_dir
    from app.tui import run_workstation

    def crash(self: HelplineApp) -> None:
        body = "Lotte Vermeulen's new password is on the note"  # a local, as a screen's ticket text would be
        raise ValueError(f"an internal slip ({len(body)})")

    log = data_dir() / "helpline.log"
    log.parent.mkdir(parents=True)
    log.write_text("an earlier record\n")
    log.chmod(0o644)
    monkeypatch.setattr(HelplineApp, "connect", crash)
    assert run_workstation(Settings(), headless=True) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, "one line, on stderr"
    assert err.startswith("helpline: the workstation stopped on an internal error (ValueError); details in ")
    assert str(log) in err and "Lotte" not in err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600, "the log is the agent's own"
    text = log.read_text()
    assert text.startswith("an earlier record\n") and "Traceback (most recent call last)" in text
    assert "ValueError: an internal slip (45)" in text and "Lotte" not in text, "no locals"


def test_a_log_that_cannot_be_written_is_said_in_the_same_line(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from app.config import data_dir
    from app.tui import run_workstation

    def crash(self: HelplineApp) -> None:
        raise RuntimeError("boom")

    (data_dir() / "helpline.log").mkdir(parents=True)  # not a file: nothing can be appended to it
    monkeypatch.setattr(HelplineApp, "connect", crash)
    assert run_workstation(Settings(), headless=True) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "(RuntimeError); its details could not be written to" in err


async def test_esc_closes_help_and_then_does_what_it_did(client: HelplineClient) -> None:
    """Issue 19: `?` opened a panel that esc did not close; now esc closes it, and the next esc is the screen's."""
    from screens.journal import JournalScreen
    from screens.queue import QueueScreen
    from tests.pilot_helpers import open_journal, settle

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(app, pilot, "HL-12")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "KeyHelp"  # Helpline's own `?` (screens/key_help.py)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen), "help closed, screen kept"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
