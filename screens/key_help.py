"""Helpline's own `?` (issue 19): the current screen's keys grouped by task, with their meaning, and the legend of
every mark the queue shows; `esc` and `?` close it (the app's bindings app.close_help and app.help).

It replaces Textual's key panel, which listed the widgets' generic keys ("Scroll Left", "Copy selected text")
and explained none of the marks. The grouping lives in GROUPS below, the one place that says which binding
belongs to which task (and which keys the footer shows first: FOOTER_FIRST).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Select, Static, TextArea

from app.i18n import t

# Binding ids by task, in the order the help shows the tasks; an id of no group is "Work on the ticket".
GROUPS: dict[str, tuple[str, ...]] = {
    "Move": ("queue.down", "queue.up", "queue.top", "queue.bottom", "queue.pagedown", "queue.pageup",
             "queue.open", "queue.command", "journal.jump", "journal.earlier", "app.next_field",
             "app.previous_field", "journal.back", "new.back", "form.back", "dispatch.back", "handover.back",
             "pending.back", "editor.discard", "letter.back", "advisory.back", "answer.back", "linked.back",
             "choose.cancel", "jump.close", "queue.close", "confirm.no", "confirm.yes"),
    "Work on the ticket": (),
    "Write": ("journal.note", "journal.message", "journal.retitle", "journal.supplier", "journal.handling",
              "editor.submit", "new.save", "new.quick", "form.submit", "form.help", "form.one_problem",
              "form.take_category", "dispatch.send", "dispatch.split", "dispatch.one_problem",
              "dispatch.take_category", "handover.send", "handover.one_problem", "handover.take_category",
              "pending.save", "letter.send", "letter.recipients", "advisory.send", "answer.send", "linked.send",
              "files.remove"),
    "Views": ("queue.view1", "queue.view2", "queue.view3", "queue.view4", "queue.view5", "queue.view6",
              "queue.view7", "queue.view8", "queue.view9", "queue.view0", "queue.filter", "queue.sort",
              "queue.candidates_team", "queue.refresh", "journal.refresh", "journal.reload_stale", "journal.quotes"),
    "App": ("app.help", "app.quit"),
}
DEFAULT_GROUP = "Work on the ticket"
NOT_LISTED = {"app.close_help", "help.close"}

# The footer's first keys, most used first; the rest follow in the screen's order as room allows (widgets/key_bar.py).
FOOTER_FIRST = ("app.help", "queue.open", "queue.new", "queue.filter", "queue.dispatch", "journal.note",
                "journal.message", "journal.pending", "journal.resolve", "journal.dispatch", "journal.escalate",
                "journal.back", "app.quit")

# What the queue's marks mean (widgets/ticket_list.py `_cells`, the Status and Flags columns).
MARKS = (
    ("*", "marked with space: u, a, p, d and A act on every marked row"),
    ("U", "Update flag: the user asked for news and waits for an answer (R-FLAG-1); red when overdue"),
    ("!", "Attention raised (a), or a Pending ticket whose moment has come"),
    ("N", "new in my team's queue since I last looked there (view 3), drawn bold"),
    ("returned ·", "back from second line with its solution, to be sent to the user (R-DISPATCH-4)"),
    ("P1 … P5, SR1 … SR3", "the priority (R-PRIO-1/2); P1 on red, P2 in red, P3 and SR1 in yellow"),
    ("…", "cut to the column; a row still loading"),
)


def footer_rank(binding: Binding) -> int:
    """Where the footer puts `binding`: the most used first (FOOTER_FIRST), then the others as declared."""
    return FOOTER_FIRST.index(binding.id) if binding.id in FOOTER_FIRST else len(FOOTER_FIRST)


def group_of(binding_id: str) -> str:
    return next((group for group, ids in GROUPS.items() if binding_id in ids), DEFAULT_GROUP)


def key_listing(screen: Screen[object]) -> Text:
    """The keys `screen` offers now, grouped by task, each with its meaning."""
    grouped: dict[str, list[tuple[str, str]]] = {group: [] for group in GROUPS}
    seen: set[str] = set(NOT_LISTED)
    if not isinstance(screen.focused, Input | TextArea | Select):  # tab moves between fields; a list has none
        seen |= {"app.next_field", "app.previous_field"}
    for _node, binding, enabled, _tooltip in screen.active_bindings.values():
        name = binding.id
        # Only Helpline's own bindings (each has an id): not the widgets' generic scroll and copy keys.
        if not name or not enabled or not binding.description or name in seen:
            continue
        seen.add(name)
        grouped[group_of(name)].append((screen.app.get_key_display(binding), t(binding.description)))
    text = Text()
    for group, keys in grouped.items():
        if not keys:
            continue
        text.append(t(group) + "\n", style="bold underline")
        for key, meaning in keys:
            text.append(f"  {key:>10}  ", style="bold")
            text.append(meaning + "\n")
        text.append("\n")
    return text


def mark_legend() -> Text:
    text = Text(t("Marks in the queue") + "\n", style="bold underline")
    for mark, meaning in MARKS:
        text.append(f"  {mark:>10}  ", style="bold")
        text.append(t(meaning) + "\n")
    return text


class KeyHelp(ModalScreen[None]):
    """`?` over any screen: its keys, then the marks; the app's esc and `?` close it."""

    DEFAULT_CSS = """
    KeyHelp { align: center middle; }
    #key-help { width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    """

    # A modal screen holds only the app's priority bindings (esc is one, app.close_help), not its `?`.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.close_help", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self._keys = key_listing(under)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="key-help"):
            yield Static(Text(t("Keys of this screen (esc or ? closes)"), style="dim"))
            yield Static(self._keys)
            yield Static(mark_legend())

    def on_mount(self) -> None:
        self.query_one("#key-help").focus()
