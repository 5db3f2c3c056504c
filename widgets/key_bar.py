"""The bottom line of every screen: the keys the screen offers now, drawn as one line of text.

It stands in for Textual's `Footer`, which builds a widget per key and builds them all again whenever the
bindings change (three times as a screen opens): with the journal's forty keys that was most of the time it
took to open a ticket (issue 16's profile, in bench/). This one is a single widget that only repaints.
Clicking a key presses it, as the footer did.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget

from screens.key_help import footer_rank


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, Binding, bool]] = []  # where each key was drawn, for a click
        self._shape: object = None  # what the line was drawn for
        self._line: Strip | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The keys to show, one per action, in the screen's order; and the command palette's, apart."""
        keys: dict[str, tuple[Binding, bool]] = {}
        palette: tuple[Binding, bool] | None = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding, enabled)
            elif binding.show:
                keys.setdefault(binding.action, (binding, enabled))
        # Issue 19: the most used keys first, so that an 80-column footer shows them (screens/key_help.py).
        return sorted(keys.values(), key=lambda shown: footer_rank(shown[0])), palette

    def render_line(self, y: int) -> Strip:
        """The one line, built again only when the keys or the width changed (it is asked on every repaint)."""
        keys, palette = self._shown()
        width = self.size.width
        shape = (width, tuple((b.key, b.description, on) for b, on in keys), palette and (palette[0].key, palette[1]))
        if shape != self._shape or self._line is None:
            self._shape, self._line = shape, self._draw(keys, palette, width)
        return self._line

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None  # a new theme: the colours are read again

    def _draw(self, keys: list[tuple[Binding, bool]], palette: tuple[Binding, bool] | None, width: int) -> Strip:
        styles = {name: self.get_component_rich_style(name) for name in self.COMPONENT_CLASSES}
        base = self.rich_style

        def item(binding: Binding, enabled: bool) -> list[Segment]:
            dim = styles["key-bar--disabled"] if not enabled else Style()
            described = [Segment(f"{binding.description} ", base + styles["key-bar--description"] + dim)]
            return [Segment(f" {self.app.get_key_display(binding)} ", base + styles["key-bar--key"] + dim),
                    *(described if binding.description else [])]

        right = [Segment("▏", base), *item(*palette)] if palette else []
        room = width - Segment.get_line_length(right)
        segments: list[Segment] = []
        used = 0
        self._spans = []
        for binding, enabled in keys:
            drawn = item(binding, enabled)
            length = Segment.get_line_length(drawn)
            if used + length > room:
                break  # a screen too narrow for all its keys: `?` lists every one
            self._spans.append((used, used + length, binding, enabled))
            segments += drawn
            used += length
        if palette:
            segments.append(Segment(" " * max(0, room - used), base))
            self._spans.append((max(used, room) + 1, width, *palette))
            segments += right
        return Strip(segments).crop_extend(0, width, base)

    def on_click(self, event: events.Click) -> None:
        for start, end, binding, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(binding.key)
                else:
                    self.app.bell()
                return
