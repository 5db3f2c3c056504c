"""Issue 19, the screen: the Subject takes the width that is left, the header is one line at 80 and 120
columns with the backend named short."""

from __future__ import annotations

import pytest

from app.client import HelplineClient
from app.config import Settings
from app.tui import HelplineApp
from tests.pilot_helpers import settle
from widgets.status_line import StatusLine
from widgets.ticket_list import TicketList


def subject_width(header: str) -> int:
    return header.index("Requester") - header.index("Subject") - 1  # each column is followed by one space


@pytest.mark.parametrize(("width", "at_least"), [(80, 20), (120, 30)])
async def test_the_subject_takes_the_width_that_is_left(client: HelplineClient, width: int, at_least: int) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        header = tickets.header()
        assert subject_width(header) >= at_least, header  # it was 12 at 80 columns and 24 at 120
        line = tickets.render_line(0).text
        subject = tickets.rows[0].subject  # type: ignore[union-attr]
        assert subject[: at_least - 1] in line, "the row's subject is shown as wide as its title"
        assert header.rstrip().endswith("Upd") and line.rstrip()[-1].isalnum(), "the last column still shows"


@pytest.mark.parametrize("width", [80, 120])
async def test_the_header_is_one_line_naming_the_backend_short(client: HelplineClient, width: int) -> None:
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(app, pilot)
        status = app.screen.query_one(StatusLine)
        shown = str(status.render())
        assert status.region.height == 1, shown
        assert shown.rstrip().endswith("· local") and "store at" not in shown, shown
        assert "Mine: 6" in shown and "mine 0, team 2" in shown, "every count is still there"


def test_each_backend_has_a_short_name() -> None:
    from app.connect import host_of

    assert host_of("https://agent:secret@rt.example.org/rt") == "rt.example.org", "never a password or path"
    assert host_of("http://127.0.0.1:8080/api") == "127.0.0.1:8080"


async def test_a_list_taller_than_80x24_says_how_many_more_are_below(client: HelplineClient) -> None:
    from textual.widgets import OptionList, Static

    from screens.choose import Choose
    from tests.pilot_helpers import open_journal

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(app, pilot, "HL-12")
        await pilot.press("p")  # the Pending reasons: sixteen of them (R-STATUS-3)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        hint = app.screen.query_one("#choose-more", Static)
        assert "more below" in str(hint.render()) and hint.region.height == 1, "said, and inside the dialog"
        assert app.screen.query_one(OptionList).region.bottom <= hint.region.y, "the list is not cut by the dialog"
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        assert "more below" not in str(hint.render()), "at the last reason, nothing is below"


async def test_the_new_ticket_form_fits_80_columns(client: HelplineClient) -> None:
    from textual.widgets import Input

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        fields = list(app.screen.query(Input))
        assert fields and all(field.region.right <= 80 - 1 for field in fields), [f.region for f in fields]


async def test_dispatch_lists_one_line_a_team_at_80_columns(client: HelplineClient) -> None:
    from textual.widgets import OptionList

    from screens.dispatch import DispatchScreen
    from tests.pilot_helpers import open_from_journal

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_from_journal(app, pilot, "HL-12", "d", DispatchScreen)
        teams = screen.query_one("#dispatch-teams", OptionList)
        assert teams.option_count >= 5
        assert teams.virtual_size.height == teams.option_count, "it was three lines a team"
        first = str(teams.get_option_at_index(0).prompt)
        assert "Second line" in first and "open" in first
