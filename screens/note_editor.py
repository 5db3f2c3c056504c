"""A multi-line editor for a note: ctrl+s (or ctrl+j) submits, esc asks before discarding."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from app.domain.escalation_form import AttachmentRef
from app.domain.limits import MAX_ATTACHMENT_BYTES
from app.drafts import load_draft
from app.i18n import t
from screens.after_typing import after_typing
from screens.confirm import Confirm
from screens.draft_saver import DraftSaver
from widgets.attachment_picker import AttachmentPicker
from widgets.outside_text import literal_lines
from widgets.plain_text_area import PlainTextArea


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the text, or None when the agent discards it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Many terminals never deliver ctrl+enter, so submit has keys every terminal sends.
        Binding("ctrl+s,ctrl+j", "submit", "Save", id="editor.submit", priority=True),
        Binding("escape", "discard", "Back", id="editor.discard"),
    ]

    def __init__(self, title: str, text: str = "", draft_key: str | None = None, *, files: bool = False,
                 attached: list[AttachmentRef] | None = None) -> None:
        """With `draft_key`, the text is kept on disk as it is typed and offered again next time; with `files`,
        files can be attached under it (issue 19: the escalation form's picker; tab reaches it), read by the
        caller from `attached` once the editor is done."""
        super().__init__()
        self.with_files = files
        self.attached: list[AttachmentRef] = list(attached or [])
        self.title_text = title
        self.draft_key = draft_key
        self.initial = text or (load_draft(draft_key) if draft_key else "")
        self.draft = DraftSaver(self, draft_key) if draft_key else None

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static(literal_lines(self.title_text, style="bold"))  # may name a user or a team
            yield PlainTextArea(self.initial, id="editor-text")
            if self.with_files:
                yield AttachmentPicker(self.attached, max_bytes=MAX_ATTACHMENT_BYTES, id="editor-files")
            yield Static(Text(t("ctrl+s save · esc back"), style="dim"), id="editor-error")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)  # a draft brought back is continued, not typed in front of
        area.focus()

    def on_text_area_changed(self) -> None:
        if self.draft:
            self.draft.changed(self.text)

    def on_unmount(self) -> None:
        if self.draft:
            self.draft.flush()  # closed some other way (the app quits): a draft still due is written

    def _forget_draft(self) -> None:
        if self.draft:
            self.draft.finish("")

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @after_typing
    def action_submit(self) -> None:
        if not self.text.strip():
            self.query_one("#editor-error", Static).update(
                Text(t("An empty entry says nothing: write the text first."), style="bold red"))
            return
        # The draft stays until the caller has stored the text: a failed save loses nothing.
        if self.draft:
            self.draft.finish(self.text)
        if self.with_files:
            self.attached = self.query_one(AttachmentPicker).attachments
        self.dismiss(self.text)

    @work
    async def action_discard(self) -> None:
        if self.text.strip() and not await self.app.push_screen_wait(Confirm(t("Discard this note?"))):
            return
        self._forget_draft()
        self.dismiss(None)
