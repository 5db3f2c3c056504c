"""Escalation form field d: the troubleshooting steps already done, as an ordered list (000 d; R-ESC-1).

Enter in the line adds a step; on the list, enter (or e) edits the highlighted step, x or delete
removes it, K / J (or ctrl+up / ctrl+down) move it. Steps are shown literally, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList

from app.i18n import t
from widgets.outside_text import literal
from widgets.plain_input import PlainInput


class StepOptions(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit step", id="steps.edit"),
        Binding("x,delete", "remove", "Remove step", id="steps.remove"),
        Binding("K,ctrl+up", "move(-1)", "Move up", id="steps.up"),
        Binding("J,ctrl+down", "move(1)", "Move down", id="steps.down"),
    ]

    def action_edit(self) -> None:
        if self.highlighted is not None:
            self.post_message(StepList.EditRequested(self.highlighted))

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(StepList.RemoveRequested(self.highlighted))

    def action_move(self, by: int) -> None:
        if self.highlighted is not None:
            self.post_message(StepList.MoveRequested(self.highlighted, by))


class StepList(Widget):
    DEFAULT_CSS = """
    StepList { height: auto; }
    StepList > OptionList { height: auto; max-height: 8; }
    """

    class Changed(Message):
        def __init__(self, step_list: StepList, steps: list[str]) -> None:
            super().__init__()
            self.step_list = step_list
            self.steps = steps

        @property
        def control(self) -> StepList:
            return self.step_list

    class EditRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class RemoveRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class MoveRequested(Message):
        def __init__(self, index: int, by: int) -> None:
            super().__init__()
            self.index = index
            self.by = by

    def __init__(self, steps: list[str] | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._steps = list(steps or [])
        self._editing: int | None = None

    def compose(self) -> ComposeResult:
        yield PlainInput(placeholder=t("a step you already tried, then enter"), id="step-input")
        yield StepOptions(id="step-options")

    def on_mount(self) -> None:
        self._render_steps()

    @property
    def steps(self) -> list[str]:
        return list(self._steps)

    def set_steps(self, steps: list[str]) -> None:
        self._steps = list(steps)
        self._editing = None
        self._render_steps()
        self._changed()

    def _render_steps(self, highlight: int | None = None) -> None:
        options = self.query_one(StepOptions)
        options.clear_options()
        options.add_options([literal(f"{n}. {step}") for n, step in enumerate(self._steps, 1)])
        options.display = bool(self._steps)  # no empty box before the first step
        if self._steps:
            options.highlighted = min(highlight if highlight is not None else 0, len(self._steps) - 1)

    def _changed(self) -> None:
        self.post_message(self.Changed(self, self.steps))

    @on(Input.Submitted, "#step-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        if self._editing is not None and self._editing < len(self._steps):
            self._steps[self._editing] = text
            at = self._editing
        else:
            self._steps.append(text)
            at = len(self._steps) - 1
        self._editing = None
        event.input.value = ""
        self._render_steps(at)
        self._changed()

    @on(Input.Changed, "#step-input")
    def _typing(self, event: Input.Changed) -> None:
        event.stop()  # the step is not part of the form until enter adds it

    @on(OptionList.OptionSelected, "#step-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._edit(event.option_index)

    def on_step_list_edit_requested(self, message: EditRequested) -> None:
        message.stop()
        self._edit(message.index)

    def on_step_list_remove_requested(self, message: RemoveRequested) -> None:
        message.stop()
        del self._steps[message.index]
        self._editing = None
        self._render_steps(message.index)
        self._changed()

    def on_step_list_move_requested(self, message: MoveRequested) -> None:
        message.stop()
        to = message.index + message.by
        if 0 <= to < len(self._steps):
            steps = self._steps
            steps[message.index], steps[to] = steps[to], steps[message.index]
            self._render_steps(to)
            self._changed()

    def _edit(self, index: int) -> None:
        self._editing = index
        box = self.query_one("#step-input", Input)
        box.value = self._steps[index]
        box.focus()

    def on_key(self, event: events.Key) -> None:
        """esc while editing a step cancels the edit; otherwise it goes on to the screen."""
        if event.key == "escape" and self._editing is not None:
            self._editing = None
            self.query_one("#step-input", Input).value = ""
            event.stop()
            event.prevent_default()
