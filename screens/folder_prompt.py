"""Which folder an attachment is saved in (issue 19): one line, filled in with the usual folder; enter saves there,
esc saves nothing."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from app.i18n import t
from widgets.attachment_picker import PathSuggester
from widgets.outside_text import literal_lines
from widgets.plain_input import PlainInput


class FolderPrompt(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="folder.back")]

    def __init__(self, title: str, folder: Path) -> None:
        super().__init__()
        self.title_text = title
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="choose"):
            yield Static(literal_lines(self.title_text, style="bold"))  # names the file, as its sender did
            yield PlainInput(str(self.folder), suggester=PathSuggester(), id="folder-path")
            yield Static(Text(t("enter saves in this folder (→ completes) · esc back"), style="dim"),
                         id="folder-problem")

    def on_mount(self) -> None:
        self.query_one(PlainInput).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        folder = Path(event.value.strip() or ".").expanduser()
        if not folder.is_dir():  # said at the line, the typed folder kept to be corrected
            self.query_one("#folder-problem", Static).update(
                literal_lines(t("{folder} is not a folder", folder=str(folder)), style="bold red"))
            return
        self.dismiss(folder)

    def action_back(self) -> None:
        self.dismiss(None)
