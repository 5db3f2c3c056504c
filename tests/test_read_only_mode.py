"""A store whose folder cannot be written is refused with the way forward, and
`--read-only` opens it to read everything and change nothing; nothing in the store changes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from textual.widgets import TextArea

from app.backends.local_store import LocalStore
from app.cli import main
from app.config import BackendSettings, Settings
from app.connect import local_client
from app.errors import ReadOnly, StoreDamaged
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.journal import JournalScreen
from screens.note_editor import NoteEditor
from tests.pilot_helpers import open_journal, settle
from widgets.ticket_list import TicketList

NOTE = "Rebooted the switch in room 1.12; the phones are back."


def fingerprint(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def read_only_folder(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo store on a folder that refuses every write (as a read-only mount does, even to root)."""
    seed_demo(store_dir)
    real_open = os.open

    def refusing(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).startswith(str(store_dir)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(30, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)
    return store_dir


def test_an_unwritable_store_names_the_file_and_the_way_forward(read_only_folder: Path) -> None:
    with pytest.raises(StoreDamaged) as refused:
        LocalStore(read_only_folder)
    assert refused.value.path.endswith("lock") and "Read-only file system" in refused.value.reason
    assert "--read-only" in refused.value.reason


def test_read_only_reads_everything_and_refuses_every_change(read_only_folder: Path) -> None:
    before = fingerprint(read_only_folder)
    store = LocalStore(read_only_folder, read_only=True)
    assert len(store.rows()) > 50 and store.get("HL-5").journal
    with pytest.raises(ReadOnly, match="read-only"):
        store.update("HL-5", lambda ticket: None)
    with pytest.raises(ReadOnly):
        store.rebuild_index()
    store.close()
    assert fingerprint(read_only_folder) == before


async def test_the_workstation_in_read_only_mode_shows_the_queue_and_keeps_a_refused_note(
    read_only_folder: Path,
) -> None:
    before = fingerprint(read_only_folder)
    client = local_client(read_only_folder, "anna", read_only=True)
    settings = Settings(backend=BackendSettings(read_only=True))
    app = HelplineApp(settings, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert [row for row in app.screen.query_one(TicketList).rows if row is not None]
        await open_journal(app, pilot, "HL-5")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*NOTE, "ctrl+s")
        await settle(app, pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("read-only" in message for message in messages), messages
        assert isinstance(app.screen, JournalScreen), "the app goes on"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == NOTE, "the refused note is kept to send later"
    await client.aclose()
    assert fingerprint(read_only_folder) == before, "read-only changed nothing, housekeeping included"


def test_the_command_line_reads_and_refuses_in_one_line(read_only_folder: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(read_only_folder), "list"]) != 0
    assert "--read-only" in capsys.readouterr().err
    assert main(["--read-only", "--store", str(read_only_folder), "list", "--json"]) == 0
    assert "HL-5" in capsys.readouterr().out
    code = main(["--read-only", "--store", str(read_only_folder), "new", "--subject", "Beamer in 1.12 shows no "
                 "picture", "--requester", "Karin Dahl", "--allow-duplicate"])
    err = capsys.readouterr().err
    assert code != 0 and "read-only" in err and len(err.strip().splitlines()) == 1
