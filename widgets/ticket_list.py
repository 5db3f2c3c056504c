"""The queue list: a Line-API view that renders only the visible rows (never the stock DataTable).

Rows are plain TicketRow models; every cell is built as a Segment from plain text, so a subject
like "[bold]x[/]" or an escape sequence is shown as typed and never styles or moves anything.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from app.domain.clock import utcnow
from app.domain.flags import update_flag_overdue
from app.domain.models import TicketRow
from app.i18n import label, t
from app.plain_text import printable

PRIORITY_STYLES = {
    "P1": Style(color="white", bgcolor="red", bold=True),
    "P2": Style(color="bright_red", bold=True),
    "P3": Style(color="yellow"),
    "SR1": Style(color="yellow"),
}
CURSOR = Style(reverse=True)
OVERDUE = Style(color="bright_red", bold=True)
DIM = Style(dim=True)


def age(since: datetime, now: datetime) -> str:
    seconds = max(0, int((now - since).total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60}m"
    if seconds < 86400:
        return f"{seconds // 3600}h"
    return f"{seconds // 86400}d"


def fit(text: str, width: int) -> str:
    return text[: width - 1] + "…" if len(text) > width else text.ljust(width)


class TicketList(ScrollView, can_focus=True):
    """Queue rows with a cursor; posts Highlighted when it moves and Selected on enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="queue.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="queue.up"),
        Binding("g,home", "top", "Top", show=False, id="queue.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="queue.bottom"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="queue.pagedown"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="queue.pageup"),
        Binding("enter", "select", "Open", id="queue.open"),
    ]

    class Highlighted(Message):
        def __init__(self, row: TicketRow) -> None:
            super().__init__()
            self.row = row

    class Selected(Message):
        def __init__(self, row: TicketRow) -> None:
            super().__init__()
            self.row = row

    class PageWanted(Message):
        """Rows from `offset` are about to be shown but not loaded yet: the screen fetches that page."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, overdue_after: timedelta = timedelta(hours=24), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # One entry per row of the view; None until its page is loaded, so 100,000 rows cost only the
        # pages the agent looks at (memory and time), never the whole view at once.
        self.rows: list[TicketRow | None] = []
        self.page_size = 200
        self._wanted: set[int] = set()
        self.marked: set[str] = set()
        self.cursor = 0
        self.overdue_after = overdue_after
        self.now = utcnow()

    def set_rows(self, rows: list[TicketRow], prefer: str | None = None, total: int | None = None) -> None:
        """Show a view whose first rows are `rows` (of `total`), the cursor on `prefer`, else on the same
        ticket as before, when loaded."""
        current = self.current.code if self.current else None
        total = len(rows) if total is None else max(total, len(rows))
        self.rows = [*rows, *([None] * (total - len(rows)))]
        self._wanted = {0}
        self.now = utcnow()
        codes = {row.code: index for index, row in enumerate(rows)}
        wanted = next((codes[code] for code in (prefer, current) if code in codes), None)
        self.cursor = wanted if wanted is not None else min(self.cursor, max(0, total - 1))
        if total == len(rows):
            self.marked &= set(codes)  # with every row at hand, marks of rows gone from the view go too
        self.virtual_size = Size(self.size.width, total)
        self._show_cursor()
        self.refresh()

    def fill(self, offset: int, rows: list[TicketRow]) -> None:
        """A page fetched after PageWanted."""
        self.rows[offset : offset + len(rows)] = rows[: max(0, len(self.rows) - offset)]
        self.refresh()

    def _want(self, index: int) -> None:
        offset = index - index % self.page_size
        if offset not in self._wanted:
            self._wanted.add(offset)
            self.post_message(self.PageWanted(offset))

    @property
    def current(self) -> TicketRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # ----- painting -----------------------------------------------------------------------------

    def _columns(self, width: int) -> list[int]:
        # code, prio, status, flags, requester, team, owner, age, updated; the subject takes the rest
        fixed = [8, 4, 24, 4, 16, 14, 8, 4, 4]
        if width < 110:  # an 80-column terminal still shows every column, the subject gets the rest
            fixed = [7, 4, 12, 4, 9, 8, 6, 4, 4]
        subject = max(10, width - sum(fixed) - len(fixed) - 1)
        return [*fixed[:4], subject, *fixed[4:]]

    def header(self, width: int | None = None) -> str:
        """Column titles laid out like the rows at `width` (default: this list's), for the line above the list."""
        titles = [t("Code"), t("Prio"), t("Status"), t("Fl"), t("Subject"), t("Requester"), t("Team"), t("Owner"),
                  t("Age"), t("Upd")]
        widths = self._columns(self.size.width if width is None else width)
        return "".join(fit(title, width) + " " for title, width in zip(titles, widths, strict=True))

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.size.width
        if index >= len(self.rows):
            return Strip.blank(width)
        row = self.rows[index]
        if row is None:
            self._want(index)
            return Strip([Segment("…", DIM)]).crop_extend(0, width, None)
        widths = self._columns(width)
        state = label(row.status) + (f": {label(row.pending_reason)}" if row.pending_reason else "")
        overdue = update_flag_overdue(row.update_flag, self.now, self.overdue_after)
        flags = ("*" if row.code in self.marked else " ") + ("U" if row.update_flag else " ") + (
            "!" if row.attention else " ")
        cells = [
            (row.code, Style()),
            (row.priority.value, PRIORITY_STYLES.get(row.priority.value, Style())),
            (state, Style()),
            (flags, OVERDUE if overdue else Style(color="cyan")),
            (printable(row.subject), Style()),
            (printable(row.requester), Style()),
            (row.team, DIM),
            (printable(row.owner) or "-", Style()),
            (age(row.created, self.now), DIM),
            (age(row.updated, self.now), DIM),
        ]
        segments = []
        for (text, style), cell_width in zip(cells, widths, strict=True):
            segments.append(Segment(fit(text, cell_width) + " ", style))
        strip = Strip(segments).crop_extend(0, width, None)
        if index == self.cursor:
            strip = strip.apply_style(CURSOR)
        return strip

    # ----- moving -------------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if not self.rows:
            return
        before, scrolled = self.cursor, self.scroll_offset.y
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._show_cursor()
        if self.scroll_offset.y == scrolled:
            # Only the two lines the cursor left and entered: repainting the whole list on every
            # key costs a full-screen composition (about 17 ms at 120x40).
            self.refresh_lines(before)
            self.refresh_lines(self.cursor)
        else:
            self.refresh()
        row = self.rows[self.cursor]
        if row is not None:
            self.post_message(self.Highlighted(row))

    def _show_cursor(self) -> None:
        top = self.scroll_offset.y
        if not top <= self.cursor < top + self.size.height:  # a move within sight scrolls nothing
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True)

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_top(self) -> None:
        self._move_to(0)

    def action_bottom(self) -> None:
        self._move_to(len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1))

    def toggle_mark(self) -> None:
        """space: mark or unmark the row under the cursor, then move on (for bulk actions)."""
        current = self.current
        if current is None:
            return
        self.marked.symmetric_difference_update({current.code})
        self._move_to(self.cursor + 1)
        self.refresh()

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
