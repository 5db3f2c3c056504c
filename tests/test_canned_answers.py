"""Issue 19, canned answers: `::` in the note editor opens the desk's snippets, typing narrows them, enter puts the
snippet in place of `::filter` with the open ticket's placeholders filled, esc leaves the text as typed; a
snippet's hostile text is shown literally; a broken macro file is named with its line when the app starts."""

from __future__ import annotations

from pathlib import Path

from textual import events

from app.api.backend import TicketQuery
from app.client import HelplineClient
from app.config import Settings
from app.domain.snippets import BUILT_IN, fill
from app.tui import HelplineApp
from screens.canned import values_here
from screens.note_editor import NoteEditor
from screens.snippet_picker import SnippetPicker
from tests.pilot_helpers import notifications, open_journal, settle
from widgets.plain_text_area import PlainTextArea


def _put(store: Path, relative: str, data: bytes) -> None:
    path = store / relative
    for folder in reversed(path.relative_to(store).parents[:-1]):
        (store / folder).mkdir(mode=0o700, exist_ok=True)
    path.write_bytes(data)


async def _note_editor(app: HelplineApp, pilot: object, code: str) -> None:
    await open_journal(app, pilot, code)  # type: ignore[arg-type]
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]  # the worker waits on the editor it opened
    assert isinstance(app.screen, NoteEditor)


async def _a_ticket(client: HelplineClient) -> tuple[str, str, str]:
    row = (await client.search(TicketQuery(open=True, limit=1))).items[0]
    return row.code, row.requester, row.subject


async def test_colons_in_the_note_editor_insert_a_filled_snippet(client: HelplineClient, store_dir: Path) -> None:
    _put(store_dir, "snippets/en/vpn_reinstall.txt",
         b"Hello {requester_first_name}, about {code} ({subject}): reinstall the VPN. {nobody} -- {agent}")
    code, requester, subject = await _a_ticket(client)
    app = HelplineApp(Settings(), store=store_dir, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await _note_editor(app, pilot, code)
        await pilot.press("S", "e", "e", " ", "colon", "colon")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SnippetPicker)
        await pilot.press("v", "p", "N")  # narrowed, case folded
        await pilot.pause()
        assert [s.name for s in picker.shown] == ["vpn_reinstall"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        text = app.screen.query_one(PlainTextArea).text
        first = requester.replace(",", " ").split()[0] if "," not in requester else requester.split(",")[1].split()[0]
        assert text == (f"See Hello {first}, about {code} ({subject}): reinstall the VPN. {{nobody}} -- "
                        f"{app.screen_stack[1].desk.me.name}")  # type: ignore[attr-defined]


async def test_esc_leaves_the_colons_and_the_filter_as_typed(client: HelplineClient, store_dir: Path) -> None:
    code, _, _ = await _a_ticket(client)
    app = HelplineApp(Settings(), store=store_dir, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await _note_editor(app, pilot, code)
        await pilot.press("colon", "colon")
        await pilot.pause()
        assert isinstance(app.screen, SnippetPicker)
        await pilot.press("p", "o", "r", "escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(PlainTextArea).text == "::por"


async def test_a_burst_after_the_colons_narrows_the_list_and_leaves_nothing_behind(client: HelplineClient,
                                                                                  store_dir: Path) -> None:
    """Found in a real terminal: `::po` typed fast put "po" in the note, after the snippet it then inserted
    ("Service Deskpo"), and the list was not narrowed. The keys that reach the editor before the list takes the
    focus are its filter's start."""
    code, _, _ = await _a_ticket(client)
    app = HelplineApp(Settings(), store=store_dir, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await _note_editor(app, pilot, code)
        for key, character in (("colon", ":"), ("colon", ":"), ("p", "p"), ("o", "o")):  # one read of a terminal
            app.post_message(events.Key(key, character))
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SnippetPicker)
        assert [s.name for s in picker.shown] == ["portal"]
        await pilot.press("enter")
        await pilot.pause()
        text = app.screen.query_one(PlainTextArea).text
        assert text == fill(BUILT_IN["en"]["portal"], values_here(app)), text  # and no "po" after it


async def test_the_portal_redirect_is_a_danish_snippet(client: HelplineClient, store_dir: Path) -> None:
    from app.i18n import set_language

    code, _, _ = await _a_ticket(client)
    app = HelplineApp(Settings(), store=store_dir, client=client)
    set_language("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await _note_editor(app, pilot, code)
        await pilot.press("colon", "colon", "p", "o", "r", "t", "enter")
        await pilot.pause()
        text = app.screen.query_one(PlainTextArea).text
        assert "supportportalen" in text and "{team}" not in text  # R-JOURNAL-5, signed by the ticket's team


async def test_hostile_snippet_text_is_shown_literally(client: HelplineClient, store_dir: Path) -> None:
    _put(store_dir, "snippets/en/evil.txt", b"[bold red]boom[/] \x1b[31m\x07 end")
    code, _, _ = await _a_ticket(client)
    app = HelplineApp(Settings(), store=store_dir, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await _note_editor(app, pilot, code)
        await pilot.press("colon", "colon", "e", "v", "i", "l")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SnippetPicker)
        shown = str(picker.query_one("#snippet-list").render_line(0).text)
        assert "[bold red]boom[/]" in shown and "\x1b" not in shown and "\x07" not in shown


async def test_a_broken_macro_file_is_named_with_its_line(client: HelplineClient, store_dir: Path) -> None:
    _put(store_dir, "macros/broken.toml", b'title = "Broken"\n[[action]]\ndo = "note"\ntext = "x"\n'
                                          b'[[action]]\ndo = "status"\nstatus = "asleep"\n')
    app = HelplineApp(Settings(), store=store_dir, client=client)
    told = notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
    assert any("broken.toml, line 7" in said and "asleep" in said for said in told), told
