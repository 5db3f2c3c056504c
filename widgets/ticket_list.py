"""The queue list: a Line-API view that renders only the visible rows (never the stock DataTable).

Rows are plain TicketRow models; every cell is built as a Segment from plain text, so a subject
like "[bold]x[/]" or an escape sequence is shown as typed and never styles or moves anything.
Columns are measured in terminal cells, not characters: a Chinese subject or an emoji takes two
cells a character and must not push the columns after it. Colours come from the component classes
below, so a theme or the app's CSS decides them; drawn lines are kept until what they show changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from app.domain.clock import span, utcnow
from app.domain.enums import Priority
from app.domain.flags import update_flag_overdue
from app.domain.models import TicketRow
from app.domain.status import status_words
from app.i18n import t
from app.plain_text import printable

# The journal header's priority colours (widgets/ticket_header.py prints with Rich, outside any
# component class). The list takes its own from the ticket-list--<band> classes, whose defaults
# below follow these.
PRIORITY_STYLES = {
    "P1": Style(color="white", bgcolor="red", bold=True),
    "P2": Style(color="bright_red", bold=True),
    "P3": Style(color="yellow"),
    "SR1": Style(color="yellow"),
}

BANDS = {priority.value: f"ticket-list--{priority.value.lower()}" for priority in Priority}
# A cell takes one of these (or the list's own style); a row's state is laid over all its cells.
CELL_CLASSES = (*BANDS.values(), "ticket-list--flags", "ticket-list--overdue", "ticket-list--muted",
                "ticket-list--placeholder")
# In this order: the cursor shows over a mark, a mark over a row new since the agent last looked.
ROW_CLASSES = ("ticket-list--new", "ticket-list--marked", "ticket-list--cursor")
LOOKAHEAD = 0.5  # of a page: how near the rows not loaded yet the screen comes before they are asked for


def age(since: datetime, now: datetime) -> str:
    return span(now - since)


def fit(text: str, width: int) -> str:
    """`text` exactly `width` cells wide: padded, or cut with an ellipsis (a wide character the cut
    would halve becomes a space)."""
    return set_cell_size(text, width - 1) + "…" if cell_len(text) > width else set_cell_size(text, width)


class TicketList(ScrollView, can_focus=True):
    """Queue rows with a cursor; posts Highlighted when it moves and Selected on enter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*CELL_CLASSES, *ROW_CLASSES}
    DEFAULT_CSS = """
    TicketList {
        & > .ticket-list--p1 { background: $error; color: $text; text-style: bold; }
        & > .ticket-list--p2 { color: $text-error; text-style: bold; }
        & > .ticket-list--p3 { color: $text-warning; }
        & > .ticket-list--sr1 { color: $text-warning; }
        & > .ticket-list--flags { color: $text-primary; }  /* $text-accent is P3's $text-warning in textual-dark */
        & > .ticket-list--overdue { color: $text-error; text-style: bold; }
        & > .ticket-list--muted { color: $text-muted; }
        & > .ticket-list--placeholder { color: $text-muted; }
        & > .ticket-list--marked { text-style: bold; }
        & > .ticket-list--new { text-style: bold underline; }
        & > .ticket-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .ticket-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

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
        # Said on the first line of a view that came back empty, rather than column titles over nothing
        # (issue 19): the queue words it for a filter or a view.
        self.empty: str | None = None
        self.page_size = 200
        self._wanted: set[int] = set()  # page offsets loaded or on their way: each is asked for once
        self.marked: set[str] = set()
        self.cursor = 0
        self.overdue_after = overdue_after
        # When set (views 4 and 6, screens/queue_reasons.py), the last column says why the row is in the view,
        # instead of when it last changed: (text, urgent).
        self.reason: Callable[[TicketRow, datetime], tuple[str, bool]] | None = None
        self.now = utcnow()
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        # Finding 2 (follow-up and triage): rows of the team's queue new since the agent last looked there.
        self.fresh: set[str] = set()
        self._palette: dict[str, Style] | None = None

    def set_rows(self, rows: list[TicketRow], prefer: str | None = None, total: int | None = None,
                 empty: str | None = None) -> None:
        """Show a view whose first rows are `rows` (of `total`), the cursor on `prefer`, else on the same
        ticket as before, when loaded; `empty`: what to say when there are none."""
        self.empty = empty
        current = self.current.code if self.current else None
        total = len(rows) if total is None else max(total, len(rows))
        self.rows = [*rows, *([None] * (total - len(rows)))]
        self._wanted = {0}
        self.now = utcnow()
        self._strips.clear()
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
        self._strips.clear()
        self.refresh()

    def _want_pages_in_sight(self) -> None:
        """Ask for the pages of the rows on screen and, once the screen is within half a page of the rows not
        loaded yet, the page below, so that it is usually there before the agent scrolls to it. Only a message:
        painting never waits for a page. Not a whole page ahead: then every filter key at 100,000 tickets asked
        for a second page nobody looked at (a third of the key's CPU; issue 16)."""
        top, height = self.scroll_offset.y, self.size.height
        if not height:
            return
        ahead = top + height + int(LOOKAHEAD * self.page_size)
        for offset in range(top - top % self.page_size, min(len(self.rows), ahead), self.page_size):
            if offset not in self._wanted and any(row is None for row in self.rows[offset : offset + self.page_size]):
                self._wanted.add(offset)
                self.post_message(self.PageWanted(offset))

    @property
    def current(self) -> TicketRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # ----- painting -----------------------------------------------------------------------------

    def _columns(self, width: int) -> list[int]:
        # code, prio, status, flags, requester, team, owner, age, updated; the subject takes the rest. With a
        # reason (views 4 and 6) it takes the place of age and updated, and the columns beside it give room.
        # Issue 19: the subject is what a row is read by, so the others are as narrow as their text allows
        # (a Status says Pending once); below 110 columns the ticket's age is left
        # to the journal header (the last change, Upd, is what the queue is worked by), so at 80 columns the
        # subject has 20 cells, not 12.
        if self.reason:
            fixed = [8, 4, 14, 4, 12, 10, 8, 24] if width >= 110 else [7, 4, 10, 4, 8, 7, 6, 14]
        elif width >= 110:
            fixed = [8, 4, 20, 4, 16, 12, 8, 4, 4]
        else:
            fixed = [7, 4, 10, 4, 9, 7, 6, 4]
        subject = max(10, width - sum(fixed) - len(fixed) - 1)
        return [*fixed[:4], subject, *fixed[4:]]

    def _shows_age(self, width: int) -> bool:
        return self.reason is None and width >= 110

    def header(self, width: int | None = None) -> str:
        """Column titles laid out like the rows at `width` (default: this list's), for the line above the list."""
        titles = [t("Code"), t("Prio"), t("Status"), t("Fl"), t("Subject"), t("Requester"), t("Team"), t("Owner")]
        width = self.size.width if width is None else width
        titles += [t("Why")] if self.reason else [t("Age"), t("Upd")] if self._shows_age(width) else [t("Upd")]
        widths = self._columns(width)
        return "".join(fit(title, width) + " " for title, width in zip(titles, widths, strict=True))

    def _styles(self) -> dict[str, Style]:
        """The component classes as Rich styles, read again after a style update.

        A cell class is resolved against the list's background (so `$text-muted` and other
        translucent or automatic colours blend right); a row class keeps only what it declares, to
        be laid over its cells' own styles.
        """
        if self._palette is None:
            palette = {name: self.get_component_rich_style(name) for name in CELL_CLASSES}
            palette[""] = self.rich_style
            for name in ROW_CLASSES:
                declared, resolved = self.get_component_styles(name), self.get_component_rich_style(name)
                palette[name] = Style(color=resolved.color if declared.has_rule("color") else None,
                                      bgcolor=resolved.bgcolor if declared.has_rule("background") else None
                                      ) + declared.text_style
            self._palette = palette
        return self._palette

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._palette = None  # a new theme or stylesheet: read the colours again, draw every line again
        self._strips.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._want_pages_in_sight()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.size.width
        if index >= len(self.rows):
            if index == 0 and self.empty:
                return Strip([Segment(fit(self.empty, width), self._styles()["ticket-list--placeholder"])])
            return Strip.blank(width, self._styles()[""])
        row = self.rows[index]
        marked = row is not None and row.code in self.marked  # the screens clear marks themselves
        fresh = row is not None and row.code in self.fresh
        # id(row): a reload or a page brings new row objects (and clears the cache besides); the styles
        # are not in the key because a style update clears the cache.
        key = (index, id(row), width, index == self.cursor, marked, fresh)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(row, width, index == self.cursor, marked, fresh)
        return strip

    def _draw(self, row: TicketRow | None, width: int, cursor: bool, marked: bool, fresh: bool = False) -> Strip:
        styles = self._styles()
        over = sum((styles[name] for name, on in zip(ROW_CLASSES, (fresh, marked, cursor), strict=True) if on),
                   Style())
        if row is None:
            segments = [Segment("…", styles["ticket-list--placeholder"] + over)]
        else:
            cells = zip(self._cells(row, marked, fresh, self._shows_age(width)), self._columns(width), strict=True)
            segments = [Segment(fit(text, cell_width) + " ", styles[name] + over) for (text, name), cell_width in cells]
        return Strip(segments).crop_extend(0, width, styles[""] + over)

    def _cells(self, row: TicketRow, marked: bool, fresh: bool = False, with_age: bool = True
               ) -> list[tuple[str, str]]:
        """Each column's text and component class ("": the list's own style)."""
        state = status_words(row.status, row.pending_reason)
        if row.returned:  # finding 7 (follow-up and triage): back from second line, its solution to send
            state = t("returned") + " · " + state  # first, so a narrow column still shows it
        overdue = update_flag_overdue(row.update_flag, self.now, self.overdue_after)
        flags = ("*" if marked else " ") + ("U" if row.update_flag else " ") + ("!" if row.attention else " ")
        flags += "N" if fresh else ""  # new since the agent last looked at the team's queue
        return [
            (printable(row.code), ""),
            (row.priority.value, BANDS[row.priority.value]),
            (state, ""),
            (flags, "ticket-list--overdue" if overdue else "ticket-list--flags"),
            (printable(row.subject), ""),
            (printable(row.requester), ""),
            (printable(row.team), "ticket-list--muted"),
            (printable(row.owner) or "-", ""),
            *self._last_cells(row, with_age),
        ]

    def _last_cells(self, row: TicketRow, with_age: bool = True) -> list[tuple[str, str]]:
        if self.reason is None:
            updated = (age(row.updated, self.now), "ticket-list--muted")
            return [(age(row.created, self.now), "ticket-list--muted"), updated] if with_age else [updated]
        text, urgent = self.reason(row, self.now)
        return [(text, "ticket-list--overdue" if urgent else "ticket-list--muted")]

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
        self._strips.clear()
