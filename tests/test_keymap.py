"""Issue 19: `[keymap]` rebinds keys by binding id; an unknown id or a clash is refused at start with both ids
named; the README lists every id."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.client import HelplineClient
from app.config import Settings
from app.tui import HelplineApp, run_workstation
from screens.journal import JournalScreen
from screens.keymap import binding_ids, keymap_problems
from screens.note_editor import NoteEditor
from tests.pilot_helpers import open_journal, settle

README = Path(__file__).parent.parent / "README.md"


async def test_a_rebound_key_does_the_bindings_work_and_its_old_key_is_free(client: HelplineClient) -> None:
    app = HelplineApp(Settings(keymap={"journal.note": "N"}), client=client)
    async with app.run_test(size=(140, 40)) as pilot:
        await open_journal(app, pilot, "HL-12")
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen), "n is no longer the note"
        await pilot.press("N")
        await pilot.pause()  # the note's worker waits on the editor it opened
        assert isinstance(app.screen, NoteEditor)


@pytest.mark.parametrize(("keymap", "said"), [
    ({"journal.note": "q"}, "journal.note and app.quit would both be on q"),
    ({"journal.note": "x"}, "journal.note and journal.resolve would both be on x"),
    ({"journal.notes": "N"}, "journal.notes is no binding id"),
])
def test_a_keymap_that_cannot_be_used_is_refused_at_start_naming_both(
        keymap: dict[str, str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert any(said in problem for problem in keymap_problems(keymap))
    assert run_workstation(Settings(keymap=keymap), headless=True) == 2
    err = capsys.readouterr().err
    assert said in err and err.startswith("helpline: [keymap] in config.toml: ") and err.count("\n") == 1


def test_the_readme_lists_every_binding_id() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in binding_ids() if f"`{name}`" not in text]
    assert not missing, missing
