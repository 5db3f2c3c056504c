"""The Textual App: connects the desk in a worker, then shows the queue."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

import styles
from app.client import HelplineClient
from app.config import Settings
from app.errors import HelplineError
from app.i18n import t

if TYPE_CHECKING:
    from app.usecases import Desk
    from screens.queue import QueueScreen


class HelplineApp(App[None]):
    TITLE = "Helpline"
    CSS_PATH = str(Path(styles.__file__).parent / "app.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_from_lists", "Quit", id="app.quit"),
        Binding("question_mark", "toggle_help", "Help", id="app.help"),
    ]

    def __init__(self, settings: Settings, store: Path | None = None, client: HelplineClient | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self._client = client
        self._owns_client = client is None  # a client handed in is closed by whoever made it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`q` quits from the queue and the journal only: on a form a stray q (on a list or a choice)
        must not close the app mid-escalation; esc leaves the form first, ctrl+q still quits."""
        if action == "quit_from_lists":
            from screens.journal import JournalScreen
            from screens.queue import QueueScreen

            return isinstance(self.screen, QueueScreen | JournalScreen) or not self.screen_stack[1:]
        return True

    async def action_quit_from_lists(self) -> None:
        await self.action_quit()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("Connecting…"), id="connecting")
        yield Footer()

    def on_mount(self) -> None:
        self.connect()

    @work(exclusive=True, group="connect")
    async def connect(self) -> None:
        from app.connect import open_client
        from app.usecases import Desk
        from screens.queue import QueueScreen

        message = self.query_one("#connecting", Static)
        try:
            client = self._client or open_client(self.settings, self.store)
            self._client = client
            desk = await Desk.connect(client)
        except HelplineError as error:
            server = self._client.server if self._client else self.settings.backend.kind
            # The error may name the server itself ("cannot reach <server>: ..."); it is said once.
            reason = error.message if server in error.message else f"{server}: {error.message}"
            message.update(Text(t("Cannot connect. {reason}\nPress q to quit.", reason=reason), style="bold red"))
            return
        queue = QueueScreen(desk, self.settings)
        await self.push_screen(queue)
        if not self.settings.backend.read_only:  # housekeeping changes tickets; a read-only store must not
            self.housekeeping(desk, queue)

    @work(group="housekeeping")
    async def housekeeping(self, desk: Desk, queue: QueueScreen) -> None:
        """R-STATUS-6 on every start, behind the queue: after a long break it may close thousands of tickets,
        and the agent should not wait for that to see their work."""
        try:
            closed = await desk.auto_close()
        except HelplineError as error:
            self.notify(t("Housekeeping failed: {error}", error=error.message), severity="warning", markup=False)
            return
        if closed:
            self.notify(t("{n} ticket(s) resolved 30 days ago were closed (R-STATUS-6).", n=len(closed)),
                        markup=False)
            if queue.is_attached:
                queue.load()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """ctrl+p lists every action of the current screen, named as in `?` help, with its key."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for key, (node, binding, enabled, _) in screen.active_bindings.items():
            if not enabled or not binding.id or not binding.description or binding.id in seen:
                continue
            seen.add(binding.id)
            yield SystemCommand(t(binding.description), t("key: {key}", key=self.get_key_display(binding) or key),
                                partial(self.run_action, binding.action, node))

    def action_toggle_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    async def on_unmount(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
