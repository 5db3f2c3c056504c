"""Drafts are written a moment after the last key and off the UI thread, yet nothing typed is lost:
submit, discard, leaving and quitting all write what is due (screens/note_editor.py, escalation form)."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from app.client import HelplineClient
from app.config import Settings
from app.domain.tickets import NewTicket
from app.drafts import drafts_path
from app.errors import Unavailable
from app.tui import HelplineApp
from screens.choose import Choose
from screens.confirm import Confirm
from screens.draft_saver import DraftSaver
from screens.escalation_form import EscalationFormScreen, draft_key
from screens.journal import JournalScreen
from screens.note_editor import NoteEditor
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle

THIRTY_KEYS = "Rebooted the AP in room 4 now."
NEVER = 3600.0  # a debounce that does not fire within a test: what is written then is written by a way out


@dataclass
class Writes:
    """Every replacement of the drafts file: the thread that did it and the drafts it wrote."""

    threads: list[threading.Thread] = field(default_factory=list)
    drafts: list[dict[str, str]] = field(default_factory=list)

    def off_the_ui_thread(self) -> bool:
        return all(thread is not threading.main_thread() for thread in self.threads)


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Writes:
    # os.replace is where every version of the drafts code puts its file in place.
    real_replace = os.replace
    seen = Writes()

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "drafts.json":
            seen.threads.append(threading.current_thread())
            seen.drafts.append(json.loads(Path(src).read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return seen


def on_disk() -> dict[str, str]:
    """The drafts file itself, not what the process still holds in memory."""
    path = drafts_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}  # type: ignore[no-any-return]


async def written(app: HelplineApp, pilot: Pilot[object]) -> None:
    """Wait for the drafts writes started so far. (`settle` would wait for the journal's worker too, which
    waits for the editor to close.)"""
    for _ in range(3):
        await pilot.pause()  # a timer that fired starts its write here
        for worker in [worker for worker in app.workers if worker.group == "drafts"]:
            with contextlib.suppress(WorkerCancelled):  # replaced by a newer write, which is awaited too
                await worker.wait()


async def open_editor(app: HelplineApp, pilot: object, code: str = "HL-2") -> NoteEditor:
    await open_journal(app, pilot, code)  # type: ignore[arg-type]
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, NoteEditor)
    return app.screen


async def test_thirty_keys_are_one_write_off_the_ui_thread(client: HelplineClient, writes: Writes,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await pilot.press(*THIRTY_KEYS)
        await written(app, pilot)
        assert editor.text == THIRTY_KEYS
        assert writes.drafts == [], "no write while the keys come"
        assert editor.draft is not None
        editor.draft.flush()  # what the timer does once typing pauses
        await written(app, pilot)
        assert writes.drafts == [{"HL-2:note": THIRTY_KEYS}]
        assert writes.off_the_ui_thread()
        assert on_disk() == {"HL-2:note": THIRTY_KEYS}
        editor.draft.flush()
        await written(app, pilot)
        assert len(writes.drafts) == 1, "nothing new: no second write"


async def test_the_timer_writes_the_draft_once_typing_pauses(client: HelplineClient, writes: Writes,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftSaver, "DELAY", 0)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await pilot.press(*"Swapped the dock")
        await written(app, pilot)
        assert isinstance(app.screen, NoteEditor) and app.screen is editor, "the editor is still open"
        assert on_disk() == {"HL-2:note": "Swapped the dock"}
        assert writes.drafts and writes.off_the_ui_thread()


async def test_submit_writes_the_draft_before_the_note_is_sent(client: HelplineClient, writes: Writes,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)

    async def down(*args: object, **kwargs: object) -> None:
        raise Unavailable("the store is not reachable")

    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor(app, pilot)
        await pilot.press(*THIRTY_KEYS)
        monkeypatch.setattr(client, "add_entry", down)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert on_disk() == {"HL-2:note": THIRTY_KEYS}, "a failed send loses nothing, even after a crash"
        assert writes.drafts == [{"HL-2:note": THIRTY_KEYS}] and writes.off_the_ui_thread()


async def test_a_stored_note_leaves_no_draft_however_late_the_write(client: HelplineClient, writes: Writes,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor(app, pilot)
        await pilot.press(*THIRTY_KEYS, "ctrl+s")
        await settle(app, pilot)
        assert (await client.get("HL-2")).journal[-1].body == THIRTY_KEYS
        assert on_disk() == {}, "the journal cleared the draft once the note was stored"
        assert {"HL-2:note": THIRTY_KEYS} in writes.drafts, "written at submit"
        assert len(writes.drafts) <= 2, "once at submit, once cleared: not once per key"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.text == ""


async def test_discard_forgets_the_draft_on_disk(client: HelplineClient, writes: Writes,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(app, pilot)
        await pilot.press(*THIRTY_KEYS)
        await written(app, pilot)
        assert writes.drafts == []
        assert editor.draft is not None
        editor.draft.flush()
        await written(app, pilot)
        assert on_disk() == {"HL-2:note": THIRTY_KEYS}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert on_disk() == {}, "discarded means gone from the disk too"
        assert len(writes.drafts) == 2 and writes.off_the_ui_thread()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.text == ""


async def test_quitting_with_the_editor_open_writes_the_draft(client: HelplineClient, writes: Writes,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor(app, pilot)
        await pilot.press(*THIRTY_KEYS)
        await written(app, pilot)
        assert writes.drafts == []
    # The app is gone with the editor open and its timer never fired.
    assert on_disk() == {"HL-2:note": THIRTY_KEYS}
    assert len(writes.drafts) == 1


# ----- the escalation form ---------------------------------------------------------------------------------


async def open_form(app: HelplineApp, pilot: object, client: HelplineClient) -> EscalationFormScreen:
    ticket = await client.create(NewTicket(subject="Printer on floor 2 jams on every job", requester="Eva Holm",
                                           description="Every print job jams in tray 2.", category="Printing"))
    await client.begin_work(ticket.code, ticket.version)
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, QueueScreen)
    app.screen.open_ticket(ticket.code)
    await settle(app, pilot)  # type: ignore[arg-type]
    await pilot.press("e")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, EscalationFormScreen)
    return app.screen


async def test_the_form_is_built_once_per_key_and_its_draft_written_once(client: HelplineClient, writes: Writes,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, client)
        built = 0
        real_form = EscalationFormScreen.form

        def counting(screen: EscalationFormScreen) -> object:
            nonlocal built
            built += 1
            return real_form(screen)

        monkeypatch.setattr(EscalationFormScreen, "form", counting)
        form.query_one("#serial_number", Input).focus()
        await pilot.press(*"CNB9K12345")
        await settle(app, pilot)
        assert built == 10, "one form per key"
        assert writes.drafts == []
        form.draft.flush()
        await settle(app, pilot)
        [written] = writes.drafts
        assert json.loads(written[draft_key(form.ticket.code)])["serial_number"] == "CNB9K12345"
        assert writes.off_the_ui_thread()


async def test_leaving_the_form_keeping_the_draft_writes_it(client: HelplineClient, writes: Writes,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, client)
        key = draft_key(form.ticket.code)
        form.query_one("#serial_number", Input).focus()
        await pilot.press(*"CNB9K12345")
        await settle(app, pilot)
        assert writes.drafts == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("enter")  # Keep the draft and leave
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert json.loads(on_disk()[key])["serial_number"] == "CNB9K12345"
        assert len(writes.drafts) == 1 and writes.off_the_ui_thread()


async def test_quitting_with_the_form_open_writes_its_draft(client: HelplineClient, writes: Writes,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    monkeypatch.setattr(DraftSaver, "DELAY", NEVER)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 50)) as pilot:
        form = await open_form(app, pilot, client)
        key = draft_key(form.ticket.code)
        form.query_one("#serial_number", Input).focus()
        await pilot.press(*"CNB9K12345")
        await settle(app, pilot)
        assert writes.drafts == []
    assert json.loads(on_disk()[key])["serial_number"] == "CNB9K12345"
    assert len(writes.drafts) == 1
