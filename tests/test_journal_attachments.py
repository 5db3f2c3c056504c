"""Issue 19 in the running app: `f` in the journal lists a ticket's files (name and size) and opens one with the
system's opener (here a recording fake named by `opener` in the config) or saves it to a folder, never over a
file there; `n` (and `R`) take files, listed under the entry in the journal."""

from __future__ import annotations

import base64
import stat
import sys
from pathlib import Path

from app.api.schemas import AttachmentIn, NoteIn
from app.client import HelplineClient
from app.config import Settings
from app.domain.enums import EntryKind
from app.tui import HelplineApp
from screens.choose import Choose
from screens.folder_prompt import FolderPrompt
from screens.journal import JournalScreen
from screens.note_editor import NoteEditor
from tests.pilot_helpers import notifications, open_journal, settle
from widgets.journal_view import JournalView

DATA = b"%PDF-1.4 \x00\x01\x02 the invoice\n" * 100
RECORDER = """import shutil, sys
shutil.copyfile(sys.argv[-1], sys.argv[1])
open(sys.argv[1] + ".path", "w").write(sys.argv[-1])
"""


async def with_invoice(client: HelplineClient, name: str = "invoice.pdf") -> None:
    await client.add_entry("HL-12", NoteIn(body="The user's invoice, forwarded", files=[
        AttachmentIn(name=name, content_type="application/pdf", data=base64.b64encode(DATA))]))


async def pick_first(app: HelplineApp, pilot: object, how: int) -> None:
    """f, the newest file, then Open it (0) or Save it to a folder (1)."""
    await pilot.press("f")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, Choose)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, Choose)
    await pilot.press(*(["down"] * how), "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_f_opens_an_attachment_with_the_configured_opener_from_a_private_copy(
        client: HelplineClient, tmp_path: Path) -> None:
    await with_invoice(client)
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER)
    record = tmp_path / "opened.bin"
    app = HelplineApp(Settings(opener=f"{sys.executable} {script} {record}"), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-12")
        told = notifications(app)
        await pick_first(app, pilot, 0)
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
    assert record.read_bytes() == DATA
    opened = Path((tmp_path / "opened.bin.path").read_text())
    assert opened.name == "invoice.pdf" and opened.read_bytes() == DATA
    assert stat.S_IMODE(opened.stat().st_mode) == 0o600 and stat.S_IMODE(opened.parent.stat().st_mode) == 0o700
    assert any("Opened invoice.pdf" in said for said in told), told


async def test_an_opener_that_is_missing_names_where_the_file_was_saved(client: HelplineClient) -> None:
    await with_invoice(client)
    app = HelplineApp(Settings(opener="/nonexistent/helpline-opener"), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-12")
        told = notifications(app)
        await pick_first(app, pilot, 0)
        await settle(app, pilot)
    (said,) = [s for s in told if "No program to open files" in s]
    saved = Path(said.split("the file is saved at ", 1)[1].strip())
    assert saved.read_bytes() == DATA


async def test_f_saves_an_attachment_to_the_folder_and_never_over_a_file_there(
        client: HelplineClient, tmp_path: Path) -> None:
    await with_invoice(client)
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "invoice.pdf").write_bytes(b"mine")
    app = HelplineApp(Settings(download_folder=folder), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-12")
        told = notifications(app)
        await pick_first(app, pilot, 1)
        assert isinstance(app.screen, FolderPrompt)
        assert app.screen.query_one("#folder-path").value == str(folder)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(app, pilot)
        await pick_first(app, pilot, 1)
        await pilot.press("enter")
        await settle(app, pilot)
    assert (folder / "invoice.pdf").read_bytes() == b"mine"
    assert (folder / "invoice (1).pdf").read_bytes() == DATA
    assert (folder / "invoice (2).pdf").read_bytes() == DATA
    assert any("invoice (1).pdf" in said for said in told), told


async def test_a_hostile_file_name_is_saved_under_a_harmless_name_inside_the_folder(
        client: HelplineClient, tmp_path: Path) -> None:
    await with_invoice(client, "../../\x1b]0;pwned\x07evil.sh")
    app = HelplineApp(Settings(download_folder=tmp_path), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, "HL-12")
        await pick_first(app, pilot, 1)
        await pilot.press("enter")
        await settle(app, pilot)
    saved = [p for p in tmp_path.iterdir() if p.is_file()]
    assert len(saved) == 1 and saved[0].read_bytes() == DATA
    assert saved[0].parent == tmp_path and all(ch.isprintable() for ch in saved[0].name)
    assert not stat.S_IMODE(saved[0].stat().st_mode) & 0o111  # never executable, whatever its name says


async def test_n_attaches_a_file_to_the_note_and_the_journal_lists_it_under_the_note(
        client: HelplineClient, tmp_path: Path) -> None:
    report = tmp_path / "ping report.txt"
    report.write_bytes(b"64 bytes from 10.0.0.1\n" * 3)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, "HL-12")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Ping log from the user's laptop attached")
        app.screen.query_one("#attachment-path").focus()
        await pilot.press(*str(report), "enter")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        ticket = journal.ticket
        assert ticket is not None
        note = ticket.journal[-1]
        assert note.kind is EntryKind.INTERNAL_NOTE and note.body == "Ping log from the user's laptop attached"
        (listed,) = [a for a in ticket.attachments if a.entry == note.id]
        assert listed.name == "ping report.txt" and listed.size == report.stat().st_size
        lines = journal.query_one(JournalView).entry_lines(note)
        assert any("📎 ping report.txt (69 B)" in line for line in lines), lines
    async with client.attachment("HL-12", listed) as chunks:
        assert b"".join([c async for c in chunks]) == report.read_bytes()


async def test_r_attaches_a_file_to_the_letter_and_keeps_it_when_going_back_from_the_preview(
        client: HelplineClient, tmp_path: Path) -> None:
    from screens.letter_preview import LetterPreview

    guide = tmp_path / "vpn-guide.pdf"
    guide.write_bytes(b"%PDF the guide")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        journal = await open_journal(app, pilot, "HL-12")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Dear user, the VPN guide is attached: follow its three steps.")
        app.screen.query_one("#attachment-path").focus()
        await pilot.press(*str(guide), "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LetterPreview)
        await pilot.press("escape")  # back to the text: the file is still attached
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert [Path(a.path).name for a in app.screen.query_one("#editor-files").attachments] == [  # type: ignore[attr-defined]
            "vpn-guide.pdf"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await settle(app, pilot)
        ticket = journal.ticket
        assert ticket is not None
        letter = ticket.journal[-1] if ticket.journal[-1].kind is EntryKind.MESSAGE_TO_USER else next(
            e for e in reversed(ticket.journal) if e.kind is EntryKind.MESSAGE_TO_USER)
        assert [a.name for a in ticket.attachments if a.entry == letter.id] == ["vpn-guide.pdf"]
