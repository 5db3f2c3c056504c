"""A desk full of hostile text: every screen shows it as written, and nothing in it runs or reaches the terminal.

Every field a backend or a user can set holds markup (a lone closing tag crashed Textual's parser, an action
link ran the action, a style styled), escape sequences (OSC 52 writes the agent's clipboard, OSC 0 retitles
the terminal) and invisible characters (a bidi override, a zero-width space). Team and agent names come in
through the store's directory, as RT's queues and users would; the adapter itself adds a file with such a
name and answers a write with a problem document whose detail is hostile. Each screen is then checked twice:
what the agent sees (the app's own screenshot) and what the driver would write to the terminal for it (the
compositor's full update, rendered as the driver renders it).
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from textual.widgets import Input, Select, TextArea

from app.api.schemas import EscalationIn, FieldsIn, NoteIn
from app.api.server import build_app
from app.backends.local import LocalBackend
from app.backends.local_store import LocalStore
from app.client import HelplineClient
from app.config import Identity, Settings
from app.domain.enums import EntryKind, EscalationKind
from app.domain.tickets import NewTicket
from app.errors import Unavailable
from app.seed import seed_demo
from app.tui import HelplineApp
from screens.advice_answer import AdviceAnswerScreen
from screens.advisory import AdvisoryScreen
from screens.choose import Choose
from screens.confirm import Confirm
from screens.direct_handover import DirectHandoverScreen
from screens.dispatch import DispatchScreen
from screens.duplicate_choice import DuplicateChoice
from screens.escalation_form import EscalationFormScreen
from screens.journal import JournalScreen
from screens.letter_preview import LetterPreview
from screens.linked_escalation import LinkedEscalationScreen
from screens.new_ticket import NewTicketScreen
from screens.note_editor import NoteEditor
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle
from widgets.ticket_list import TicketList

PIECES = ("[/]", "[@click=app.quit]x[/]", "[reverse]r[/]", "\x1b]52;c;aGk=\x07", "\x1b]0;owned\x07", "\u202eevil",
          "a\u200bb")
HOSTILE = " ".join(PIECES)
# Shown literally: markup as typed, ESC as ␛, the invisible ones named.
LITERAL = ("[/]", "[@click=app.quit]x[/]", "[reverse]r[/]", "␛]52;c;aGk=", "␛]0;owned", "⟨U+202E⟩evil", "a⟨U+200B⟩b")
# What reorders the text around it: never on screen, wherever it came from.
REORDERING = {chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
# The app's own terminal sequences: cursor moves and colours. Anything else starting with ESC came from data.
OWN_SEQUENCES = re.compile(r"\x1b\[\d+;\d+H|\x1b\[[\d;]*m")
EVENING = datetime(2026, 11, 18, 19, 30, tzinfo=UTC)  # second line is closed: advice may be asked


def screen_text(app: HelplineApp) -> str:
    """What the terminal shows, as plain text (from the app's own SVG screenshot)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


def terminal_output(app: HelplineApp) -> str:
    """What the driver writes to the terminal to draw the whole screen, as `App._display` renders an update."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(app.console)


def assert_shown_safely(app: HelplineApp, *literally: str) -> str:
    """The app runs, no escape sequence or reordering character of the data is drawn, and `literally` is."""
    assert app.is_running, "the app runs: nothing crashed it, no markup action (app.quit) ran"
    shown = screen_text(app)
    wire = OWN_SEQUENCES.sub("", terminal_output(app))
    for text, where in ((shown, "the screen"), (wire, "the terminal")):
        assert "\x1b" not in text and "\x07" not in text, f"an escape sequence of the data reached {where}"
        assert not REORDERING & set(text), f"a bidi override reached {where}"
    missing = [text for text in literally if text not in shown]
    assert not missing, f"{type(app.screen).__name__} does not show {missing} literally"
    return shown


class HostileAdapter(httpx.AsyncBaseTransport):
    """The desk's adapter as a backend that says what it likes: the hostile ticket carries a file named with
    hostile text and a hostile recorder (RT keeps a mail's file names and its users' names as sent), and while
    `refusing` holds a method, every request of it is answered with a problem document whose detail is hostile."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.code = ""
        self.refusing: set[str] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method in self.refusing:
            return httpx.Response(503, json={"type": Unavailable.problem_type, "title": "Unavailable", "status": 503,
                                             "detail": f"RT said: {HOSTILE}"})
        response = await self.inner.handle_async_request(request)
        if request.method != "GET" or request.url.path != f"/v1/tickets/{self.code}" or response.status_code != 200:
            return response
        await response.aread()
        ticket = response.json()
        ticket["attachments"].append({"name": f"screenshot {HOSTILE}.png", "size": 2048, "added_by": "anna",
                                      "added": "2026-11-18T09:00:00+00:00"})
        for entry in ticket["journal"]:
            if entry.get("recorded_by"):
                entry["recorded_by"] = f"anna {HOSTILE}"
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
        return httpx.Response(200, headers=headers, json=ticket)


@dataclass
class HostileDesk:
    root: Path
    adapter: HostileAdapter
    client: HelplineClient
    code: str

    def client_for(self, actor: str) -> HelplineClient:
        """Another agent's client of the same store, through the same adapter."""
        return HelplineClient(httpx.AsyncClient(transport=self.adapter, base_url="http://hostile"), actor,
                              f"hostile adapter {HOSTILE}")


def hostile_directory(root: Path) -> None:
    """Every team and every agent's display name hostile; each team's name led by another piece, so that each
    piece is at the start of some team's column on the dispatch screen."""
    store = LocalStore(root)
    teams = [team.model_copy(update={"name": " ".join(PIECES[n % len(PIECES):] + PIECES[:n % len(PIECES)])
                                      + f" {team.name}"})
             for n, team in enumerate(store.teams().values())]
    agents = [agent.model_copy(update={"name": f"{agent.name} {HOSTILE}"}) for agent in store.agents().values()]
    store.save_directory(teams, agents)
    store.close()


@pytest.fixture
async def desk(store_dir: Path) -> AsyncIterator[HostileDesk]:
    seed_demo(store_dir)
    hostile_directory(store_dir)
    adapter = HostileAdapter(httpx.ASGITransport(app=build_app(LocalBackend(LocalStore(store_dir)))))
    hostile = HostileDesk(store_dir, adapter, HelplineClient(httpx.AsyncClient(), "", ""), "")
    client = hostile.client = hostile.client_for("anna")
    ticket = await client.create(NewTicket(
        subject=f"Printer on floor 2 jams {HOSTILE}", requester=f"Eva Holm {HOSTILE}",
        requested_for=f"Lotte Vermeulen {HOSTILE}", category=f"Printing {HOSTILE}",
        serial_number=f"SN-4711 {HOSTILE}", description=f"Every job jams on tray 2.\n{HOSTILE}"))
    adapter.code = hostile.code = ticket.code
    ticket = await client.add_entry(ticket.code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, author=f"Mallory {HOSTILE}",
                                                        body=f"It still jams.\n{HOSTILE}"), ticket.version)
    ticket = await client.add_entry(ticket.code, NoteIn(kind=EntryKind.SUPPLIER_MESSAGE, author=f"NetCare {HOSTILE}",
                                                        body=f"A part is ordered.\n{HOSTILE}"), ticket.version)
    ticket = await client.set_fields(ticket.code, FieldsIn(external_ref=f"CASE-9 {HOSTILE}",
                                                           expected_handling=f"two days {HOSTILE}"), ticket.version)
    await client.escalate(ticket.code, EscalationIn(kind=EscalationKind.COMPLAINT, note=f"Third jam {HOSTILE}",
                                                    handler="ruben", priority=2), ticket.version)  # named hostile
    yield hostile
    await client.aclose()


async def back(app: HelplineApp, pilot: object, screen: type[object] = JournalScreen) -> None:
    await pilot.press("escape")  # type: ignore[attr-defined]
    await settle(app, pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, screen), f"esc left {app.screen!r}"


async def test_finding_3_markup_in_a_journal_author_or_requester_is_text(client: HelplineClient) -> None:
    """Finding 3 (trust boundaries): a "[/]" in a requester's or a journal author's name crashed the workstation
    as the ticket opened (the author went into the entry's frame title, which Textual parses as markup), balanced
    markup was rendered and "[@click=app.quit]" was an action. On RT a mail sender's name is such an author: one
    mail crashed every agent who opened the ticket. Now the names are shown as written, and the app runs on."""
    ticket = await client.create(NewTicket(subject="Mail from an outside sender", requester="[/] Eva [reverse]r[/]"))
    await client.add_entry(ticket.code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, author="[/]", body="first mail"))
    await client.add_entry(ticket.code, NoteIn(kind=EntryKind.MESSAGE_FROM_USER, body="second mail",
                                               author="[@click=app.quit]x[/] [reverse]r[/]"))
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 50)) as pilot:
        journal = await open_journal(app, pilot, ticket.code)
        journal.query_one("#journal").scroll_end(animate=False)
        await settle(app, pilot)
        assert_shown_safely(app, "MESSAGE FROM USER · [/] ·", "MESSAGE FROM USER · [@click=app.quit]x[/] [reverse]r[/]",
                            "Requester: [/] Eva [reverse]r[/]")
        assert isinstance(app.screen, JournalScreen)


async def test_finding_4_escape_sequences_and_bidi_overrides_in_team_names_are_made_visible(
    client: HelplineClient, store_dir: Path
) -> None:
    """Finding 4 (trust boundaries): a team named with "ESC]52;c;…BEL" wrote the agent's clipboard and one with
    "ESC]0;…" retitled the terminal as the dispatch screen listed the teams (the line was built from `team.name`
    without `printable()`); bidi overrides and zero-width characters passed through. Now ESC is ␛, and the
    invisible characters are named, on the screen and in what is written to the terminal."""
    store = LocalStore(store_dir)
    names = {"admin-apps": "\x1b]52;c;aGk=\x07 clipboard", "general-apps": "\x1b]0;owned\x07 title",
             "infrastructure": "\u202eevil a\u200bb", "security": "\u2066x\u2069\ufeff"}
    store.save_directory([team.model_copy(update={"name": names.get(team.id, team.name)})
                          for team in store.teams().values()], list(store.agents().values()))
    store.close()
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_journal(app, pilot, "HL-5")
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen)
        assert_shown_safely(app, "␛]52;c;aGk=\\x07 clipboard", "␛]0;owned\\x07 title", "⟨U+202E⟩evil a⟨U+200B⟩b",
                            "⟨U+2066⟩x⟨U+2069⟩⟨U+FEFF⟩")


async def test_queue_journal_and_their_editors_and_lists_show_every_field_literally(desk: HostileDesk) -> None:
    app = HelplineApp(Settings(), client=desk.client)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        tickets = app.screen.query_one(TicketList)
        tickets._move_to(next(i for i, row in enumerate(tickets.rows) if row and row.code == desk.code))
        await settle(app, pilot)
        # The subject and the status line (the adapter names itself; too long, it takes the status line's short
        # wording, where I am my id: widgets/status_line.py).
        assert_shown_safely(app, "Printer on floor 2 jams [/] [@click=app.quit]x[/]",
                            "hostile adapter [/] [@click=app.quit]x[/]")

        journal = await open_journal(app, pilot, desk.code)
        assert_shown_safely(app, *LITERAL, "Eva Holm [/]", "Lotte Vermeulen [/]", "Printing [/]", "SN-4711 [/]",
                            "CASE-9 [/]", "screenshot [/] [@click=app.quit]x[/]", "Ruben Visser [/]")
        journal.query_one("#journal").scroll_end(animate=False)
        await settle(app, pilot)
        assert_shown_safely(app, "MESSAGE FROM USER · Mallory [/] [@click=app.quit]x[/] [reverse]r[/] ␛]52;c;aGk=",
                            "recorded by anna [/] [@click=app.quit]x[/]", "SUPPLIER MESSAGE · NetCare [/]")

        await pilot.press("n")  # an internal note: the editor draws hostile text literally, and it is stored
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).text = f"Called the user back.\n{HOSTILE}"
        await pilot.pause()  # not settle: the note's worker waits on this editor
        assert_shown_safely(app, "[@click=app.quit]x[/] [reverse]r[/] ␛]52;c;aGk=")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen) and app.screen.ticket is not None
        assert app.screen.ticket.journal[-1].body == f"Called the user back.\n{HOSTILE}", "stored as typed"

        await pilot.press("R", *"On our way", "ctrl+s")  # the letter's preview names whom it is for (R-MAIL-1)
        await pilot.pause()
        assert isinstance(app.screen, LetterPreview)
        await pilot.press("t")  # to the requested-for person
        await pilot.pause()
        assert_shown_safely(app, "Lotte Vermeulen [/] [@click=app.quit]x[/]")
        await pilot.press("escape")  # back to the text
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and "On our way" in app.screen.text
        await pilot.press("escape")  # which asks before the text is thrown away
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)

        for key in ("P", "A"):  # pick an entry to pin (their bodies), an agent to assign (their names)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, Choose), key
            assert_shown_safely(app, "[@click=app.quit]x[/] [reverse]r[/]" if key == "P" else "Lars Nygaard [/]")
            await back(app, pilot)


async def test_hand_over_screens_show_team_agent_and_ticket_text_literally(desk: HostileDesk, tmp_path: Path
                                                                           ) -> None:
    app = HelplineApp(Settings(), client=desk.client)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await open_journal(app, pilot, desk.code)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DispatchScreen)
        # Every piece leads some team's name, cut to its column; the dispatchers' names follow.
        assert_shown_safely(app, "Dispatch HL-", "Printer on floor 2 jams [/]", "[reverse]r[/] ␛]52;c;aGk=",
                            "␛]0;owned\\x07 ⟨U+202E⟩evil", "dispatcher: Pieter de Vries [/] [@click=app.quit]x[/]")
        await back(app, pilot)

        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, EscalationFormScreen)
        assert_shown_safely(app, "Printer on floor 2 jams [/] [@click=app.quit]x[/]")
        step = form.query_one("#step-input", Input)
        step.value = f"Restarted the printer {HOSTILE}"
        step.focus()
        await pilot.press("enter")
        named = tmp_path / HOSTILE.replace("/", "")  # a file named by whoever sent it; no / in a file name
        named.write_bytes(b"log")
        path = form.query_one("#attachment-path", Input)
        for typed in (str(named), str(tmp_path / f"missing {HOSTILE}")):
            path.value = typed
            path.focus()
            await pilot.press("enter")
        path.value = f"{tmp_path}/["  # the completion would offer the hostile name: it is typed, never offered
        await settle(app, pilot)
        assert_shown_safely(app)
        form.query_one("#target_team").focus()
        await pilot.press("enter")  # the teams' list opens over the form
        await settle(app, pilot)
        assert_shown_safely(app, "1. Restarted the printer [/] [@click=app.quit]x[/]", "does not exist",
                            "⟨U+202E⟩evil a⟨U+200B⟩b [/] [@click=app.quit]x[/]")
        await pilot.press("escape")  # closes the list
        await pilot.press("escape")  # leave the changed form: keep, discard or stay
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)

        await pilot.press("D")
        await settle(app, pilot)
        handover = app.screen
        assert isinstance(handover, DirectHandoverScreen)
        team = handover.query_one("#handover-team", Select)
        team.value = "admin-apps"
        handover.query_one("#handover-agent").focus()
        await pilot.press("enter")  # the team's agents, by their names in the directory
        await settle(app, pilot)
        assert_shown_safely(app, "[reverse]r[/] ␛]52;c;aGk=\\x07 ␛]0;owned",
                            "Pieter de Vries [/] [@click=app.quit]x[/]")
        await pilot.press("escape")
        await back(app, pilot)


async def test_dialogs_and_the_new_ticket_form_show_hostile_text_literally(desk: HostileDesk) -> None:
    app = HelplineApp(Settings(), client=desk.client)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await open_journal(app, pilot, desk.code)
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, AdvisoryScreen)
        assert_shown_safely(app, "[@click=app.quit]x[/] [reverse]r[/]")  # the specialist group's name
        await back(app, pilot)

        await pilot.press("L")
        await settle(app, pilot)
        linked = app.screen
        assert isinstance(linked, LinkedEscalationScreen)
        linked.query_one("#linked-handler", Input).value = f"sofie {HOSTILE}"
        linked.query_one("#linked-note", TextArea).text = f"The user complains {HOSTILE}"
        await settle(app, pilot)
        assert_shown_safely(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # R-ESC-5: no such handler; the refusal quotes what was typed, literally, and the draft stays.
        assert isinstance(app.screen, LinkedEscalationScreen)
        assert_shown_safely(app, "sofie [/] [@click=app.quit]x[/]", "neither a team nor an agent")
        linked.query_one("#linked-handler", Input).value = "sofie"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, JournalScreen)
        assert_shown_safely(app, "Complaint HL-", "raised", "Sofie Kjær [/] [@click=app.quit]x[/]")
        await back(app, pilot, QueueScreen)

        await pilot.press("c")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, NewTicketScreen)
        for name, value in (("requester", f"Eva Holm {HOSTILE}"), ("subject", f"Printer on floor 2 jams {HOSTILE}")):
            form.query_one(f"#{name}", Input).value = value  # as if pasted
        form.query_one("#description", TextArea).text = HOSTILE
        await settle(app, pilot)
        assert_shown_safely(app)
        await pilot.press("ctrl+s")  # the hostile ticket is a likely duplicate: listed before saving
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicateChoice)
        assert_shown_safely(app, f"{desk.code}  Printer on floor 2 jams [/] [@click=app.quit]x[/] [reverse]r[/]")
        await pilot.press("escape")  # back to the form, everything typed kept
        await settle(app, pilot)
        await pilot.press("escape")  # discard what was typed?
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)


async def test_the_specialist_answering_advice_sees_the_request_literally(desk: HostileDesk,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from app.domain.advisory import AdvisoryRequest
    from app.usecases import Desk

    for module in ("app.usecases", "app.backends.local"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: EVENING)
    usecases = await Desk.connect(desk.client)
    ticket = await usecases.begin_work(await usecases.ticket(desk.code))
    await usecases.escalate_advisory(ticket, "specialists", AdvisoryRequest(
        help_needed=f"How is tray 2 reset after a jam? {HOSTILE}", why=f"It jams on every job. {HOSTILE}",
        routine_missing=True))
    ida = desk.client_for("ida")
    app = HelplineApp(Settings(me=Identity(username="ida", name="Ida Mørk", team="specialists")), client=ida)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await open_journal(app, pilot, desk.code)
        await pilot.press("w")
        await settle(app, pilot)
        assert isinstance(app.screen, AdviceAnswerScreen)
        assert_shown_safely(app, "How is tray 2 reset after a jam? [/] [@click=app.quit]x[/]")
    await ida.aclose()


async def test_an_adapter_error_detail_is_shown_literally(desk: HostileDesk) -> None:
    """A problem document's detail is the server's own words: a toast and the queue's title show it as text."""
    app = HelplineApp(Settings(), client=desk.client)
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await open_journal(app, pilot, desk.code)
        desk.adapter.refusing = {"POST", "PUT", "PATCH", "DELETE"}
        await pilot.press("a")  # raise Attention: refused
        await settle(app, pilot)
        assert_shown_safely(app, "said: [/] [@click=app.quit]x[/] [reverse]r[/]")
        desk.adapter.refusing = set()
        await back(app, pilot, QueueScreen)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        desk.adapter.refusing = {"GET"}
        queue.load(quiet=True)  # the reload by itself: its failure is said in the title
        await settle(app, pilot)
        assert_shown_safely(app, "not refreshed: RT said: [/] [@click=app.quit]x[/]")
        desk.adapter.refusing = set()
