"""Escalation form field h: files from disk, picked by path with completion (000 h; R-ESC-1).

A file is checked when it is added, so the agent learns at once, with the reason, that it is
missing, unreadable or too large; the typed path stays in the line to be corrected.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from app.domain.escalation_form import AttachmentRef
from app.i18n import t
from app.plain_text import one_for_one
from widgets.outside_text import literal
from widgets.plain_input import PlainInput


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (folders end in /); → accepts."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = os.path.expanduser(value)
        folder, start = os.path.split(typed)
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            return None
        for name in names:
            if one_for_one(name) != name:
                continue  # the suggestion is drawn as it is: a name with control characters is typed, not offered
            if name.startswith(start) and name != start and (start.startswith(".") or not name.startswith(".")):
                suffix = "/" if os.path.isdir(os.path.join(folder or ".", name)) else ""
                return value + name[len(start):] + suffix
        return None


class AttachmentOptions(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x,delete", "remove", "Remove file", id="files.remove")]

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(AttachmentPicker.RemoveRequested(self.highlighted))


class AttachmentPicker(Widget):
    DEFAULT_CSS = """
    AttachmentPicker { height: auto; }
    AttachmentPicker > OptionList { height: auto; max-height: 6; }
    AttachmentPicker > #attachment-problem { height: auto; color: $error; }
    """

    class Changed(Message):
        def __init__(self, picker: AttachmentPicker, attachments: list[AttachmentRef]) -> None:
            super().__init__()
            self.picker = picker
            self.attachments = attachments

        @property
        def control(self) -> AttachmentPicker:
            return self.picker

    class RemoveRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, attachments: list[AttachmentRef] | None = None, *, max_bytes: int, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._attachments = list(attachments or [])
        self.max_bytes = max_bytes

    def compose(self) -> ComposeResult:
        yield PlainInput(placeholder=t("path of a file to attach (→ completes), then enter"),
                         suggester=PathSuggester(), id="attachment-path")
        yield Static(id="attachment-problem")
        yield AttachmentOptions(id="attachment-options")

    def on_mount(self) -> None:
        self._refuse("")
        self._render_files()

    @property
    def attachments(self) -> list[AttachmentRef]:
        return list(self._attachments)

    def set_attachments(self, attachments: list[AttachmentRef]) -> None:
        self._attachments = list(attachments)
        self._render_files()
        self.post_message(self.Changed(self, self.attachments))

    def problem(self) -> str:
        return str(self.query_one("#attachment-problem", Static).render())

    def _render_files(self) -> None:
        options = self.query_one(AttachmentOptions)
        options.clear_options()
        # A file name is outside text: whoever named the file chose it.
        options.add_options([literal(f"{Path(a.path).name}  {human_size(a.size)}") for a in self._attachments])
        options.display = bool(self._attachments)
        if self._attachments:
            options.highlighted = len(self._attachments) - 1

    def _refuse(self, reason: str) -> None:
        problem = self.query_one("#attachment-problem", Static)
        problem.update(literal(reason))  # the reason names the path as typed
        problem.display = bool(reason)

    def check(self, typed: str) -> AttachmentRef | str:
        """The file at `typed`, or the reason it cannot be attached."""
        path = Path(typed).expanduser().absolute()
        if not path.exists():
            return t("{path} does not exist", path=typed)
        if path.is_dir():
            return t("{path} is a folder: pick a file in it", path=typed)
        try:
            with path.open("rb"):
                size = path.stat().st_size
        except OSError as error:
            return t("{path} cannot be read: {reason}", path=typed, reason=error.strerror or str(error))
        if size > self.max_bytes:
            return t("{name} is {size}; the limit is {limit}", name=path.name, size=human_size(size),
                     limit=human_size(self.max_bytes))
        if any(Path(a.path) == path for a in self._attachments):
            return t("{name} is attached already", name=path.name)
        return AttachmentRef(path=str(path), size=size)

    @on(Input.Submitted, "#attachment-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        checked = self.check(event.value.strip())
        if isinstance(checked, str):
            self._refuse(checked)  # the typed path stays, to be corrected
            return
        self._refuse("")
        event.input.value = ""
        self._attachments.append(checked)
        self._render_files()
        self.post_message(self.Changed(self, self.attachments))

    @on(Input.Changed, "#attachment-path")
    def _typing(self, event: Input.Changed) -> None:
        event.stop()  # a path is not part of the form until enter adds the file

    def on_attachment_picker_remove_requested(self, message: RemoveRequested) -> None:
        message.stop()
        del self._attachments[message.index]
        self._render_files()
        self.post_message(self.Changed(self, self.attachments))
