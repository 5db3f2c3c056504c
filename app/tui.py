"""The Textual App: connects the desk in a worker, then shows the queue.

A crash must neither hide (exit status 0) nor spill: Textual's own report is a traceback with the locals of
every frame, which hold ticket text, printed on the agent's terminal. `run_workstation` instead writes the
plain traceback to the private log and says one line on stderr; the exit status is not 0.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static

import styles
from app.binding_words import speak_bindings
from app.cli_logging import open_private_log
from app.client import HelplineClient
from app.config import Settings, log_path
from app.domain.desk_texts import DeskTexts
from app.errors import HelplineError
from app.i18n import t
from app.plain_text import printable
from widgets.key_bar import KeyBar
from widgets.outside_text import literal_lines, tell

if TYPE_CHECKING:
    from app.usecases import Desk
    from screens.queue import QueueScreen


class HelplineApp(App[None]):
    TITLE = "Helpline"
    CSS_PATH = str(Path(styles.__file__).parent / "app.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_from_lists", "Quit", id="app.quit"),
        Binding("question_mark", "toggle_help", "Help", id="app.help"),
        # Issue 19: esc closes `?` (first, before the screen's own esc), and only while it is open.
        Binding("escape", "close_help", "Close help", show=False, priority=True, id="app.close_help"),
        # Issue 19: tab moves the focus as the app takes the key from the terminal, before the keys after it are
        # handed on. As the screen's binding (Textual's own), it ran only when the field that had the focus came
        # to the tab in its queue: the keys behind it had already been handed to that field, so a burst
        # ("Lotte<tab>BBB", a paste, a scanner) saved the requester as "LotteBBB".
        Binding("tab", "focus_next", "Next field", show=False, priority=True, id="app.next_field"),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True, id="app.previous_field"),
    ]

    def __init__(self, settings: Settings, store: Path | None = None, client: HelplineClient | None = None) -> None:
        # Issue 19: the footer, `?` and the palette read binding descriptions from each class's bindings;
        # translated there once, before this app's own are copied, they all speak the language (app/binding_words.py).
        speak_bindings()
        super().__init__()
        self.settings = settings
        self.store = store
        self._client = client
        self._owns_client = client is None  # a client handed in is closed by whoever made it
        self.desk_texts = DeskTexts()  # issue 19: loaded on connecting
        self.crash: str | None = None  # after an unhandled exception: the one line to say on stderr

    def note_crash(self, error: BaseException) -> None:
        """The traceback (no locals) into the private log; the first crash's line kept for stderr."""
        try:
            where = t("details in {path}", path=printable(str(write_crash_log(error))))
        except OSError as failure:
            reason = printable(failure.strerror or str(failure))
            where = t("its details could not be written to {path}: {reason}", path=printable(str(crash_log_path())),
                      reason=reason)
        if self.crash is None:
            self.crash = "helpline: " + t("the workstation stopped on an internal error ({error}); {where}",
                                          error=type(error).__name__, where=where)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one way out for an unhandled exception: it exits the app with return code 1 (and Pilot
        re-raises the error in a test). Its report would be printed on the terminal when the app ends, with
        the locals of every frame: it is dropped, the log has the traceback."""
        self.note_crash(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`q` quits from the queue and the journal only: on a form a stray q (on a list or a choice)
        must not close the app mid-escalation; esc leaves the form first, ctrl+q still quits."""
        if action == "quit_from_lists":
            from screens.journal import JournalScreen
            from screens.queue import QueueScreen

            return isinstance(self.screen, QueueScreen | JournalScreen) or not self.screen_stack[1:]
        if action == "close_help":
            from screens.key_help import KeyHelp

            return isinstance(self.screen, KeyHelp)
        return True

    async def action_quit_from_lists(self) -> None:
        await self.action_quit()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("Connecting…"), id="connecting")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.settings.keymap:  # issue 19: the agent's own keys (checked before the app starts, run_workstation)
            self.set_keymap(self.settings.keymap)
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
            desk.category_keywords = self.settings.categories  # R-DISPATCH-5: the desk's own keywords
        except HelplineError as error:
            server = self._client.server if self._client else self.settings.backend.kind
            # The error may name the server itself ("cannot reach <server>: ..."); it is said once.
            reason = error.message if server in error.message else f"{server}: {error.message}"
            message.update(literal_lines(t("Cannot connect. {reason}\nPress q to quit.", reason=reason),
                                         style="bold red"))
            return
        self.desk_texts = self._desk_texts()
        queue = QueueScreen(desk, self.settings)
        await self.push_screen(queue)
        for problem in self.desk_texts.problems:  # issue 19: a refused snippet or macro file, named with its line
            tell(self, problem, severity="warning", timeout=15)
        if not self.settings.backend.read_only:  # housekeeping changes tickets; a read-only store must not
            self.housekeeping(desk, queue)

    def _desk_texts(self) -> DeskTexts:
        """The desk's canned answers and macros (issue 19): its own from a local store, else the built-in ones."""
        from app.backends.desk_text_files import desk_texts
        from app.backends.store_files import StoreFiles
        from app.config import resolve_store_dir

        if self.settings.backend.kind != "local":
            return DeskTexts()
        root = resolve_store_dir(self.settings, self.store)
        try:
            return desk_texts(StoreFiles(root, self.settings.backend.trust_foreign), root)
        except (HelplineError, OSError) as error:
            return DeskTexts(problems=[str(error)])

    @work(group="housekeeping")
    async def housekeeping(self, desk: Desk, queue: QueueScreen) -> None:
        """R-STATUS-6 on every start, behind the queue: after a long break it may close thousands of tickets,
        and the agent should not wait for that to see their work."""
        try:
            closed = await desk.auto_close()
        except HelplineError as error:
            tell(self, t("Housekeeping failed: {error}", error=error.message), severity="warning")
            return
        if closed:
            tell(self, t("{n} ticket(s) resolved 30 days ago were closed (R-STATUS-6).", n=len(closed)))
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
            yield SystemCommand(binding.description, t("key: {key}", key=self.get_key_display(binding) or key),
                                partial(self.run_action, binding.action, node))

    def action_close_help(self) -> None:
        from screens.key_help import KeyHelp

        if isinstance(self.screen, KeyHelp):
            self.pop_screen()

    def action_toggle_help(self) -> None:
        """Issue 19: Helpline's own `?` (screens/key_help.py), the keys of the screen under it by task."""
        from screens.key_help import KeyHelp

        if isinstance(self.screen, KeyHelp):
            self.pop_screen()
        else:
            self.push_screen(KeyHelp(self.screen))

    async def on_unmount(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()


def crash_log_path() -> Path:
    """The private log in the data folder, the one the command line writes its failures to as well."""
    return log_path()


def write_crash_log(error: BaseException) -> Path:
    """Append the plain traceback of `error` to the private log (0600, in the data folder); its path.

    No locals: they hold ticket text. The messages in the traceback may name data too, which is why the
    file is the owner's only; its control characters are made visible, so that reading it with `cat`
    runs nothing.
    """
    path = crash_log_path()
    report = printable("".join(traceback.format_exception(error)), keep_newlines=True)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    with open_private_log(path) as log:
        log.write(f"{when} the workstation stopped on an internal error\n{report}\n")
    return path


def run_workstation(settings: Settings, store: Path | None = None, *, headless: bool = False) -> int:
    """`helpline tui`: the workstation until the agent quits; the exit status, 1 after a crash, 2 for a keymap
    that cannot be used."""
    from screens.keymap import keymap_problems

    problems = keymap_problems(settings.keymap)
    if problems:
        print("helpline: " + t("[keymap] in config.toml: {problems}",
                               problems="; ".join(printable(problem) for problem in problems)), file=sys.stderr)
        return 2
    app = HelplineApp(settings, store=store)
    try:
        app.run(headless=headless)
    except Exception as error:  # outside Textual's handling, e.g. while it takes over the terminal
        app.note_crash(error)
    if app.crash is not None:
        print(app.crash, file=sys.stderr)
        return 1
    return app.return_code or 0
