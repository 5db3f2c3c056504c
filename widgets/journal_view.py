"""The ticket journal: a Line-API view that lays out and draws only the entries in sight.

Each entry is drawn as the one-widget-per-entry journal drew it: an internal note in a rounded
frame, a message to or from the user in a heavy one, a supplier's in a dashed one, a system event as one
dim line with its time first; the frame's top line names the kind, whose words, who recorded them, when,
and a pin. The frame's colours come from the component classes below, so a theme or the app's CSS decides
them. All text is outside text: written as plain Segments (never markup), control characters made visible
(app/plain_text.py), measured in terminal cells (a Chinese word or an emoji takes two a character).

A journal of 10,000 entries opens as fast as one of 10: every entry starts with an estimated height (two
string counts, no wrapping), and only the entries around the lines on screen are wrapped to the width (the
newest first, as the journal opens at its end). When an entry above the screen turns out taller or shorter
than estimated, the view scrolls by the difference, so what the agent reads never moves.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from app.domain.enums import EntryKind
from app.domain.events import event_text as event_words
from app.domain.models import Attachment, JournalEntry, Letter
from app.plain_text import printable
from widgets.journal_entry import delivery_line, entry_title, file_line, folded_quotes
from widgets.outside_text import SEPARATOR, lines

# Per kind: its component class (the frame's colour and background) and its frame, as Textual's borders
# round, heavy and dashed draw them. A system event has none.
KIND_CLASS = {
    "internal_note": "journal-view--internal",
    "message_to_user": "journal-view--to-user",
    "message_from_user": "journal-view--from-user",
    "supplier_message": "journal-view--supplier",
    "system_event": "journal-view--system",
}
FRAMES = {  # (top-left, horizontal, top-right, vertical, bottom-left, bottom-right)
    "internal_note": ("╭", "─", "╮", "│", "╰", "╯"),
    "message_to_user": ("┏", "━", "┓", "┃", "┗", "┛"),
    "message_from_user": ("┏", "━", "┓", "┃", "┗", "┛"),
    "supplier_message": ("┏", "╍", "┓", "╏", "┗", "┛"),
}
EARLIER_CLASS = "journal-view--earlier"
MARGIN = 1  # blank cells left and right of a frame, as the entries' CSS margin had them
PADDING = 1  # between a frame's side and its text


def framed_width(width: int) -> int:
    """The cells a framed entry's text has in a view `width` wide."""
    return max(1, width - 2 * (MARGIN + 1 + PADDING))


def event_width(width: int) -> int:
    return max(1, width - 2 * (MARGIN + PADDING))


def event_text(entry: JournalEntry) -> str:
    # A system event's words are names (a team, an agent) put in a sentence: each line shown as one-line
    # fields are; its time leads.
    return f"{entry.created:%Y-%m-%d %H:%M}  " + lines(event_words(entry))


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: at spaces where it can, within a word where it must."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        if cell_len(paragraph) <= width:
            out.append(paragraph)
        else:
            out += [line.plain for line in Text(paragraph).wrap(_CONSOLE, width, overflow="fold")] or [""]
    return out


_CONSOLE = Console(width=1000, legacy_windows=False, force_terminal=False, color_system=None)


class JournalView(ScrollView, can_focus=True):
    """The entries of one ticket in reading order (pinned first, then oldest to newest), opened at the end.

    Scrolled with up/down, page up/down, home and end (ScrollView's keys) or the mouse."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*KIND_CLASS.values(), EARLIER_CLASS}
    # An internal note and a message to the user must be impossible to confuse: frame, colour, background.
    DEFAULT_CSS = """
    JournalView {
        height: 1fr;
        & > .journal-view--internal { color: $warning; background: $warning 10%; }
        & > .journal-view--to-user { color: $success; background: $success 10%; }
        & > .journal-view--from-user { color: $primary; }
        & > .journal-view--supplier { color: $secondary; }
        & > .journal-view--system { color: $text-muted; }
        & > .journal-view--earlier { color: $text-muted; text-style: dim; }
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.entries: list[JournalEntry] = []
        self.earlier: str | None = None  # the line after the pinned entries saying that older ones wait
        self.letters: dict[int, Letter] = {}
        self.files: dict[int, list[Attachment]] = {}  # entry id: the files it came with (issue 19)
        self.show_quotes = False
        self._blocks: list[JournalEntry | str] = []  # the entries, with `earlier` in its place
        self._width = 0  # the width the heights are for
        self._heights: list[int] = []
        self._exact: list[bool] = []  # a height is estimated until its block is laid out
        self._starts: list[int] = [0]  # the first line of each block, and the total at the end
        self._laid: LRUCache[int, list[Strip]] = LRUCache(2048)  # block index → its lines at _width
        self._palette: dict[str, tuple[Style, Style]] | None = None
        self._placing = False

    # ----- what is shown ------------------------------------------------------------------------

    def show(self, entries: list[JournalEntry], earlier: str | None = None,
             letters: dict[int, Letter] | None = None, files: dict[int, list[Attachment]] | None = None) -> None:
        """Show `entries` (in reading order), with the `earlier` line after the pinned ones, at the end;
        `letters`: the letter each message to the user went as (entry id: letter), named under it (R-MAIL-1);
        `files`: the files each entry came with, a line each under its text (issue 19)."""
        self.entries = list(entries)
        self.earlier = earlier
        self.letters = letters or {}
        self.files = files or {}
        pinned = sum(1 for entry in self.entries if entry.pinned)
        self._blocks = [*self.entries]
        if earlier is not None:
            self._blocks.insert(pinned, earlier)
        self._relayout()
        self._lay_out_from_end()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self._place()
        self.refresh()

    def shown(self, entry: JournalEntry) -> str:
        """An entry's text as drawn: a user's mail with the earlier mail it quotes at its end folded into one
        line (R-MAIL-2: kept whole in the journal; `show_quotes` unfolds it)."""
        return entry.body if self.show_quotes or entry.kind is not EntryKind.MESSAGE_FROM_USER \
            else folded_quotes(entry.body)

    def toggle_quotes(self) -> None:
        self.show_quotes = not self.show_quotes
        self.show(self.entries, self.earlier, self.letters, self.files)

    def block_lines(self, index: int) -> list[Strip]:
        """The lines block `index` (an entry, or the earlier line) is drawn as at the current width."""
        strips = self._laid.get(index)
        if strips is None:
            strips = self._laid[index] = self._draw(self._blocks[index], self._width or self._room())
        return strips

    def entry_lines(self, entry: JournalEntry) -> list[str]:
        """The text of the lines `entry` is drawn as (for tests and the curious)."""
        return [strip.text for strip in self.block_lines(self._blocks.index(entry))]

    @staticmethod
    def heading(entry: JournalEntry) -> str:
        """The title in a framed entry's top line, before any cut to fit the width."""
        return SEPARATOR.join(printable(part) for part in entry_title(entry) if part)

    def laid_out(self) -> int:
        """How many blocks are laid out (wrapped and drawn at the width) now."""
        return len(self._laid)

    def line_count(self) -> int:
        return self._starts[-1]

    # ----- layout -------------------------------------------------------------------------------

    def _relayout(self) -> None:
        """Heights for the current width: estimated, nothing drawn yet."""
        width = self._room()
        if not self.show_vertical_scrollbar and len(self._blocks) > self.size.height:
            # So many blocks will need the scroll bar (each takes a line at least): lay them out for the width it
            # leaves, rather than once without it and again when it shows.
            width -= self.styles.scrollbar_size_vertical
        self._width = width
        self._laid.clear()
        # Each block's height without wrapping it (a few string counts: 10,000 entries in about 10 ms), and
        # whether that is its height for sure (one short line of plain ASCII has nothing to wrap).
        framed, event = framed_width(width), max(1, event_width(width) - 18)  # an event's time takes 18 cells
        heights, exact = self._heights, self._exact = [], []
        for block in self._blocks:
            if isinstance(block, str):
                heights.append(1)
                exact.append(True)
                continue
            body, inner, frame = ((event_words(block), event, 0) if block.event is not None
                                  else (self.shown(block), framed, 2))
            attached = len(self.files.get(block.id, ())) if block.event is None else 0
            if attached:  # a line a file, laid out exactly once in sight
                heights.append(frame + attached + body.count("\n") + 1 + len(body) // inner)
                exact.append(False)
            elif not body or (len(body) <= inner and body.isascii() and body.isprintable()):
                heights.append(frame + 1)
                exact.append(True)
            else:
                heights.append(frame + body.count("\n") + 1 + len(body) // inner)
                exact.append(False)
        self._restart()

    def _restart(self) -> None:
        self._starts = [0, *accumulate(self._heights)]
        self.virtual_size = Size(self._width, self._starts[-1])

    def _measure(self, index: int) -> int:
        """Lay block `index` out; the difference from its estimated height."""
        height = len(self.block_lines(index))
        change, self._heights[index], self._exact[index] = height - self._heights[index], height, True
        return change

    def _lay_out_from_end(self) -> None:
        """The newest entries exactly, two screens of them: the journal opens there."""
        wanted, index = 2 * max(self.size.height, 20), len(self._blocks) - 1
        while index >= 0 and wanted > 0:
            if not self._exact[index]:
                self._measure(index)
            wanted -= self._heights[index]
            index -= 1
        self._restart()

    def _place(self) -> None:
        """Lay out the blocks from a screen above the top line to a screen below the bottom, exactly; when
        blocks wholly above the top were taller or shorter than estimated, scroll by that, so the lines on
        screen stay where they are."""
        if self._placing or not self._blocks:
            return
        self._placing = True
        try:
            height = max(1, self.size.height)
            for _ in range(100):  # each round lays out at least one block more; a few rounds do
                top = self.scroll_offset.y
                index = max(0, bisect_right(self._starts, top - height) - 1)
                shift, changed = 0, False
                while index < len(self._blocks) and self._starts[index] < top + 2 * height:
                    if not self._exact[index]:
                        above = self._starts[index + 1] <= top
                        change = self._measure(index)
                        shift += change if above else 0
                        changed = True
                    index += 1
                if not changed:
                    break
                self._restart()
                if shift:
                    self.scroll_to(y=top + shift, animate=False, immediate=True)
        finally:
            self._placing = False

    def _scroll_to(self, x: float | None = None, y: float | None = None, **kwargs: Any) -> bool:
        # Never animated: an animation heads for a line counted before the entries on its way were laid out,
        # and the first correction on the way would stop it short. A page moves at once, as the queue's does.
        kwargs["animate"] = False
        return super()._scroll_to(x, y, **kwargs)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._place()

    def _room(self) -> int:
        """The cells a line has: the view's width less its scroll bar's, when it shows one."""
        return self.scrollable_content_region.width

    def watch_show_vertical_scrollbar(self) -> None:
        self.call_later(self._fit_width)  # the bar takes (or gives back) cells: lay the lines out again

    def on_resize(self) -> None:
        self._fit_width()

    def _fit_width(self) -> None:
        if self._room() == self._width:
            self._place()
            return
        at_end = not self._width or self.scroll_offset.y >= self.max_scroll_y  # not yet laid out: it opens at its end
        top = self.scroll_offset.y
        first = max(0, bisect_right(self._starts, top) - 1) if self._blocks else 0
        self._relayout()
        if at_end:
            self._lay_out_from_end()
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        else:  # the same block at the top
            self.scroll_to(y=self._starts[first], animate=False, immediate=True)
        self._place()
        self.refresh()

    # ----- painting -----------------------------------------------------------------------------

    def _styles(self) -> dict[str, tuple[Style, Style]]:
        """Per component class: the frame's style, and its text's (the view's colour on the frame's
        background)."""
        if self._palette is None:
            own = self.rich_style
            self._palette = {"": (own, own)}
            for name in self.COMPONENT_CLASSES:
                style = self.get_component_rich_style(name)
                self._palette[name] = (style, Style(color=own.color, bgcolor=style.bgcolor))
            self._palette[KIND_CLASS["system_event"]] = (self.get_component_rich_style(KIND_CLASS["system_event"]),) * 2
            self._palette[EARLIER_CLASS] = (self.get_component_rich_style(EARLIER_CLASS),) * 2
        return self._palette

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._palette = None  # a new theme or stylesheet: read the colours again, draw every line again
        self._laid.clear()

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self._room()
        if not self._blocks or not 0 <= line < self._starts[-1]:
            return Strip.blank(width, self._styles()[""][0])
        index = bisect_right(self._starts, line) - 1
        strips = self.block_lines(index)
        offset = line - self._starts[index]
        if not self._exact[index] or width != self._width:
            self.call_later(self._fit_width)  # painted before it was placed (should not happen): place it now
        if offset >= len(strips):
            return Strip.blank(width, self._styles()[""][0])
        return strips[offset]

    def _draw(self, block: JournalEntry | str, width: int) -> list[Strip]:
        styles = self._styles()
        base = styles[""][0]
        margin = Segment(" " * MARGIN, base)
        if isinstance(block, str):  # the earlier line
            style = styles[EARLIER_CLASS][0]
            return [Strip([margin, Segment(set_cell_size(" " * PADDING + block, width - MARGIN), style)])
                    .crop_extend(0, width, base)]
        kind = block.kind.value
        frame_style, text_style = styles[KIND_CLASS[kind]]
        if block.event is not None:
            inner = event_width(width)
            gap = Segment(" " * PADDING, frame_style)
            return [Strip([margin, gap, Segment(set_cell_size(text, inner), frame_style), gap, margin])
                    .crop_extend(0, width, base) for text in wrap(event_text(block), inner)]
        top_left, across, top_right, side, bottom_left, bottom_right = FRAMES[kind]
        inner = framed_width(width)
        span = max(0, width - 2 * MARGIN - 2)  # between the corners
        top = fitted(self.heading(block), span, across)
        strips = [Strip([margin, Segment(top_left + top + top_right, frame_style), margin])]
        left, right = Segment(side, frame_style), Segment(side, frame_style)
        pad = " " * PADDING
        for text in wrap(printable(self.shown(block), keep_newlines=True), inner):
            strips.append(Strip([margin, left, Segment(pad + set_cell_size(text, inner) + pad, text_style), right,
                                 margin]))
        for attachment in self.files.get(block.id, ()):
            for text in wrap(printable(file_line(attachment)), inner):
                strips.append(Strip([margin, left, Segment(pad + set_cell_size(text, inner) + pad, text_style),
                                     right, margin]))
        letter = self.letters.get(block.id)
        bottom = fitted(printable(delivery_line(letter)), span, across) if letter else across * span
        strips.append(Strip([margin, Segment(bottom_left + bottom + bottom_right, frame_style), margin]))
        return [strip.crop_extend(0, width, base) for strip in strips]


def fitted(title: str, span: int, across: str) -> str:
    """A frame's top or bottom line of `span` cells with `title` in it, cut with … when it is too long."""
    room = max(0, span - 4)  # "─ " before the title, " ─" at least after it
    if cell_len(title) > room:
        title = set_cell_size(title, max(0, room - 1)) + "…" if room else ""
    line = f"{across} {title} " if title else ""
    return set_cell_size(line + across * max(0, span - cell_len(line)), span)
