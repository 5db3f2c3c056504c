"""R-MAIL-1: letters come in the desk's language (en, da, sv, nl), signed by the team that sends them, and a desk
words them its own way in files of its store; a file with a placeholder the letter does not have is refused when
the store is opened, naming the file and the line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from app.api.schemas import DispatchIn, StatusIn
from app.backends.local import LocalBackend
from app.backends.local_store import LocalStore
from app.config import Settings
from app.connect import local_client
from app.domain.enums import EntryKind, Status
from app.domain.templates import DeskLetters, use_desk_letters
from app.errors import StoreDamaged
from app.mail.settings import MailSettings
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.letter_preview import LetterPreview
from tests.pilot_helpers import open_journal

MAIL = MailSettings(from_address="servicedesk@example.org", smtp_host="127.0.0.1")
SUMMARY = "Printer jams on every job; cleared the paper path and power-cycled it, still jams in tray 2."


@pytest.fixture(autouse=True)
def _built_in_letters() -> Iterator[None]:
    yield
    use_desk_letters(DeskLetters())  # what a backend set stays with the process: each test starts afresh


async def resolved_letter(store_dir: Path, mail: MailSettings) -> str:
    client = local_client(store_dir, "anna", mail=mail)
    try:
        ticket = await client.get("HL-2")
        ticket = await client.begin_work("HL-2", ticket.version)
        resolved = await client.set_status("HL-2", StatusIn(status=Status.RESOLVED, solution="Replaced the toner."),
                                           ticket.version)
    finally:
        await client.aclose()
    return next(e.body for e in reversed(resolved.journal) if e.kind is EntryKind.MESSAGE_TO_USER)


async def test_the_resolve_letter_is_in_the_desks_language_signed_by_the_resolving_team(store_dir: Path) -> None:
    seed_demo(store_dir)
    text = await resolved_letter(store_dir, MAIL.model_copy(update={"language": "da"}))
    assert text.startswith("Kære bruger") and "Replaced the toner." in text
    assert text.rstrip().endswith("Venlig hilsen\nService Desk"), "signed by Service Desk, the team that resolved it"


async def test_the_passed_on_letter_is_dutch_and_signed_by_the_team_that_passed_it_on(store_dir: Path) -> None:
    seed_demo(store_dir)
    client = local_client(store_dir, "anna", mail=MAIL.model_copy(update={"language": "nl"}))
    try:
        ticket = await client.get("HL-2")
        moved = await client.dispatch("HL-2", DispatchIn(team="infrastructure", summary=SUMMARY), ticket.version)
    finally:
        await client.aclose()
    told = next(e.body for e in reversed(moved.journal) if e.kind is EntryKind.MESSAGE_TO_USER)
    assert told.startswith("Beste gebruiker") and "doorgegeven aan Infrastructure" in told
    assert told.rstrip().endswith("Met vriendelijke groet,\nService Desk")


async def test_a_desks_own_letter_file_is_used(store_dir: Path) -> None:
    seed_demo(store_dir)
    folder = store_dir / "letters" / "en"
    folder.mkdir(parents=True)
    (folder / "resolved.txt").write_text("Hi,\n\n{solution} ({code}) — braces {{like these}} stay.\n\n-- {team}\n")
    text = await resolved_letter(store_dir, MAIL)
    assert text == "Hi,\n\nReplaced the toner. (HL-2) — braces {like these} stay.\n\n-- Service Desk\n"


@pytest.mark.parametrize(("name", "text", "said"), [
    ("resolved.txt", "Hi,\n{solution}\nRegards, {tema}\n", "line 3: {tema} is not a placeholder of this letter"),
    ("resolved.txt", "Hi,\nit is solved.\n", "line 1: the letter must carry {solution}"),
    ("passed_on.txt", "Moved to {to_team}. {oops\n", "line 1: "),
    ("resolve.txt", "{solution}", "not a letter of Helpline"),
])
def test_a_broken_letter_file_is_refused_naming_the_file_and_line(store_dir: Path, name: str, text: str,
                                                                  said: str) -> None:
    seed_demo(store_dir)
    folder = store_dir / "letters" / "sv"
    folder.mkdir(parents=True)
    (folder / name).write_text(text)
    with pytest.raises(StoreDamaged) as refused:
        LocalBackend(LocalStore(store_dir), mail=MAIL)
    assert refused.value.path.endswith(f"letters/sv/{name}") and said in refused.value.reason


async def test_the_resolve_dialog_names_whom_the_letter_goes_to(client: object) -> None:
    """R-MAIL-1: the agent sees the letter and its recipient before it goes."""
    from app.client import HelplineClient

    assert isinstance(client, HelplineClient)
    ticket = await client.get("HL-12")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot, ticket.code)
        await pilot.press("x", *"Cleaned the fan and updated the BIOS fan curve", "ctrl+s")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, LetterPreview) and "Dear user" in preview.body
        shown = "\n".join(str(static.render()) for static in preview.query(Static))
        assert f"To: {ticket.requester}" in shown and f"Resolve {ticket.code} and send this letter" in shown
        await pilot.press("escape")
        await pilot.pause()


async def test_the_user_is_told_when_the_housekeeping_closes_a_case(store_dir: Path) -> None:
    """R-STATUS-6, R-MAIL-1: the auto-close tells the user by letter (the local store's own; RT's scrips tell
    RT's), signed by the ticket's team, and its words are the desk's (closed.txt) like the other letters."""
    seed_demo(store_dir)
    store = LocalStore(store_dir)
    store.update("HL-60", lambda ticket: setattr(ticket, "requester", "Karin Dahl <karin.dahl@example.org>"))
    closed = await LocalBackend(store, mail=MAIL).auto_close("anna")
    assert "HL-60" in closed.closed
    ticket = store.get("HL-60")
    assert ticket.status is Status.CLOSED and ticket.journal[-1].kind is EntryKind.MESSAGE_TO_USER
    assert "is now closed" in ticket.journal[-1].body and ticket.journal[-1].body.rstrip().endswith("Service Desk")
    assert ticket.letters[-1].entry == ticket.journal[-1].id and ticket.letters[-1].to == [
        "Karin Dahl <karin.dahl@example.org>"]
    store.close()
