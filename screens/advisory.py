"""Ask a specialist group for advice without handing over (`v`; R-ADVICE-1/2).

Allowed only while second line is closed; the request says what help is needed, why, and whether
a routine is missing. The ticket keeps its team, owner and status.
"""

from __future__ import annotations

import json
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from app.domain.advisory import AdvisoryRequest
from app.domain.models import Ticket
from app.drafts import load_draft
from app.i18n import t
from app.usecases import Desk
from screens.after_typing import after_typing
from screens.confirm import Confirm
from screens.draft_saver import DraftSaver
from screens.failures import attempt
from widgets.outside_text import literal, options, tell
from widgets.plain_input import PlainInput
from widgets.plain_text_area import PlainTextArea


class AdvisoryScreen(ModalScreen[Ticket | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,ctrl+j", "send", "Ask for advice", priority=True, id="advisory.send"),
        Binding("escape", "leave", "Back", id="advisory.back"),
    ]

    def __init__(self, desk: Desk, ticket: Ticket) -> None:
        super().__init__()
        self.desk = desk
        self.ticket = ticket
        # What was typed is kept on disk as it is typed, as a note's draft is: one text (JSON) for the fields.
        self.draft_key = f"{ticket.code}:advisory"
        self.draft = DraftSaver(self, self.draft_key)
        self._filling = False

    def compose(self) -> ComposeResult:
        groups = [(team.name, team.id) for team in self.desk.teams.values() if team.advisory]
        with VerticalScroll(id="advisory", classes="dialog"):
            yield Static(literal(t("Ask for advice on {code}: you keep the ticket and its status. Only while second "
                                   "line is closed (R-ADVICE-2).", code=self.ticket.code), style="bold"))
            yield Select(options(groups), value=groups[0][1] if groups else Select.NULL,
                         prompt=t("Specialist group"), id="advisory-team")
            yield Label(t("What help is needed"))
            yield PlainTextArea(id="advisory-help")
            yield Label(t("Why"))
            yield PlainTextArea(id="advisory-why")
            yield Checkbox(t("A routine for this is missing"), id="advisory-missing")
            yield PlainInput(placeholder=t("Routine you followed and where it fell short"), id="advisory-routine")
            yield Static(id="advisory-problem", classes="problem")

    def on_mount(self) -> None:
        self._bring_back(load_draft(self.draft_key))
        self.query_one("#advisory-help", TextArea).focus()

    def _bring_back(self, draft: str) -> None:
        try:
            kept = json.loads(draft) if draft else {}
        except ValueError:
            kept = {}
        if not isinstance(kept, dict):
            return
        self._filling = True  # the Changed messages of filling in are not new typing
        for field, name in (("#advisory-help", "help_needed"), ("#advisory-why", "why")):
            if isinstance(kept.get(name), str):
                self.query_one(field, TextArea).load_text(kept[name])
        if isinstance(kept.get("routine_note"), str):
            self.query_one("#advisory-routine", Input).value = kept["routine_note"]
        if isinstance(kept.get("routine_missing"), bool):
            self.query_one("#advisory-missing", Checkbox).value = kept["routine_missing"]
        self.call_after_refresh(self._filled)

    def _filled(self) -> None:
        self._filling = False

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _typed(self) -> None:
        if not self._filling:
            self.draft.changed(self._as_draft())

    def _as_draft(self) -> str:
        request = self.request()
        return json.dumps(request.model_dump(mode="json"), ensure_ascii=False) if self._typed_any(request) else ""

    @staticmethod
    def _typed_any(request: AdvisoryRequest) -> bool:
        return bool(request.help_needed.strip() or request.why.strip() or request.routine_note.strip())

    def on_unmount(self) -> None:
        self.draft.flush()  # closed some other way (the app quits): a draft still due is written

    def request(self) -> AdvisoryRequest:
        return AdvisoryRequest(
            help_needed=self.query_one("#advisory-help", TextArea).text,
            why=self.query_one("#advisory-why", TextArea).text,
            routine_missing=self.query_one("#advisory-missing", Checkbox).value,
            routine_note=self.query_one("#advisory-routine", Input).value,
        )

    @after_typing
    def action_send(self) -> None:
        team = self.query_one("#advisory-team", Select).value
        if team is Select.NULL:
            self.query_one("#advisory-problem", Static).update(Text(t("This desk has no specialist group.")))
            return
        self.send(str(team), self.request())

    @work(exclusive=True, group="send")
    async def send(self, team: str, request: AdvisoryRequest) -> None:
        ticket = await attempt(self, self.desk.escalate_advisory(self.ticket, team, request), self.desk.client.server,
                               self.query_one("#advisory-problem", Static))
        if ticket is None:
            return
        self.draft.finish("")  # asked: the draft has done its job
        tell(self, t("Advice asked of {team}.", team=self.desk.teams[team].name))
        self.dismiss(ticket)

    @work
    async def action_leave(self) -> None:
        if self._typed_any(self.request()) and not await self.app.push_screen_wait(
                Confirm(t("Discard this request for advice?"))):
            return
        self.draft.finish("")
        self.dismiss(None)
