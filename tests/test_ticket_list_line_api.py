"""The queue list as a Line-API widget: columns in terminal cells, colours from its component classes,
drawn lines kept until what they show changes, and the next page asked for before it comes into sight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.strip import Strip

import styles
from app.domain.enums import Kind, Priority, Status
from app.domain.models import TicketRow
from tests.pilot_helpers import settle
from widgets.column_header import ColumnHeader
from widgets.ticket_list import TicketList

NOW = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
ASCII = "Printer jams on floor 2"
SUBJECTS = [
    "打印机在二楼卡纸了请尽快派人来修理谢谢",  # 20 Chinese characters: 40 cells, cut to the column
    "打印机卡纸了",  # 6 Chinese characters: 12 cells, padded
    "Laptop 🔥 won't boot 🎉 ❤️ 👨‍👩‍👧 again",  # emoji, a variation selector, a joined family
    "Cafe\u0301 Zoe\u0308 Ångström ñ",  # combining marks: no cell of their own
    "ＦＵＬＬＷＩＤＴＨ ｓｕｂｊｅｃｔ ｆｏｒ ａ ｌｏｎｇ ｃｏｌｕｍｎ ｏｆ ｔｅｘｔ",  # wide Latin, cut mid-character
]


def row(number: int, subject: str = ASCII, priority: Priority = Priority.P3) -> TicketRow:
    return TicketRow(id=number, code=f"HL-{number}", kind=Kind.INCIDENT, subject=subject, requester="Karin D.",
                     team="servicedesk", owner="anna", status=Status.ASSIGNED, priority=priority,
                     created=NOW - timedelta(hours=3), updated=NOW - timedelta(minutes=5), version=1)


class QueueLike(Screen[None]):
    """The list as the queue screen hosts it: the column titles above, PageWanted answered by the screen
    (here only written down, so a test decides when a page arrives)."""

    def __init__(self, rows: list[TicketRow], total: int | None, page_size: int) -> None:
        super().__init__()
        self.first, self.total, self.page_size = rows, total, page_size
        self.asked: list[int] = []

    def compose(self) -> ComposeResult:
        yield ColumnHeader(id="columns")
        yield TicketList(id="tickets")

    def on_mount(self) -> None:
        tickets = self.query_one(TicketList)
        tickets.page_size = self.page_size
        tickets.set_rows(self.first, total=self.total)
        tickets.focus()

    def on_ticket_list_page_wanted(self, message: TicketList.PageWanted) -> None:
        self.asked.append(message.offset)


class Queue(App[object]):
    CSS_PATH = str(Path(styles.__file__).parent / "app.tcss")

    def __init__(self, rows: list[TicketRow], total: int | None = None, page_size: int = 200) -> None:
        super().__init__()
        self.queue = QueueLike(rows, total, page_size)

    def on_mount(self) -> None:
        self.push_screen(self.queue)


def cells_before(strip: Strip, text: str) -> int:
    """Where `text` starts in `strip`, in terminal cells."""
    shown = strip.text
    return cell_len(shown[: shown.index(text)])


def style_of(strip: Strip, text: str) -> Style:
    return next(segment.style for segment in strip if segment.text.startswith(text) and segment.style)


# ----- widths in cells ---------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [120, 81])
async def test_columns_after_a_wide_subject_stay_where_an_ascii_rows_are(width: int) -> None:
    app = Queue([row(1), *(row(number, subject) for number, subject in enumerate(SUBJECTS, 2))])
    async with app.run_test(size=(width, 10)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        header = tickets.header()
        lines = [tickets.render_line(y) for y in range(len(tickets.rows))]
        for line in lines:
            assert line.cell_length == width
            assert cell_len(line.text) == width
            assert cells_before(line, "Karin D.") == cells_before(lines[0], "Karin D.") == header.index("Requester")
            assert cells_before(line, "servicedesk"[:6]) == header.index("Team")
        assert "…" in lines[1].text and "…" in lines[5].text, "too wide for the column: cut, with an ellipsis"


# ----- colours from component classes -----------------------------------------------------------------

async def test_the_priority_colour_comes_from_its_component_class() -> None:
    app = Queue([row(1, priority=Priority.P4), row(2, priority=Priority.P1)])
    async with app.run_test(size=(120, 10)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        assert style_of(tickets.render_line(1), "P1").bgcolor == Color.parse(app.theme_variables["error"])
        app.stylesheet.add_source("TicketList > .ticket-list--p1 { color: #00ff00; background: #0000ff; }",
                                  read_from=("test", "p1"))
        app.refresh_css()  # animated, as on a CSS file change: the list itself gets no style update
        await settle(app, pilot)
        p1 = style_of(tickets.render_line(1), "P1")
        assert (p1.color, p1.bgcolor) == (Color.parse("#00ff00"), Color.parse("#0000ff"))


async def test_the_theme_sets_the_colours() -> None:
    app = Queue([row(1), row(2, priority=Priority.P1)])
    async with app.run_test(size=(120, 10)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        app.theme = "nord"
        await settle(app, pilot)
        assert style_of(tickets.render_line(1), "P1").bgcolor == Color.parse(app.theme_variables["error"])
        assert style_of(tickets.render_line(0), "HL-1").bgcolor == Color.parse(app.theme_variables["primary"]), (
            "the focused cursor is the theme's block cursor")


# ----- the strip cache --------------------------------------------------------------------------------

async def test_a_line_is_drawn_once_until_what_it_shows_changes() -> None:
    app = Queue([row(1), row(2), row(3)], total=5)
    async with app.run_test(size=(120, 10)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        first = tickets.render_line(1)
        assert tickets.render_line(1) is first, "the same line again comes from the cache"

        tickets.marked.add("HL-2")  # as the screens change marks: without telling the list
        marked = tickets.render_line(1)
        assert marked is not first and marked.text.startswith("HL-2") and "*" in marked.text
        tickets.marked.clear()
        assert tickets.render_line(1).text == first.text

        tickets.set_rows([row(1), row(2, "Scanner offline"), row(3)], total=5)
        assert "Scanner offline" in tickets.render_line(1).text, "new rows: drawn again"
        assert tickets.render_line(3).text.startswith("…")
        tickets.fill(3, [row(4, "VPN drops"), row(5)])
        assert "VPN drops" in tickets.render_line(3).text, "a page arrived: drawn again"

        before = tickets.render_line(1)
        app.theme = "textual-light"
        await settle(app, pilot)
        after = tickets.render_line(1)
        assert after is not before and after.text == before.text
        assert style_of(after, "HL-2").bgcolor != style_of(before, "HL-2").bgcolor, "a new theme: drawn again"

        await pilot.resize_terminal(100, 10)
        await settle(app, pilot)
        assert tickets.render_line(1).cell_length == 100


# ----- pages ahead --------------------------------------------------------------------------------------

async def test_the_next_page_is_asked_for_before_it_is_in_sight_and_only_once() -> None:
    """Half a page ahead (widgets/ticket_list.py LOOKAHEAD): a whole page ahead asked for a second page on
    every filter key, which at 100,000 tickets was a third of the key's CPU (issue 16)."""
    app = Queue([row(number) for number in range(1, 101)], total=1000, page_size=100)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(app, pilot)
        tickets = app.screen.query_one(TicketList)
        height = tickets.size.height
        assert app.queue.asked == [], "the first screenful is far from row 100: nothing more is asked yet"
        tickets.scroll_to(y=100 - height - 49, animate=False)  # within half a page of row 100
        await settle(app, pilot)
        assert app.queue.asked == [100], "the next page, while it is still out of sight"
        tickets.fill(100, [row(number) for number in range(101, 201)])

        for top in (150, 160, 170):  # near the end of what is loaded, every row on screen still there
            tickets.scroll_to(y=top, animate=False)
            await settle(app, pilot)
            assert tickets.scroll_offset.y == top
            assert all(tickets.rows[index] is not None for index in range(top, top + height))
        assert app.queue.asked == [100, 200], "asked for once, while still out of sight"

        tickets.scroll_to(y=195, animate=False)  # its placeholders show now: it is on its way already
        await settle(app, pilot)
        assert tickets.render_line(height - 1).text.startswith("…")
        assert app.queue.asked == [100, 200], "not 200 again"
        tickets.scroll_to(y=300 - height - 49, animate=False)
        await settle(app, pilot)
        assert app.queue.asked == [100, 200, 300], "the page after it, half a page ahead"


@pytest.mark.parametrize(("reason", "shown"), [
    ("agreed_appointment", "Pending - agreed appointment"),
    ("ready_for_installation", "Pending: Ready for installation"),
])
def test_the_status_column_says_pending_once(reason: str, shown: str) -> None:
    """Issue 19: "Pending: Pending - agre…" spent the column on a repeated word; a reason that names Pending is
    shown alone, one that does not keeps the status before it."""
    from app.domain.enums import PendingReason

    pending = row(1).model_copy(update={"status": Status.PENDING, "pending_reason": PendingReason(reason)})
    cells = TicketList()._cells(pending, marked=False)
    assert shown in [text for text, _ in cells]
