"""Issue 19: the queue and the journal in Danish, Swedish and Dutch: column titles, the footer's keys (binding
descriptions, translated once for every reader by app/binding_words.py), the palette and the journal header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.binding_words import speak_bindings
from app.client import HelplineClient
from app.config import Settings
from app.i18n import set_language
from app.tui import HelplineApp
from screens.queue import QueueScreen
from tests.pilot_helpers import open_journal, settle
from widgets.column_header import ColumnHeader
from widgets.key_bar import KeyBar
from widgets.ticket_header import TicketHeader

# language -> (column titles, footer words of the queue, footer words of the journal, header words)
EXPECTED = {
    "da": (["Kode", "Emne", "Ejer"], ["Videresend", "Tildel", "Ny sag", "Afslut"], ["Tilbage", "Eskalér", "Løs"],
           ["Prioritet", "Ejer", "Kategori"]),
    "sv": (["Kod", "Ämne", "Ägare"], ["Vidarebefordra", "Tilldela", "Nytt ärende", "Avsluta"],
           ["Tillbaka", "Eskalera", "Lös"], ["Prioritet", "Ägare", "Kategori"]),
    "nl": (["Onderwerp", "Aanvrager", "Eigenaar"], ["Doorsturen", "Toewijzen", "Nieuwe melding", "Afsluiten"],
           ["Terug", "Escaleren", "Oplossen"], ["Prioriteit", "Eigenaar", "Categorie"]),
}


@pytest.fixture
def back_to_english() -> Iterator[None]:
    yield
    set_language("en")
    speak_bindings()  # the classes' bindings are process-wide: the next test sees English again


def _footer(app: HelplineApp) -> str:
    bar = app.screen.query_one(KeyBar)
    return bar.render_line(0).text


@pytest.mark.parametrize("language", sorted(EXPECTED))
async def test_queue_columns_and_footer_speak_the_language(
        client: HelplineClient, language: str, back_to_english: None) -> None:
    columns, queue_keys, _journal_keys, _header = EXPECTED[language]
    set_language(language)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, QueueScreen)
        titles = str(app.screen.query_one(ColumnHeader).render())
        for word in columns:
            assert word in titles, (word, titles)
        footer = _footer(app)
        for word in queue_keys:
            assert word in footer, (word, footer)
        assert "Dispatch" not in footer and "Quit" not in footer
        palette = {str(command.title) for command in app.get_system_commands(app.screen)}
        assert queue_keys[0] in palette


@pytest.mark.parametrize("language", sorted(EXPECTED))
async def test_journal_footer_and_header_speak_the_language(
        client: HelplineClient, language: str, back_to_english: None) -> None:
    _columns, _queue_keys, journal_keys, header_words = EXPECTED[language]
    set_language(language)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        first = app.screen.query_one("TicketList").current  # type: ignore[attr-defined]
        await open_journal(app, pilot, first.code)
        footer = _footer(app)
        for word in journal_keys:
            assert word in footer, (word, footer)
        header = str(app.screen.query_one(TicketHeader).render())
        for word in header_words:
            assert word in header, (word, header)


async def test_english_stays_english_after_another_language(client: HelplineClient, back_to_english: None) -> None:
    set_language("da")
    speak_bindings()
    set_language("en")
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        footer = _footer(app)
        assert "Dispatch" in footer and "Videresend" not in footer


@pytest.mark.parametrize(("language", "said"), [("da", "ville begge ligge på q"), ("sv", "skulle båda ligga på q"),
                                                 ("nl", "zouden allebei op q liggen")])
def test_a_keymap_clash_is_refused_in_the_language(language: str, said: str) -> None:
    from screens.keymap import keymap_problems

    set_language(language)
    assert any(said in problem for problem in keymap_problems({"journal.note": "q"}))


@pytest.mark.parametrize(("language", "requester", "title"), [
    ("da", "Anmoder (hvem kontaktede support)", "arbejdsrækkefølge"),
    ("sv", "Beställare (vem kontaktade supporten)", "arbetsordning"),
    ("nl", "Aanvrager (wie contact opnam met de servicedesk)", "werkvolgorde"),
])
async def test_queue_title_and_new_ticket_form_speak_the_language(
        client: HelplineClient, language: str, requester: str, title: str, back_to_english: None) -> None:
    from textual.widgets import Label

    from screens.new_ticket import NewTicketScreen

    set_language(language)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert title in str(app.screen.sub_title)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, NewTicketScreen)
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert requester in labels, labels


@pytest.mark.parametrize(("language", "said_once", "said_twice"), [
    ("en", "Status: Pending external supplier", "Pending: Pending external supplier"),
    ("sv", "Status: Väntar på extern leverantör", "Väntar: Väntar på extern leverantör"),
])
async def test_the_journal_header_says_pending_once(client: HelplineClient, language: str, said_once: str,
                                                    said_twice: str, back_to_english: None) -> None:
    """Issue 19 (the screen): the header of HL-40 (Pending external supplier) read "Väntar: Väntar på extern
    leverantör"; it says the status once, as the queue's Status column does (app/domain/status.status_words)."""
    set_language(language)
    app = HelplineApp(Settings(), client=client)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await open_journal(app, pilot, "HL-40")
        header = str(app.screen.query_one(TicketHeader).render())
        assert said_once in header and said_twice not in header, header
